"""Thin helpers over python-docx for what its public API does not cover.

East Asian fonts, fields (table of contents, page numbers), highlighted placeholders, table
header rows and shading, first-line indents in characters, and deterministic saving. This is
the only module that touches raw WordprocessingML.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from dossier import archive, text

clean_text = text.clean_text


def _rpr(element) -> object:
    return element.get_or_add_rPr()


def set_fonts(style_or_run, *, east_asia: str, latin: str, size: float | None = None) -> None:
    """Set the East Asian and Latin fonts (w:rFonts eastAsia/ascii/hAnsi) and the size."""
    font = style_or_run.font
    font.name = latin
    if size is not None:
        font.size = Pt(size)
    element = style_or_run.element
    rpr = _rpr(element)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def east_asia_font(style_or_run) -> str | None:
    """The w:eastAsia font of a style or run, if set."""
    rpr = style_or_run.element.rPr
    if rpr is None or rpr.find(qn("w:rFonts")) is None:
        return None
    return rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def set_language(styles, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    """Document default languages, so Word applies Chinese typography rules."""
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        return
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)


def first_line_indent_chars(paragraph_format_owner, chars: int = 2) -> None:
    """Indent the first line by N characters (w:firstLineChars), as Chinese body text is."""
    ind = _child(paragraph_format_owner.element.get_or_add_pPr(), "w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * 240))


def no_indent(paragraph) -> None:
    ind = _child(paragraph._p.get_or_add_pPr(), "w:ind")
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def _child(parent, tag: str):
    """The first child with this tag, created (appended) if missing."""
    node = parent.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        parent.append(node)
    return node


def _fld_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(char)


def _field(paragraph, instruction: str, cached: list[str]) -> None:
    """A complex field: begin, instruction, separate, the cached result lines, end."""
    _fld_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _fld_char(paragraph, "separate")
    for index, line in enumerate(cached):
        if index:
            paragraph.add_run().add_break()
        paragraph.add_run(line)
    _fld_char(paragraph, "end")


def add_page_field(paragraph, kind: str = "PAGE") -> None:
    """PAGE or NUMPAGES field."""
    _field(paragraph, kind, ["1"])


def add_toc(paragraph, entries: list[tuple[int, str]], levels: str = "1-3") -> None:
    """A table-of-contents field; Word rebuilds it on open (updateFields), the cache lists headings."""
    _field(paragraph, f'TOC \\o "{levels}" \\h \\z \\u', [("\u3000" * (lvl - 1)) + t for lvl, t in entries])


def update_fields_on_open(document) -> None:
    """Ask Word to refresh fields (the TOC, page counts) when the document opens."""
    _child(document.settings.element, "w:updateFields").set(qn("w:val"), "true")


class StyleIds:
    """Style names resolved to ids once per document.

    python-docx resolves a style name by scanning every style on each assignment; a package
    assigns styles thousands of times, so resolve once and write the id.
    """

    def __init__(self, document) -> None:
        self._ids = {s.name: s.style_id for s in document.styles}

    def apply(self, paragraph, name: str) -> None:
        paragraph._p.style = self._ids[name]

    def apply_table(self, table, name: str) -> None:
        table._tbl.tblPr.style = self._ids[name]

    def __contains__(self, name: str) -> bool:
        return name in self._ids


def highlight(run, color: WD_COLOR_INDEX = WD_COLOR_INDEX.YELLOW) -> None:
    run.font.highlight_color = color


def is_highlighted(run) -> bool:
    return run.font.highlight_color is not None


def repeat_header_row(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    trpr.append(node)


def shade_cell(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def table_full_width(table) -> None:
    """Stretch a table to the text width (w:tblW 100%) and let columns fit their content."""
    width = _child(table._tbl.tblPr, "w:tblW")
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")


def set_column_widths(table, widths: list[int]) -> None:
    """Fixed column widths (EMU) in the grid and every cell, so Word and LibreOffice agree."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(width / 635)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


# --- deterministic saving -------------------------------------------------------------------


class _Members:
    """Collects what python-docx's package writer would put in the zip."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.members[pack_uri.membername] = blob


def docx_bytes(document, when: dt.date) -> bytes:
    """The document as .docx bytes with fixed timestamps and stable order, compressed once.

    Uses python-docx's package writer steps directly (saving and re-zipping costs a second
    compression); should a python-docx release move them, it falls back to save and re-zip.
    """
    try:
        return _direct(document, when)
    except (ImportError, AttributeError):
        buffer = io.BytesIO()
        document.save(buffer)
        return archive.normalise(buffer.getvalue(), when)


def _direct(document, when: dt.date) -> bytes:
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    sink = _Members()
    PackageWriter._write_content_types_stream(sink, parts)
    PackageWriter._write_pkg_rels(sink, package.rels)
    PackageWriter._write_parts(sink, parts)
    return archive.zip_bytes(sink.members, when)


def save_deterministic(document, path: Path, when: dt.date) -> None:
    path.write_bytes(docx_bytes(document, when))


# --- reading a document an author edited (dossier verify) -----------------------------------


def body_blocks(document) -> list[object]:
    """The paragraphs and tables of the body in reading order (python-docx objects).

    Tracked insertions count as text (python-docx reads runs inside ``w:ins`` too only through
    the XML, so the paragraph text is read from every ``w:t`` under it, deletions excluded).
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[object] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            out.append(Table(child, document))
    return out


def paragraph_text(paragraph) -> str:
    """All the text of a paragraph as Word shows it with changes accepted (``w:ins`` kept, ``w:del`` out)."""
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


def highlighted_text(paragraph) -> list[str]:
    """The text of each highlighted run (a placeholder, as the templates write them)."""
    out = []
    for r in paragraph._p.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:highlight")) is not None:
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            if text.strip():
                out.append(text)
    return out


def heading_level(paragraph) -> int | None:
    """1, 2, 3 … for a heading style (by name or outline level), the title as 0; None otherwise."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 0
    if name.startswith("Heading "):
        tail = name.removeprefix("Heading ").strip()
        return int(tail) if tail.isdigit() else None
    ppr = paragraph._p.pPr
    level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if level is not None and str(level.get(qn("w:val"), "")).isdigit():
        return int(level.get(qn("w:val"))) + 1
    return None


def tracked_changes(document) -> tuple[int, int]:
    """How many tracked insertions and deletions (``w:ins``, ``w:del``) the body still holds."""
    body = document.element.body
    return sum(1 for _ in body.iter(qn("w:ins"))), sum(1 for _ in body.iter(qn("w:del")))


def comments(document) -> list[str]:
    """The text of each comment in the document (the comments part), empty when there is none."""
    from lxml import etree

    for part in document.part.package.parts:
        if str(part.partname) == "/word/comments.xml":
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(part.blob, parser)
            return [
                "".join(t.text or "" for t in c.iter(qn("w:t"))).strip() for c in root.iter(qn("w:comment"))
            ]
    return []
