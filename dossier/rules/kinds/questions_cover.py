"""questions-cover: at least one question (or the meeting purpose) must raise a topic.

For example, a pre-NDA meeting of a product seeking conditional approval must confirm that
pathway with CDE (002 二(一)3).
"""

from __future__ import annotations

from pydantic import Field

from dossier.questions.text import mentions
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES: set[str] = set()
STANDALONE = False


class Params(Base):
    terms: list[str] = Field(min_length=1)
    include_purpose: bool = True


def run(params: Params, ctx) -> list[Hit]:
    texts = [q.text for q in ctx.questions]
    if params.include_purpose and ctx.dossier is not None and ctx.dossier.meeting.purpose:
        texts.append(ctx.dossier.meeting.purpose)
    if any(mentions(t, params.terms) for t in texts):
        return []
    return [Hit({}, location="questions")]
