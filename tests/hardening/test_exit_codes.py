"""Exit codes a script can rely on: 0, 1, 2 (located message) and 70 (a bug, traceback saved privately)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, minimal, run_cli, write_yaml
from typer.testing import CliRunner

from dossier import cli, views

RUNNER = CliRunner()


def invoke(*args: str):
    return RUNNER.invoke(cli.app, list(args))


def test_help_documents_the_exit_codes() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for code in ("0", "1", "2", "70"):
        assert f" {code} " in result.stdout.replace("\n", " ")
    assert "--debug" in result.stdout


def test_a_bug_is_one_line_and_a_private_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def broken(*args, **kwargs):
        raise RuntimeError("secret product data")

    monkeypatch.setattr(views, "matrix_table", broken)
    result = invoke("matrix")
    assert result.exit_code == 70
    assert "Traceback" not in result.output and "secret product data" not in result.output
    assert "bug" in result.output
    reports = list((tmp_path / "cache" / "dossier").iterdir())
    assert len(reports) == 1 and str(reports[0]) in result.output
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert "secret product data" in reports[0].read_text(encoding="utf-8")


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(views, "matrix_table", lambda *a, **k: 1 / 0)
    result = invoke("--debug", "matrix")
    assert result.exit_code == 70
    assert "Traceback" in result.output and "ZeroDivisionError" in result.output


def test_an_unwritable_cache_falls_back_to_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a regular file: no folder can be made under it
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(views, "matrix_table", lambda *a, **k: 1 / 0)
    result = invoke("matrix")
    assert result.exit_code == 70
    saved = [p for p in (tmp_path / "tmp").rglob("crash-*")]
    assert len(saved) == 1 and str(saved[0]) in result.output


@pytest.mark.parametrize(
    "code",
    [errno.ENOSPC, errno.EROFS, errno.EACCES],
)
def test_os_errors_are_the_environment_not_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def fails(*args, **kwargs):
        raise OSError(code, "simulated", str(tmp_path / "out"))

    monkeypatch.setattr(views, "matrix_table", fails)
    result = invoke("matrix")
    assert result.exit_code == 2
    assert str(tmp_path / "out") in result.output and "Traceback" not in result.output


def test_usage_errors_keep_click_exit_2() -> None:
    result = run_cli("build", "--no-such-option")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_exit_0_1_2_from_a_real_run(tmp_path: Path) -> None:
    clean = run_cli("check", str(ROOT / "samples" / "car-t-cd19-pre-ind.yaml"))
    assert clean.returncode in (0, 1)
    bad = minimal()
    bad["meeting"]["stage"] = "pre-IND"
    result = run_cli("check", str(write_yaml(tmp_path / "p.yaml", bad)))
    assert result.returncode == 2 and "meeting.stage" in result.stderr


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "dossier", "schema"], stdout=write, stderr=subprocess.PIPE, cwd=ROOT
        )
    finally:
        os.close(write)
    assert result.returncode == 141 and result.stderr == b""
