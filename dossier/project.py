"""A project: one product file, validated, with the annex matrix it is checked against."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier.load import Loaded, read_yaml, validate
from dossier.matrix import Matrix, Requirement, check_references, load_matrix, requirements
from dossier.migrate import migrate
from dossier.model import Dossier
from dossier.placeholders import Placeholder, neutralise


@dataclass
class Project:
    """Everything read from disk for one product's meeting; later stages only compute on it."""

    loaded: Loaded[Dossier]
    matrix: Matrix
    matrix_path: Path | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (zh, en), e.g. a migrated file
    placeholders: list[Placeholder] = field(default_factory=list)  # values still <<TODO: …>>

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
    doc = read_yaml(file)
    warnings = migrate(doc.data)
    todo = neutralise(doc.data, Dossier)  # placeholders are unfinished values, not invalid input
    loaded = Loaded(validate(doc, Dossier), doc)
    table = load_matrix(matrix)
    check_references(table, loaded)
    return Project(loaded, table, Path(matrix) if matrix else None, warnings, todo)
