"""The two files a user writes: a product file (one product at one meeting) and a questions file."""

from __future__ import annotations

import datetime as dt

from pydantic import (
    Field,
    model_validator,
)

from dossier.model.base import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, MeetingFormat, Stage, Strict
from dossier.model.clinical import Clinical
from dossier.model.history import PreviousMeeting, Submission
from dossier.model.meeting import Meeting, Question
from dossier.model.product import Indication, Product


class Dossier(Strict):
    """A product file: the product, its indication and the meeting it asks for."""

    schema_version: int = Field(SCHEMA_VERSION, description="Version of this file format")
    product: Product
    indications: list[Indication] = Field(min_length=1)
    meeting: Meeting
    questions: list[Question] = Field(default_factory=list)
    previous_meetings: list[PreviousMeeting] = Field(
        default_factory=list, description="Meetings already held with CDE, with what was agreed"
    )
    previous_submissions: list[Submission] = Field(default_factory=list)
    clinical: Clinical = Field(default_factory=Clinical)
    document_date: dt.date | None = Field(
        None, description="Date printed on the package; fixes file metadata for reproducible output"
    )

    @model_validator(mode="after")
    def _version_known(self) -> Dossier:
        if self.schema_version not in SUPPORTED_SCHEMA_VERSIONS:
            raise ValueError(f"schema_version {self.schema_version} is not supported; use {SCHEMA_VERSION}")
        return self


class QuestionSet(Strict):
    """A standalone questions file: RA staff draft questions before the rest is ready."""

    questions: list[Question] = Field(min_length=1)
    stage: Stage | None = None
    meeting_format: MeetingFormat | None = None
