"""Earlier meetings and submissions: what was asked, agreed and submitted before (one record).

The lifecycle across meetings reads it: revision histories, agreements carried forward and the
consistency of the current plan with what CDE agreed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
    model_validator,
)

from dossier.model.base import MeetingFormat, MeetingType, Stage, Strict, Text


class Revision(Strict):
    """One row of a material's revision history: what the next version changes, and why."""

    section: str | None = Field(None, description="Section of the material, e.g. 5.2 入选标准")
    change: Text = Field(description="What changed (added, removed or reworded)")
    reason: str | None = Field(None, description="Why; to be filled in by the author")


def revisions_text(revisions: list[Revision] | list[dict[str, Any]]) -> str:
    """Revision rows as one line, as the revision-history table's changes column prints them."""
    parts = []
    for r in revisions:
        row = r if isinstance(r, dict) else r.model_dump()
        parts.append(
            (f"{row['section']}: " if row.get("section") else "")
            + str(row["change"])
            + (f" ({row['reason']})" if row.get("reason") else "")
        )
    return "; ".join(parts)


class Submission(Strict):
    """A material submitted at an earlier meeting or application."""

    material: Text = Field(description="Material id from the annex matrix, e.g. clinical-trial-protocol")
    version: Text
    date: dt.date
    meeting: str | None = Field(
        None,
        description="Where it went: the id of an entry in previous_meetings, a stage"
        " (pre-ind, pre-pivotal, pre-nda) or IND / NDA for an application",
    )
    changes: str | None = Field(None, description="What the next version changes, and why")
    revisions: list[Revision] = Field(
        default_factory=list,
        description="What the next version changes, row by row (`dossier diff --write-to` adds"
        " them); the revision history prints them after `changes`",
    )

    @model_validator(mode="after")
    def _changes_from_revisions(self) -> Submission:
        # the documents print `changes`; rows recorded by `dossier diff` stand in for it
        if self.revisions:
            rows = revisions_text(self.revisions)
            self.changes = f"{self.changes}; {rows}" if self.changes else rows
        return self


class AskedQuestion(Strict):
    """A question asked at an earlier meeting and CDE's written reply to it."""

    number: int = Field(ge=1, description="Its number in that meeting's package")
    text: Text
    reply: str | None = Field(None, description="CDE's written reply or the minutes' answer")


Comparison = Literal[">=", "<=", "=", ">", "<"]
_COMPARISONS = {"≥": ">=", "≤": "<=", "＝": "=", "==": "=", "＞": ">", "＜": "<"}


def _comparison(value: Any) -> Any:
    if isinstance(value, str):
        return _COMPARISONS.get(value.strip(), value.strip())
    return value


class AgreedValue(Strict):
    """A design element's value in a form that can be compared: a number, a choice or criteria.

    Give exactly one of ``number`` (with ``unit`` and ``comparison``), ``choice`` (one value of
    an enumeration, e.g. single-arm, ORR-IRC) or ``criteria`` (a list, e.g. [r/r LBCL, ≥2 lines]).
    """

    number: float | None = None
    unit: str | None = Field(None, description="e.g. 例, 年, months, ×10^8 cells")
    comparison: Annotated[
        Comparison | None,
        BeforeValidator(_comparison),
        # the schema accepts what the validator accepts: ≥ ≤ as typed in Chinese text too
        WithJsonSchema({"anyOf": [{"enum": [*get_args(Comparison), *_COMPARISONS]}, {"type": "null"}]}),
    ] = Field(None, description=">= (at least, ≥), <=, =, > or <; the element's default when omitted")
    choice: str | None = Field(None, min_length=1)
    criteria: list[Text] | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> AgreedValue:
        given = [name for name in ("number", "choice", "criteria") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of number, choice or criteria")
        if self.number is None and (self.unit is not None or self.comparison is not None):
            raise ValueError("unit and comparison go with a number")
        return self

    @property
    def form(self) -> str:
        return "number" if self.number is not None else "choice" if self.choice is not None else "criteria"


class Agreement(Strict):
    """A point CDE agreed in writing (reply or minutes) that later packages must keep to."""

    text: Text = Field(description="The agreed point, as the minutes or reply word it")
    question: int | None = Field(None, ge=1, description="The question of that meeting it answers")
    element: str | None = Field(
        None,
        description="The design element it fixes, from checklists/…/design-elements.yaml: population,"
        " prior-therapy, endpoint, efficacy-criteria, sample-size, analysis-set, dose, follow-up,"
        " control, design … (id, Chinese label or alias)",
    )
    value: AgreedValue | None = Field(None, description="The agreed value in a form that can be compared")
    current: AgreedValue | None = Field(
        None,
        description="The value the current plan has, where no typed field of this file states it"
        " (e.g. the endpoint as a choice); compared with `value`",
    )
    deviation_reason: str | None = Field(
        None, description="Why the current plan differs from this agreement, and its impact"
    )

    @model_validator(mode="after")
    def _element_known(self) -> Agreement:
        if self.element is None:
            if self.value is not None or self.current is not None:
                raise ValueError("value and current need the element they fix")
            return self
        from dossier.elements import known_names, resolve

        element = resolve(self.element)
        if element is None:
            raise ValueError(f"unknown design element '{self.element}'; known: {known_names()}")
        for name in ("value", "current"):
            given = getattr(self, name)
            if given is None:
                continue
            if element.form == "text":
                raise ValueError(f"{element.id} is compared by hand only; give no {name}")
            if given.form != element.form:
                raise ValueError(f"{name} of {element.id} is a {element.form}, not a {given.form}")
            if given.number is not None and given.unit and element.units and given.unit not in element.units:
                units = ", ".join(element.units)
                raise ValueError(f"unit '{given.unit}' of {element.id} is not one of: {units}")
        return self

    @property
    def element_id(self) -> str | None:
        """The controlled id of the element (population, sample-size …), or None."""
        from dossier.elements import resolve

        element = resolve(self.element) if self.element else None
        return element.id if element else None


class PreviousMeeting(Strict):
    """A communication meeting already held with CDE for this product."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$", description="e.g. pre-ind-2024")
    stage: Stage | None = Field(None, description="Which key-stage meeting it was, if one of the three")
    type: MeetingType = MeetingType.II
    format: MeetingFormat | None = None
    date: dt.date
    reference: str | None = Field(None, description="CDE's meeting or acceptance number")
    subject: str | None = Field(None, description="What it was about, when not one of the three stages")
    questions: list[AskedQuestion] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
