"""Which documents a package holds, and the one read-only context every template sees.

Templates get :class:`~dossier.record.Record` trees (no dict methods, no Python objects), so a
company template can read everything the product file says and nothing else, and a missing
key is an error rather than a method that is always true. Every value arrives formatted for
its reader: labels for enums, dates and numbers in the language's convention, matrix symbols
in words, question numbers in reading order, references as attachment numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier import blocks as blocks_mod
from dossier import formatting as fmt
from dossier.citation import Citation
from dossier.considerations import applicable
from dossier.consistency import context as consistency_context
from dossier.findings import Finding
from dossier.glossary import used_terms
from dossier.labels import load_labels
from dossier.matrix import Requirement, latest_submission
from dossier.model import DISCIPLINE_EN, DataRef, Discipline, Dossier, Submission
from dossier.numbering import NumberedQuestion, numbered, resolve_ref
from dossier.present import cite_text, dump, join_raw, localized, paren, pick, text_of
from dossier.project import Project
from dossier.record import Record, freeze
from dossier.references import resolve
from dossier.review import review
from dossier.rules.registry import RuleSet
from dossier.selfassess import CITATION as SELF_CITATION
from dossier.selfassess import assess
from dossier.summary import discipline_facts


@dataclass(frozen=True)
class DocSpec:
    """One document of the package."""

    key: str
    template: str
    title_zh: str
    title_en: str
    submit: bool = True
    requirement: Requirement | None = None

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def file_name(self, number: int, lang: str) -> str:
        stem = re.sub(r"[\s/()]+", "_", self.title(lang)).strip("_")
        if not self.submit:
            return f"internal/{stem}.docx"
        return f"{number:02d}_{stem}.docx"


def document_specs(requirements: list[Requirement]) -> list[DocSpec]:
    """The package: form, briefing, self-assessment, each included material, the internal review."""
    specs = [
        DocSpec("application-form", "application_form.md.j2", "沟通交流会议申请表", "Meeting request form"),
        DocSpec("briefing", "briefing.md.j2", "沟通交流会议资料", "Briefing document"),
        DocSpec("self-assessment", "self_assessment.md.j2", "自评估报告", "Self-assessment"),
    ]
    for req in requirements:
        if req.included:
            m = req.material
            specs.append(DocSpec(m.id, f"materials/{m.id}.md.j2", m.name_zh, m.name_en, requirement=req))
    specs.append(
        DocSpec(
            "review-report",
            "review_report.md.j2",
            "内部审核报告（不递交）",
            "Internal review report (not for submission)",
            submit=False,
        )
    )
    return specs


def file_names(specs: list[DocSpec], lang: str) -> dict[str, str]:
    """Package-relative file name of each document, numbered in package order."""
    names, number = {}, 0
    for spec in specs:
        if spec.submit:
            number += 1
        names[spec.key] = spec.file_name(number, lang)
    return names


def attachment_numbers(specs: list[DocSpec]) -> dict[str, int]:
    """附件1 … N: every submitted document after the form and the briefing, in package order."""
    attached = [s for s in specs if s.submit and s.key not in ("application-form", "briefing")]
    return {s.key: n for n, s in enumerate(attached, 1)}


# --- small formatting helpers ----------------------------------------------------------------


def _discipline_name(discipline: Discipline | None, t: Record, lang: str) -> str:
    if discipline is None:
        return t.common.unassigned_discipline
    return DISCIPLINE_EN[discipline] if lang == "en" else discipline.value


def _join(items: list[str], t: Record) -> str:
    return t.common.list_sep.join(items)


def _n(template: str, **values: Any) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


# --- the parts of the context -----------------------------------------------------------------


def _product(d: Dossier, lang: str) -> dict[str, Any]:
    p = d.product
    data = dump(p, lang)
    name, pending = p.in_lang("name", lang)
    other, other_pending = p.in_lang("name", "zh" if lang == "en" else "en")
    both = not pending and not other_pending and other != name
    data["name_full"] = join_raw([name, paren(lang, other)]) if both else data["name"]
    data["name_zh"], data["name_en"] = p.name_zh, p.name_en  # as older company templates read them
    data["route"] = localized(fmt.route_text(p.route, lang), lang, p.in_lang("route", lang))
    modality = fmt.label("modality", p.modality.value, lang)
    detail = [x for x in (p.cell_type, fmt.inline(fmt.label("source", p.source.value, lang), lang)) if x]
    if p.source.value == "none":
        detail = [x for x in (p.vector.type if p.vector else None,) if x]
    data["type_text"] = modality + (
        paren(lang, ", ".join(detail) if lang == "en" else "，".join(detail)) if detail else ""
    )
    return data


def _indication(d: Dossier, lang: str, index: int = 0) -> dict[str, Any]:
    i = d.indications[index]
    data = dump(i, lang)
    line = data["line_of_therapy"]
    open_, close = (" (", ")") if lang == "en" else ("（", "）")
    data["line_suffix"] = join_raw([open_, line, close]) if line else ""
    return data


def _clinical_text(d: Dossier, lang: str) -> dict[str, Any]:
    """The clinical facts that are numbers or organs, formatted with units for the page."""
    c = d.clinical
    en = lang == "en"

    def num(x: float | int | None, unit: str) -> str | None:
        return None if x is None else fmt.number_text(x, lang, unit)

    def day(x: int | None) -> str | None:
        return None if x is None else (f"day {x}" if en else f"第 {x} 天")

    return {
        "stagger_interval": num(c.dosing.stagger_interval_days, "days"),
        "dlt_window": num(c.dlt.window_days, "days"),
        "dlt_organs": (", " if en else "、").join(fmt.organ_text(o, lang) for o in c.dlt.organs) or None,
        "sample_size": num(c.pivotal.sample_size, "subjects"),
        "ltfu": num(c.long_term_follow_up_years, "years"),
        "toxicities": [
            {
                "organ": fmt.organ_text(t.organ, lang),
                "finding": t.finding,
                "onset": day(t.onset_day),
                "duration": num(t.duration_days, "days"),
            }
            for t in c.nonclinical_toxicities
        ],
    }


def _agenda(d: Dossier, numbers: dict[int, int], t: Record, lang: str) -> list[dict[str, Any]]:
    items = []
    for a in d.meeting.agenda:
        printed = sorted(
            {numbers[p] for p in (resolve_ref(d.questions, ref) for ref in a.questions) if p is not None}
        )
        labels = [_n(t.common.question_n, n=n) for n in printed]
        suffix = paren(lang, _n(t.form.discusses, questions=_join(labels, t))) if labels else ""
        items.append(
            {
                "item": text_of(a, "item", lang),
                "minutes": a.minutes,
                "presenter": text_of(a, "presenter", lang),
                "questions_suffix": suffix,
            }
        )
    return items


def _meeting(d: Dossier, stage_title: str, numbers: dict[int, int], t: Record, lang: str) -> dict[str, Any]:
    m = d.meeting
    type_label = fmt.label("meeting_type", m.type.value, lang)
    format_label = fmt.label("meeting_format", m.format.value, lang)
    sep = ", " if lang == "en" else "，"
    dates = [fmt.date_text(x, lang) for x in m.candidate_dates]
    return {
        "type_label": type_label,
        "format_label": format_label,
        "summary": stage_title + paren(lang, type_label + sep + format_label),
        "purpose": text_of(m, "purpose", lang),
        "disciplines": [_discipline_name(x, t, lang) for x in m.disciplines],
        "date_slots": dates + [None] * (3 - len(dates)),
        "materials_date": fmt.date_text(m.materials_date, lang) if m.materials_date else None,
        "application_date": fmt.date_text(m.application_date, lang) if m.application_date else None,
        "contacts": dump(m.contacts, lang),
        "agenda": _agenda(d, numbers, t, lang),
        "agenda_minutes": sum(a.minutes for a in m.agenda),
        "attendees": [
            {
                "name": a.name,
                "title": text_of(a, "title", lang),
                "role": text_of(a, "role", lang),
                "affiliation": text_of(a, "affiliation", lang),
                "note": _join(
                    [x for x, on in ((t.common.expert, a.expert), (t.common.translator, a.translator)) if on],
                    t,
                ),
            }
            for a in m.attendees
        ],
    }


def _reference_text(project: Project, ref: Any, attachments: dict[str, int], t: Record, lang: str) -> str:
    target = resolve(project.matrix.materials, ref)
    if target.material is None or target.material.id not in attachments:
        return target.written + t.question.not_in_package
    name = pick(lang, target.material.name_zh, target.material.name_en)
    label = _n(t.common.attachment_n, n=attachments[target.material.id])
    section: Any = target.section or ""
    if section and isinstance(ref, DataRef):
        section = text_of(ref, "section", lang)
    elif section:
        section = localized(section, lang)
    if lang == "en":
        return join_raw([f"{label}, {name}", ", section " if section else "", section])
    return join_raw([f"{label}《{name}》", section])


def _question(
    project: Project, nq: NumberedQuestion, attachments: dict[str, int], t: Record, lang: str
) -> dict[str, Any]:
    q = nq.question
    data = dump(q, lang)
    data["number"] = nq.number
    data["file_position"] = nq.position
    data["label"] = _n(t.common.question_n, n=nq.number)
    data["refs"] = [_reference_text(project, r, attachments, t, lang) for r in q.supporting_data]
    return data


def _question_groups(questions: list[dict[str, Any]], nqs: list[NumberedQuestion], d: Dossier, t, lang):
    groups: list[dict[str, Any]] = []
    for data, nq in zip(questions, nqs, strict=True):
        if not groups or groups[-1]["key"] != nq.discipline:
            groups.append(
                {
                    "key": nq.discipline,
                    "discipline": _discipline_name(nq.discipline, t, lang),
                    "questions": [],
                    "facts": discipline_facts(d, nq.discipline, lang),
                }
            )
        groups[-1]["questions"].append(data)
    for g in groups:
        del g["key"]
    return groups


def _where(project: Project, submission: Submission, lang: str) -> str:
    """Where an earlier submission went: a meeting on record, a stage, or the text as given."""
    d = project.dossier
    meeting = next((m for m in d.previous_meetings if m.id == submission.meeting), None)
    if meeting is not None:
        return _meeting_heading(project, meeting, lang)
    stage = next((s for s in project.matrix.stages if s.id.value == submission.meeting), None)
    if stage is not None:
        return _stage_title(stage.id.value, lang)
    applications = {
        "ind": ("临床试验申请（IND）", "clinical trial application (IND)"),
        "nda": ("上市许可申请", "marketing application"),
        "bla": ("上市许可申请", "marketing application"),
    }
    if submission.meeting and submission.meeting.strip().lower() in applications:
        zh, en = applications[submission.meeting.strip().lower()]
        return en if lang == "en" else zh
    return submission.meeting or ""


def _stage_title(stage_id: str, lang: str) -> str:
    """临床试验申请前沟通交流 / Pre-IND meeting (…): a key-stage meeting as documents name it."""
    return load_labels(lang).stages[stage_id.replace("-", "_")]


def _meeting_heading(project: Project, meeting, lang: str) -> str:
    if meeting.stage is not None:
        what = _stage_title(meeting.stage.value, lang)
    else:
        what = meeting.subject or meeting.id
    detail = [fmt.date_text(meeting.date, lang), fmt.label("meeting_type", meeting.type.value, lang)]
    if meeting.reference:
        detail.append(meeting.reference)
    return what + paren(lang, (", " if lang == "en" else "，").join(detail))


def _earlier_meetings(project: Project, lang: str) -> list[dict[str, Any]]:
    out = []
    for m in sorted(project.dossier.previous_meetings, key=lambda m: m.date):
        agreements = []
        for a in m.agreements:
            prefix = []
            if a.question is not None:
                prefix.append(f"Q{a.question}" if lang == "en" else f"问题{a.question}")
            if a.element:
                prefix.append(a.element)  # a controlled term (see the lifecycle's agreement elements)
            agreements.append(
                join_raw([f"[{', '.join(prefix)}] " if prefix else "", text_of(a, "text", lang)])
            )
        out.append(
            {
                "heading": _meeting_heading(project, m, lang),
                "questions": dump(m.questions, lang),
                "agreements": agreements,
            }
        )
    return out


def _submission(project: Project, s: Submission, lang: str) -> dict[str, Any]:
    material = project.matrix.material(s.material)
    return {
        "material": s.material,
        "material_name": pick(lang, material.name_zh, material.name_en) if material else s.material,
        "version": s.version,
        "date": fmt.date_text(s.date, lang),
        "meeting": _where(project, s, lang),
        "changes": text_of(s, "changes", lang),
    }


def _requirement(
    project: Project,
    req: Requirement,
    attachments: dict[str, int],
    t: Record,
    lang: str,
    statuses: dict[str, str],
) -> dict[str, Any]:
    m = req.material
    earlier = latest_submission(project.dossier, m.id)
    included = t.common.answer_yes if req.included else t.common.answer_no
    return {
        "id": m.id,
        "name": pick(lang, m.name_zh, m.name_en),
        "symbols_text": fmt.symbols_text(req.cell.raw, lang, req.revision_history),
        "status_label": fmt.label("status", req.status, lang),
        "included": req.included,
        "included_text": included,
        "brief": req.brief,
        "revision_history": req.revision_history,
        "earlier": _submission(project, earlier, lang) if earlier else None,
        "attachment": _n(t.common.attachment_n, n=attachments[m.id]) if m.id in attachments else None,
        "tracking_status": statuses.get(m.id, ""),
    }


def _self_assessment(project, ruleset, findings, stage_name, requirements, lang):
    points = assess(project.dossier, stage_name, requirements, findings, ruleset, lang)
    return [
        {
            "number": p.number,
            "answer": p.answer,
            "answer_label": fmt.label("answer", p.answer, lang),
            "basis": p.basis,
            "missing": p.missing,
        }
        for p in points
    ]


def _strings(value: Any) -> list[str]:
    """Every string inside a nested value (to find the abbreviations a package uses)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _abbreviations(d: Dossier, questions: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """The glossary terms the product file's text uses: the briefing's 缩略语 table."""
    texts = _strings(d.model_dump(mode="json", exclude={"clinical": {"confirm"}})) + _strings(questions)
    return [
        dict(zip(("abbr", "full", "zh"), term.row(lang), strict=True)) for term in used_terms(texts, lang)
    ]


SEED_002 = "002_b2acee319bd1d3c3.txt"


def _procedure_citations(lang: str) -> dict[str, str]:
    """Citations for placeholders: why the author is asked to write this."""

    def c(source: str, section: str) -> str:
        return cite_text(Citation(source=source, section=section), lang)

    form = "药物研发与技术审评沟通交流管理办法（试行）附件：沟通交流会议申请表"
    return {
        "form": c(form, "申请表"),
        "questions": c("002_b2acee319bd1d3c3.txt", "三（三）沟通交流的问题"),
        "disciplines": c("002_b2acee319bd1d3c3.txt", "三（四）沟通交流的学科"),
        "contacts": c("药物研发与技术审评沟通交流管理办法（2020）", "药品注册专员"),
        "data_summary": c(form, "会议资料"),
        "other_materials": c("002_b2acee319bd1d3c3.txt", "三（二）沟通交流的资料准备"),
        "revision": c("002_b2acee319bd1d3c3.txt", "六、附件 注4"),
    }


def _fill_function(lang: str):
    from dossier.templates import fill as raw_fill

    def fill(hint: str, cite: str | None = None) -> Any:
        if lang == "en":
            return raw_fill(f"To write: {hint}" + (f" (see {cite})" if cite else ""))
        return raw_fill(f"请填写：{hint}" + (f"（依据：{cite}）" if cite else ""))

    return fill


def context(
    project: Project,
    ruleset: RuleSet,
    findings: list[Finding],
    lang: str,
    specs: list[DocSpec],
    statuses: dict[str, str] | None = None,
    company: Path | None = None,
) -> dict[str, Any]:
    """Everything the templates may use, as plain data (frozen per document by ``for_document``)."""
    d = project.dossier
    t = load_labels(lang, company)
    requirements = project.requirements()
    stage_info = project.matrix.stage(d.meeting.stage)
    stage_name = pick(lang, stage_info.name_zh, stage_info.name_en) or ""
    nqs = numbered(list(d.questions))
    numbers = {nq.position: nq.number for nq in nqs}
    attachments = attachment_numbers(specs)
    attachment_by_material = {
        s.key: attachments[s.key] for s in specs if s.requirement is not None and s.key in attachments
    }
    questions = [_question(project, nq, attachment_by_material, t, lang) for nq in nqs]
    return {
        "lang": lang,
        "t": t,
        "cite": _procedure_citations(lang),
        "stage": {
            "id": d.meeting.stage.value,
            "name": stage_name,
            "title": _stage_title(d.meeting.stage.value, lang),
            "at": _stage_title(d.meeting.stage.value, lang),
            "citation": cite_text(stage_info.citation, lang),
        },
        "matrix": {
            "title": pick(lang, project.matrix.title_zh, project.matrix.title_en),
            "version": project.matrix.version,
            "citation": cite_text(project.matrix.citation, lang),
        },
        "product": _product(d, lang),
        "indications": [_indication(d, lang, n) for n in range(len(d.indications))],
        "indication": _indication(d, lang),
        "meeting": _meeting(d, _stage_title(d.meeting.stage.value, lang), numbers, t, lang),
        "questions": questions,
        "question_groups": _question_groups(questions, nqs, d, t, lang),
        "consistency": consistency_context(d, lang),
        "earlier_meetings": _earlier_meetings(project, lang),
        "earlier_submissions": [
            _submission(project, s, lang)
            for s in sorted(d.previous_submissions, key=lambda s: (s.date, s.version))
        ],
        "requirements": [
            _requirement(project, r, attachment_by_material, t, lang, statuses or {}) for r in requirements
        ],
        "attachments": [
            {"label": _n(t.common.attachment_n, n=n), "title": s.title(lang)}
            for s in specs
            for key, n in attachments.items()
            if key == s.key
        ],
        "considerations": [
            {
                "title": c.title.get(lang),
                "prompt": c.prompt.get(lang),
                "citation": cite_text(c.citation, lang),
            }
            for c in applicable(d)
        ],
        "self_assessment": _self_assessment(project, ruleset, findings, stage_name, requirements, lang),
        "self_assessment_citation": SELF_CITATION.text(lang),
        "document_date": fmt.date_text(document_date(project), lang),
        "abbreviations": _abbreviations(d, questions, lang),
        "review": review(findings, ruleset, specs, questions, t, lang),
        "clinical": dump(d.clinical, lang),
        "clinical_text": _clinical_text(d, lang),
    }


def for_document(
    base: dict[str, Any],
    spec: DocSpec,
    project: Project,
    lang: str,
    company: Path | None = None,
) -> dict[str, Any]:
    """The base context plus this document's own facts, its blocks and placeholders, frozen."""
    doc = blocks_mod.DocFacts()
    extra: dict[str, Any] = {}
    req = spec.requirement
    if req is not None:
        material = next(r for r in base["requirements"] if r["id"] == req.material.id)
        history = sorted(
            (s for s in project.dossier.previous_submissions if s.material == req.material.id),
            key=lambda s: (s.date, s.version),
        )
        doc = blocks_mod.DocFacts(
            material=req.material.id,
            earlier=bool(history),
            brief=req.brief,
            revision_history=req.revision_history,
        )
        section = req.material.section or "六、附件"
        cite = {**base["cite"], "material": cite_text(Citation(source=SEED_002, section=section), lang)}
        extra = {
            "material": material,
            "history": [_submission(project, s, lang) for s in history],
            "cite": cite,
        }
    fns = {
        "block": blocks_mod.block_function(blocks_mod.load_blocks(company), project.dossier, lang, doc),
        "fill": _fill_function(lang),
    }
    return {**{k: freeze(v) for k, v in {**base, **extra}.items()}, **fns}


def document_date(project: Project) -> dt.date:
    """The date printed on and stamped into the package: fixed by the input, never 'today'."""
    d = project.dossier
    return d.document_date or d.meeting.materials_date or dt.date(2000, 1, 1)
