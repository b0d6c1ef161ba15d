"""Product-type considerations of guideline 002 二(三), as data, and which apply to a product."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dossier.citation import Bilingual, Citation
from dossier.load import load
from dossier.model import Dossier
from dossier.resources import builtin
from dossier.rules import conditions
from dossier.rules.rule import Applies


class Consideration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    applies: Applies = Field(default_factory=Applies)
    title: Bilingual
    prompt: Bilingual
    citation: Citation


class ConsiderationsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    considerations: list[Consideration]


def default_file() -> Path:
    return builtin("checklists") / "cde-cgt-2023" / "considerations.yaml"


def applicable(dossier: Dossier, path: Path | None = None) -> list[Consideration]:
    """The considerations that apply to this product at this stage, in file order."""
    items = load(path or default_file(), ConsiderationsFile).considerations
    data = dossier.model_dump(mode="json")
    stage, product = dossier.meeting.stage, dossier.product
    out = []
    for item in items:
        a = item.applies
        if a.stages and stage not in a.stages:
            continue
        if a.modalities and product.modality not in a.modalities:
            continue
        if a.sources and product.source not in a.sources:
            continue
        if conditions.holds(a.when, data):
            out.append(item)
    return out
