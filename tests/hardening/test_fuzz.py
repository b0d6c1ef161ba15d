"""Fuzz the loader and the model: whatever the file holds, ``check`` ends in 0, 1 or 2.

Property-based (Hypothesis) over three sources of input: arbitrary text made of YAML's
punctuation and awkward characters; the samples with one value replaced or one key deleted;
the samples' text with a hostile snippet spliced into a line. Every outcome must be exit
code 0, 1 or 2, with no exception escaping the CLI, no traceback printed and no file written.
A fourth property holds the promise of the model limits: a sample whose text fields hold
hostile text either fails ``check`` with exit 2, or builds.

Profiles (``HYPOTHESIS_PROFILE``): ``ci`` (default) runs a bounded, repeatable number of
examples; ``fuzz`` (``make fuzz``) runs thousands with a fresh seed each time.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import SAMPLES
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from inprocess import EXIT_CODES, run_check, tree

from dossier.errors import InputError
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=60, derandomize=True, database=None, **_COMMON)
settings.register_profile("fuzz", max_examples=1500, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SAMPLE_TEXT = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES}
SAMPLE_DATA = {name: yaml.safe_load(text) for name, text in SAMPLE_TEXT.items()}

# Characters that mean something to YAML, or to Word, Excel and terminals.
_AWKWARD = list(":-?[]{},&*!|>'\"%@`#~=<\n\t\r ") + ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85"]
_AWKWARD += ["\u2028", "\u202e", "\u2066", "\u200f", "\ufeff", "\ufffe", "\ud800"]
_AWKWARD += ["0017", "1.10", "on", "yes", "null", "2026-02-29", ".inf", "<<", "---", "..."]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(_AWKWARD) | st.text(max_size=3), max_size=12).map("".join),
    st.sampled_from(["", " ", "\n\n", '=HYPERLINK("x")', "---", "# heading", "&gt;", "{{ 7*7 }}"]),
    st.integers(min_value=1, max_value=600).map(lambda n: "长" * n),
    st.integers(min_value=32_700, max_value=32_800).map(lambda n: "x" * n),  # an Excel cell's limit
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    hostile_text,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

# Spliced into a line of a sample: aliases, tags, keys, control characters, nesting.
snippets = st.sampled_from(
    [
        "&a ",
        "*a",
        "*zz",
        "<<: *a",
        "? [x, y]\n: z",
        "!!python/object:os.system ",
        "!!binary ",
        "!!timestamp ",
        "!foo ",
        "\x07",
        "\u202e",
        "\t",
        "---\n",
        "...\n",
        "{",
        "[",
        "'",
        '"',
        ": ",
        "- ",
        "|\n",
        ">-\n",
        "~",
        "0017",
        "1.10",
        "on",
        "2026-02-29",
        "yes: 1\n",
        "1: x\n",
        "%YAML 1.1\n",
        "[" * 200,
        "!!bool ",
        "!!int ",
        "!!float ",
        "!!null ",
        "!!str ",
        "!!map ",
        "!!seq ",
        "!!set ",
        "!!omap ",
        "a: &b [*b]\n",
        '"\\x07"',
        '"\\u202e"',
        '"\\ud800"',
        " #",
        "\ufeff",
    ]
)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, prefix + (index,))
    return out


def _holder(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _assert_check_is_clean(content: str | bytes) -> int:
    """Run ``check`` on ``content`` in a fresh folder; assert the outcome contract."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "product.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        before = tree(Path(folder))
        outcome = run_check(path)
        assert outcome.exception is None, f"{outcome.exception!r}\n{outcome.output}"
        assert outcome.exit_code in EXIT_CODES, outcome.output
        assert "Traceback" not in outcome.output
        assert tree(Path(folder)) == before
        return outcome.exit_code


@given(text=st.lists(st.sampled_from(_AWKWARD) | st.text(max_size=6), max_size=60).map("".join))
def test_arbitrary_text(text: str) -> None:
    _assert_check_is_clean(text)


@given(sample=st.sampled_from(sorted(SAMPLE_DATA)), data=st.data())
def test_mutated_sample_values(sample: str, data: st.DataObject) -> None:
    document = copy.deepcopy(SAMPLE_DATA[sample])
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        paths = _paths(document)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        holder = _holder(document, path)
        if data.draw(st.booleans(), label="delete"):
            del holder[path[-1]]
        else:
            holder[path[-1]] = data.draw(values, label="value")
    _assert_check_is_clean(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


@given(sample=st.sampled_from(sorted(SAMPLE_TEXT)), data=st.data())
def test_spliced_sample_text(sample: str, data: st.DataObject) -> None:
    lines = SAMPLE_TEXT[sample].splitlines(keepends=True)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="splices")):
        index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1), label="line")
        action = data.draw(st.sampled_from(["insert", "delete", "duplicate"]), label="action")
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            column = data.draw(st.integers(min_value=0, max_value=len(lines[index])), label="column")
            lines[index] = (
                lines[index][:column] + data.draw(snippets, label="snippet") + lines[index][column:]
            )
    _assert_check_is_clean("".join(lines))


# Keys whose values are ids or choices from a list, not free text.
_CHOICES = {"stage", "modality", "source", "type", "format", "discipline", "disciplines", "material"}
_CHOICES |= {"target_selection", "design", "timing", "single_agent_or_add_on", "optional_materials", "topic"}


def _text_fields(data: Any) -> list[tuple]:
    """Paths of the free-text values in a sample, where hostile text is put."""
    return [
        p
        for p in _paths(data)
        if isinstance(_holder(data, p)[p[-1]], str) and not _CHOICES & {k for k in p if isinstance(k, str)}
    ]


# Printable but awkward: markup, entities, formulas, templates, long and mixed-script text.
printable_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60),
    st.lists(
        st.sampled_from(["#", "*", "_", "`", "---", "|", "<b>", "&gt;", "&amp;", "=1+1", "{{ x }}", "{%"])
        | st.sampled_from(["\n", "\n\n", "\t", "‏", "﻿", "长", "a", " ", "1.", "- ", "> "]),
        min_size=1,
        max_size=20,
    ).map("".join),
    st.integers(min_value=1, max_value=255).map(lambda n: "长" * n),
)


RULESET = load_rules()
BUILD_SAMPLE = "car-t-cd19-pre-ind.yaml"


@settings(max_examples=max(settings().max_examples // 4, 5))
@given(data=st.data())
def test_check_passing_means_build_succeeds(data: st.DataObject) -> None:
    """Hostile text in text fields: either a located input error, or a package that builds."""
    document = copy.deepcopy(SAMPLE_DATA[BUILD_SAMPLE])
    targets = [
        p for p in _text_fields(document) if p[0] in ("product", "questions", "meeting", "indications")
    ]
    for path in data.draw(st.lists(st.sampled_from(targets), min_size=1, max_size=3), label="fields"):
        _holder(document, path)[path[-1]] = data.draw(
            st.one_of(printable_text, printable_text, printable_text, hostile_text), label="text"
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "product.yaml"
        path.write_text(
            yaml.safe_dump(document, allow_unicode=True), encoding="utf-8", errors="surrogatepass"
        )
        try:
            project = open_project(path)
        except InputError as exc:
            event(f"refused: {exc.problems[0].message_en[:30]}")
            return
        event("built")
        build_package(project, RULESET, BuildOptions())
