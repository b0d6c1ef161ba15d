"""require: facts that must be true (booleans) or filled in (text, lists).

A boolean nobody filled in is not a failure but a request to confirm (severity info).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from dossier.rules.conditions import check_path, field_type, resolve
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"fields"}
STANDALONE = False


class Params(Base):
    fields: list[str] = Field(min_length=1)
    want: Literal["true", "set"] | None = None
    location: str | None = None

    @field_validator("fields")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        for path in value:
            check_path(path)
        return value


def run(params: Params, ctx) -> list[Hit]:
    missing, unknown = [], []
    for path in params.fields:
        value = resolve(ctx.data, path)
        want = params.want or ("true" if field_type(path) is bool else "set")
        if want == "true" and value is None:
            unknown.append(path)
        elif (want == "true" and value is not True) or value in (None, "", [], {}):
            missing.append(path)
    if missing:
        return [Hit({"fields": ", ".join(missing)}, location=params.location or missing[0])]
    if unknown:
        return [Hit({"fields": ", ".join(unknown)}, location=params.location or unknown[0], confirm=True)]
    return []
