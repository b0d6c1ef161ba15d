"""Which documents a package holds, and the data each template sees.

Templates get plain dictionaries and lists (no Python objects), so a company template can read
everything the product file says and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dossier.considerations import applicable
from dossier.findings import Finding
from dossier.matrix import Requirement
from dossier.model import DISCIPLINE_EN, Discipline
from dossier.project import Project
from dossier.rules.registry import RuleSet
from dossier.selfassess import CITATION as SELF_CITATION
from dossier.selfassess import assess

LABELS = {
    "modality": {
        "stem-cell": ("人源性干细胞及其衍生细胞治疗产品", "Human stem-cell or stem-cell-derived product"),
        "immune-cell": ("免疫细胞治疗产品", "Immune-cell therapy product"),
        "gene-therapy": ("基因治疗产品", "Gene therapy product"),
    },
    "source": {
        "autologous": ("自体", "autologous"),
        "allogeneic": ("同种异体", "allogeneic"),
        "none": ("不适用（不含细胞）", "not applicable (no cells)"),
    },
    "format": {
        "face-to-face": ("面对面会议", "face-to-face meeting"),
        "video": ("视频会议", "video conference"),
        "telephone": ("电话会议", "teleconference"),
        "written": ("书面回复", "written response"),
    },
    "type": {"I": ("I类会议", "Type I"), "II": ("II类会议", "Type II"), "III": ("III类会议", "Type III")},
    "status": {
        "required": ("必须提交", "required"),
        "optional": ("可以提交", "optional"),
        "not-needed": ("不必提交", "not needed"),
    },
    "severity": {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")},
    "answer": {
        "yes": ("是", "Yes"),
        "partly": ("部分满足", "Partly"),
        "no": ("否", "No"),
        "author": ("请申请人评估", "For the applicant to assess"),
    },
}
DISCIPLINE_ORDER = [
    Discipline.CMC,
    Discipline.PHARM_TOX,
    Discipline.CLIN_PHARM,
    Discipline.CLINICAL,
    Discipline.STATISTICS,
]


def label(kind: str, value: str, lang: str) -> str:
    zh, en = LABELS[kind][value]
    return en if lang == "en" else zh


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


def _requirement(
    req: Requirement, lang: str, files: dict[str, str], statuses: dict[str, str]
) -> dict[str, Any]:
    m = req.material
    prior = req.update_of
    return {
        "id": m.id,
        "name": m.name_en if lang == "en" else m.name_zh,
        "symbols": req.cell.raw,
        "status": req.status,
        "status_label": label("status", req.status, lang),
        "included": req.included,
        "update": req.update,
        "brief": req.brief,
        "revision_history": req.revision_history,
        "description": req.describe(lang),
        "updates": None
        if prior is None
        else {"version": prior.version, "date": prior.date.isoformat(), "meeting": prior.meeting},
        "file": files.get(m.id, ""),
        "tracking_status": statuses.get(m.id, ""),
    }


def _questions(project: Project, lang: str) -> tuple[list[dict], list[dict]]:
    flat = []
    for number, q in enumerate(project.dossier.questions, 1):
        d = q.model_dump(mode="json")
        d["number"] = number
        flat.append(d)
    groups = []
    present = [q.discipline for q in project.dossier.questions]
    for discipline in [*DISCIPLINE_ORDER, None]:
        members = [q for q, disc in zip(flat, present, strict=True) if disc == discipline]
        if members:
            name = (
                ("Unassigned" if lang == "en" else "未标明学科")
                if discipline is None
                else (DISCIPLINE_EN[discipline] if lang == "en" else discipline.value)
            )
            groups.append({"discipline": name, "questions": members})
    return flat, groups


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "severity_label": label("severity", f.severity.value, lang),
        "message": f.message(lang),
        "citation": f.citation.text(lang),
        "location": f.where(),
    }


def context(
    project: Project,
    ruleset: RuleSet,
    findings: list[Finding],
    lang: str,
    files: dict[str, str],
    statuses: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the templates may use, as plain data."""
    d = project.dossier
    requirements = project.requirements()
    stage_info = project.matrix.stage(d.meeting.stage)
    stage_name = stage_info.name_en if lang == "en" else stage_info.name_zh
    product = d.product.model_dump(mode="json")
    product["name"] = d.product.name_en if lang == "en" else d.product.name_zh
    product["modality_label"] = label("modality", d.product.modality.value, lang)
    product["source_label"] = label("source", d.product.source.value, lang)
    meeting = d.meeting.model_dump(mode="json")
    meeting["type_label"] = label("type", d.meeting.type.value, lang)
    meeting["format_label"] = label("format", d.meeting.format.value, lang)
    meeting["agenda_minutes"] = sum(a.minutes for a in d.meeting.agenda)
    flat, groups = _questions(project, lang)
    points = assess(d, stage_name, requirements, findings, ruleset, lang)
    statuses = statuses or {}
    return {
        "lang": lang,
        "stage": {
            "id": d.meeting.stage.value,
            "name": stage_name,
            "citation": stage_info.citation.text(lang),
        },
        "matrix": {
            "title": project.matrix.title_en if lang == "en" else project.matrix.title_zh,
            "version": project.matrix.version,
            "citation": project.matrix.citation.text(lang),
            "symbols": {k: v.get(lang) for k, v in project.matrix.symbols.items()},
        },
        "product": product,
        "indications": [i.model_dump(mode="json") for i in d.indications],
        "indication": d.indications[0].model_dump(mode="json"),
        "meeting": meeting,
        "questions": flat,
        "question_groups": groups,
        "previous_submissions": [_submission(s, project, lang) for s in d.previous_submissions],
        "requirements": [_requirement(r, lang, files, statuses) for r in requirements],
        "considerations": [
            {"title": c.title.get(lang), "prompt": c.prompt.get(lang), "citation": c.citation.text(lang)}
            for c in applicable(d)
        ],
        "self_assessment": [
            {
                "number": p.number,
                "answer": p.answer,
                "answer_label": label("answer", p.answer, lang),
                "basis": p.basis,
                "missing": p.missing,
            }
            for p in points
        ],
        "self_assessment_citation": SELF_CITATION.text(lang),
        "findings": [_finding(f, lang) for f in findings],
        "finding_counts": {
            s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")
        },
        "clinical": d.clinical.model_dump(mode="json"),
        "document_date": document_date(project).isoformat(),
        "files": files,
    }


