"""Writing outputs: the --force policy, atomic swaps that survive a kill, the lock, the archive."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from dossier import cli, write
from dossier.errors import InputError

SAMPLE = ROOT / "samples" / "car-t-cd19-pre-ind.yaml"
RUNNER = CliRunner()


class Ran:
    """What a command run in-process ended with (the same guard as the console script)."""

    def __init__(self, *args: str) -> None:
        result = RUNNER.invoke(cli.app, list(args))
        self.returncode, self.stderr = result.exit_code, result.output


def build(out: Path | str, *more: str) -> Ran:
    return Ran("build", str(SAMPLE), "-o", str(out), *more)


def snapshot(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".dossier-" in p.name)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "pkg"
    assert build(out).returncode == 0
    return out


# --- refusals: exit 2, nothing touched -------------------------------------------------------


def test_output_is_the_input_file(tmp_path: Path) -> None:
    product = tmp_path / "p.yaml"
    product.write_bytes(SAMPLE.read_bytes())
    for args in (
        ["build", str(product), "-o", str(product), "--force"],
        ["checklist", str(product), "-o", str(product), "--force"],
    ):
        result = Ran(*args)
        assert result.returncode == 2 and "input" in result.stderr, result.stderr
        assert product.read_bytes() == SAMPLE.read_bytes()


def test_output_is_the_folder_holding_the_input(tmp_path: Path) -> None:
    product = tmp_path / "work" / "p.yaml"
    product.parent.mkdir()
    product.write_bytes(SAMPLE.read_bytes())
    result = Ran("build", str(product), "-o", str(tmp_path), "--force")
    assert result.returncode == 2 and "input" in result.stderr
    assert product.read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize("out", [".", "CWD"])
def test_output_is_the_current_folder(tmp_path: Path, out: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = build(str(tmp_path) if out == "CWD" else out, "--force")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_output_is_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "manifest.json").write_text(json.dumps({"tool": {"name": "dossier"}}), encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    result = build(home, "--force")
    assert result.returncode == 2 and "home" in result.stderr
    assert sorted(p.name for p in home.iterdir()) == ["manifest.json"]


def test_force_never_replaces_a_folder_dossier_did_not_write(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "thesis.docx").write_text("years of work", encoding="utf-8")
    result = build(theirs, "--force")
    assert result.returncode == 2 and "dossier" in result.stderr
    assert snapshot(theirs) == {"thesis.docx": b"years of work"}


def test_without_force_nothing_existing_is_written(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(empty).returncode == 2 and not any(empty.iterdir())
    sheet = tmp_path / "c.xlsx"
    sheet.write_bytes(b"old")
    assert Ran("checklist", str(SAMPLE), "-o", str(sheet)).returncode == 2
    assert sheet.read_bytes() == b"old"


def test_symlink_as_output_is_refused(tmp_path: Path, built_once: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(built_once, target_is_directory=True)
    before = snapshot(built_once)
    result = build(link, "--force")
    assert result.returncode == 2 and "symbolic link" in result.stderr
    assert snapshot(built_once) == before and link.is_symlink()
    broken = tmp_path / "broken"
    broken.symlink_to(tmp_path / "nowhere")
    result = build(broken)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_output_under_a_regular_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    for args in (
        ["build", str(SAMPLE), "-o", str(plain / "pkg")],
        ["checklist", str(SAMPLE), "-o", str(plain / "a" / "c.xlsx")],
    ):
        result = Ran(*args)
        assert result.returncode == 2 and "regular file" in result.stderr, result.stderr
    assert plain.read_text(encoding="utf-8") == "x"


def test_force_replaces_a_package_dossier_wrote(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    assert build(out).returncode == 0
    (out / "notes.txt").write_text("scratch", encoding="utf-8")
    assert build(out, "--force").returncode == 0
    assert not (out / "notes.txt").exists() and (out / "manifest.json").is_file()
    assert leftovers(tmp_path) == []


def test_templates_export_marker_and_force(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    assert Ran("templates", "export", str(mine)).returncode == 0
    assert write.is_templates_export(mine)
    (mine / "briefing.md.j2").write_text("edited", encoding="utf-8")
    assert Ran("templates", "export", str(mine)).returncode == 2
    assert Ran("templates", "export", str(mine), "--force").returncode == 0
    assert (mine / "briefing.md.j2").read_text(encoding="utf-8") != "edited"
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("x", encoding="utf-8")
    assert Ran("templates", "export", str(other), "--force").returncode == 2
    assert snapshot(other) == {"x.txt": b"x"}


def test_rules_docs_never_overwrites_unasked(tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    target.write_text("mine", encoding="utf-8")
    assert Ran("rules", "docs", "-o", str(target)).returncode == 2
    assert target.read_text(encoding="utf-8") == "mine"
    assert Ran("rules", "docs", "-o", str(target), "--force").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("#")


# --- the archive ---------------------------------------------------------------------------


def test_zip_is_exactly_the_path_asked_with_the_umask_mode(tmp_path: Path) -> None:
    out = tmp_path / "pkg.v2"
    mask = os.umask(0o027)
    try:
        result = build(out, "--zip")
    finally:
        os.umask(mask)
    assert result.returncode == 0, result.stderr
    archive = tmp_path / "pkg.v2.zip"
    assert archive.is_file() and not (tmp_path / "pkg.zip").exists() and not out.exists()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o640


def test_the_submission_archive_holds_only_what_is_sent(tmp_path: Path) -> None:
    folder, archive = tmp_path / "pkg", tmp_path / "submit.zip"
    assert build(folder).returncode == 0
    assert build(archive, "--zip").returncode == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sent = sorted(f"submit/{f['path']}" for f in manifest["files"] if f["submit"])
    with zipfile.ZipFile(archive) as z:
        names = sorted(z.namelist())
        assert names == sent
        for name in names:
            assert z.read(name) == (folder / name.split("/", 1)[1]).read_bytes()
    assert not any("internal" in n or "manifest" in n or "内部" in n or "清单" in n for n in names)
    assert (folder / "internal").is_dir()  # the team keeps its working files in the folder build


# --- atomicity: failures and kills between steps --------------------------------------------


def test_a_failing_swap_keeps_the_old_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_once: Path
) -> None:
    out = tmp_path / "pkg"
    write.write_folder(snapshot(built_once), out)
    before = snapshot(out)
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    real_replace, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # staging -> target
            raise OSError(errno.EIO, "simulated I/O error", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError):
        write.write_folder({"manifest.json": b'{"tool": {"name": "dossier"}}'}, out, force=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_disk_full_while_staging_is_exit_2_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = write._write_new, []

    def full(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(write, "_write_new", full)
    result = RUNNER.invoke(cli.app, ["build", str(SAMPLE), "-o", str(tmp_path / "pkg")])
    assert result.exit_code == 2 and "disk is full" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


KILL = """
import os, signal, sys
from pathlib import Path
from dossier import write
mode, target = sys.argv[1], Path(sys.argv[2])
files = {"manifest.json": b'{"tool": {"name": "dossier"}}', "new.txt": b"new"}
if mode == "between-renames":
    write._exchange = lambda a, b: False
    real, calls = os.replace, []
    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst)
    os.replace = replace
