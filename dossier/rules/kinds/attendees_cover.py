"""attendees-cover: someone at the table for each discipline the meeting asks for.

CDE may decline a meeting whose attendees lack the expertise its questions need.
"""

from __future__ import annotations

from pydantic import Field

from dossier.model import Discipline, discipline_names
from dossier.questions.text import mentions
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"missing_zh", "missing_en"}
STANDALONE = False


class Params(Base):
    expertise: dict[Discipline, list[str]] = Field(
        description="Words in an attendee's title or role that show each discipline's expertise"
    )


def run(params: Params, ctx) -> list[Hit]:
    dossier = ctx.dossier
    if dossier is None or not dossier.meeting.attendees:
        return []
    people = [f"{a.title} {a.role}" for a in dossier.meeting.attendees]
    missing = [
        d
        for d in dossier.meeting.disciplines
        if d in params.expertise and not any(mentions(p, params.expertise[d]) for p in people)
    ]
    if not missing:
        return []
    return [Hit(discipline_names(missing), location="meeting.attendees")]
