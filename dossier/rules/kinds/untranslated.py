"""untranslated: for an English package, the text fields written in Chinese with no English.

Each such field prints in the English package as the Chinese text with a visible
“translation pending” marker; listing them lets the author translate before sending.
"""

from __future__ import annotations

from dossier.bilingual import untranslated
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"field"}
STANDALONE = False


class Params(Base):
    pass


def run(params: Params, ctx) -> list[Hit]:
    if ctx.dossier is None or ctx.lang != "en":
        return []
    return [Hit({"field": path}, location=path) for path in untranslated(ctx.dossier)]
