"""question-vague: a general judgement of a whole document or programme, or no ask at all."""

from __future__ import annotations

from dossier.questions import vague
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base
from dossier.rules.kinds._text import generic

VARIABLES = {"question"}
STANDALONE = True
VOCABULARIES = ("generic",)


class Params(Base):
    generic: str = "generic"


def run(params: Params, ctx) -> list[Hit]:
    vocab = generic(ctx, params.generic)
    return [
        Hit({"question": i}, question=i, field="text")
        for i, q in enumerate(ctx.questions, 1)
        if vague(q.text, vocab)
    ]
