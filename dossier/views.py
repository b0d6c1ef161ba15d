"""Text and JSON views of the matrix, a meeting's requirements and findings, for the console."""

from __future__ import annotations

import json

from dossier.findings import Finding
from dossier.matrix import Matrix
from dossier.model import Dossier, QuestionSet, Stage
from dossier.project import Project
from dossier.report import findings_table, table, to_json


def pick_stages(stage: str | None) -> list[Stage]:
    """All three stages, or the one asked for. Raises InputError for an unknown stage."""
    if stage is None:
        return list(Stage)
    try:
        return [Stage(stage.strip().lower())]
    except ValueError:
        from dossier.errors import input_error

        allowed = ", ".join(s.value for s in Stage)
        raise input_error(
            "--stage",
            f"未知的阶段“{stage}”。允许的取值：{allowed}",
            f"Unknown stage '{stage}'. Allowed values: {allowed}",
        ) from None


def matrix_json(matrix: Matrix, stages: list[Stage]) -> str:
    data = {
        "id": matrix.id,
        "version": matrix.version,
        "citation": matrix.citation.to_json(),
        "stages": [s.value for s in stages],
        "symbols": {k: v.model_dump() for k, v in matrix.symbols.items()},
        "materials": [
            {
                "id": m.id,
                "name_zh": m.name_zh,
                "name_en": m.name_en,
                "requirements": {s.value: m.requirements[s] for s in stages},
            }
            for m in matrix.materials
        ],
    }
    return to_json(data)


def _stage_name(matrix: Matrix, stage: Stage, lang: str) -> str:
    info = matrix.stage(stage)
    return info.name_en if lang == "en" else info.name_zh


def _legend(matrix: Matrix, lang: str) -> list[str]:
    return [f"{symbol}  {text.get(lang)}" for symbol, text in matrix.symbols.items()]


def matrix_table(matrix: Matrix, stages: list[Stage], lang: str) -> str:
    headers = ["资料" if lang != "en" else "Material"] + [_stage_name(matrix, s, lang) for s in stages]
    rows = [
        [m.name_en if lang == "en" else m.name_zh] + [m.requirements[s] for s in stages]
        for m in matrix.materials
    ]
    cite = ("依据：" if lang != "en" else "Source: ") + matrix.citation.text(lang)
    return "\n".join([table(headers, rows), "", *_legend(matrix, lang), "", cite])


def matrix_markdown(matrix: Matrix, stages: list[Stage], lang: str) -> str:
    headers = ["资料" if lang != "en" else "Material"] + [_stage_name(matrix, s, lang) for s in stages]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for m in matrix.materials:
        name = m.name_en if lang == "en" else m.name_zh
        lines.append("| " + " | ".join([name] + [m.requirements[s] for s in stages]) + " |")
    lines.append("")
    lines += [f"- `{symbol}` {text.get(lang)}" for symbol, text in matrix.symbols.items()]
    lines += [
        "",
        ("依据：" if lang != "en" else "Source: ") + matrix.citation.text(lang),
    ]
    return "\n".join(lines)


def requirements_rows(project: Project) -> list[dict]:
    """The requirements of a project as plain records (shared by JSON and the table)."""
    rows = []
    for req in project.requirements():
        prior = req.update_of
        rows.append(
            {
                "id": req.material.id,
                "name_zh": req.material.name_zh,
                "name_en": req.material.name_en,
                "symbols": req.cell.raw,
                "status": req.status,
                "included": req.included,
                "update": req.update,
                "updates": None
                if prior is None
                else {
                    "version": prior.version,
                    "date": prior.date.isoformat(),
                    "meeting": prior.meeting,
                },
                "never_submitted": req.missing_earlier,
                "revision_history": req.revision_history,
                "brief": req.brief,
                "description_zh": req.describe("zh"),
                "description_en": req.describe("en"),
            }
        )
    return rows


