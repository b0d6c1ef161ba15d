"""references: every cross-reference in the product file names something the package has.

``supporting-data``: each question's supporting data must name a material of this package
(by id, alias or name), so the documents can print its attachment number; a material the
annex leaves out at this stage, or one the applicant has not opted into, is not in the package.
``agenda``: each question an agenda item names must exist.
``agenda-text``: an agenda item whose text names question numbers (问题1–3, Q2) but lists no
``questions``: the printed numbers follow the discipline order, so typed numbers go stale.
"""

from __future__ import annotations

import re
from typing import Literal

from dossier.numbering import resolve_ref
from dossier.references import resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"reference", "item"}
STANDALONE = False


class Params(Base):
    target: Literal["supporting-data", "agenda", "agenda-text"]


_NUMBERED = re.compile(r"问题\s*\d|第\s*\d+\s*个问题|\bQ\s?\d|\bquestions?\s+\d", re.IGNORECASE)


def _supporting_data(ctx) -> list[Hit]:
    included = {r.material.id for r in ctx.requirements if r.included}
    materials = [r.material for r in ctx.requirements]
    hits = []
    for position, q in enumerate(ctx.questions, 1):
        for index, ref in enumerate(q.supporting_data):
            target = resolve(materials, ref)
            if target.material is not None and target.material.id in included:
                continue
            hits.append(
                Hit(
                    {"reference": target.written, "item": ""},
                    question=position,
                    field=f"supporting_data[{index}]",
                )
            )
    return hits


def _agenda(ctx) -> list[Hit]:
    hits = []
    for index, item in enumerate(ctx.dossier.meeting.agenda):
        for ref_index, ref in enumerate(item.questions):
            if resolve_ref(ctx.questions, ref) is None:
                hits.append(
                    Hit(
                        {"reference": str(ref), "item": item.item},
                        location=f"meeting.agenda[{index}].questions[{ref_index}]",
                    )
                )
    return hits


def _agenda_text(ctx) -> list[Hit]:
    return [
        Hit({"reference": "", "item": item.item}, location=f"meeting.agenda[{index}].item")
        for index, item in enumerate(ctx.dossier.meeting.agenda)
        if not item.questions and _NUMBERED.search(item.item)
    ]


def run(params: Params, ctx) -> list[Hit]:
    if ctx.dossier is None:
        return []
    check = {"supporting-data": _supporting_data, "agenda": _agenda, "agenda-text": _agenda_text}
    return check[params.target](ctx)
