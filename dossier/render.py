"""Blocks (from rendered Markdown) to a Word document in the reference document's styles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.text.paragraph import Paragraph

from dossier import __version__, docxkit, housestyle
from dossier.formatting import date_text
from dossier.markup import Block, Run
from dossier.report import width as display_width

HEADER_FILL = "D9E2F3"
_POWER = re.compile(r"(?<=10)\^(-?\d+)")
_TOKEN = re.compile(r"[A-Za-z0-9_.\-\[\]×^+%]+")  # a Latin word; a line may break after "/"
_TINY_CELL = 8  # display width of a cell never wrapped (a name: 王海涛, a number, "Name")
_SHORT_CELL = 18  # display width (9 CJK characters) under which a cell's text is kept on one line
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Page:
    """What every page shows: product, code and 保密; the title and version date; page X of Y."""

    product: str
    title: str
    author: str
    lang: str
    when: dt.date
    code: str = ""


def _runs(paragraph, runs: list[Run], lang: str, bold: bool = False) -> None:
    """Append the runs to a paragraph (python-docx's or its ``w:p`` element); ``bold`` for all."""
    p = getattr(paragraph, "_p", paragraph)
    for item in runs:
        if item.line_break:
            docxkit.append_line_break(p, bold=bold)
            continue
        text = docxkit.clean_text(item.text)
        if item.placeholder:
            text = f"【{text}】" if lang != "en" else f"[{text}]"
        pieces = [text] if item.placeholder else _POWER.split(text)
        for index, piece in enumerate(pieces):
            if not piece:
                continue
            docxkit.append_run(
                p,
                piece,
                bold=item.bold or bold,
                italic=item.italic and not _CJK.search(piece),  # slanted CJK reads badly: upright
                superscript=bool(index % 2),  # 10^6 -> 10⁶, as cell doses are written
                highlighted=item.placeholder,
            )


def _table(document, block: Block, lang: str, styles: docxkit.StyleIds) -> None:
    rows = block.rows
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    styles.apply_table(table, "Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docxkit.table_full_width(table)
    text_style = housestyle.TABLE_TEXT if housestyle.TABLE_TEXT in styles else "Normal"
    style_id = styles.id(text_style)
    for r, (row, tr) in enumerate(zip(rows, table._tbl.tr_lst, strict=True)):
        for c, tc in enumerate(tr.tc_lst):
            p = tc.p_lst[0]
            docxkit.set_paragraph_style(p, style_id)
            docxkit.no_indent(p)
            _runs(p, row[c] if c < len(row) else [], lang, bold=r == 0)
            if r == 0:
                docxkit.shade_cell(tc, HEADER_FILL)
    docxkit.repeat_header_row(table.rows[0])
    docxkit.set_column_widths(table, _column_widths(document, rows, width))
    document.add_paragraph()


def _column_widths(document, rows: list[list[list[Run]]], columns: int) -> list[int]:
    """Share the text width by content, in three rounds of water-filling.

    First every column gets its longest Latin word (never broken: ``Biotechnology``), then
    room goes towards keeping a short cell on one line (a CJK title or role up to
    ``_SHORT_CELL``, and six CJK characters for long text), then towards each column's ideal
    width (its longest text, capped so long text wraps): short columns get what they need and
    long ones share the rest.
    """
    section = document.sections[0]
    total = section.page_width - section.left_margin - section.right_margin
    units = 64.0  # Latin characters of 10.5 pt text across the width, less cell margins; CJK counts 2
    hard, soft, ideal = [], [], []
    for c in range(columns):
        texts = ["".join(r.text for r in row[c]) if c < len(row) else "" for row in rows]
        longest = max([display_width(t) for t in texts] + [2])
        unbreakable = [display_width(w) for t in texts for w in _TOKEN.findall(t)]
        unbreakable += [display_width(t) for t in texts if display_width(t) <= _TINY_CELL]
        word = min(max([*unbreakable, _TINY_CELL - 2]), _SHORT_CELL) + 2.0
        short = [display_width(t) for t in texts if display_width(t) <= _SHORT_CELL]
        least = max(min(max([*short, min(longest, 12), 2]), _SHORT_CELL) + 2.0, word)
        hard.append(word)
        soft.append(least)
        ideal.append(max(min(longest, 60) + 2.0, least))
    if sum(hard) >= units:
        return [int(total * w / sum(hard)) for w in hard]
    widths = list(hard)
    for target in (soft, ideal):
        room = units - sum(widths)
        extra = _water_fill([t - w for t, w in zip(target, widths, strict=True)], room)
        widths = [w + e for w, e in zip(widths, extra, strict=True)]
    return [int(total * w / sum(widths)) for w in widths]


def _water_fill(needs: list[float], room: float) -> list[float]:
    """Share ``room``: needs below the fair share are met, the rest split in proportion to need."""
    shares = [0.0] * len(needs)
    open_cols, left = set(range(len(needs))), room
    while open_cols:
        fair = left / len(open_cols)
        small = {c for c in open_cols if needs[c] <= fair}
        if not small:
            weight = sum(needs[c] for c in open_cols) or 1.0
            for c in open_cols:
                shares[c] = left * needs[c] / weight
            return shares
        for c in small:
            shares[c] = needs[c]
            left -= needs[c]
        open_cols -= small
    return shares  # room left over: the caller scales every column up alike


def _numbered(document, items: list[list[Run]], lang: str, styles: docxkit.StyleIds) -> None:
    for index, runs in enumerate(items, 1):
        p = _paragraph(document, styles, "Normal")
        docxkit.hanging_indent(p, 3 if lang != "en" else 2)  # （1） is three characters wide
        docxkit.append_run(p, f"（{index}）" if lang != "en" else f"({index})\t", properties=False)
        _runs(p, runs, lang)


def _paragraph(document, styles: docxkit.StyleIds, name: str):
    """A new body paragraph (its ``w:p`` element) in the named style."""
    return docxkit.body_paragraph(document, styles.id(name))


def _toc(document, blocks: list[Block], lang: str, styles: docxkit.StyleIds) -> None:
    heading = Paragraph(_paragraph(document, styles, "Subtitle"), document._body)
    heading.add_run("目  录" if lang != "en" else "Contents")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    entries = [(b.level, b.text()) for b in blocks if b.kind == "heading" and b.level <= 2]
    paragraph = document.add_paragraph()
    docxkit.no_indent(paragraph)
    docxkit.add_toc(paragraph, entries, levels="1-2")
    document.add_page_break()


def _header_line(paragraph, document, styles: docxkit.StyleIds, width: int, text: str) -> None:
    """One header line: text on the left, after a tab the rest flush right."""
    paragraph.text = ""
    styles.apply(paragraph, "Header")
    stops = paragraph.paragraph_format.tab_stops
    for inherited in document.styles["Header"].paragraph_format.tab_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(docxkit.clean_text(text))


def _page_furniture(document, page: Page, styles: docxkit.StyleIds) -> None:
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    en = page.lang == "en"
    confidential = "Confidential" if en else "保密"
    product = f"{page.product} ({page.code})" if en and page.code else page.product
    if page.code and not en:
        product = f"{page.product}（{page.code}）"
    version = ("Version date: " if en else "版本日期：") + date_text(page.when, page.lang)
    _header_line(section.header.paragraphs[0], document, styles, width, f"{product}\t{confidential}")
    _header_line(section.header.add_paragraph(), document, styles, width, f"{page.title}\t{version}")
    footer = section.footer.paragraphs[0]
    footer.text = ""
    styles.apply(footer, "Footer")
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
    props.title = docxkit.clean_text(page.title)
    props.subject = docxkit.clean_text(page.product)
    props.author = docxkit.clean_text(page.author)
    props.last_modified_by = "dossier"
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.comments = ""
    props.keywords = "CDE"
    props.language = "en-US" if page.lang == "en" else "zh-CN"
    docxkit.set_app_properties(document, company=docxkit.clean_text(page.author), version=__version__)


_LINE_WIDTH = {"title": 36, "subtitle": 58}  # display width of one line (CJK counts 2) at 22 / 14 pt
_BREAK_BEFORE = ("（", " (", "\u3000")  # where a long title may wrap: before a bracket or a wide space


def _title_runs(runs: list[Run], kind: str) -> list[Run]:
    """A title too long for one line wraps at a bracket or wide space, never inside a word.

    Word and LibreOffice may break Chinese text between any two characters (关/键); the break is
    placed at the last such point where the first line still fits, else at the first one.
    """
    text = "".join(r.text for r in runs)
    if any(r.line_break for r in runs) or display_width(text) <= _LINE_WIDTH[kind]:
        return runs
    points = sorted(i for mark in _BREAK_BEFORE for i in _find_all(text, mark) if i > 0)
    if not points:
        return runs
    fitting = [i for i in points if display_width(text[:i]) <= _LINE_WIDTH[kind]]
    at = fitting[-1] if fitting else points[0]
    out, seen = [], 0
    for run in runs:
        end = seen + len(run.text)
        if seen <= at < end and not run.line_break:
            head, tail = run.text[: at - seen], run.text[at - seen :].lstrip(" \u3000")
            if head:
                out.append(replace(run, text=head))
            out.append(Run("", line_break=True))
            if tail:
                out.append(replace(run, text=tail))
        else:
            out.append(run)
        seen = end
    return out


def _find_all(text: str, mark: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(mark), text)]


def build_document(blocks: list[Block], page: Page, reference: Path | None = None):
    """A python-docx Document holding the blocks, styled by the reference document."""
    document = housestyle.reference_document(reference)
    styles = docxkit.StyleIds(document)
    single = {"title": "Title", "subtitle": "Subtitle", "paragraph": "Normal"}
    for block in blocks:
        kind = block.kind
        if kind in single:
            runs = _title_runs(block.runs, kind) if kind in _LINE_WIDTH else block.runs
            _runs(_paragraph(document, styles, single[kind]), runs, page.lang)
        elif kind == "heading":
            level = min(max(block.level, 1), 3)
            _runs(_paragraph(document, styles, f"Heading {level}"), block.runs, page.lang)
        elif kind == "bullets":
            for item in block.items:
                _runs(_paragraph(document, styles, "List Bullet"), item, page.lang)
        elif kind == "numbers":
            _numbered(document, block.items, page.lang, styles)
        elif kind == "table":
            _table(document, block, page.lang, styles)
        elif kind == "pagebreak":
            document.add_page_break()
        elif kind == "toc":
            _toc(document, blocks, page.lang, styles)
    docxkit.trim_trailing(document)
    _page_furniture(document, page, styles)
    _properties(document, page)
    return document


__all__ = ["Page", "build_document"]
