"""Reusable template text as conditional data: a sentence appears only where it is true.

Each block (the update sentence, the DLT paragraph, manufacturing-failure wording, oncology
wording, long-term follow-up wording …) declares, like a rule, the stages, modalities, cell
sources and product-file condition it applies to, and optionally the per-document facts it
needs (the material it belongs to, whether an earlier version of it is on record). A template
asks ``block("id")`` and gets the text in its language, or nothing where the block does not
apply; an unknown id is an error, so a misspelt block never silently disappears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from dossier.citation import Bilingual, Citation
from dossier.load import load
from dossier.model import Dossier
from dossier.resources import builtin
from dossier.rules import conditions
from dossier.rules.rule import Applies


class BlockApplies(Applies):
    """Rule-style applicability plus the facts of the one document the block is printed in."""

    materials: list[str] | None = Field(None, description="Only in the documents of these materials")
    earlier: bool | None = Field(
        None, description="true: an earlier version of this material is on record; false: none is"
    )
    brief: bool | None = Field(None, description="The annex asks for a brief form (△) here")
    revision_history: bool | None = Field(None, description="The annex asks for a revision history here")


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    applies: BlockApplies = Field(default_factory=BlockApplies)
    text: Bilingual
    citation: Citation | None = None


class BlocksFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    blocks: list[Block]


@dataclass(frozen=True)
class DocFacts:
    """What a block may know about the document it is printed in."""

    material: str | None = None
    earlier: bool | None = None
    brief: bool | None = None
    revision_history: bool | None = None


def default_file() -> Path:
    return builtin("templates") / "blocks.yaml"


@cache
def _load(path: Path) -> dict[str, Block]:
    return {b.id: b for b in load(path, BlocksFile).blocks}


def load_blocks(company: Path | None = None) -> dict[str, Block]:
    """The built-in blocks, with a company's ``blocks.yaml`` (beside its templates) on top."""
    blocks = dict(_load(default_file()))
    if company is not None and (company / "blocks.yaml").is_file():
        blocks.update(_load(company / "blocks.yaml"))
    return blocks


def applies(block: Block, dossier: Dossier, data: dict[str, Any], doc: DocFacts) -> bool:
    """Whether a block's applicability holds for this product and this document."""
    a = block.applies
    if a.stages and dossier.meeting.stage not in a.stages:
        return False
    if a.modalities and dossier.product.modality not in a.modalities:
        return False
    if a.sources and dossier.product.source not in a.sources:
        return False
    if a.materials is not None and doc.material not in a.materials:
        return False
    for wanted, actual in ((a.earlier, doc.earlier), (a.brief, doc.brief)):
        if wanted is not None and bool(actual) is not wanted:
            return False
    if a.revision_history is not None and bool(doc.revision_history) is not a.revision_history:
        return False
    return conditions.holds(a.when, data)


def block_function(
    blocks: dict[str, Block], dossier: Dossier, lang: str, doc: DocFacts
) -> Callable[..., str]:
    """The ``block(id, **values)`` a template calls: the text where it applies, else ''."""
    data = dossier.model_dump(mode="json")

    def block(block_id: str, **values: Any) -> str:
        found = blocks.get(block_id)
        if found is None:
            from jinja2 import UndefinedError  # reported like an undefined name: template, line

            raise UndefinedError(f"no block '{block_id}' in blocks.yaml")
        if not applies(found, dossier, data, doc):
            return ""
        return found.text.get(lang).format_map({k: "" if v is None else v for k, v in values.items()})

    return block
