"""The input model: one cell or gene therapy product at one CDE communication meeting.

Every field the guidelines make a requirement depend on has a place here. Facts that may be
unknown are ``None`` by default, so a check can tell "the author said no" from "nobody said":
the first is a finding, the second a request to confirm. One module per part of the file:
``base`` (the strict base, enums, text types), ``product``, ``meeting``, ``history`` (earlier
meetings and submissions), ``clinical`` and ``files`` (the product file and a questions file).
"""

from __future__ import annotations

from dossier.model.base import (
    DISCIPLINE_ALIASES,
    DISCIPLINE_EN,
    SCHEMA_VERSION,
    SUPPORTED_SCHEMA_VERSIONS,
    Discipline,
    DisciplineField,
    MeetingFormat,
    MeetingType,
    Modality,
    Name,
    Source,
    Stage,
    Strict,
    Text,
    discipline_names,
)
from dossier.model.clinical import (
    Allogeneic,
    Clinical,
    CmcChange,
    CompletedTrials,
    Dlt,
    DoseDescription,
    Dosing,
    Manufacturing,
    Pathway,
    Pivotal,
    Population,
    PreNda,
    Rationale,
    Toxicity,
    Trial,
)
from dossier.model.files import (
    Dossier,
    QuestionSet,
)
from dossier.model.history import (
    AgreedValue,
    Agreement,
    AskedQuestion,
    Comparison,
    PreviousMeeting,
    Revision,
    Submission,
    revisions_text,
)
from dossier.model.meeting import (
    AgendaItem,
    Attendee,
    Contact,
    DataRef,
    Meeting,
    Question,
    QuestionRef,
)
from dossier.model.product import (
    Delivery,
    FiledResearch,
    GeneEditing,
    Indication,
    Product,
    Vector,
)

__all__ = [
    "AgendaItem",
    "AgreedValue",
    "Agreement",
    "Allogeneic",
    "AskedQuestion",
    "Attendee",
    "Clinical",
    "CmcChange",
    "Comparison",
    "CompletedTrials",
    "Contact",
    "DISCIPLINE_ALIASES",
    "DISCIPLINE_EN",
    "DataRef",
    "Delivery",
    "Discipline",
    "DisciplineField",
    "Dlt",
    "DoseDescription",
    "Dosing",
    "Dossier",
    "FiledResearch",
    "GeneEditing",
    "Indication",
    "Manufacturing",
    "Meeting",
    "MeetingFormat",
    "MeetingType",
    "Modality",
    "Name",
    "Pathway",
    "Pivotal",
    "Population",
    "PreNda",
    "PreviousMeeting",
    "Product",
    "Question",
    "QuestionRef",
    "QuestionSet",
    "Rationale",
    "Revision",
    "SCHEMA_VERSION",
    "SUPPORTED_SCHEMA_VERSIONS",
    "Source",
    "Stage",
    "Strict",
    "Submission",
    "Text",
    "Toxicity",
    "Trial",
    "Vector",
    "discipline_names",
    "revisions_text",
]
