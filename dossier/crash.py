"""Internal bugs: save the full traceback privately and tell the user where it is (exit 70).

A traceback can quote product data (names, questions, file paths), so it is never printed unless
the user asks with ``--debug``; it is written to a file only the user can read, in the user's
cache folder (``$XDG_CACHE_HOME/dossier`` or ``~/.cache/dossier``), or the temporary folder when
that cannot be written.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

from dossier import __version__

EXIT_BUG = 70  # EX_SOFTWARE in sysexits.h


def cache_dir() -> Path:
    """Where crash reports go: $XDG_CACHE_HOME/dossier, else ~/.cache/dossier."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "dossier"


def _private_file(folder: Path, stem: str) -> tuple[int, Path]:
    """Create a new file readable only by the user (0600) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for attempt in range(100):
        path = folder / f"{stem}-{attempt}.txt" if attempt else folder / f"{stem}.txt"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(folder)


def save_traceback(exc: BaseException, argv: list[str] | None = None) -> Path | None:
    """Write the traceback of ``exc`` to a private file and return its path (None if impossible)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    stem = f"crash-{stamp}-{os.getpid()}"
    text = "".join(
        [
            f"dossier {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n",
            f"argv: {argv if argv is not None else sys.argv}\n\n",
            *traceback.format_exception(type(exc), exc, exc.__traceback__),
        ]
    )
    for folder in (cache_dir(), Path(tempfile.gettempdir()) / f"dossier-{_user()}"):
        try:
            handle, path = _private_file(folder, stem)
        except OSError:
            continue
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        return path
    return None


def _user() -> str:
    try:
        return str(os.getuid())  # type: ignore[attr-defined,unused-ignore]
    except AttributeError:  # Windows
        return os.environ.get("USERNAME", "user")


def bug_message(path: Path | None) -> str:
    """The one line shown for an internal bug: zh, then en, and where the traceback is."""
    where = str(path) if path else "（未能保存 / could not be saved; rerun with --debug）"
    return f"内部错误，这是 dossier 的缺陷 / internal error, a bug in dossier; traceback: {where}"
