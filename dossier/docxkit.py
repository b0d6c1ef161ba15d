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
from docx.shared import Emu, Pt
from lxml import etree

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


def hanging_indent(owner, chars: int = 2, char_twips: int = 240) -> None:
    """Wrapped lines align with the text after the bullet or number: left = hanging = N characters.

    ``owner`` is a style, a python-docx paragraph or a ``w:p`` element. The first-line
    attributes go, since Word and LibreOffice let them override a hanging indent.
    """
    element = getattr(owner, "element", None)
    element = element if element is not None else getattr(owner, "_p", owner)
    ppr = element.get_or_add_pPr()
    ind = _child(ppr, "w:ind")
    for attr in ("w:firstLineChars", "w:firstLine"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:leftChars"), str(chars * 100))
    ind.set(qn("w:left"), str(chars * char_twips))
    ind.set(qn("w:hangingChars"), str(chars * 100))
    ind.set(qn("w:hanging"), str(chars * char_twips))


def keep_lines_together(owner) -> None:
    """A paragraph (or style) that never breaks across pages (w:keepLines)."""
    owner.paragraph_format.keep_together = True


def no_indent(paragraph) -> None:
    """No first-line indent: a python-docx paragraph, or a ``w:p`` element."""
    p = getattr(paragraph, "_p", paragraph)
    ind = _child(p.get_or_add_pPr(), "w:ind")
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
    """A table-of-contents field whose shown result already lists the headings.

    Word shows it as is on opening (no "update fields?" prompt) and fills the page numbers when
    the user updates fields; the PDF export updates it (see :mod:`dossier.office`).
    """
    _field(paragraph, f'TOC \\o "{levels}" \\h \\z \\u', [("\u3000" * (lvl - 1)) + t for lvl, t in entries])


def set_app_properties(document, *, company: str, version: str) -> None:
    """docProps/app.xml written by us: application ``dossier`` and its version, the company.

    Replaces what the default template carried (Microsoft Macintosh Word, Normal.dotm, counts
    that were never true). Word reads AppVersion as ``XX.YYYY``; ours is encoded that way.
    """
    from xml.sax.saxutils import escape

    major, minor, patch = ([int(x) for x in version.split(".")[:3] if x.isdigit()] + [0, 0, 0])[:3]
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>dossier</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        f"<Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>"
        f"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        f"<AppVersion>{major:02d}.{minor:02d}{patch:02d}</AppVersion></Properties>"
    )
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            rel.target_part._blob = xml.encode("utf-8")


def theme_languages(document, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    """The theme font languages in settings (the default template says ja-JP)."""
    node = document.settings.element.find(qn("w:themeFontLang"))
    if node is not None:
        node.set(qn("w:val"), latin)
        node.set(qn("w:eastAsia"), east_asia)


def trim_trailing(document) -> None:
    """No near-empty last page: drop empty paragraphs and page breaks at the end of the body.

    After a final table one empty paragraph must stay (Word requires it); it is made tiny, so
    it cannot spill onto a page of its own.
    """
    body = document.element.body
    children = [c for c in body if c.tag != qn("w:sectPr")]
    while children and children[-1].tag == _W_P and not "".join(children[-1].itertext()).strip():
        body.remove(children.pop())
    if children and children[-1].tag == qn("w:tbl"):
        p = body_paragraph(document, None)
        ppr = p.get_or_add_pPr()
        spacing = _child(ppr, "w:spacing")
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "20")
        spacing.set(qn("w:lineRule"), "exact")


class StyleIds:
    """Style names resolved to ids once per document.

    python-docx resolves a style name by scanning every style on each assignment; a package
    assigns styles thousands of times, so resolve once and write the id.
    """

    def __init__(self, document) -> None:
        self._ids = {s.name: s.style_id for s in document.styles}

    def id(self, name: str) -> str:
        return self._ids[name]

    def apply(self, paragraph, name: str) -> None:
        paragraph._p.style = self._ids[name]

    def apply_table(self, table, name: str) -> None:
        table._tbl.tblPr.style = self._ids[name]

    def __contains__(self, name: str) -> bool:
        return name in self._ids


