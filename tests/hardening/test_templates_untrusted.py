"""Company templates are untrusted: no symlink out, errors located, budgets, read-only data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from dossier import cli, sandbox, templates
from dossier.errors import InputError

SAMPLE = ROOT / "samples" / "car-t-cd19-pre-ind.yaml"
CONTEXT = {"meeting": {"agenda": [{"item": "x"}], "stage": "pre-ind"}, "product": {"name_zh": "产品"}}


def company(tmp_path: Path, text: str, name: str = "t.md.j2") -> Path:
    folder = tmp_path / "company"
    (folder / "zh").mkdir(parents=True, exist_ok=True)
    (folder / "zh" / name).write_text(text, encoding="utf-8")
    return folder


def render_error(tmp_path: Path, text: str) -> str:
    env = templates.environment(company(tmp_path, text), "zh")
    with pytest.raises(InputError) as caught:
        templates.render(env, "t.md.j2", CONTEXT)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{{ 'x' + 1 }}", "TypeError"),
        ("{{ '%d' % 'x' }}", "TypeError"),
        ("{{ 9**(9**9) }}", "too large"),
        ("{{ 2**100000 }}", "too large"),
        ("{{ 'a' * 10**9 }}", "more than"),
        ("{{ [1] * 10**8 }}", "more than"),
        ("{{ [['a' * 999999]] * 999999 }}", "more than"),  # little memory, 10**12 characters printed
        ("{{ ([['a' * 999999]] * 500000)|join }}", "more than"),
        ("{{ 'a'|center(10**9) }}", "size argument"),
        ("{{ 'a'.ljust(10**9) }}", "size argument"),
        ("{{ '%0999999999d' % 1 }}", "format width"),
        ("{{ '{:>999999999}'.format(1) }}", "format width"),
        ("{{ 'ab'|replace('', 'x' * 900000) }}", "replacement"),
        ("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s }}{% endmacro %}{{ d('a', 40) }}", "joined text"),
        ("{% for i in range(10**9) %}{% endfor %}", "range"),
        ("{{ lipsum(10**6) }}", "lipsum"),
        ("{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", "Recursion"),
        ("{{ meeting.agenda.append(1) }}", "append"),
        ("{{ meeting.update({'stage': 'x'}) }}", "update"),
        ("{{ meeting.__class__ }}", "__class__"),
    ],
)
def test_template_errors_name_the_template_line_and_cause(tmp_path: Path, text: str, cause: str) -> None:
    started = time.monotonic()
    message = render_error(tmp_path, "# 标题\n\n" + text + "\n")
    assert time.monotonic() - started < 5
    assert "t.md.j2:3" in message, message
    assert cause in message, message


def test_the_data_is_not_changed_by_a_template(tmp_path: Path) -> None:
    context = {"items": [1, 2], "record": {"a": 1}}
    env = templates.environment(company(tmp_path, "{{ items.append(3) if false else items|length }}"), "zh")
    templates.render(env, "t.md.j2", context)
    for text in ("{{ items.append(3) }}", "{{ record.pop('a') }}", "{{ record.setdefault('b', 2) }}"):
        env = templates.environment(company(tmp_path, text), "zh")
        with pytest.raises(InputError):
            templates.render(env, "t.md.j2", context)
    assert context == {"items": [1, 2], "record": {"a": 1}}


def test_a_loop_that_calls_nothing_is_stopped_by_the_time_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "TIME_BUDGET", 0.5)
    text = "{% for c in 'a' * 900000 %}{% for d in 'b' * 900000 %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    message = render_error(tmp_path, text)
    assert time.monotonic() - started < 5 and "longer than" in message


def test_output_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 10_000)
    message = render_error(tmp_path, "{% for i in range(5000) %}{{ 'abcdef' }}{% endfor %}")
    assert "output of more than" in message


def test_symlink_out_of_the_template_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    folder = company(tmp_path, "placeholder")
    link = folder / "zh" / "briefing.md.j2"
    link.symlink_to(secret)
    result = CliRunner().invoke(
        cli.app, ["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--templates", str(folder)]
    )
    assert result.exit_code == 2, result.output
    assert str(link) in result.output and "symbolic link" in result.output
    assert "TOP-SECRET-CONTENT" not in result.output and not (tmp_path / "out").exists()


def test_a_linked_folder_out_of_the_root_is_refused_a_link_inside_is_fine(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "t.md.j2").write_text("outside", encoding="utf-8")
    folder = company(tmp_path, "inside", name="real.md.j2")
    (folder / "zh" / "sub").symlink_to(outside, target_is_directory=True)
    (folder / "zh" / "alias.md.j2").symlink_to(folder / "zh" / "real.md.j2")
    env = templates.environment(folder, "zh")
    assert "inside" in templates.render(env, "alias.md.j2", {})
    with pytest.raises(InputError, match="symbolic link"):
        templates.render(env, "sub/t.md.j2", {})
    include = company(tmp_path, "{% include 'sub/t.md.j2' %}", name="inc.md.j2")
    with pytest.raises(InputError, match="symbolic link"):
        templates.render(templates.environment(include, "zh"), "inc.md.j2", {})


def test_a_bad_template_through_the_cli_is_exit_2_without_traceback(tmp_path: Path) -> None:
    folder = company(tmp_path, "# 资料\n\n{{ 9**(9**9) }}\n", name="briefing.md.j2")
    result = CliRunner().invoke(
        cli.app, ["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--templates", str(folder)]
    )
    assert result.exit_code == 2 and "briefing.md.j2:3" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "words"), [(b"\xff\xfe# bad\n", "not UTF-8"), (b"x" * 1_000_001, "larger than")]
)
def test_a_template_file_that_is_not_a_template_is_named(tmp_path: Path, content: bytes, words: str) -> None:
    folder = company(tmp_path, "")
    (folder / "zh" / "t.md.j2").write_bytes(content)
    with pytest.raises(InputError) as caught:
        templates.render(templates.environment(folder, "zh"), "t.md.j2", {})
    assert str(folder / "zh" / "t.md.j2") in str(caught.value) and words in str(caught.value)


def test_an_error_in_a_built_in_template_is_a_bug_not_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = company(tmp_path, "{{ 1/0 }}")
    monkeypatch.setattr(templates, "builtin", lambda name: folder)  # pretend it ships with dossier
    with pytest.raises(ZeroDivisionError):  # the CLI turns it into exit 70 with a private traceback
        templates.render(templates.environment(folder, "zh"), "t.md.j2", {})
