"""The meeting timeline: application, CDE's checks and scheduling, materials, meeting, minutes.

The day counts are data (``checklists/cde-cgt-2023/procedure.yaml``) a company can replace;
working days come from the holiday calendar (``holidays-cn.yaml``). Every date is derived from
the product file, and "today" is the file's ``document_date`` unless given, so the same file
gives the same plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dossier import formatting as fmt
from dossier.errors import input_error
from dossier.load import load
from dossier.model import Dossier
from dossier.resources import builtin
from dossier.workdays import Calendar, load_calendar

Counting = Literal["calendar", "working"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Strict):
    days: int = Field(ge=0)
    counting: Counting = "calendar"


class Scheduling(_Strict):
    days: dict[Literal["I", "II", "III"], int]
    counting: Counting = "calendar"


class Materials(_Strict):
    with_application: bool = True
    days_before_meeting: int = Field(0, ge=0)


class Bilingual(_Strict):
    zh: str
    en: str


class Procedure(_Strict):
    """The procedure file: the day counts `plan` uses."""

    source: Bilingual
    first_check: Span
    scheduling: Scheduling
    notice: Span
    materials: Materials = Field(default_factory=Materials)
    minutes: Span
    internal_review: Span
    holidays: str = Field("holidays-cn.yaml", description="Holiday file, relative to this file")


def default_procedure() -> Path:
    return builtin("checklists") / "cde-cgt-2023" / "procedure.yaml"


@dataclass(frozen=True)
class Event:
    """One date of the timeline."""

    id: str
    date: dt.date
    zh: str
    en: str
    basis_zh: str = ""
    basis_en: str = ""

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def basis(self, lang: str) -> str:
        return self.basis_en if lang == "en" else self.basis_zh


@dataclass
class Plan:
    """The timeline of one meeting and what needs attention in it."""

    product: str
    stage: str
    meeting_type: str
    today: dt.date
    events: list[Event] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)


def _days(span: Span | Scheduling, days: int, lang: str) -> str:
    if lang == "en":
        return f"{days} {'working ' if span.counting == 'working' else ''}days"
    return f"{days} {'个工作日' if span.counting == 'working' else '日'}"


def make_plan(
    d: Dossier,
    procedure: Procedure,
    calendar: Calendar,
    *,
    today: dt.date | None = None,
    review_days: int | None = None,
    source: Path | str = "",
) -> Plan:
    """The timeline of ``d``'s meeting. Raises InputError when the file gives no application date."""
    m = d.meeting
    if m.application_date is None:
        raise input_error(
            source,
            "排期需要申请日期（meeting.application_date）。",
            "The plan needs the date of the application (meeting.application_date).",
            field="meeting.application_date",
            hint_zh="在 meeting 下填写 application_date: YYYY-MM-DD。",
            hint_en="Add application_date: YYYY-MM-DD under meeting.",
        )
    today = today or d.document_date or m.application_date
    applied = m.application_date
    kind = m.type.value
    p = Plan(
        product=d.product.code or d.product.name_en,
        stage=m.stage.value,
        meeting_type=kind,
        today=today,
    )
    src_zh, src_en = procedure.source.zh, procedure.source.en
    counted: set[int] = set()  # years in which working days were counted

    def count(start: dt.date, days: int, counting: str) -> dt.date:
        end = calendar.add(start, days, counting)
        if counting == "working":
            counted.update(range(min(start, end).year, max(start, end).year + 1))
        return end

    def add(event_id: str, day: dt.date, zh: str, en: str, basis_zh: str = "", basis_en: str = "") -> Event:
        event = Event(event_id, day, zh, en, basis_zh, basis_en)
        p.events.append(event)
        return event

    add(
        "application",
        applied,
        "提交沟通交流申请",
        "Meeting application submitted",
        "申请表",
        "Application form",
    )
    fc = procedure.first_check
    first = add(
        "first-check",
        count(applied, fc.days, fc.counting),
        "药审中心完成初审（最迟）",
        "CDE's first check done (latest)",
        f"{src_zh}：申请后 {_days(fc, fc.days, 'zh')}内",
        f"{src_en}: within {_days(fc, fc.days, 'en')} of the application",
    )
    sc = procedure.scheduling
    limit = sc.days[kind]
    deadline = add(
        "scheduling-deadline",
        count(applied, limit, sc.counting),
        f"{kind}类会议召开时限",
        f"Type {kind} meeting held by",
        f"{src_zh}：{kind}类会议于申请后 {_days(sc, limit, 'zh')}内召开",
        f"{src_en}: type {kind} meetings within {_days(sc, limit, 'en')} of the application",
    )
    nt = procedure.notice
    add(
        "notice",
        count(first.date, nt.days, nt.counting),
        "会议时间通知（预计最迟）",
        "Notice of the meeting date (expected by)",
        f"{src_zh}：确定会议时间后 {_days(nt, nt.days, 'zh')}内通知申请人（按初审时确定计）",
        f"{src_en}: CDE notifies within {_days(nt, nt.days, 'en')} of setting a date"
        " (counted from the first check)",
    )
    candidates = sorted(m.candidate_dates)
    meeting_day = next((c for c in candidates if c >= applied), None)
    if meeting_day is None:
        meeting_day = deadline.date
        basis = ("未给出候选日期：按召开时限计", "No candidate date: counted at the scheduling limit")
    else:
        basis = ("申请人的第一个候选日期", "The applicant's first candidate date")
    meeting = add("meeting", meeting_day, "预计召开会议", "Expected meeting", *basis)
    if candidates and all(c > deadline.date for c in candidates):
        p.warnings.append(
            (
                f"所有候选日期都晚于{kind}类会议的召开时限（{fmt.date_text(deadline.date, 'zh')}），"
                "药审中心可能另行安排时间。",
                f"Every candidate date is after the type {kind} limit"
                f" ({fmt.date_text(deadline.date, 'en')}); CDE may set another date.",
            )
        )
    if any(c < applied for c in candidates):
        p.warnings.append(("有候选日期早于申请日期。", "A candidate date is before the application date."))

    mt = procedure.materials
    if m.materials_date is not None:
        due, why = m.materials_date, ("产品文件中的资料提交日期", "The materials date in the product file")
    elif mt.with_application:
        due, why = applied, ("会议资料与申请表一并提交", "Materials go in with the application form")
    else:
        due = calendar.add(meeting.date, -mt.days_before_meeting, "calendar")
        why = (f"会前 {mt.days_before_meeting} 日", f"{mt.days_before_meeting} days before the meeting")
    add("materials-due", due, "会议资料提交截止", "Meeting materials due", *why)
    if mt.with_application and due > applied:
        p.warnings.append(
            (
                f"资料提交日期（{fmt.date_text(due, 'zh')}）晚于申请日期；按程序会议资料应与申请表一并提交。",
                f"The materials date ({fmt.date_text(due, 'en')}) is after the application; the"
                " procedure has the materials go in with the application form.",
            )
        )
    if due > meeting.date:
        p.warnings.append(
            ("资料提交日期晚于预计会议日期。", "The materials date is after the expected meeting.")
        )

    ir = procedure.internal_review
    needed = ir.days if review_days is None else review_days
    start = count(due, -needed, ir.counting)
    add(
        "internal-review",
        start,
        "公司内部审核开始（最迟）",
        "Internal review starts (latest)",
        f"资料提交前 {_days(ir, needed, 'zh')}（公司设定）",
        f"{_days(ir, needed, 'en')} before the materials are due (company setting)",
    )
    if ir.counting == "working":
        available = calendar.working_days_between(today, due)
        counted.update(range(min(today, due).year, max(today, due).year + 1))
    else:
        available = (due - today).days
    if available < needed:
        p.warnings.append(
            (
                f"距资料提交日期（{fmt.date_text(due, 'zh')}）仅剩 {available} 个"
                f"{'工作日' if ir.counting == 'working' else '日'}，少于内部审核所需的 {needed} 个。",
                f"Only {available} {'working ' if ir.counting == 'working' else ''}days remain until the"
                f" materials are due ({fmt.date_text(due, 'en')}); the internal review needs {needed}.",
            )
        )
    mn = procedure.minutes
    add(
        "minutes-follow-up",
        count(meeting.date, mn.days, mn.counting),
        "跟进会议纪要",
        "Follow up on the minutes",
        f"会后 {_days(mn, mn.days, 'zh')}（公司设定）",
        f"{_days(mn, mn.days, 'en')} after the meeting (company setting)",
    )
    p.events.sort(key=lambda e: (e.date, e.id))
    uncovered = sorted(counted - set(calendar.years))
    if uncovered:
        years = "、".join(str(y) for y in uncovered)
        p.warnings.append(
            (
                f"节假日数据未包含 {years} 年：这些年份的工作日只扣除了周末。",
                f"No holiday data for {', '.join(str(y) for y in uncovered)}: only weekends are"
                " excluded from working days in those years.",
            )
        )
        p.notes.append(
            (
                "国务院办公厅通常于每年 11 月公布次年节假日安排；请将其加入 holidays-cn.yaml（或公司副本）。",
                "The State Council publishes the next year's holidays each November; add them to"
                " holidays-cn.yaml (or your company copy).",
            )
        )
    return p


