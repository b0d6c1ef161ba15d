"""question-vague: no specific object (a whole document or programme, or nothing), or no ask at all.

Kept for rule files written before ``question-wording``: it is that kind with the weaknesses
``vague`` and ``whole-object``.
"""

from __future__ import annotations

from dossier.questions.judge import VAGUE, WHOLE
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._text import VOCABULARIES, WordingParams
from dossier.rules.kinds.question_wording import VARIABLES, hits

STANDALONE = True
WORDING = True
__all__ = ["VARIABLES", "VOCABULARIES", "Params", "run"]


class Params(WordingParams):
    pass


def run(params: Params, ctx) -> list[Hit]:
    return hits(params, ctx, (VAGUE, WHOLE))
