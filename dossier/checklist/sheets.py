"""What each sheet of the checklist holds: materials, questions, findings, self-assessment, annex."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dossier import __version__
from dossier.checklist import layout, validation
from dossier.checklist.labels import (
    DATE_FORMAT,
    FIELDS,
    RESOLUTIONS,
    SELF_POINTS,
    STATUSES,
    TITLES,
    header,
    pick,
    sheet_name,
    word,
)
from dossier.checklist.layout import Column
from dossier.documents import document_date, document_specs, file_names
from dossier.findings import Finding
from dossier.formatting import date_text, inline, label, symbol_legend, symbols_text
from dossier.matrix import latest_submission
from dossier.model import Stage
from dossier.numbering import numbered
from dossier.project import Project
from dossier.report import width as display_width
from dossier.rules.registry import RuleSet
from dossier.selfassess import assess


def _fitted(values: Sequence[Any], floor: float, cap: float) -> float:
    """A column width from its widest line (CJK counts double), between floor and cap."""
    lines = [line for v in values if v not in (None, "") for line in str(v).splitlines()]
    widest = max((display_width(line) for line in lines), default=0)
    return min(max(widest + 2, floor), cap)


def _letter(columns: Sequence[Column], key: str) -> str:
    return get_column_letter([c.key for c in columns].index(key) + 1)


def _with(text: str, aside: str | None, lang: str) -> str:
    """``text（aside）`` / ``text (aside)``; ``text`` alone when there is nothing aside."""
    if not aside:
        return text
    return f"{text} ({aside})" if lang == "en" else f"{text}（{aside}）"


def _product_line(project: Project, lang: str) -> str:
    product = project.dossier.product
    return _with(pick((product.name_zh, product.name_en), lang), product.code, lang)


def _stage_name(project: Project, lang: str) -> str:
    stage = project.matrix.stage(project.dossier.meeting.stage)
    return pick((stage.name_zh, stage.name_en), lang)


def _short_block(ws: Worksheet, key: str, project: Project, columns: Sequence[Column], lang: str) -> int:
    fields = [
        (pick(FIELDS["product"], lang), _product_line(project, lang)),
        (pick(FIELDS["stage"], lang), _stage_name(project, lang)),
    ]
    return layout.title_block(ws, pick(TITLES[key], lang), fields, columns, lang)


def _finish(
    ws: Worksheet,
    top: int,
    last: int,
    columns: Sequence[Column],
    project: Project,
    lang: str,
    first_column: bool,
    one_page: bool = False,
) -> None:
    layout.fit_rows(ws, top, last, columns)
    layout.freeze(ws, top, first_column)
    layout.print_setup(ws, top, _product_line(project, lang), lang, one_page)


# --- materials -----------------------------------------------------------------------------


def _material_rows(project: Project, lang: str) -> list[list[Any]]:
    requirements = project.requirements()
    files = file_names(document_specs(requirements), lang)
    due = project.dossier.meeting.materials_date
    statuses = STATUSES[lang]
    rows = []
    for req in requirements:
        m = req.material
        earlier = latest_submission(project.dossier, m.id)  # the same fact the Word documents print
        updates = "" if earlier is None else f"{earlier.version}\n{date_text(earlier.date, lang)}"
        rows.append(
            [
                pick((m.name_zh, m.name_en), lang),
                f"{req.cell.raw} {symbols_text(req.cell.raw, lang, req.revision_history)}",
                updates,
                files.get(m.id, ""),
                "",
                due if req.included else None,
                statuses[0] if req.included else statuses[4],
                "",
                "",
                m.id,
            ]
        )
    return rows


def _material_columns(rows: list[list[Any]], lang: str) -> list[Column]:
    def h(key: str) -> str:
        return header("materials", key, lang)

    return [
        Column("name", h("name"), _fitted([r[0] for r in rows], 12, 18)),
        Column("requirement", h("requirement"), _fitted([r[1] for r in rows], 16, 24)),
        Column("updates", h("updates"), _fitted([r[2] for r in rows], 8, 14)),
        Column("file", h("file"), _fitted([r[3] for r in rows], 12, 18)),
        Column("owner", h("owner"), 8),
        Column("due", h("due"), 12, number_format=DATE_FORMAT),
        Column("status", h("status"), 8 if lang != "en" else 11),
        Column("reviewer", h("reviewer"), 8 if lang != "en" else 10),
        Column("notes", h("notes"), 14 if lang != "en" else 12),
        Column("id", h("id"), 24, hidden=True),
    ]


def _title_fields(project: Project, lang: str) -> list[tuple[str, Any]]:
    d = project.dossier
    meeting = _with(
        label("meeting_type", d.meeting.type, lang),
        inline(label("meeting_format", d.meeting.format, lang), lang),
        lang,
    )
    version = _with(
        date_text(document_date(project), lang), word("written_by", lang).format(version=__version__), lang
    )
    values = {
        "product": pick((d.product.name_zh, d.product.name_en), lang),
        "code": d.product.code or word("none", lang),
        "stage": _stage_name(project, lang),
        "meeting": meeting,
        "due": date_text(d.meeting.materials_date, lang),
        "version": version,
    }
    return [
        (pick(FIELDS[key], lang), values[key])
        for key in ("product", "code", "stage", "meeting", "due", "version")
    ]


def materials(wb: Workbook, project: Project, lang: str) -> None:
    """One row per annex material, named in words, with owner, due date, status and reviewer."""
    rows = _material_rows(project, lang)
    columns = _material_columns(rows, lang)
    ws = layout.new_sheet(wb, sheet_name("materials", lang))
    top = layout.title_block(ws, pick(TITLES["materials"], lang), _title_fields(project, lang), columns, lang)
    last = layout.table(ws, top, columns, rows, lang)
    status, due = _letter(columns, "status"), _letter(columns, "due")
    first = top + 1
    statuses = STATUSES[lang]
    validation.dropdown(ws, f"{status}{first}:{status}{last}", statuses, word("status", lang), lang)
    validation.dates_only(ws, f"{due}{first}:{due}{last}", lang)
    validation.value_colours(ws, status, first, last, statuses, validation.STATUS_FILLS)
    validation.overdue_red(ws, due, status, first, last, statuses[3:])
    _finish(ws, top, last, columns, project, lang, first_column=True)


# --- questions -----------------------------------------------------------------------------


def _question_findings(findings: list[Finding], lang: str) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    for f in findings:
        if f.question:
            out.setdefault(f.question, []).append(f"{f.rule_id}: {f.message(lang)}")
    return {position: "\n".join(lines) for position, lines in out.items()}


def questions(wb: Workbook, project: Project, findings: list[Finding], lang: str) -> None:
    """Each question with its printed number, discipline, findings, owner, status and CDE's answer."""
    notes = _question_findings(findings, lang)
    rows = [
        [
            nq.number,
            label("discipline", nq.discipline, lang) if nq.discipline else "",
            nq.question.text,
            notes.get(nq.position, ""),
            "",
            STATUSES[lang][0],
            "",
            "",
        ]
        for nq in numbered(list(project.dossier.questions))
    ]
    widths = {
        "number": 6 if lang != "en" else 5,
        "discipline": 8 if lang != "en" else 12,
        "question": 36 if lang != "en" else 34,
        "findings": 26,
        "owner": 8,
        "status": 8 if lang != "en" else 11,
        "response": 22 if lang != "en" else 20,
        "follow_up": 14,
    }
    columns = [Column(key, header("questions", key, lang), width) for key, width in widths.items()]
    ws = layout.new_sheet(wb, sheet_name("questions", lang))
    top = _short_block(ws, "questions", project, columns, lang)
    last = max(layout.table(ws, top, columns, rows, lang), top + 1)
    status = _letter(columns, "status")
    validation.dropdown(ws, f"{status}{top + 1}:{status}{last}", STATUSES[lang], word("status", lang), lang)
    validation.value_colours(ws, status, top + 1, last, STATUSES[lang], validation.STATUS_FILLS)
    _finish(ws, top, last, columns, project, lang, first_column=True)