def load_procedure(path: Path | None = None) -> tuple[Procedure, Calendar]:
    """The procedure file and its holiday calendar. Raises InputError for a malformed file."""
    path = Path(path) if path else default_procedure()
    procedure = load(path, Procedure)
    holidays = (path.parent / procedure.holidays).resolve()
    if not holidays.is_file():
        raise input_error(
            path,
            f"找不到节假日文件：{procedure.holidays}",
            f"Holiday file not found: {procedure.holidays}",
            field="holidays",
        )
    return procedure, load_calendar(holidays)


# --- output --------------------------------------------------------------------------------


def table(p: Plan, lang: str) -> str:
    """The timeline as aligned text, then warnings and notes."""
    en = lang == "en"
    head = ("Date", "Event", "Basis") if en else ("日期", "事项", "依据")
    rows = [(e.date.isoformat(), e.title(lang), e.basis(lang)) for e in p.events]
    width = [max(_w(r[i]) for r in [head, *rows]) for i in range(2)]
    lines = [f"{_pad(head[0], width[0])}  {_pad(head[1], width[1])}  {head[2]}"]
    lines += [f"{_pad(a, width[0])}  {_pad(b, width[1])}  {c}" for a, b, c in rows]
    for zh, en_text in p.warnings:
        lines.append(("warning: " if en else "警告：") + (en_text if en else zh))
    for zh, en_text in p.notes:
        lines.append(("note: " if en else "说明：") + (en_text if en else zh))
    return "\n".join(lines)


def _w(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _w(text))


def to_json(p: Plan) -> dict:
    return {
        "product": p.product,
        "stage": p.stage,
        "meeting_type": p.meeting_type,
        "today": p.today.isoformat(),
        "events": [
            {
                "id": e.id,
                "date": e.date.isoformat(),
                "title_zh": e.zh,
                "title_en": e.en,
                "basis_zh": e.basis_zh,
                "basis_en": e.basis_en,
            }
            for e in p.events
        ],
        "warnings": [{"zh": zh, "en": en} for zh, en in p.warnings],
        "notes": [{"zh": zh, "en": en} for zh, en in p.notes],
    }
