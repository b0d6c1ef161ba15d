"""question-disciplines: questions on some subjects need several review disciplines at the table."""

from __future__ import annotations

from pydantic import Field

from dossier.model import Discipline, discipline_names
from dossier.questions.text import mentions
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"missing_zh", "missing_en", "question"}
STANDALONE = True


class Params(Base):
    required: list[Discipline] = Field(min_length=1)
    topic_terms: list[str] = Field(default_factory=list)
    context_terms: list[str] = Field(
        default_factory=list, description="Also needed in the question, unless the stage says it"
    )
    context_stages: list[str] = Field(default_factory=list)


def _matches(params: Params, text: str, stage: str | None) -> bool:
    if params.topic_terms and not mentions(text, params.topic_terms):
        return False
    if params.context_terms and not mentions(text, params.context_terms):
        return stage in params.context_stages
    return True


def run(params: Params, ctx) -> list[Hit]:
    stage = ctx.stage.value if ctx.stage else None
    matching = [i for i, q in enumerate(ctx.questions, 1) if _matches(params, q.text, stage)]
    if not matching:
        return []
    missing = [d for d in params.required if d.value not in ctx.disciplines]
    if not missing:
        return []
    return [
        Hit(
            {**discipline_names(missing), "question": "、".join(str(i) for i in matching)},
            location="meeting.disciplines",
        )
    ]
