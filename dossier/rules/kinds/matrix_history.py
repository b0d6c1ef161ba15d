"""matrix-history: a '#' material (an update) needs the earlier submission it updates on record."""

from __future__ import annotations

from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"material_zh", "material_en", "symbols"}
STANDALONE = False


class Params(Base):
    pass


def run(params: Params, ctx) -> list[Hit]:
    return [
        Hit(
            {
                "material_zh": r.material.name_zh,
                "material_en": r.material.name_en,
                "symbols": r.cell.raw,
            },
            location="previous_submissions",
        )
        for r in ctx.requirements
        if r.included and r.missing_earlier
    ]
