"""Rendered Markdown to a small block model the Word renderer understands.

Supported: ``#`` title, ``##``–``####`` headings, ``#####`` subtitle, paragraphs, bullet and
numbered lists, pipe tables, ``**bold**``, ``*italic*``, ``---`` (a page break), ``[TOC]``
(a table of contents) and ⟦placeholders⟧. Raw HTML is switched off: a template cannot inject
markup the renderer does not know. Values the template printed arrive sealed (see
``templates.literal``) and come out here as literal runs, their line breaks as breaks.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import markdown
from markdown.treeprocessors import Treeprocessor

from dossier.templates import (
    LINE_BREAK,
    PLACEHOLDER_CLOSE,
    PLACEHOLDER_OPEN,
    PLACEHOLDER_VALUE_OPEN,
    VALUE_TOKEN,
    unseal,
)

_NEWLINE = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    placeholder: bool = False
    line_break: bool = False


@dataclass
class Block:
    kind: str  # title, subtitle, heading, paragraph, bullets, numbers, table, pagebreak, toc
    level: int = 0
    runs: list[Run] = field(default_factory=list)
    items: list[list[Run]] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)

    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class _Capture(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self.md.captured = root  # type: ignore[attr-defined]


def _parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Capture(md), "capture", -100)
    return md


def _value_runs(text: str, bold: bool, italic: bool, placeholder: bool) -> list[Run]:
    """A sealed value as literal runs; each line break in it a break in the same paragraph."""
    runs: list[Run] = []
    for index, line in enumerate(_NEWLINE.split(text)):
        if index:
            runs.append(Run("", line_break=True))
        if line:
            runs.append(Run(line, bold, italic, placeholder=placeholder))
    return runs


def _split_text(text: str, bold: bool, italic: bool) -> list[Run]:
    """Text into runs: sealed values verbatim, then the template's ⟦placeholders⟧ and ⏎ breaks."""
    runs: list[Run] = []
    at = 0
    for token in VALUE_TOKEN.finditer(text):
        runs += _template_text(text[at : token.start()], bold, italic)
        placeholder = token.group(1) == PLACEHOLDER_VALUE_OPEN
        runs += _value_runs(unseal(token.group(2)), bold, italic, placeholder)
        at = token.end()
    return runs + _template_text(text[at:], bold, italic)


def _template_text(text: str, bold: bool, italic: bool) -> list[Run]:
    """Template text into runs, separating ⟦placeholders⟧ and ⏎ line breaks."""
    runs: list[Run] = []
    rest = text
    while rest:
        start = rest.find(PLACEHOLDER_OPEN)
        brk = rest.find(LINE_BREAK)
        cut = min(i for i in (start, brk, len(rest)) if i >= 0)
        if cut:
            runs.append(Run(rest[:cut], bold, italic))
        if cut == len(rest):
            break
        if cut == brk:
            runs.append(Run("", line_break=True))
            rest = rest[cut + 1 :]
            continue
        end = rest.find(PLACEHOLDER_CLOSE, cut)
        end = len(rest) if end < 0 else end
        runs.append(Run(rest[cut + 1 : end], bold, italic, placeholder=True))
        rest = rest[end + 1 :]
    return runs


def _inline(element: ET.Element, bold: bool = False, italic: bool = False) -> list[Run]:
    runs = _split_text(element.text or "", bold, italic)
    for child in element:
        tag = child.tag
        if tag == "br":
            runs.append(Run("", line_break=True))
        else:
            runs += _inline(child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"))
        runs += _split_text(child.tail or "", bold, italic)
    return runs


def _list_items(element: ET.Element) -> list[list[Run]]:
    items = []
    for li in element.findall("li"):
        paragraphs = li.findall("p")
        if paragraphs:
            runs: list[Run] = []
            for index, p in enumerate(paragraphs):
                if index:
                    runs.append(Run("", line_break=True))
                runs += _inline(p)
            items.append(runs)
        else:
            items.append(_inline(li))
    return items


def _table(element: ET.Element) -> list[list[list[Run]]]:
    return [[_inline(cell) for cell in tr if cell.tag in ("th", "td")] for tr in element.iter("tr")]


def _unstash(md: markdown.Markdown, root: ET.Element) -> None:
    """Put back what python-markdown stashed (entities the template typed) as characters."""
    stash = md.htmlStash.rawHtmlBlocks

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return html.unescape(str(stash[index])) if index < len(stash) else ""

    for element in root.iter():
        if element.text:
            element.text = _STASHED.sub(restore, element.text)
        if element.tail:
            element.tail = _STASHED.sub(restore, element.tail)


def parse(text: str) -> list[Block]:
    """Markdown text to blocks, in order."""
    md = _parser()
    md.convert(text)
    root: ET.Element = md.captured  # type: ignore[attr-defined]
    _unstash(md, root)
    blocks: list[Block] = []
    for element in root:
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1])
            kind = {1: "title", 5: "subtitle"}.get(level, "heading")
            blocks.append(Block(kind, level=max(level - 1, 0), runs=_inline(element)))
        elif tag == "p":
            runs = _inline(element)
            if "".join(r.text for r in runs).strip() == "[TOC]":
                blocks.append(Block("toc"))
            else:
                blocks.append(Block("paragraph", runs=runs))
        elif tag in ("ul", "ol"):
            blocks.append(Block("bullets" if tag == "ul" else "numbers", items=_list_items(element)))
        elif tag == "table":
            blocks.append(Block("table", rows=_table(element)))
        elif tag == "hr":
            blocks.append(Block("pagebreak"))
        else:
            blocks.append(Block("paragraph", runs=_inline(element)))
    return blocks
