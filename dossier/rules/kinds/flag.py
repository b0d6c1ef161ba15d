"""flag: the rule's applicability is itself the finding (e.g. two indications in one request)."""

from __future__ import annotations

from pydantic import model_validator

from dossier.rules.conditions import check_path, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"value"}
STANDALONE = False


class Params(Base):
    location: str | None = None
    value_of: str | None = None
    count: bool = False
    sum_of: str | None = None

    @model_validator(mode="after")
    def _known(self) -> Params:
        for path in (self.location, self.value_of):
            if path:
                check_path(path)
        return self


def run(params: Params, ctx) -> list[Hit]:
    value = resolve(ctx.data, params.value_of) if params.value_of else None
    if isinstance(value, list) and params.sum_of:
        value = sum(item.get(params.sum_of) or 0 for item in value)
    elif isinstance(value, list) and params.count:
        value = len(value)
    return [Hit({"value": value}, location=params.location or params.value_of)]