def requirements_json(project: Project) -> str:
    meeting = project.dossier.meeting
    return to_json(
        {
            "file": str(project.path),
            "stage": meeting.stage.value,
            "matrix": {"id": project.matrix.id, "version": project.matrix.version},
            "citation": project.matrix.citation.to_json(),
            "materials": requirements_rows(project),
        }
    )


def requirements_table(project: Project, lang: str) -> str:
    d: Dossier = project.dossier
    en = lang == "en"
    stage = _stage_name(project.matrix, d.meeting.stage, lang)
    title = d.product.name_en if en else d.product.name_zh
    head = f"{title} — {stage}"
    headers = ["Material", "Annex", "In package", "What it asks"] if en else ["资料", "附件", "纳入", "要求"]
    rows, flags = [], []
    for row in requirements_rows(project):
        rows.append(
            [
                row["name_en"] if en else row["name_zh"],
                row["symbols"],
                ("yes" if row["included"] else "no") if en else ("是" if row["included"] else "否"),
                row["description_en"] if en else row["description_zh"],
            ]
        )
        if row["never_submitted"]:
            flags.append(
                f"! {row['name_en']}: '#' asks for an update, but no earlier submission is recorded"
                " in previous_submissions."
                if en
                else f"！{row['name_zh']}：“#”要求在既往提交基础上更新，"
                "但 previous_submissions 中没有既往提交记录。"
            )
    cite = ("Source: " if en else "依据：") + project.matrix.citation.text(lang)
    return "\n".join([head, "", table(headers, rows), *([""] + flags if flags else []), "", cite])


WORDING_ONLY = (
    "仅检查问题的表述：纯文本问题清单没有背景、目的、申请人观点、依据和产品信息，其他规则不适用。",
    "Only the wording rules apply: a plain list of questions has no background, purpose,"
    " position, basis or product for the other rules to read.",
)


def findings_out(findings: list[Finding], fmt: str, lang: str, wording_only: bool = False) -> str:
    """Findings as JSON or as the console table; ``wording_only`` says only wording rules ran."""
    note = WORDING_ONLY[1 if lang == "en" else 0]
    if fmt == "json":
        data: dict = {"findings": [f.to_json() for f in findings]}
        if wording_only:
            data = {"scope": "wording", "note_zh": WORDING_ONLY[0], "note_en": WORDING_ONLY[1], **data}
        return to_json(data)
    out = findings_table(findings, lang)
    return f"{note}\n\n{out}" if wording_only else out


def schema_json(questions: bool = False) -> str:
    from dossier.bilingual import widen_schema

    model = QuestionSet if questions else Dossier
    return json.dumps(widen_schema(model.model_json_schema()), ensure_ascii=False, indent=2)


def status_out(report: dict, fmt: str, lang: str) -> str:
    """A checklist's completeness report as JSON or text."""
    if fmt == "json":
        return to_json(report)
    en = lang == "en"
    lines = [f"{report['product']} — {report['stage']}  ({report['file']})", ""]
    if report["complete"]:
        lines.append(
            "Complete: every required material is final and no error is open."
            if en
            else "已完成：必需资料均已定稿，无未处理的错误。"
        )
        return "\n".join(lines)
    sections = [
        (
            "not_final",
            "Required materials not yet final" if en else "尚未定稿的必需资料",
            lambda m: f"{m['name']}  [{m['status']}]" + (f"  {m['owner']}" if m["owner"] else ""),
        ),
        (
            "overdue",
            f"Overdue (as of {report['today']})" if en else f"已逾期（截至 {report['today']}）",
            lambda m: f"{m['name']}  {m['due']}  [{m['status']}]",
        ),
        (
            "open_errors",
            "Open error findings" if en else "未处理的错误级发现",
            lambda e: f"{e['rule_id']}  {e['message']}",
        ),
    ]
    for key, title, show in sections:
        if report[key]:
            lines.append(f"{title} ({len(report[key])}):")
            lines += [f"  - {show(item)}" for item in report[key]]
            lines.append("")
    return "\n".join(lines).rstrip()
