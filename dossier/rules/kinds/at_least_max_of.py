"""at-least-max-of: a number must cover the largest of a list's values.

The worked example of 002 四: a DLT window of 28 days when nonclinical toxicity lasted 41 days.
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

    @model_validator(mode="after")
    def _known(self) -> Params:
        check_path(self.field)
        check_path(self.items)
        return self


def run(params: Params, ctx) -> list[Hit]:
    items = resolve(ctx.data, params.items) or []
    measured = [i for i in items if isinstance(i.get(params.item_field), (int, float))]
    if not measured:
        return []
    longest = max(measured, key=lambda i: i[params.item_field])
    value = resolve(ctx.data, params.field)
    variables = {
        "value": value,
        "max": longest[params.item_field],
        "label": longest.get(params.label_field, "") if params.label_field else "",
    }
    if value is None:
        return [Hit(variables, location=params.field, confirm=True)]
    if value < longest[params.item_field]:
        return [Hit(variables, location=params.field)]
    return []
