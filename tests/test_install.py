"""A plain (non-editable) install of the wheel carries templates/ and checklists/."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from conftest import ROOT


def test_wheel_installs_and_finds_its_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            "-q",
        ],
        check=True,
    )
    [wheel] = dist.glob("dossier-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
    )
    # Dependencies come from the test environment; dossier itself only from the fresh venv.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    where = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import dossier.resources as r; print(r.__file__); print(r.builtin('templates'));"
            " print(r.builtin('checklists'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(env_dir)) for line in where), where
    assert Path(where[2], "cde-cgt-2023", "matrix.yaml").is_file()
    result = subprocess.run(
        [str(bin_dir / "dossier"), "matrix", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert '"临床试验方案"' in result.stdout