def material_context(base: dict[str, Any], spec: DocSpec, project: Project, lang: str) -> dict[str, Any]:
    """The base context plus the material this document is for and its revision history."""
    req = spec.requirement
    assert req is not None
    history = sorted(
        (s for s in project.dossier.previous_submissions if s.material == req.material.id),
        key=lambda s: (s.date, s.version),
    )
    material = next(r for r in base["requirements"] if r["id"] == req.material.id)
    return {**base, "material": material, "history": [_submission(s, project, lang) for s in history]}


def _submission(submission, project: Project, lang: str) -> dict[str, Any]:
    """An earlier submission, with the material's name and the meeting spelled out."""
    data = submission.model_dump(mode="json")
    material = project.matrix.material(submission.material)
    data["material_name"] = submission.material
    if material is not None:
        data["material_name"] = material.name_en if lang == "en" else material.name_zh
    stage = next((s for s in project.matrix.stages if s.id.value == submission.meeting), None)
    if stage is not None:
        data["meeting"] = stage.name_en if lang == "en" else stage.name_zh
    return data


def document_date(project: Project) -> dt.date:
    """The date printed on and stamped into the package: fixed by the input, never 'today'."""
    d = project.dossier
    return d.document_date or d.meeting.materials_date or dt.date(2000, 1, 1)