# --- findings ------------------------------------------------------------------------------


def _location(f: Finding, lang: str) -> str:
    return f.question_label(lang) if f.question is not None else f.where()


def findings_sheet(wb: Workbook, project: Project, findings: list[Finding], lang: str) -> None:
    """Every finding of the internal review, with who handles it and a resolution dropdown."""
    severities = [label("severity", s, lang) for s in ("error", "warning", "info")]
    rows = [
        [
            label("severity", f.severity.value, lang),
            f.rule_id,
            _location(f, lang),
            f.message(lang),
            f"{f.citation.title(lang)} {f.citation.section}".strip(),
            "",
            RESOLUTIONS[lang][0],
            "",
        ]
        for f in findings
    ]
    widths = {
        "severity": 6 if lang != "en" else 8,
        "rule": 9,
        "location": 14,
        "finding": 42,
        "source": 22,
        "owner": 8,
        "resolution": 8 if lang != "en" else 10,
        "notes": 12,
    }
    columns = [Column(key, header("findings", key, lang), width) for key, width in widths.items()]
    ws = layout.new_sheet(wb, sheet_name("findings", lang))
    top = _short_block(ws, "findings", project, columns, lang)
    last = max(layout.table(ws, top, columns, rows, lang), top + 1)
    resolution = _letter(columns, "resolution")
    validation.dropdown(
        ws, f"{resolution}{top + 1}:{resolution}{last}", RESOLUTIONS[lang], word("resolution", lang), lang
    )
    validation.value_colours(ws, "A", top + 1, last, severities, validation.SEVERITY_FILLS)
    _finish(ws, top, last, columns, project, lang, first_column=False)