else:
    def remove(path):
        os.kill(os.getpid(), signal.SIGKILL)
    write._remove = remove
write.write_folder(files, target, force=True)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
@pytest.mark.parametrize("mode", ["between-renames", "after-exchange"])
def test_a_killed_swap_is_repaired_by_the_next_run(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "pkg"
    old = {"manifest.json": b'{"tool": {"name": "dossier"}}', "old.txt": b"old"}
    write.write_folder(old, out)
    killed = subprocess.run([sys.executable, "-c", textwrap.dedent(KILL), mode, str(out)], cwd=ROOT)
    assert killed.returncode == -9
    if mode == "between-renames":
        assert not out.exists() and write.old_path(out).is_dir()  # the moment a kill can leave
    else:
        assert snapshot(out)["new.txt"] == b"new"  # exchange is atomic: already the new package
    with pytest.raises(InputError, match="already exists"):  # the next run, without --force:
        write.write_folder({"manifest.json": b"{}"}, out)  # refused, but only after repairing
    assert leftovers(tmp_path) == []
    new = {"manifest.json": old["manifest.json"], "new.txt": b"new"}
    expected = old if mode == "between-renames" else new
    assert snapshot(out) == expected


def test_stale_staging_of_a_dead_run_is_removed_a_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(dead.stdout)
    out = tmp_path / "pkg"
    stale = tmp_path / f".pkg.dossier-staging.{dead_pid}.dead"
    live = tmp_path / f".pkg.dossier-staging.{os.getppid()}.live"  # pytest's parent is alive
    for folder in (stale, live):
        folder.mkdir()
        (folder / "x").write_text("x", encoding="utf-8")
    assert build(out).returncode == 0
    assert not stale.exists() and live.exists()


def test_concurrent_builds_one_waits_out_with_exit_2(tmp_path: Path, built_once: Path) -> None:
    out = tmp_path / "pkg"
    write.write_folder(snapshot(built_once), out)
    before = snapshot(out)
    with write.locked(out):
        result = build(out, "--force")
    assert result.returncode == 2 and "Another dossier run" in result.stderr
    assert "Traceback" not in result.stderr and snapshot(out) == before
    assert not write.lock_path(out).exists()  # released and removed


@pytest.mark.parametrize("name", ["../escape.docx", "/abs.docx", "a/../../b.docx"])
def test_a_file_name_cannot_leave_the_output_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError, match="outside the output folder"):
        write.write_folder({"manifest.json": b"{}", name: b"x"}, tmp_path / "pkg")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
