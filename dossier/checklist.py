"""The Excel checklist an RA team tracks the package with, and reading it back.

Sheets: materials (one row per annex material, with owner, due date and a status dropdown),
questions (with their findings), findings, self-assessment, the whole annex, and a hidden
``_dossier`` sheet that identifies the product and stage so a checklist read back can be
matched to its product file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dossier import archive
from dossier.documents import document_date, document_specs, file_names
from dossier.errors import InputError, input_error
from dossier.findings import Finding
from dossier.formatting import label
from dossier.matrix import latest_submission
from dossier.model import Stage
from dossier.numbering import numbered
from dossier.project import Project
from dossier.report import width as display_width
from dossier.rules.registry import RuleSet
from dossier.selfassess import assess

FORMAT = "dossier-checklist/1"
META = "_dossier"
STATUSES = {
    "zh": ["未开始", "编写中", "审核中", "已定稿", "不适用"],
    "en": ["Not started", "Drafting", "In review", "Final", "N/A"],
}
FINAL = {"已定稿", "Final"}
NOT_APPLICABLE = {"不适用", "N/A"}
RESOLUTIONS = {"zh": ["待处理", "已处理", "不采纳"], "en": ["Open", "Resolved", "Declined"]}
CLOSED = {"已处理", "不采纳", "Resolved", "Declined"}
SHEETS = {
    "materials": ("资料清单", "Materials"),
    "questions": ("问题清单", "Questions"),
    "findings": ("审核发现", "Findings"),
    "self": ("自评估", "Self-assessment"),
    "annex": ("附件矩阵", "Annex"),
}
MATERIAL_COLUMNS = [
    ("id", "资料编号", "Material id"),
    ("name_zh", "资料", "Material (zh)"),
    ("name_en", "Material", "Material (en)"),
    ("symbols", "附件符号", "Annex symbols"),
    ("meaning", "符号含义", "What they ask"),
    ("requirement", "要求", "Requirement"),
    ("included", "纳入本次提交", "In this package"),
    ("revision", "需修订历史", "Revision history"),
    ("brief", "简要内容", "Brief form"),
    ("updates", "更新自", "Updates"),
    ("file", "文件名", "File"),
    ("owner", "负责人", "Owner"),
    ("due", "截止日期", "Due date"),
    ("status", "状态", "Status"),
    ("notes", "备注", "Notes"),
]
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = {
    "zh": Font(name="黑体", bold=True, color="FFFFFF", size=11),
    "en": Font(name="Arial", bold=True, color="FFFFFF", size=11),
}
BODY_FONT = {"zh": Font(name="宋体", size=10.5), "en": Font(name="Calibri", size=10.5)}
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
STATUS_FILLS = {
    0: "E7E6E6",  # not started
    1: "FCE4D6",  # drafting
    2: "FFF2CC",  # in review
    3: "C6EFCE",  # final
    4: "D9D9D9",  # not applicable
}
SEVERITY_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def _yes(value: bool, lang: str) -> str:
    return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")


def _sheet(wb: Workbook, key: str, lang: str, headers: list[str], rows: list[list[Any]]):
    ws = wb.create_sheet(SHEETS[key][1 if lang == "en" else 0])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    body, head = BODY_FONT[lang], HEADER_FONT[lang]
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = head, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font, cell.border = body, BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    _fit_columns(ws, headers, rows)
    ws.freeze_panes = "B2" if key in ("materials", "questions") else "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _fit_rows(ws) -> None:
    """Row heights for wrapped text: LibreOffice does not grow rows on opening, Excel does."""
    for row in ws.iter_rows(min_row=1):
        lines = 1
        for cell in row:
            if cell.value in (None, ""):
                continue
            width = ws.column_dimensions[cell.column_letter].width or 10
            count = sum(
                max(1, -(-display_width(line) // max(int(width) - 1, 1)))
                for line in str(cell.value).splitlines() or [""]
            )
            lines = max(lines, count)
        ws.row_dimensions[row[0].row].height = 15 * lines + 3


def _fit_columns(ws, headers: list[str], rows: list[list[Any]]) -> None:
    """Column widths from the content (CJK counts double), capped so long text wraps."""
    for index, header in enumerate(headers, 1):
        values = [header] + ["" if r[index - 1] is None else str(r[index - 1]) for r in rows]
        widest = max(display_width(line) for v in values for line in (v.splitlines() or [""]))
        ws.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 60)


def _materials(wb: Workbook, project: Project, lang: str) -> None:
    requirements = project.requirements()
    files = file_names(document_specs(requirements), lang)
    statuses = STATUSES[lang]
    headers = [c[2] if lang == "en" else c[1] for c in MATERIAL_COLUMNS]
    rows = []
    for req in requirements:
        m = req.material
        prior = latest_submission(project.dossier, m.id)  # the same fact the Word documents print
        rows.append(
            [
                m.id,
                m.name_zh,
                m.name_en,
                req.cell.raw,
                "；".join(project.matrix.symbols[s].get(lang) for s in req.cell.raw)
                if lang != "en"
                else "; ".join(project.matrix.symbols[s].get(lang) for s in req.cell.raw),
                label("status", req.status, lang),
                _yes(req.included, lang),
                _yes(req.revision_history, lang),
                _yes(req.brief, lang),
                "" if prior is None else f"{prior.version} ({prior.date.isoformat()})",
                files.get(m.id, ""),
                "",
                None,
                statuses[0] if req.included else statuses[4],
                "",
            ]
        )
    ws = _sheet(wb, "materials", lang, headers, rows)
    last = len(rows) + 1
    due_col = get_column_letter(MATERIAL_COLUMNS.index(("due", "截止日期", "Due date")) + 1)
    status_col = get_column_letter(len(MATERIAL_COLUMNS) - 1)
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(statuses) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="状态" if lang != "en" else "Status",
        error="请从列表中选择。" if lang != "en" else "Choose from the list.",
    )
    status_list.add(f"{status_col}2:{status_col}{last}")
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(2000,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        error="请输入日期（YYYY-MM-DD）。" if lang != "en" else "Enter a date.",
    )
    dates.add(f"{due_col}2:{due_col}{last}")
    ws.add_data_validation(status_list)
    ws.add_data_validation(dates)
    for row in range(2, last + 1):
        ws[f"{due_col}{row}"].number_format = "yyyy-mm-dd"
    span = f"{status_col}2:{status_col}{last}"
    for index, fill in STATUS_FILLS.items():
        ws.conditional_formatting.add(
            span,
            FormulaRule(
                formula=[f'${status_col}2="{statuses[index]}"'],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            ),
        )
    overdue = (
        f'AND(${due_col}2<>"",${due_col}2<TODAY(),${status_col}2<>"{statuses[3]}",'
        f'${status_col}2<>"{statuses[4]}")'
    )
    ws.conditional_formatting.add(
        f"{due_col}2:{due_col}{last}", FormulaRule(formula=[overdue], font=Font(color="C00000", bold=True))
    )
    ws.column_dimensions[due_col].width = 12
    ws.column_dimensions[status_col].width = 10
    for key, cap in (("meaning", 34), ("name_en", 26), ("file", 28), ("notes", 24), ("updates", 18)):
        letter = get_column_letter([c[0] for c in MATERIAL_COLUMNS].index(key) + 1)
        ws.column_dimensions[letter].width = (
            min(ws.column_dimensions[letter].width, cap) if key != "notes" else cap
        )


def _questions(wb: Workbook, project: Project, findings: list[Finding], lang: str) -> None:
    by_question: dict[int, list[Finding]] = {}
    for f in findings:
        if f.question:
            by_question.setdefault(f.question, []).append(f)
    headers = (
        ["No.", "Discipline", "Question", "Background", "Purpose", "Position", "Basis", "Findings"]
        if lang == "en"
        else ["序号", "学科", "问题", "背景", "目的", "申请人观点", "依据", "审核发现"]
    )
    rows = []
    for nq in numbered(list(project.dossier.questions)):
        q = nq.question
        notes = "\n".join(f"{f.rule_id}: {f.message(lang)}" for f in by_question.get(nq.position, []))
        discipline = q.discipline.value if q.discipline else ""
        rows.append(
            [
                nq.number,
                discipline,
                q.text,
                q.background or "",
                q.purpose or "",
                q.position or "",
                q.basis or "",
                notes,
            ]
        )
    ws = _sheet(wb, "questions", lang, headers, rows)
    for col in "CDEFGH":
        ws.column_dimensions[col].width = min(ws.column_dimensions[col].width, 40)


def _findings(wb: Workbook, findings: list[Finding], lang: str) -> None:
    headers = (
        ["Severity", "Rule", "Location", "Finding", "Source", "Section", "Owner", "Resolution", "Notes"]
        if lang == "en"
        else ["级别", "规则", "位置", "发现", "依据文件", "依据章节", "处理人", "处理状态", "备注"]
    )
    rows = [
        [
            label("severity", f.severity.value, lang),
            f.rule_id,
            f.where(),
            f.message(lang),
            f.citation.title(lang),
            f.citation.section,
            "",
            RESOLUTIONS[lang][0],
            "",
        ]
        for f in findings
    ]
    ws = _sheet(wb, "findings", lang, headers, rows)
    ws.column_dimensions["D"].width = 60
    last = max(len(rows) + 1, 2)
    resolution = DataValidation(
        type="list", formula1='"' + ",".join(RESOLUTIONS[lang]) + '"', allow_blank=False
    )
    resolution.add(f"H2:H{last}")
    ws.add_data_validation(resolution)
    for severity, fill in SEVERITY_FILLS.items():
        ws.conditional_formatting.add(
            f"A2:A{last}",
            FormulaRule(
                formula=[f'$A2="{label("severity", severity, lang)}"'],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            ),
        )


def _self_assessment(
    wb: Workbook, project: Project, ruleset: RuleSet, findings: list[Finding], lang: str
) -> None:
    stage = project.matrix.stage(project.dossier.meeting.stage)
    name = stage.name_en if lang == "en" else stage.name_zh
    points = assess(project.dossier, name, project.requirements(), findings, ruleset, lang)
    titles = (
        [
            "Key development stage",
            "Issue not covered by guidelines",
            "Data enough for the discussion",
            "Understanding of each question",
        ]
        if lang == "en"
        else [
            "是否处于关键研发阶段",
            "是否为现行指导原则未涵盖的重大问题",
            "现有数据是否足以支持讨论",
            "对每个问题的理解是否充分",
        ]
    )
    headers = (
        ["No.", "Point", "Answer", "Basis", "To add"]
        if lang == "en"
        else ["序号", "评估点", "结论", "依据", "需补充"]
    )
    rows = [
        [
            p.number,
            titles[p.number - 1],
            label("answer", p.answer, lang),
            "\n".join(p.basis),
            "\n".join(p.missing),
        ]
        for p in points
    ]
    ws = _sheet(wb, "self", lang, headers, rows)
    ws.column_dimensions["D"].width = 50
    ws.column_dimensions["E"].width = 60


def _annex(wb: Workbook, project: Project, lang: str) -> None:
    matrix = project.matrix
    headers = (["Material"] if lang == "en" else ["资料"]) + [
        (matrix.stage(s).name_en if lang == "en" else matrix.stage(s).name_zh) for s in Stage
    ]
    rows = [
        [m.name_en if lang == "en" else m.name_zh] + [m.requirements[s] for s in Stage]
        for m in matrix.materials
    ]
    ws = _sheet(wb, "annex", lang, headers, rows)
    ws.append([])
    for symbol, text in matrix.symbols.items():
        ws.append([symbol, text.get(lang)])
    ws.append([("Source: " if lang == "en" else "依据：") + matrix.citation.text(lang)])


def _meta(wb: Workbook, project: Project, lang: str) -> None:
    ws = wb.create_sheet(META)
    product = project.dossier.product
    for key, value in [
        ("format", FORMAT),
        ("lang", lang),
        ("product_name_zh", product.name_zh),
        ("product_code", product.code or ""),
        ("stage", project.dossier.meeting.stage.value),
        ("matrix", f"{project.matrix.id} {project.matrix.version}"),
    ]:
        ws.append([key, value])
    ws.sheet_state = "hidden"


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _text_not_formula(wb: Workbook) -> None:
    """Every cell holds data: text that a spreadsheet would read as a formula stays text.

    openpyxl stores a string starting with ``=`` as a formula, and Excel or LibreOffice evaluate
    ``+``, ``-``, ``@`` (and a leading tab or CR) when the cell is edited. Such text is stored as
    a string cell with the quote prefix (OWASP's CSV-injection advice, applied to xlsx), so
    ``=HYPERLINK(…)`` typed in a product file shows as typed and a product code ``=HX-019``
    reads back unchanged.
    """
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook(project: Project, ruleset: RuleSet, findings: list[Finding], lang: str = "zh") -> Workbook:
    """The checklist workbook for a product's meeting."""
    wb = Workbook()
    wb.remove(wb.active)
    _materials(wb, project, lang)
    _questions(wb, project, findings, lang)
    _findings(wb, findings, lang)
    _self_assessment(wb, project, ruleset, findings, lang)
    _annex(wb, project, lang)
    for ws in wb.worksheets:
        _fit_rows(ws)
    _meta(wb, project, lang)
    _text_not_formula(wb)
    when = document_date(project)
    moment = dt.datetime(when.year, when.month, when.day)
    wb.properties.creator = project.dossier.product.applicant
    wb.properties.title = "资料清单" if lang != "en" else "Checklist"
    wb.properties.created = moment
    wb.properties.lastModifiedBy = "dossier"
    return wb


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def checklist_bytes(project: Project, ruleset: RuleSet, findings: list[Finding], lang: str = "zh") -> bytes:
    """The workbook as bytes, byte-identical for the same input (openpyxl stamps 'now' on save)."""
    buffer = io.BytesIO()
    workbook(project, ruleset, findings, lang).save(buffer)
    when = document_date(project)
    entries = archive.members(buffer.getvalue())
    stamp = f"{when.isoformat()}T00:00:00Z".encode()
    entries["docProps/core.xml"] = _CORE_DATES.sub(
        rb"\g<1>" + stamp + rb"\g<2>", entries["docProps/core.xml"]
    )
    return archive.zip_bytes(entries, when)


# --- reading a filled-in checklist back ----------------------------------------------------


@dataclass
class MaterialStatus:
    id: str
    name: str
    required: bool
    status: str
    owner: str
    due: dt.date | None
    row: int


@dataclass
class Status:
    """What a filled-in checklist says is still to do."""

    file: Path
    lang: str
    stage: str
    product: str
    materials: list[MaterialStatus] = field(default_factory=list)
    open_errors: list[dict[str, str]] = field(default_factory=list)

    def not_final(self) -> list[MaterialStatus]:
        return [m for m in self.materials if m.required and m.status not in FINAL | NOT_APPLICABLE]

    def overdue(self, today: dt.date) -> list[MaterialStatus]:
        return [
            m for m in self.materials if m.due and m.due < today and m.status not in FINAL | NOT_APPLICABLE
        ]

    def complete(self, today: dt.date) -> bool:
        return not (self.not_final() or self.overdue(today) or self.open_errors)


def _problem(
    path: Path,
    zh: str,
    en: str,
    sheet: str | None = None,
    cell: str | None = None,
    hint_zh: str | None = None,
    hint_en: str | None = None,
) -> InputError:
    where = f"{sheet}!{cell}" if sheet and cell else sheet
    return input_error(path, zh, en, field=where, hint_zh=hint_zh, hint_en=hint_en)


def _open(path: Path):
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise input_error(path, "文件不存在。", "File not found.") from None
    except Exception as exc:
        raise input_error(
            path,
            f"无法作为 Excel 工作簿打开：{exc}",
            f"Cannot open as an Excel workbook: {exc}",
            hint_zh="请提供由 dossier 生成的 .xlsx 清单。",
            hint_en="Give a .xlsx checklist that dossier wrote.",
        ) from None


def _meta_of(path: Path, wb) -> dict[str, str]:
    if META not in wb.sheetnames:
        raise _problem(
            path,
            "不是 dossier 生成的清单（缺少隐藏工作表 _dossier）。",
            "Not a dossier checklist (the hidden sheet _dossier is missing).",
            hint_zh="请使用 `dossier checklist` 或 `dossier build` 生成的清单。",
            hint_en="Use a checklist written by `dossier checklist` or `dossier build`.",
        )
    meta = {
        str(r[0]): "" if r[1] is None else str(r[1]) for r in wb[META].iter_rows(values_only=True) if r[0]
    }
    if meta.get("format") != FORMAT:
        raise _problem(
            path,
            f"清单格式“{meta.get('format')}”不受支持。",
            f"Checklist format '{meta.get('format')}' is not supported.",
            META,
        )
    return meta


def _worksheet(path: Path, wb, key: str, lang: str):
    sheet = SHEETS[key][1 if lang == "en" else 0]
    if sheet not in wb.sheetnames:
        raise _problem(path, f"缺少工作表“{sheet}”。", f"The sheet '{sheet}' is missing.", sheet)
    return wb[sheet]


def _header(path: Path, ws, wanted: dict[str, str]) -> dict[str, int]:
    """Column index of each wanted key, found by header text (zh or en)."""
    found = {}
    headers = [("" if c.value is None else str(c.value)).strip() for c in ws[1]]
    for key, names in wanted.items():
        for index, text in enumerate(headers):
            if text in names:
                found[key] = index
                break
        else:
            raise _problem(
                path,
                f"工作表“{ws.title}”缺少列“{names[0]}”，清单结构已被改动。",
                f"Sheet '{ws.title}' lacks the column '{names[-1]}'; the checklist was restructured.",
                ws.title,
                "1",
                hint_zh="请勿删除或重命名表头；可重新生成清单后再填写。",
                hint_en="Do not delete or rename header cells; regenerate the checklist if needed.",
            )
    return found


def _date(path: Path, ws, value: Any, cell: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _problem(
            path,
            f"日期“{value}”无法识别。",
            f"Cannot read the date '{value}'.",
            ws.title,
            cell,
            hint_zh="请输入 YYYY-MM-DD 格式的日期。",
            hint_en="Enter a date as YYYY-MM-DD.",
        ) from None


def read_status(path: Path, project: Project | None = None) -> Status:
    """Read a filled-in checklist. Raises InputError for a foreign or broken checklist."""
    path = Path(path)
    wb = _open(path)
    meta = _meta_of(path, wb)
    if project is not None:
        _same_case(path, meta, project)
    lang = meta.get("lang", "zh")
    ws = _worksheet(path, wb, "materials", lang)
    sheet = ws.title
    cols = _header(
        path,
        ws,
        {
            c[0]: (c[1], c[2])
            for c in MATERIAL_COLUMNS
            if c[0] in ("id", "name_zh", "name_en", "requirement", "included", "owner", "due", "status")
        },
    )
    status = Status(path, lang, meta.get("stage", ""), meta.get("product_name_zh", ""))
    allowed = set(STATUSES["zh"]) | set(STATUSES["en"])
    for row in ws.iter_rows(min_row=2):
        values = [c.value for c in row]
        if not any(v not in (None, "") for v in values):
            continue
        material_id = str(values[cols["id"]] or "").strip()
        value = str(values[cols["status"]] or "").strip()
        cell = f"{get_column_letter(cols['status'] + 1)}{row[0].row}"
        if value not in allowed:
            raise _problem(
                path,
                f"状态“{value}”不在列表中。",
                f"Status '{value}' is not one of the list.",
                sheet,
                cell,
                hint_zh="可选：" + "、".join(STATUSES["zh"]),
                hint_en="Allowed: " + ", ".join(STATUSES["en"]),
            )
        included = str(values[cols["included"]] or "").strip() in ("是", "yes")
        due_cell = f"{get_column_letter(cols['due'] + 1)}{row[0].row}"
        status.materials.append(
            MaterialStatus(
                id=material_id,
                name=str(values[cols["name_en" if lang == "en" else "name_zh"]] or material_id),
                required=included,
                status=value,
                owner=str(values[cols["owner"]] or ""),
                due=_date(path, ws, values[cols["due"]], due_cell),
                row=row[0].row,
            )
        )
    if project is not None:
        known = {m.id for m in project.matrix.materials}
        for m in status.materials:
            if m.id not in known:
                raise _problem(
                    path,
                    f"资料编号“{m.id}”不在附件矩阵中。",
                    f"Material id '{m.id}' is not in the annex.",
                    sheet,
                    f"A{m.row}",
                )
    status.open_errors = _open_errors(path, wb, lang)
    return status


def _open_errors(path: Path, wb, lang: str) -> list[dict[str, str]]:
    ws = _worksheet(path, wb, "findings", lang)
    cols = _header(
        path,
        ws,
        {
            "severity": ("级别", "Severity"),
            "rule": ("规则", "Rule"),
            "finding": ("发现", "Finding"),
            "resolution": ("处理状态", "Resolution"),
        },
    )
    out = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[cols["severity"]] in ("错误", "error") and str(row[cols["resolution"]] or "") not in CLOSED:
            out.append({"rule_id": str(row[cols["rule"]]), "message": str(row[cols["finding"]])})
    return out


def _same_case(path: Path, meta: dict[str, str], project: Project) -> None:
    product = project.dossier.product
    if meta.get("product_name_zh") != product.name_zh or meta.get("product_code", "") != (product.code or ""):
        raise _problem(
            path,
            f"清单属于另一个产品（{meta.get('product_name_zh')}），不是“{product.name_zh}”。",
            f"The checklist is for another product ({meta.get('product_name_zh')}), not '{product.name_zh}'.",
            META,
            hint_zh="请使用本产品生成的清单。",
            hint_en="Use the checklist written for this product.",
        )
    stage = project.dossier.meeting.stage.value
    if meta.get("stage") != stage:
        raise _problem(
            path,
            f"清单属于“{meta.get('stage')}”阶段，而产品文件为“{stage}”。",
            f"The checklist is for the '{meta.get('stage')}' meeting; the product file is at '{stage}'.",
            META,
            hint_zh="请为本阶段重新生成清单。",
            hint_en="Write a new checklist for this stage.",
        )


def read_statuses(path: Path, project: Project) -> dict[str, str]:
    """Material id -> status from a filled-in checklist, for the briefing's materials list."""
    return {m.id: m.status for m in read_status(path, project).materials}


def status_report(status: Status, today: dt.date) -> dict[str, Any]:
    """Completeness as plain data (for JSON and the table)."""
    return {
        "file": str(status.file),
        "stage": status.stage,
        "product": status.product,
        "complete": status.complete(today),
        "today": today.isoformat(),
        "not_final": [
            {"id": m.id, "name": m.name, "status": m.status, "owner": m.owner} for m in status.not_final()
        ],
        "overdue": [
            {
                "id": m.id,
                "name": m.name,
                "due": m.due.isoformat() if m.due else None,
                "status": m.status,
                "owner": m.owner,
            }
            for m in status.overdue(today)
        ],
        "open_errors": status.open_errors,
    }
