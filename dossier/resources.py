"""Where the built-in templates and checklists live, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def builtin(name: str) -> Path:
    """The built-in ``templates`` or ``checklists`` folder.

    A wheel carries them inside the package (``dossier/_data``); a source checkout or an
    editable install finds them at the top of the repository.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"built-in folder {name!r} not found beside {_PACKAGE}")


def default_matrix() -> Path:
    return builtin("checklists") / "cde-cgt-2023" / "matrix.yaml"
