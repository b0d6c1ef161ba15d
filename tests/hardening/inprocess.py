"""Run the CLI in this process, as the corpus and fuzz tests do, and judge its outcome."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli import app

EXIT_CODES = {0, 1, 2}  # done; error findings; bad input (README "Exit codes")


@dataclass
class Outcome:
    exit_code: int
    output: str
    exception: BaseException | None


def run_check(path: Path, *extra: str) -> Outcome:
    """``dossier check PATH`` in-process; ``exception`` is anything other than a clean exit."""
    result = CliRunner().invoke(app, ["check", str(path), *extra])
    exception = None if isinstance(result.exception, SystemExit) else result.exception
    output = result.output if result.stderr in result.output else result.output + result.stderr
    return Outcome(result.exit_code, output, exception)


def tree(folder: Path) -> set[str]:
    """Every path under ``folder``, to show that a run wrote nothing."""
    return {
        os.path.relpath(os.path.join(root, name), folder)
        for root, dirs, files in os.walk(folder)
        for name in dirs + files
    }
