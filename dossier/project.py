"""A project: one product file, validated, with the annex matrix it is checked against."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.load import Loaded, load_located
from dossier.matrix import Matrix, Requirement, check_references, load_matrix, requirements
from dossier.model import Dossier


@dataclass
class Project:
    """Everything read from disk for one product's meeting; later stages only compute on it."""

    loaded: Loaded[Dossier]
    matrix: Matrix
    matrix_path: Path | None = None

    @property
    def dossier(self) -> Dossier:
        return self.loaded.model

    @property
    def path(self) -> Path:
        return self.loaded.doc.path

    def requirements(self) -> list[Requirement]:
        return requirements(self.matrix, self.dossier)


def open_project(file: Path | str, *, matrix: Path | str | None = None) -> Project:
    """Load and validate a product file and the matrix. Raises InputError with locations."""
    loaded = load_located(file, Dossier)
    table = load_matrix(matrix)
    check_references(table, loaded)
    return Project(loaded, table, Path(matrix) if matrix else None)
