"""Reading a filled-in checklist back: what is still to do, with located errors for a broken copy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dossier.checklist.identity import ID_COLUMNS
from dossier.checklist.labels import (
    CLOSED,
    ERROR_SEVERITY,
    FINAL,
    FORMAT,
    HEADERS,
    IDS,
    META,
    NOT_APPLICABLE,
    SHEETS,
    STATUSES,
    pick,
)
from dossier.errors import InputError, input_error
from dossier.project import Project

HEADER_SEARCH = 30  # rows above the table a user might have added or kept
REGENERATE = ("可重新生成清单后再填写。", "Regenerate the checklist if needed.")


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


@dataclass(frozen=True)
class Known:
    """A material as the hidden ``_ids`` sheet records it."""

    id: str
    name_zh: str
    name_en: str
    required: bool


def _problem(
    path: Path,
    zh: str,
    en: str,
    sheet: str | None = None,
    cell: str | None = None,
    hint: tuple[str, str] | None = None,
) -> InputError:
    where = f"{sheet}!{cell}" if sheet and cell else sheet
    hint_zh, hint_en = hint or (None, None)
    return input_error(path, zh, en, field=where, hint_zh=hint_zh, hint_en=hint_en)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# --- the workbook and its hidden sheets ----------------------------------------------------


def _open(path: Path):
    from dossier.safe_io import check_zip_container

    check_zip_container(path)  # a checklist from someone else: no zip bomb, no path out of it
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
            hint=(
                "请使用 `dossier checklist` 或 `dossier build` 生成的清单。",
                "Use a checklist written by `dossier checklist` or `dossier build`.",
            ),
        )
    meta = {_text(r[0]): _text(r[1]) for r in wb[META].iter_rows(values_only=True) if r and r[0]}
    if meta.get("format") != FORMAT:
        raise _problem(
            path,
            f"清单格式“{meta.get('format')}”不受支持（应为 {FORMAT}）。",
            f"Checklist format '{meta.get('format')}' is not supported (expected {FORMAT}).",
            META,
            hint=(
                "请用当前版本的 dossier 重新生成清单。",
                "Write the checklist again with this version of dossier.",
            ),
        )
    return meta


def _known(path: Path, wb) -> dict[str, Known]:
    """Material id -> what the hidden ``_ids`` sheet says of it."""
    if IDS not in wb.sheetnames:
        raise _problem(
            path, f"缺少隐藏工作表“{IDS}”。", f"The hidden sheet '{IDS}' is missing.", IDS, hint=REGENERATE
        )
    table = list(wb[IDS].iter_rows(values_only=True))
    if not table or tuple(_text(v) for v in table[0][: len(ID_COLUMNS)]) != ID_COLUMNS:
        raise _problem(
            path,
            f"隐藏工作表“{IDS}”已被改动。",
            f"The hidden sheet '{IDS}' was changed.",
            IDS,
            "A1",
            REGENERATE,
        )
    rows = [[_text(v) for v in r[: len(ID_COLUMNS)]] for r in table[1:] if r and r[0]]
    return {r[0]: Known(r[0], r[1], r[2], r[3] == "yes") for r in rows}


def _worksheet(path: Path, wb, key: str, lang: str) -> Worksheet:
    sheet = pick(SHEETS[key], lang)
    if sheet not in wb.sheetnames:
        raise _problem(
            path, f"缺少工作表“{sheet}”。", f"The sheet '{sheet}' is missing.", sheet, hint=REGENERATE
        )
    return wb[sheet]


def _header(path: Path, ws: Worksheet, sheet: str, keys: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    """The header row of a sheet's table and the column index of each key, found by header text.

    The row is the one, near the top, that holds the most of the wanted headers (zh or en), so
    rows a user added above the table do not matter; a header renamed or deleted is named.
    """
    wanted = {key: HEADERS[sheet][key] for key in keys}
    best_row, best = 0, {}
    for row in ws.iter_rows(max_row=HEADER_SEARCH):
        texts = [_text(c.value) for c in row]
        found = {k: texts.index(n) for k, names in wanted.items() for n in names if n in texts}
        if len(found) > len(best):
            best_row, best = row[0].row, found
    missing = [k for k in keys if k not in best]
    if missing:
        zh, en = wanted[missing[0]]
        raise _problem(
            path,
            f"工作表“{ws.title}”缺少列“{zh}”，清单结构已被改动。",
            f"Sheet '{ws.title}' lacks the column '{en}'; the checklist was restructured.",
            ws.title,
            str(best_row) if best_row else None,
            (
                "请勿删除或重命名表头；" + REGENERATE[0],
                "Do not delete or rename header cells. " + REGENERATE[1],
            ),
        )
    return best_row, best


def _date(path: Path, ws: Worksheet, value: Any, cell: str) -> dt.date | None:
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
            ("请输入 YYYY-MM-DD 格式的日期。", "Enter a date as YYYY-MM-DD."),
        ) from None


# --- the materials sheet -------------------------------------------------------------------


def _row_id(
    path: Path, ws: Worksheet, values: list, cols: dict[str, int], row: int, known: dict[str, Known]
) -> str:
    """The material a row is about: its hidden id, or failing that its name."""
    material_id = _text(values[cols["id"]])
    if not material_id:
        name = _text(values[cols["name"]])
        material_id = next((k.id for k in known.values() if name in (k.name_zh, k.name_en)), "")
    if material_id not in known:
        cell = f"{get_column_letter(cols['id'] + 1)}{row}"
        raise _problem(
            path,
            f"第 {row} 行不是附件中的资料（资料编号“{material_id}”）。",
            f"Row {row} is not a material of the annex (material id '{material_id}').",
            ws.title,
            cell,
            (
                "请勿修改隐藏列“资料编号”，也不要在表格中插入其他行。",
                "Do not edit the hidden Material id column or add rows to the table.",
            ),
        )
    return material_id


def _status_value(path: Path, ws: Worksheet, values: list, cols: dict[str, int], row: int) -> str:
    value = _text(values[cols["status"]])
    if value not in set(STATUSES["zh"]) | set(STATUSES["en"]):
        raise _problem(
            path,
            f"状态“{value}”不在列表中。",
            f"Status '{value}' is not one of the list.",
            ws.title,
            f"{get_column_letter(cols['status'] + 1)}{row}",
            ("可选：" + "、".join(STATUSES["zh"]), "Allowed: " + ", ".join(STATUSES["en"])),
        )
    return value


def _materials(path: Path, ws: Worksheet, known: dict[str, Known], lang: str) -> list[MaterialStatus]:
    """One status per row of the materials sheet, in the order the user left them."""
    top, cols = _header(path, ws, "materials", ("name", "id", "owner", "due", "status"))
    out: dict[str, MaterialStatus] = {}
    for cells in ws.iter_rows(min_row=top + 1):
        values, row = [c.value for c in cells], cells[0].row
        if all(_text(v) == "" for v in values):
            continue
        material_id = _row_id(path, ws, values, cols, row, known)
        if material_id in out:
            raise _problem(
                path,
                f"资料“{material_id}”出现了两次（第 {out[material_id].row} 行和第 {row} 行）。",
                f"Material '{material_id}' appears twice (rows {out[material_id].row} and {row}).",
                ws.title,
                f"{get_column_letter(cols['id'] + 1)}{row}",
            )
        material = known[material_id]
        out[material_id] = MaterialStatus(
            id=material_id,
            name=pick((material.name_zh, material.name_en), lang),
            required=material.required,
            status=_status_value(path, ws, values, cols, row),
            owner=_text(values[cols["owner"]]),
            due=_date(path, ws, values[cols["due"]], f"{get_column_letter(cols['due'] + 1)}{row}"),
            row=row,
        )
    _none_missing(path, ws, known, out)
    return list(out.values())


def _none_missing(
    path: Path, ws: Worksheet, known: dict[str, Known], found: dict[str, MaterialStatus]
) -> None:
    for material in known.values():
        if material.required and material.id not in found:
            raise _problem(
                path,
                f"必需资料“{material.name_zh}”的行已从工作表中删除。",
                f"The row of the required material '{material.name_en}' was deleted from the sheet.",
                ws.title,
                hint=REGENERATE,
            )


# --- findings ------------------------------------------------------------------------------


def _open_errors(path: Path, wb, lang: str) -> list[dict[str, str]]:
    ws = _worksheet(path, wb, "findings", lang)
    top, cols = _header(path, ws, "findings", ("severity", "rule", "finding", "resolution"))
    out = []
    for row in ws.iter_rows(min_row=top + 1, values_only=True):
        if _text(row[cols["severity"]]) in ERROR_SEVERITY and _text(row[cols["resolution"]]) not in CLOSED:
            out.append({"rule_id": _text(row[cols["rule"]]), "message": _text(row[cols["finding"]])})
    return out


# --- the product file ----------------------------------------------------------------------


def _same_case(path: Path, meta: dict[str, str], project: Project) -> None:
    product = project.dossier.product
    if meta.get("product_name_zh") != product.name_zh or meta.get("product_code", "") != (product.code or ""):
        raise _problem(
            path,
            f"清单属于另一个产品（{meta.get('product_name_zh')}），不是“{product.name_zh}”。",
            f"The checklist is for another product ({meta.get('product_name_zh')}), not '{product.name_zh}'.",
            META,
            hint=("请使用本产品生成的清单。", "Use the checklist written for this product."),
        )
    stage = project.dossier.meeting.stage.value
    if meta.get("stage") != stage:
        raise _problem(
            path,
            f"清单属于“{meta.get('stage')}”阶段，而产品文件为“{stage}”。",
            f"The checklist is for the '{meta.get('stage')}' meeting; the product file is at '{stage}'.",
            META,
            hint=("请为本阶段重新生成清单。", "Write a new checklist for this stage."),
        )


def _in_matrix(path: Path, known: dict[str, Known], project: Project) -> None:
    materials = {m.id for m in project.matrix.materials}
    for row, material_id in enumerate(known, 2):
        if material_id not in materials:
            raise _problem(
                path,
                f"资料编号“{material_id}”不在附件矩阵中。",
                f"Material id '{material_id}' is not in the annex.",
                IDS,
                f"A{row}",
            )


# --- public --------------------------------------------------------------------------------


def read_status(path: Path, project: Project | None = None) -> Status:
    """Read a filled-in checklist, rows in any order. Raises InputError for a foreign or broken one."""
    path = Path(path)
    wb = _open(path)
    meta = _meta_of(path, wb)
    known = _known(path, wb)
    if project is not None:
        _same_case(path, meta, project)
        _in_matrix(path, known, project)
    lang = meta.get("lang", "zh")
    status = Status(path, lang, meta.get("stage", ""), meta.get("product_name_zh", ""))
    status.materials = _materials(path, _worksheet(path, wb, "materials", lang), known, lang)
    status.open_errors = _open_errors(path, wb, lang)
    return status


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
