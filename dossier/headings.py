"""Heading numbers generated from the document's structure, in each language's convention.

Chinese official documents number 一、 then （一） then 1.; English documents 1, 1.1, 1.1.1.
Templates write headings without numbers, so adding, dropping or reordering a section (or a
block that does not apply) can never leave a gap, a duplicate or a lone （一） with no （二）:
a level with a single heading under its parent is left unnumbered. ``## Title {-}`` marks a
heading that is never numbered (目录, 缩略语, a question's own label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dossier.templates import zh_number

_HEADING = re.compile(r"^(#{2,4}) (.*?)(\s+\{-\})?\s*$")


@dataclass
class _Node:
    line: int
    level: int
    numbered: bool
    children: list[_Node] = field(default_factory=list)


def _tree(lines: list[str]) -> list[_Node]:
    roots: list[_Node] = []
    stack: list[_Node] = []
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        if not match:
            continue
        node = _Node(index, len(match.group(1)), match.group(3) is None)
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _label(path: list[int], lang: str) -> str:
    depth, n = len(path), path[-1]
    if lang == "en":
        shown = [str(p) for p in path if p]
        return ".".join(shown) + ("." if len(shown) == 1 else "") + " "
    return {1: f"{zh_number(n)}、", 2: f"（{zh_number(n)}）", 3: f"{n}. "}.get(depth, f"（{n}）")


def _assign(nodes: list[_Node], prefix: list[int], lang: str, out: dict[int, str]) -> None:
    numbered = [n for n in nodes if n.numbered]
    lone = len(numbered) == 1 and bool(prefix)
    count = 0
    for node in nodes:
        if node.numbered and not lone:
            count += 1
            out[node.line] = _label([*prefix, count], lang)
            _assign(node.children, [*prefix, count], lang, out)
        else:
            _assign(node.children, prefix if not node.numbered else [*prefix, 0], lang, out)


def number_headings(markdown: str, lang: str) -> str:
    """Prefix each ``##``–``####`` heading with its number; strip the ``{-}`` markers."""
    lines = markdown.split("\n")
    numbers: dict[int, str] = {}
    _assign(_tree(lines), [], lang, numbers)
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        if match:
            lines[index] = f"{match.group(1)} {numbers.get(index, '')}{match.group(2)}"
    return "\n".join(lines)
