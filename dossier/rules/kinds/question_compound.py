"""question-compound: several proposals under one ask; the suggestion splits them.

Kept for rule files written before ``question-wording``: it is that kind with the weakness
``compound``.
"""

from __future__ import annotations

from dossier.questions.judge import COMPOUND
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._text import VOCABULARIES, WordingParams
from dossier.rules.kinds.question_wording import VARIABLES, hits

STANDALONE = True
WORDING = True
__all__ = ["VARIABLES", "VOCABULARIES", "Params", "run"]


class Params(WordingParams):
    pass


def run(params: Params, ctx) -> list[Hit]:
    return hits(params, ctx, (COMPOUND,))
