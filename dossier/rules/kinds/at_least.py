"""at-least: a number in the product file must reach a minimum (e.g. years of follow-up).

``min`` is inclusive: a stagger interval must be at least 1 day, so 0 days (same-day dosing) is
no interval. ``unset`` says what an empty value is: a request to confirm (default) or itself
the finding, where the guideline asks for the value to be set.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from dossier.rules.conditions import check_path, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"value", "min"}
STANDALONE = False


class Params(Base):
    field: str
    min: float
    unset: Literal["confirm", "finding"] = "confirm"

    @field_validator("field")
    @classmethod
    def _known(cls, value: str) -> str:
        check_path(value)
        return value


def _show(number: float) -> str:
    return f"{number:g}"


def run(params: Params, ctx) -> list[Hit]:
    value = resolve(ctx.data, params.field)
    variables = {"value": "" if value is None else _show(float(value)), "min": _show(params.min)}
    if value is None:
        return [Hit(variables, location=params.field, confirm=params.unset == "confirm")]
    if float(value) < params.min:
        return [Hit(variables, location=params.field)]
    return []