# --- self-assessment -----------------------------------------------------------------------


def self_assessment(
    wb: Workbook, project: Project, ruleset: RuleSet, findings: list[Finding], lang: str
) -> None:
    """The four points of the self-assessment, answered from the product file."""
    points = assess(
        project.dossier, _stage_name(project, lang), project.requirements(), findings, ruleset, lang
    )
    rows = [
        [
            p.number,
            pick(SELF_POINTS[p.number - 1], lang),
            label("answer", p.answer, lang),
            "\n".join(p.basis),
            "\n".join(p.missing),
        ]
        for p in points
    ]
    widths = {"number": 5, "point": 20, "answer": 10, "basis": 44, "missing": 44}
    columns = [Column(key, header("self", key, lang), width) for key, width in widths.items()]
    ws = layout.new_sheet(wb, sheet_name("self", lang))
    top = _short_block(ws, "self", project, columns, lang)
    last = layout.table(ws, top, columns, rows, lang)
    _finish(ws, top, last, columns, project, lang, first_column=False)


# --- annex ---------------------------------------------------------------------------------


def annex(wb: Workbook, project: Project, lang: str) -> None:
    """The whole annex matrix, this meeting's stage shaded, with the symbols explained below."""
    matrix = project.matrix
    names = [pick((m.name_zh, m.name_en), lang) for m in matrix.materials]
    columns = [Column("name", header("materials", "name", lang), _fitted(names, 20, 40))] + [
        Column(
            s.value,
            pick((matrix.stage(s).name_zh, matrix.stage(s).name_en), lang),
            18 if lang != "en" else 24,
        )
        for s in Stage
    ]
    rows = [
        [name] + [m.requirements[s] for s in Stage] for name, m in zip(names, matrix.materials, strict=True)
    ]
    ws = layout.new_sheet(wb, sheet_name("annex", lang))
    top = _short_block(ws, "annex", project, columns, lang)
    last = layout.table(ws, top, columns, rows, lang)
    for row in ws.iter_rows(min_row=top + 1, max_row=last, min_col=2):
        for cell in row:
            cell.alignment = layout.CENTRE
    _shade_stage(ws, top, last, list(Stage).index(project.dossier.meeting.stage) + 2, lang)
    _finish(ws, top, last, columns, project, lang, first_column=True, one_page=True)
    _legend(ws, last + 2, project, columns, lang)


def _shade_stage(ws: Worksheet, top: int, last: int, column: int, lang: str) -> None:
    head = ws.cell(top, column)
    head.value = _with(f"{head.value}\n", word("this_meeting", lang), lang).replace("\n ", "\n")
    for row in range(top + 1, last + 1):
        cell = ws.cell(row, column)
        cell.fill, cell.font = layout.STAGE_FILL, layout.body_font(lang, bold=True)


def _legend(ws: Worksheet, row: int, project: Project, columns: Sequence[Column], lang: str) -> None:
    span, width = len(columns), sum(c.width for c in columns[1:])
    ws.cell(row, 1, word("legend", lang)).font = layout.heading_font(lang)
    layout.note(ws, row, 2, span, word("highlight", lang), width, lang)
    legend = symbol_legend(lang)
    for offset, (symbol, text) in enumerate(legend, 1):
        cell = ws.cell(row + offset, 1, symbol)
        cell.font, cell.alignment = layout.body_font(lang), layout.CENTRE
        layout.note(ws, row + offset, 2, span, text, width, lang)
    source = word("source", lang) + project.matrix.citation.text(lang)
    layout.note(ws, row + len(legend) + 1, 1, span, source, width + columns[0].width, lang)
