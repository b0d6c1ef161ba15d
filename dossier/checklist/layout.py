"""Sheets, styles, column widths, title blocks and print setup of the checklist."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from dossier.checklist.labels import word
from dossier.report import width as display_width

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
STAGE_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# 11 pt on screen; fit to width must not shrink it below 9 pt on paper (see column widths).
BODY_SIZE = 11
FACES = {"zh": ("宋体", "黑体"), "en": ("Calibri", "Arial")}
TOP = Alignment(vertical="top", wrap_text=True)
TOP_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LINE_HEIGHT = 15  # points per line of 11 pt text


@dataclass(frozen=True)
class Column:
    """One column of a sheet's table: its key, header text, width in characters and kind."""

    key: str
    header: str
    width: float
    hidden: bool = False
    number_format: str | None = None


def body_font(lang: str, **kwargs: Any) -> Font:
    """The body font of the language (宋体 / Calibri)."""
    return Font(name=FACES[lang][0], size=BODY_SIZE, **kwargs)


def heading_font(lang: str, size: float = BODY_SIZE, **kwargs: Any) -> Font:
    """The heading font of the language (黑体 / Arial), bold."""
    return Font(name=FACES[lang][1], size=size, bold=True, **kwargs)


def new_sheet(wb: Workbook, name: str) -> Worksheet:
    """A new sheet at the end of the workbook."""
    return wb.create_sheet(name)


def title_block(
    ws: Worksheet, title: str, fields: Sequence[tuple[str, Any]], columns: Sequence[Column], lang: str
) -> int:
    """A title and label/value pairs above the table; returns the header row.

    A wide table takes two pairs to a row, each in one half of the visible columns: the label
    over as many columns as its text needs, the value merged over the rest of the half. A
    narrow table (four columns or fewer) takes one pair to a row.
    """
    visible = [c for c in columns if not c.hidden]
    ws.cell(1, 1, title).font = heading_font(lang, 14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(visible))
    ws.row_dimensions[1].height = 24
    half = (len(visible) + 1) // 2
    parts = [(1, half), (half + 1, len(visible))] if len(visible) > 4 else [(1, len(visible))]
    for index, (label, value) in enumerate(fields):
        row = 2 + index // len(parts)
        first, last = parts[index % len(parts)]
        _pair(ws, row, first, last, label, value, visible, lang)
    return 2 + -(-len(fields) // len(parts)) + 1


def _pair(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    label: str,
    value: Any,
    visible: Sequence[Column],
    lang: str,
) -> None:
    needed = display_width(label) + 2
    split = first
    while split < last - 1 and sum(c.width for c in visible[first - 1 : split]) < needed:
        split += 1
    _merged(ws, row, first, split, label, heading_font(lang), LABEL_FILL)
    _merged(ws, row, split + 1, last, value, body_font(lang), None)
    room = sum(c.width for c in visible[split:last])
    height = LINE_HEIGHT * wrapped_lines(str(value), room) + 5
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, height)


def _merged(ws: Worksheet, row: int, first: int, last: int, value: Any, font: Font, fill) -> None:
    cell = ws.cell(row, first, value)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell.font, cell.alignment = font, Alignment(vertical="center", wrap_text=True)
    for column in range(first, last + 1):
        ws.cell(row, column).border = BORDER
        if fill is not None:
            ws.cell(row, column).fill = fill


def table(
    ws: Worksheet, top: int, columns: Sequence[Column], rows: Sequence[Sequence[Any]], lang: str
) -> int:
    """The header at row ``top`` and the rows below it, styled; returns the last row."""
    for index, column in enumerate(columns, 1):
        cell = ws.cell(top, index, column.header)
        cell.font, cell.fill, cell.border = heading_font(lang, color="FFFFFF"), HEADER_FILL, BORDER
        cell.alignment = CENTRE
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width, dimension.hidden = column.width, column.hidden
    for offset, values in enumerate(rows, 1):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), 1):
            cell = ws.cell(top + offset, index, value)
            cell.font, cell.border = body_font(lang), BORDER
            cell.alignment = TOP_CENTRE if isinstance(value, int) else TOP
            if column.number_format:
                cell.number_format = column.number_format
    last = top + len(rows)
    if rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{last}"
    return last


def fit_rows(ws: Worksheet, first: int, last: int, columns: Sequence[Column]) -> None:
    """Row heights for wrapped text: LibreOffice does not grow rows on opening, Excel does."""
    ws.row_dimensions[first].height = LINE_HEIGHT * _lines(ws[first], columns) + 6
    for row in ws.iter_rows(min_row=first + 1, max_row=last):
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * _lines(row, columns) + 4


def _lines(cells, columns: Sequence[Column]) -> int:
    lines = 1
    for cell, column in zip(cells, columns, strict=False):
        if cell.value in (None, "") or column.hidden or column.number_format:
            continue
        lines = max(lines, wrapped_lines(str(cell.value), column.width))
    return lines


def cell_width(text: str) -> float:
    """Width of a line of 11 pt text in column units: CJK characters take two, Latin ones less.

    A column unit is the widest digit; average Latin text is narrower (Calibri in Excel,
    DejaVu Sans in LibreOffice alike), CJK text a little under two units.
    """
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0.85 for c in text)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide."""
    room = max(width - 1, 1)
    return sum(max(1, math.ceil(cell_width(line) / room)) for line in text.splitlines() or [""])


def note(ws: Worksheet, row: int, first: int, last: int, text: str, width: float, lang: str) -> None:
    """A line of text below a table, merged over columns ``first``..``last`` and wrapped."""
    cell = ws.cell(row, first, text)
    cell.font, cell.alignment = body_font(lang), TOP
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.row_dimensions[row].height = LINE_HEIGHT * wrapped_lines(text, width) + 4


def freeze(ws: Worksheet, header_row: int, first_column: bool) -> None:
    """Keep the header (and the first column) on screen while scrolling."""
    ws.freeze_panes = f"{'B' if first_column else 'A'}{header_row + 1}"


def print_setup(ws: Worksheet, header_row: int, header_left: str, lang: str, one_page: bool = False) -> None:
    """A4 landscape, fit to the page width (or, ``one_page``, to one page), the header row
    repeated, page X of Y."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.25, footer=0.25)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddHeader.left.text = header_left.replace("&", "&&")  # & starts a header code
    ws.oddHeader.right.text = f"&A | {word('internal', lang)}"
    ws.oddFooter.center.text = word("page", lang)
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.center):
        part.size = BODY_SIZE  # scaled with the sheet when printed
