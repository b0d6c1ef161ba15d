"""question-written: when every question is a closed, well-founded confirmation, suggest a written response.

002 三(六): if the questions can be settled by written feedback, no meeting is held.
"""

from __future__ import annotations

from pydantic import Field

from dossier.questions import compound_reasons, is_placeholder, mentions, vague
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base
from dossier.rules.kinds._text import generic, heads

VARIABLES = {"count"}
STANDALONE = True


class Params(Base):
    closed_terms: list[str] = Field(min_length=1)
    discussion_terms: list[str] = Field(default_factory=list)
    max_questions: int = Field(5, ge=1)
    generic: str = "generic"
    heads: str = "design-heads"
    protected: str = "protected-words"


def _writable(q, params: Params, vocab, head_vocab) -> bool:
    return (
        mentions(q.text, params.closed_terms)
        and not mentions(q.text, params.discussion_terms)
        and not is_placeholder(q.position, [], 4)
        and not is_placeholder(q.basis, [], 4)
        and not vague(q.text, vocab)
        and not compound_reasons(q.text, vocab, head_vocab)
    )


def run(params: Params, ctx) -> list[Hit]:
    if ctx.meeting_format is not None and ctx.meeting_format.value == "written":
        return []
    questions = ctx.questions
    if not questions or len(questions) > params.max_questions:
        return []
    vocab = generic(ctx, params.generic)
    head_vocab = heads(ctx, params.heads, params.protected)
    if all(_writable(q, params, vocab, head_vocab) for q in questions):
        return [Hit({"count": len(questions)}, location="meeting.format")]
    return []
