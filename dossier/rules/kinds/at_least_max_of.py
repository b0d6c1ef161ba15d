"""at-least-max-of: a number must cover the largest of a list's values.

The worked example of 002 四: a DLT window of 28 days when nonclinical toxicity lasted 41 days.
With ``end_field`` and ``start_field`` an item ends at its end day when given, else at its start
plus its length (a toxicity from day 3 lasting 35 days ends on day 38), so the onset counts.
"""

from __future__ import annotations

from pydantic import model_validator

from dossier.rules.conditions import check_path, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"value", "max", "label"}
STANDALONE = False


class Params(Base):
    field: str
    items: str
    item_field: str
    label_field: str | None = None
    start_field: str | None = None
    end_field: str | None = None

    @model_validator(mode="after")
    def _known(self) -> Params:
        check_path(self.field)
        check_path(self.items)
        return self


def _number(value) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _end(item: dict, params: Params) -> float | None:
    if params.end_field and _number(item.get(params.end_field)) is not None:
        return item[params.end_field]
    length = _number(item.get(params.item_field))
    start = _number(item.get(params.start_field)) if params.start_field else None
    if length is None:
        return None
    return length + (start or 0)


def run(params: Params, ctx) -> list[Hit]:
    items = resolve(ctx.data, params.items) or []
    measured = [(i, end) for i in items if (end := _end(i, params)) is not None]
    if not measured:
        return []
    longest, end = max(measured, key=lambda pair: pair[1])
    value = resolve(ctx.data, params.field)
    variables = {
        "value": value,
        "max": f"{end:g}",
        "label": longest.get(params.label_field, "") if params.label_field else "",
    }
    if value is None:
        return [Hit(variables, location=params.field, confirm=True)]
    if value < end:
        return [Hit(variables, location=params.field)]
    return []
