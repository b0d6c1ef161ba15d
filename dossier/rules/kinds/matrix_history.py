"""matrix-history: a '#' material (an update) needs the earlier submission it updates on record.

Only where an earlier version was due: a material that was optional ('±') or not needed at every
earlier stage (the completed-trials summary before pre-pivotal) may be submitted for the first
time now, so a missing earlier version is no finding there.
"""

from __future__ import annotations

from dossier.model import Stage
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"material_zh", "material_en", "symbols"}
STANDALONE = False

ORDER = list(Stage)


def _was_due(requirement, stage: Stage | None) -> bool:
    """Whether the annex required the material ('+') at some stage before this one."""
    earlier = ORDER[: ORDER.index(stage)] if stage in ORDER else ORDER
    return any(requirement.material.cell(s).presence == "+" for s in earlier)


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
        if r.included and r.missing_earlier and _was_due(r, ctx.stage)
    ]


class Params(Base):
    pass
