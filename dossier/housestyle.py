"""The built-in house style, and loading a company's reference document instead.

The house style looks like a document a Chinese RA writer makes in Word: 宋体 小四 body with a
two-character first-line indent and 1.5 line spacing, 黑体 headings, Times New Roman / Arial for
Latin text, 五号 table text, A4 with standard margins.
"""

from __future__ import annotations

import copy
import io
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt, RGBColor

from dossier import docxkit
from dossier.errors import input_error

REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "Table Grid",
    "Header",
    "Footer",
)
TABLE_TEXT = "Table Text"
BODY_ZH, HEADING_ZH = "宋体", "黑体"
BODY_LATIN, HEADING_LATIN = "Times New Roman", "Arial"

_HEADINGS = {"Title": 22, "Subtitle": 14, "Heading 1": 16, "Heading 2": 14, "Heading 3": 12}


def _body(styles) -> None:
    normal = styles["Normal"]
    docxkit.set_fonts(normal, east_asia=BODY_ZH, latin=BODY_LATIN, size=12)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.ONE_POINT_FIVE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    docxkit.first_line_indent_chars(normal, 2)
    docxkit.set_language(styles)


def _headings(styles) -> None:
    for name, size in _HEADINGS.items():
        style = styles[name]
        docxkit.set_fonts(style, east_asia=HEADING_ZH, latin=HEADING_LATIN, size=size)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before = Pt(12 if name.startswith("Heading") else 0)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.keep_with_next = True
        fmt.keep_together = True  # a title or heading never splits across pages
        docxkit.first_line_indent_chars(style, 0)
        if name in ("Title", "Subtitle"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_after = Pt(12)


def _lists_and_tables(styles) -> None:
    for name in ("List Bullet", "List Number"):
        docxkit.hanging_indent(styles[name], 2)
    table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    docxkit.set_fonts(table_text, east_asia=BODY_ZH, latin=BODY_LATIN, size=10.5)
    fmt = table_text.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(2)
    docxkit.first_line_indent_chars(table_text, 0)
    for name in ("Header", "Footer"):
        docxkit.set_fonts(styles[name], east_asia=BODY_ZH, latin=BODY_LATIN, size=9)
        docxkit.first_line_indent_chars(styles[name], 0)


@cache
def _house_bytes() -> bytes:
    document = _build_house()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@cache
def _house_parsed():
    return Document(io.BytesIO(_house_bytes()))


def house_document():
    """A new document in the house style (the built-in reference document).

    Parsed once per process; each document is a deep copy of that parse (about half the cost).
    """
    return copy.deepcopy(_house_parsed())


def _build_house():
    document = Document()
    styles = document.styles
    for style in list(styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Normal Table", "Table Grid"):
            style.delete()
    _body(styles)
    _headings(styles)
    _lists_and_tables(styles)
    docxkit.drop_styles_except(document, {*REQUIRED_STYLES, TABLE_TEXT})
    docxkit.drop_unused_parts(document)
    docxkit.theme_languages(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(3.18)
    section.header_distance = section.footer_distance = Cm(1.5)
    return document


def reference_document(path: Path | None):
    """The company's reference document (body emptied), or the house style.

    Raises InputError when the file cannot be read or lacks a style the package needs.
    """
    if path is None:
        return house_document()
    from dossier.safe_io import check_zip_container

    check_zip_container(path)  # a company file: refused if it is no zip, a bomb or reaches outside
    try:
        stat = path.stat()
    except OSError:
        return _company_reference.__wrapped__(path, 0, 0)  # raises the located error
    return copy.deepcopy(_company_reference(path.resolve(), stat.st_mtime_ns, stat.st_size))


@cache
def _company_reference(path: Path, mtime_ns: int, size: int):
    """The company's reference document parsed and emptied once per process (per version of it)."""
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types for a bad file
        raise input_error(
            path,
            f"无法作为 Word 文档打开：{exc}",
            f"Cannot open as a Word document: {exc}",
            hint_zh="请提供 .docx 格式（不是 .doc 或 .dotx）的参考文档。",
            hint_en="Give a .docx reference document (not .doc or .dotx).",
        ) from None
    names = {s.name for s in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise input_error(
            path,
            "参考文档缺少以下样式：" + "、".join(missing),
            "The reference document lacks these styles: " + ", ".join(missing),
            hint_zh="在 Word 中添加这些样式（可从 `dossier templates export` 导出的 reference.docx 复制）。",
            hint_en="Add them in Word (copy them from the reference.docx that"
            " `dossier templates export` writes).",
        )
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)
    return document


def table_text_style(document) -> str:
    names = {s.name for s in document.styles}
    return TABLE_TEXT if TABLE_TEXT in names else "Normal"
