"""question-written: when every question is a closed, well-founded confirmation, suggest a written response.

002 三(六): if the questions can be settled by written feedback, no meeting is held.
"""

from __future__ import annotations

from pydantic import Field

from dossier.questions.text import is_placeholder, mentions
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._text import VOCABULARIES, WordingParams, judgement

VARIABLES = {"count"}
STANDALONE = True


__all__ = ["VARIABLES", "VOCABULARIES", "Params", "run"]


class Params(WordingParams):
    closed_terms: list[str] = Field(min_length=1)
    discussion_terms: list[str] = Field(default_factory=list)
    max_questions: int = Field(5, ge=1)


def _writable(q, params: Params, ctx) -> bool:
    return (
        mentions(q.text, params.closed_terms)
        and not mentions(q.text, params.discussion_terms)
        and not is_placeholder(q.position, [], 4)
        and not is_placeholder(q.basis, [], 4)
        and not judgement(ctx, params, q).weaknesses
    )


def run(params: Params, ctx) -> list[Hit]:
    if ctx.meeting_format is not None and ctx.meeting_format.value == "written":
        return []
    questions = ctx.questions
    if not questions or len(questions) > params.max_questions:
        return []
    if all(_writable(q, params, ctx) for q in questions):
        return [Hit({"count": len(questions)}, location="meeting.format")]
    return []
