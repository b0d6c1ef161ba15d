"""placeholders: values the product file still holds as ``<<TODO: …>>`` (see dossier.placeholders)."""

from __future__ import annotations

from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"field", "hint"}
STANDALONE = False


class Params(Base):
    pass


def run(params: Params, ctx) -> list[Hit]:
    return [Hit({"field": p.path, "hint": p.hint}, location=p.path) for p in ctx.placeholders]