# --- trimming the default template -----------------------------------------------------------

UNUSED_PART_TYPES = ("stylesWithEffects", "thumbnail", "customXml")


def drop_unused_parts(document) -> None:
    """Drop parts no one reads: Word 2010's stylesWithEffects copy, the thumbnail, customXml.

    A part is written only when a relationship reaches it, so dropping the relationship drops it.
    """
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in UNUSED_PART_TYPES:
                del rels[rid]


def drop_styles_except(document, keep: set[str]) -> None:
    """Delete every style not named in ``keep``, keeping what a kept style refers to
    (based on, linked, next) and the defaults of each kind."""
    styles = document.styles.element
    by_id = {s.styleId: s for s in styles.style_lst}
    wanted = {s.style_id for s in document.styles if s.name in keep or s.builtin and s.element.default}
    todo = list(wanted)
    while todo:
        style = by_id.get(todo.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in wanted:
                wanted.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)


# --- bulk body content -----------------------------------------------------------------------
# A package holds thousands of runs; python-docx's proxies cost a schema-ordered insert per
# property. These build the same elements python-docx would (same order, same attributes, so the
# bytes do not change) straight into the tree.

_W_P, _W_PPR, _W_PSTYLE, _W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_W_R, _W_RPR, _W_T, _W_TAB, _W_BR = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:tab"), qn("w:br")
_W_B, _W_I, _W_HIGHLIGHT, _W_VERTALIGN = qn("w:b"), qn("w:i"), qn("w:highlight"), qn("w:vertAlign")
_XML_SPACE = qn("xml:space")


def body_paragraph(document, style_id: str | None):
    """A new ``w:p`` at the end of the body (before the section properties), in this style."""
    body = document.element.body
    p = body.makeelement(_W_P, {})
    sect = body.sectPr
    if sect is None:
        body.append(p)
    else:
        sect.addprevious(p)
    if style_id is not None:
        set_paragraph_style(p, style_id)
    return p


def set_paragraph_style(p, style_id: str) -> None:
    """``w:pPr/w:pStyle`` of a paragraph element that has no properties yet."""
    ppr = p.makeelement(_W_PPR, {})
    p.insert(0, ppr)
    etree.SubElement(ppr, _W_PSTYLE).set(_W_VAL, style_id)


def append_run(
    p,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    superscript: bool = False,
    highlighted: bool = False,
    properties: bool = True,
) -> None:
    """A ``w:r`` holding ``text`` (tabs and line ends as ``w:tab``/``w:br``), with its run properties.

    ``properties=False`` writes no ``w:rPr`` at all (python-docx's bare ``add_run(text)``).
    """
    r = etree.SubElement(p, _W_R)
    if properties or bold:
        rpr = etree.SubElement(r, _W_RPR)
        if bold:
            etree.SubElement(rpr, _W_B)
        if italic:
            etree.SubElement(rpr, _W_I)
        if highlighted:
            etree.SubElement(rpr, _W_HIGHLIGHT).set(_W_VAL, "yellow")
        if superscript:
            etree.SubElement(rpr, _W_VERTALIGN).set(_W_VAL, "superscript")
    start = 0
    for index, char in enumerate(text):
        if char in "\t\r\n":
            _append_t(r, text[start:index])
            etree.SubElement(r, _W_TAB if char == "\t" else _W_BR)
            start = index + 1
    _append_t(r, text[start:])


def _append_t(r, text: str) -> None:
    if text:
        t = etree.SubElement(r, _W_T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


def append_line_break(p, *, bold: bool = False) -> None:
    """A run holding one line break (``w:br``)."""
    r = etree.SubElement(p, _W_R)
    if bold:
        etree.SubElement(etree.SubElement(r, _W_RPR), _W_B)
    etree.SubElement(r, _W_BR)


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
    """Fill a cell (python-docx's, or its ``w:tc`` element) with a colour."""
    tcpr = getattr(cell, "_tc", cell).get_or_add_tcPr()
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
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=False):
            tc.width = Emu(width)


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
