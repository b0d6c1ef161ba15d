"""The annex matrix of guideline 002 (六、附件) and what it asks of one product's meeting.

The matrix itself is data (``checklists/cde-cgt-2023/matrix.yaml``); this module reads it,
checks that every cell is a valid combination of the five symbols, and spells a cell out for
a given product: required or not, an update of which earlier submission, revision history,
brief form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from dossier.citation import Bilingual, Citation
from dossier.load import Loaded, load
from dossier.model import Dossier, Stage, Submission
from dossier.resources import default_matrix
from dossier.text import FileTitleText

PRESENCE = ("+", "-", "±")
SYMBOLS = ("+", "-", "±", "#", "△")
_ALIASES = {"−": "-", "–": "-", "+/-": "±", "Δ": "△", "▵": "△"}

Status = Literal["required", "optional", "not-needed"]


@dataclass(frozen=True)
class Cell:
    """One matrix cell, e.g. ``+△#``: presence, update (#) and brief form (△)."""

    raw: str
    presence: str
    update: bool
    brief: bool

    @property
    def status(self) -> Status:
        return {"+": "required", "±": "optional", "-": "not-needed"}[self.presence]  # type: ignore[return-value]


def parse_cell(raw: str) -> Cell:
    """Parse a cell. Raises ValueError unless it is one of + - ± with optional # and △."""
    text = raw.strip()
    for alias, symbol in _ALIASES.items():
        text = text.replace(alias, symbol)
    chars = [c for c in text if not c.isspace()]
    unknown = sorted({c for c in chars if c not in SYMBOLS})
    if unknown:
        raise ValueError(f"unknown symbol(s) {''.join(unknown)!r}; use + - ± # △")
    presence = [c for c in chars if c in PRESENCE]
    if len(presence) != 1:
        raise ValueError(f"{raw!r} must hold exactly one of + - ±")
    if presence[0] == "-" and len(chars) > 1:
        raise ValueError(f"{raw!r}: '-' (need not submit) cannot carry # or △")
    if len(set(chars)) != len(chars):
        raise ValueError(f"{raw!r} repeats a symbol")
    return Cell("".join(chars), presence[0], "#" in chars, "△" in chars)


CellText = Annotated[str, AfterValidator(lambda raw: parse_cell(raw).raw)]
FileTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), FileTitleText]
"""A material's name: the title of its document and the stem of its file name."""


class StageInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Stage
    name_zh: str
    name_en: str
    citation: Citation


class Material(BaseModel):
    """One row of the annex: a material and its cell at each stage."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name_zh: FileTitle
    name_en: FileTitle
    section: str | None = Field(None, description="Section of 002 that says what the material holds")
    requirements: dict[Stage, CellText]

    @field_validator("requirements")
    @classmethod
    def _every_stage(cls, value: dict[Stage, str]) -> dict[Stage, str]:
        missing = [s.value for s in Stage if s not in value]
        if missing:
            raise ValueError(f"no cell for stage(s) {', '.join(missing)}")
        return value

    def cell(self, stage: Stage) -> Cell:
        return parse_cell(self.requirements[stage])


class Matrix(BaseModel):
    """The whole annex as data."""

    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    title_zh: str
    title_en: str
    citation: Citation
    stages: list[StageInfo]
    symbols: dict[str, Bilingual]
    revision_history_materials: list[str]
    materials: list[Material] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Matrix:
        if sorted(s.id.value for s in self.stages) != sorted(s.value for s in Stage):
            raise ValueError("stages must list pre-ind, pre-pivotal and pre-nda once each")
        if set(self.symbols) != set(SYMBOLS):
            raise ValueError(f"symbols must explain exactly {' '.join(SYMBOLS)}")
        ids = [m.id for m in self.materials]
        if len(ids) != len(set(ids)):
            raise ValueError("material ids must be unique")
        unknown = [m for m in self.revision_history_materials if m not in ids]
        if unknown:
            raise ValueError(f"revision_history_materials names unknown material(s): {unknown}")
        return self

    def stage(self, stage: Stage) -> StageInfo:
        return next(s for s in self.stages if s.id is stage)

    def material(self, material_id: str) -> Material | None:
        return next((m for m in self.materials if m.id == material_id), None)


def load_matrix(path: Path | str | None = None) -> Matrix:
    """Read the annex matrix: the built-in one, or a company's corrected copy."""
    return load(path or default_matrix(), Matrix)


