"""covers-items: a list must cover every item named elsewhere (e.g. DLT covers toxic organs).

Matching is by synonym groups given in the rule (肾 / 肾脏 / kidney / renal), so a company can
add its own terms.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from dossier.questions.text import mentions
from dossier.rules.conditions import check_path, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"missing"}
STANDALONE = False


class Params(Base):
    field: str
    items: str
    item_field: str
    synonyms: list[list[str]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known(self) -> Params:
        check_path(self.field)
        check_path(self.items)
        return self


def _group(term: str, synonyms: list[list[str]]) -> list[str]:
    for group in synonyms:
        if any(mentions(term, [s]) for s in group):
            return group
    return [term]


def run(params: Params, ctx) -> list[Hit]:
    items = resolve(ctx.data, params.items) or []
    wanted = [str(i.get(params.item_field)) for i in items if i.get(params.item_field)]
    if not wanted:
        return []
    covered = " | ".join(str(x) for x in (resolve(ctx.data, params.field) or []))
    if not covered:
        return [Hit({"missing": "、".join(wanted)}, location=params.field, confirm=True)]
    missing = [w for w in dict.fromkeys(wanted) if not mentions(covered, _group(w, params.synonyms))]
    if missing:
        return [Hit({"missing": "、".join(missing)}, location=params.field)]
    return []
