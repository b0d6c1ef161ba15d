"""The meeting asked for: its type, format, agenda, attendees, contacts and questions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import (
    Field,
)

from dossier.model.base import DisciplineField, MeetingFormat, MeetingType, Stage, Strict, Text

# --- meeting -------------------------------------------------------------------------------


QuestionRef = Annotated[
    int | str,
    Field(description="A question: its position in `questions` (1, 2 …) or its `id`"),
]


class AgendaItem(Strict):
    AS_WRITTEN: ClassVar[frozenset[str]] = frozenset({"presenter"})
    item: Text
    minutes: int = Field(ge=1, le=240)
    presenter: str | None = None
    questions: list[QuestionRef] = Field(
        default_factory=list,
        description="Questions this item discusses; printed with their final numbers",
    )


class Contact(Strict):
    """A registration specialist (药品注册专员) CDE contacts about the meeting."""

    AS_WRITTEN: ClassVar[frozenset[str]] = frozenset({"name"})  # a person's name, in both packages

    name: Text
    phone: Text
    email: Text = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    title: str | None = None


class Attendee(Strict):
    AS_WRITTEN: ClassVar[frozenset[str]] = frozenset({"name"})
    name: Text
    title: Text = Field(description="职务/职称")
    role: Text = Field(description="Role at the meeting, e.g. 临床负责人")
    affiliation: Text
    expert: bool = False
    translator: bool = False


class Meeting(Strict):
    stage: Stage
    type: MeetingType = MeetingType.II
    format: MeetingFormat = MeetingFormat.VIDEO
    purpose: str | None = None
    disciplines: list[DisciplineField] = Field(default_factory=list)
    candidate_dates: list[dt.date] = Field(default_factory=list, max_length=3)
    materials_date: dt.date | None = Field(None, description="Date the materials will be submitted")
    application_date: dt.date | None = Field(None, description="Date of the application (申请日期)")
    contacts: list[Contact] = Field(
        default_factory=list,
        max_length=2,
        description="One or two registration specialists (药品注册专员): name, phone, email",
    )
    agenda: list[AgendaItem] = Field(default_factory=list)
    attendees: list[Attendee] = Field(default_factory=list)
    optional_materials: list[str] = Field(
        default_factory=list, description="Ids of '±' materials the applicant will submit"
    )


class DataRef(Strict):
    """Where a question's supporting data are: a material of the package and a section in it."""

    material: Text = Field(description="Material id, e.g. clinical-trial-protocol (alias: protocol)")
    section: str | None = Field(None, description="Section heading or number, e.g. 5.2 剂量递增")


class Question(Strict):
    id: str | None = Field(
        None,
        pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,40}$",
        description="Stable id (e.g. dlt-window) that agenda items refer to",
    )
    text: Text
    discipline: DisciplineField | None = None
    background: str | None = None
    purpose: str | None = None
    position: str | None = Field(None, description="The applicant's position (申请人观点)")
    basis: str | None = Field(None, description="The basis of that position (依据)")
    supporting_data: list[DataRef | str] = Field(
        default_factory=list,
        description="Where the supporting data are: {material: protocol, section: '5.2'}"
        " (or the older free text, e.g. 临床综述 3.2)",
    )
    topic: str | None = Field(
        None,
        description="Optional tag: dose-selection, repeat-dosing, pivotal-design, cmc-change …",
    )