@dataclass(frozen=True)
class Requirement:
    """What the annex asks of one material at this product's meeting."""

    material: Material
    cell: Cell
    included: bool
    update_of: Submission | None
    revision_history: bool

    @property
    def status(self) -> Status:
        return self.cell.status

    @property
    def update(self) -> bool:
        return self.cell.update

    @property
    def brief(self) -> bool:
        return self.cell.brief

    @property
    def missing_earlier(self) -> bool:
        """A '#' update with no earlier submission on record."""
        return self.update and self.update_of is None

    def describe(self, lang: str = "zh") -> str:
        """The cell spelled out for this case, one line."""
        zh = lang != "en"
        parts = [
            {
                "required": ("必须提交", "required"),
                "optional": ("可以提交", "optional"),
                "not-needed": ("不必提交", "not needed"),
            }[self.status][0 if zh else 1]
        ]
        if self.status == "optional":
            parts.append(
                ("申请人选择提交" if self.included else "申请人未选择")
                if zh
                else ("applicant opts in" if self.included else "not chosen")
            )
        if self.update:
            if self.update_of is not None:
                prior = self.update_of
                parts.append(
                    f"更新既往提交（{prior.version}版，{prior.date.isoformat()}）"
                    if zh
                    else f"update of v{prior.version} ({prior.date.isoformat()})"
                )
            else:
                parts.append(
                    "更新既往提交（未记录既往提交）" if zh else "update (no earlier submission on record)"
                )
        if self.revision_history:
            parts.append("附修订历史和说明" if zh else "with revision history and explanation")
        if self.brief:
            parts.append("提交简要内容" if zh else "brief form")
        return "；".join(parts) if zh else "; ".join(parts)


def latest_submission(dossier: Dossier, material_id: str) -> Submission | None:
    """The most recent earlier submission of a material, by date then version."""
    found = [s for s in dossier.previous_submissions if s.material == material_id]
    return max(found, key=lambda s: (s.date, s.version)) if found else None


def requirements(matrix: Matrix, dossier: Dossier) -> list[Requirement]:
    """Each annex material, spelled out for this product's meeting, in annex order."""
    stage = dossier.meeting.stage
    opted = set(dossier.meeting.optional_materials)
    out = []
    for material in matrix.materials:
        cell = material.cell(stage)
        included = cell.presence == "+" or (cell.presence == "±" and material.id in opted)
        out.append(
            Requirement(
                material=material,
                cell=cell,
                included=included,
                update_of=latest_submission(dossier, material.id) if cell.update else None,
                revision_history=cell.update and material.id in matrix.revision_history_materials,
            )
        )
    return out


def check_references(matrix: Matrix, loaded: Loaded[Dossier]) -> None:
    """Material ids in the product file must exist and be optional ('±') where opted in.

    Raises InputError located at the offending field.
    """
    dossier = loaded.model
    ids = [m.id for m in matrix.materials]
    for index, material_id in enumerate(dossier.meeting.optional_materials):
        material = matrix.material(material_id)
        field = ("meeting", "optional_materials", index)
        if material is None:
            raise loaded.error(
                field,
                f"附件中没有资料“{material_id}”。",
                f"The annex has no material '{material_id}'.",
                hint_zh="可用的资料编号：" + "、".join(ids),
                hint_en="Material ids: " + ", ".join(ids),
            )
        cell = material.cell(dossier.meeting.stage)
        if cell.presence != "±":
            raise loaded.error(
                field,
                f"“{material.name_zh}”在本阶段为“{cell.raw}”，不是可选（±）资料。",
                f"'{material.name_en}' is '{cell.raw}' at this stage, not optional (±).",
                hint_zh="只有“±”资料需要在 optional_materials 中选择；请删除此项。",
                hint_en="Only '±' materials are opted into; remove this entry.",
            )
    for index, submission in enumerate(dossier.previous_submissions):
        if submission.material not in ids:
            raise loaded.error(
                ("previous_submissions", index, "material"),
                f"附件中没有资料“{submission.material}”。",
                f"The annex has no material '{submission.material}'.",
                hint_zh="可用的资料编号：" + "、".join(ids),
                hint_en="Material ids: " + ", ".join(ids),
            )


__all__ = [
    "Cell",
    "Matrix",
    "Material",
    "Requirement",
    "check_references",
    "load_matrix",
    "parse_cell",
    "requirements",
]
