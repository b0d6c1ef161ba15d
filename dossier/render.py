"""Blocks (from rendered Markdown) to a Word document in the reference document's styles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

from dossier import docxkit, housestyle
from dossier.markup import Block, Run
from dossier.report import width as display_width

HEADER_FILL = "D9E2F3"
_TOKEN = re.compile(r"[A-Za-z0-9_.\-\[\]/×^+%]+")


@dataclass(frozen=True)
class Page:
    """What every page shows: product name and document title in the header, 保密, page numbers."""

    product: str
    title: str
    author: str
    lang: str
    when: dt.date


def _runs(paragraph, runs: list[Run], lang: str) -> None:
    for item in runs:
        if item.line_break:
            paragraph.add_run().add_break()
            continue
        text = docxkit.clean_text(item.text)
        if item.placeholder:
            text = f"【{text}】" if lang != "en" else f"[{text}]"
        run = paragraph.add_run(text)
        run.bold = item.bold or None
        run.italic = item.italic or None
        if item.placeholder:
            docxkit.highlight(run)


def _table(document, block: Block, lang: str) -> None:
    rows = block.rows
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docxkit.table_full_width(table)
    text_style = housestyle.table_text_style(document)
    for r, row in enumerate(rows):
        for c in range(width):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles[text_style]
            docxkit.no_indent(paragraph)
            _runs(paragraph, row[c] if c < len(row) else [], lang)
            if r == 0:
                docxkit.shade_cell(cell, HEADER_FILL)
                for run in paragraph.runs:
                    run.bold = True
    docxkit.repeat_header_row(table.rows[0])
    docxkit.set_column_widths(table, _column_widths(document, rows, width))
    document.add_paragraph()


def _column_widths(document, rows: list[list[list[Run]]], columns: int) -> list[int]:
    """Share the text width: short columns get what they need, long ones share the rest.

    Water-filling over each column's ideal width (its longest text, capped so long text wraps).
    """
    section = document.sections[0]
    total = section.page_width - section.left_margin - section.right_margin
    units = 64.0  # Latin characters of 10.5 pt text across the width, less cell margins; CJK counts 2
    ideal = []
    for c in range(columns):
        texts = ["".join(r.text for r in row[c]) if c < len(row) else "" for row in rows]
        longest = max([display_width(t) for t in texts] + [2])
        unbreakable = max([display_width(w) for t in texts for w in _TOKEN.findall(t)] + [2])
        ideal.append(max(min(longest, 60), min(unbreakable, 12)) + 2.0)
    widths = [0.0] * columns
    open_cols, left = set(range(columns)), units
    while open_cols:
        fair = left / len(open_cols)
        small = {c for c in open_cols if ideal[c] <= fair}
        if not small:
            weight = sum(ideal[c] for c in open_cols)
            for c in open_cols:
                widths[c] = left * ideal[c] / weight
            break
        for c in small:
            widths[c] = ideal[c]
            left -= ideal[c]
        open_cols -= small
    if left > 0 and not open_cols:
        widths = [w * units / (units - left) for w in widths]
    return [int(total * w / units) for w in widths]


def _numbered(document, items: list[list[Run]], lang: str) -> None:
    for index, runs in enumerate(items, 1):
        paragraph = document.add_paragraph(style=document.styles["Normal"])
        paragraph.add_run(f"（{index}）" if lang != "en" else f"({index}) ")
        _runs(paragraph, runs, lang)


def _toc(document, blocks: list[Block], lang: str) -> None:
    heading = document.add_paragraph("目  录" if lang != "en" else "Contents", style="Subtitle")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    entries = [(b.level, b.text()) for b in blocks if b.kind == "heading" and b.level <= 2]
    paragraph = document.add_paragraph()
    docxkit.no_indent(paragraph)
    docxkit.add_toc(paragraph, entries, levels="1-2")
    document.add_page_break()


def _page_furniture(document, page: Page) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = ""
    header.style = document.styles["Header"]
    width = section.page_width - section.left_margin - section.right_margin
    stops = header.paragraph_format.tab_stops
    for inherited in document.styles["Header"].paragraph_format.tab_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    confidential = "保密" if page.lang != "en" else "Confidential"
    header.add_run(docxkit.clean_text(f"{page.product}\t{confidential}"))
    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page.lang != "en":
        footer.add_run("第 ")
        docxkit.add_page_field(footer, "PAGE")
        footer.add_run(" 页  共 ")
        docxkit.add_page_field(footer, "NUMPAGES")
        footer.add_run(" 页")
    else:
        footer.add_run("Page ")
        docxkit.add_page_field(footer, "PAGE")
        footer.add_run(" of ")
        docxkit.add_page_field(footer, "NUMPAGES")


def _properties(document, page: Page) -> None:
    props = document.core_properties
    moment = dt.datetime(page.when.year, page.when.month, page.when.day, tzinfo=dt.timezone.utc)
    props.title = page.title
    props.subject = page.product
    props.author = page.author
    props.last_modified_by = "dossier"
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.comments = ""
    props.keywords = "CDE"


def build_document(blocks: list[Block], page: Page, reference: Path | None = None):
    """A python-docx Document holding the blocks, styled by the reference document."""
    document = housestyle.reference_document(reference)
    for block in blocks:
        kind = block.kind
        if kind == "title":
            _runs(document.add_paragraph(style="Title"), block.runs, page.lang)
        elif kind == "subtitle":
            _runs(document.add_paragraph(style="Subtitle"), block.runs, page.lang)
        elif kind == "heading":
            level = min(max(block.level, 1), 3)
            _runs(document.add_paragraph(style=f"Heading {level}"), block.runs, page.lang)
        elif kind == "paragraph":
            _runs(document.add_paragraph(style="Normal"), block.runs, page.lang)
        elif kind == "bullets":
            for item in block.items:
                _runs(document.add_paragraph(style="List Bullet"), item, page.lang)
        elif kind == "numbers":
            _numbered(document, block.items, page.lang)
        elif kind == "table":
            _table(document, block, page.lang)
        elif kind == "pagebreak":
            document.add_page_break()
        elif kind == "toc":
            _toc(document, blocks, page.lang)
    _page_furniture(document, page)
    _properties(document, page)
    docxkit.update_fields_on_open(document)
    return document


__all__ = ["Page", "build_document"]
