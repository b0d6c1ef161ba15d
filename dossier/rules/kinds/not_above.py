"""not-above: a number must not exceed another (the pivotal dose the highest dose explored)."""

from __future__ import annotations

from pydantic import model_validator

from dossier.rules.conditions import check_path, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"value", "max"}
STANDALONE = False


class Params(Base):
    field: str
    max_field: str

    @model_validator(mode="after")
    def _known(self) -> Params:
        check_path(self.field)
        check_path(self.max_field)
        return self


def _show(number: float) -> str:
    return f"{number:g}"


def run(params: Params, ctx) -> list[Hit]:
    value, limit = resolve(ctx.data, params.field), resolve(ctx.data, params.max_field)
    if value is None or limit is None:
        return []
    if float(value) > float(limit):
        return [Hit({"value": _show(float(value)), "max": _show(float(limit))}, location=params.field)]
    return []
