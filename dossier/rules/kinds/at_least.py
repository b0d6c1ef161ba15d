"""at-least: a number in the product file must reach a minimum (e.g. years of follow-up)."""

from __future__ import annotations

from pydantic import field_validator

from dossier.rules.conditions import check_path, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"value", "min"}
STANDALONE = False


class Params(Base):
    field: str
    min: float

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
        return [Hit(variables, location=params.field, confirm=True)]
    if float(value) < params.min:
        return [Hit(variables, location=params.field)]
    return []
