"""question-disciplines-listed: each question's discipline is one the meeting asks for."""

from __future__ import annotations

from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"question", "discipline"}
STANDALONE = False


class Params(Base):
    pass


def run(params: Params, ctx) -> list[Hit]:
    return [
        Hit({"question": i, "discipline": q.discipline.value}, question=i, field="discipline")
        for i, q in enumerate(ctx.questions, 1)
        if q.discipline is not None and q.discipline.value not in ctx.disciplines
    ]
