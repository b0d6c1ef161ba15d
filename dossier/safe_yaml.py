"""Turn YAML text into nodes within fixed limits, so no input file can exhaust time or memory.

PyYAML's own composer expands nothing, but everything after it does: walking the nodes for
line numbers, building Python values and validating them all visit an aliased node once per
reference, so a few hundred bytes of nested aliases ("billion laughs") become billions of
values. This module composes the parser's events itself, without recursion, and refuses a
document before anything expands it:

- more than :data:`MAX_BYTES` of text;
- nesting deeper than :data:`MAX_DEPTH`, counting what aliases bring in;
- more than :data:`MAX_NODES` values once every alias is expanded;
- an alias to a node that contains it (recursive), or to an unknown anchor;
- merge keys (``<<``), a YAML 1.1 extension whose expansion hides where a value came from;
- characters no document should hold (C0/C1 controls other than tab and line breaks, lone
  surrogates, U+FFFE/U+FFFF) and the BiDi embedding, override and isolate characters that can
  make text read differently from what it says (U+202A–U+202E, U+2066–U+2069). The directional
  *marks* U+200E, U+200F and U+061C are allowed: they cannot reorder a span of text.

Every refusal is an :class:`~dossier.errors.InputError` with the file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from dossier.errors import InputError, input_error

MAX_BYTES = 1024 * 1024  # the largest real input (a rule pack's vocabulary) is about 10 kB
MAX_DEPTH = 64  # the deepest real structure (a rule's nested conditions) is under 15
MAX_NODES = 100_000  # values after alias expansion; the largest real file has about 2,000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, faster
MERGE_TAG = "tag:yaml.org,2002:merge"

# C0 controls except tab, LF, CR; DEL; C1 controls; lone surrogates; the two non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class BadCharacter:
    """A character the loader refuses, with its offset in the text it was found in."""

    offset: int
    char: str

    @property
    def name(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def bidi(self) -> bool:
        return bool(_BIDI.match(self.char))


def bad_character(text: str) -> BadCharacter | None:
    """The first control or BiDi override character in ``text``, or None."""
    control = _CONTROL.search(text)
    bidi = _BIDI.search(text)
    found = min((m for m in (control, bidi) if m), key=lambda m: m.start(), default=None)
    return BadCharacter(found.start(), found.group()) if found else None


def character_error(file: Path | str, bad: BadCharacter, line: int, column: int, **where: str) -> InputError:
    """The located error for a refused character (``where`` may name the field)."""
    if bad.bidi:
        zh = f"含有双向文字控制字符 {bad.name}，它会让文字显示的顺序与实际内容不同。"
        en = f"Contains the bidirectional control character {bad.name}, which makes text display in a"
        en += " different order from what it says."
        hint_zh, hint_en = "删除该字符（编辑器中通常不可见）。", "Delete it (editors usually do not show it)."
    else:
        zh = f"含有控制字符 {bad.name}，Word 和 Excel 文件无法保存它。"
        en = f"Contains the control character {bad.name}, which Word and Excel files cannot hold."
        hint_zh = "删除该字符；它通常是从 PDF 复制文字时带入的。"
        hint_en = "Delete it; it usually comes with text copied out of a PDF."
    return input_error(
        file, zh, en, line=line, column=column, hint_zh=hint_zh, hint_en=hint_en, field=where.get("field")
    )


def check_text(text: str, file: Path | str) -> None:
    """Refuse the file if its text holds a control or BiDi override character. Raises InputError.

    The message gives the character's own line and column, and the field it stands in when
    the rest of the file can be read.
    """
    bad = bad_character(text)
    if bad is None:
        return
    line = text.count("\n", 0, bad.offset) + 1
    column = bad.offset - (text.rfind("\n", 0, bad.offset) + 1) + 1
    raise character_error(file, bad, line, column, field=_field_at(text, bad.offset, file))


def _field_at(text: str, offset: int, file: Path | str) -> str | None:
    """The dotted field whose key or value holds character ``offset`` of ``text``, if any."""
    blanked = text[:offset] + " " + text[offset + 1 :]  # same length: marks stay where they were
    try:
        node = compose(blanked, file)
    except (InputError, yaml.YAMLError):
        return None
    path: list[str] = []
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        items = node.value if isinstance(node, yaml.MappingNode) else list(enumerate(node.value))
        for key, value in items:
            inside = [n for n in (key, value) if isinstance(n, yaml.Node) and _holds(n, offset)]
            if inside:
                path.append(f"[{key}]" if isinstance(key, int) else str(key.value))
                node = value if inside[-1] is value else None
                break
        else:
            break
    return "".join(p if p.startswith("[") or not i else "." + p for i, p in enumerate(path)) or None


def _holds(node: yaml.Node, offset: int) -> bool:
    return node.start_mark.index <= offset < node.end_mark.index


@dataclass
class _Open:
    """A collection being composed: its node, the anchor it defines, the values it holds."""

    node: yaml.Node
    anchor: str | None
    size: int = 1
    height: int = 1


def _at(file: Path | str, mark: yaml.Mark | None, zh: str, en: str, hint_zh: str, hint_en: str) -> InputError:
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return input_error(file, zh, en, line=line, column=column, hint_zh=hint_zh, hint_en=hint_en)


def compose(text: str, file: Path | str) -> yaml.Node | None:
    """The single document in ``text`` as nodes, or None for an empty file.

    Aliased nodes are shared, not copied; the limits above hold for the expanded document.
    Raises InputError for a refused document and yaml.MarkedYAMLError for a syntax error.
    """
    loader = _Loader(text)
    try:
        return _compose(loader, file)
    finally:
        loader.dispose()


def _compose(loader, file: Path | str) -> yaml.Node | None:
    anchors: dict[str, tuple[yaml.Node, int, int]] = {}  # node, expanded size, height
    stack: list[_Open] = []
    open_anchors: set[str] = set()
    total = 0
    root: yaml.Node | None = None
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # DocumentStart

    def attach(node: yaml.Node, size: int, height: int, new: int) -> None:
        """Hang ``node`` (``size`` values expanded) on its parent; ``new`` of them not yet counted."""
        nonlocal root, total
        total += new
        if total > MAX_NODES and anchors:
            raise _at(
                file,
                node.start_mark,
                f"文件展开后的值超过 {MAX_NODES:,} 个（别名 * 引用过多或嵌套引用）。",
                f"The file expands to more than {MAX_NODES:,} values (too many or nested aliases *).",
                "把别名引用改为直接写出内容，或减少引用。",
                "Write the values out instead of referring to them with aliases, or use fewer.",
            )
        if total > MAX_NODES:
            raise _at(
                file,
                node.start_mark,
                f"文件中的值超过 {MAX_NODES:,} 个。",
                f"The file holds more than {MAX_NODES:,} values.",
                "确认选择的是正确的文件；产品文件通常只有几百个值。",
                "Check this is the right file; a product file holds a few hundred values.",
            )
        if len(stack) + height > MAX_DEPTH:
            raise _at(
                file,
                node.start_mark,
                f"嵌套层级超过 {MAX_DEPTH} 层。",
                f"Nesting is deeper than {MAX_DEPTH} levels.",
                "产品文件只需几层嵌套；检查缩进或括号是否有误。",
                "A product file needs only a few levels; check the indentation or brackets.",
            )
        if stack:
            parent = stack[-1]
            parent.node.value.append(node)
            parent.size += size
            parent.height = max(parent.height, height + 1)
        else:
            root = node

    while not loader.check_event(yaml.DocumentEndEvent):
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise _at(
                    file,
                    event.start_mark,
                    f"别名“*{event.anchor}”引用了包含它自身的内容（递归引用）。",
                    f"The alias '*{event.anchor}' refers to a value that contains it (a recursive alias).",
                    "去掉这个别名，直接写出内容。",
                    "Remove the alias and write the value out.",
                )
            if event.anchor not in anchors:
                raise _at(
                    file,
                    event.start_mark,
                    f"别名“*{event.anchor}”没有对应的锚点“&{event.anchor}”。",
                    f"The alias '*{event.anchor}' has no anchor '&{event.anchor}' before it.",
                    "检查拼写，或在别名之前定义锚点。",
                    "Check the spelling, or define the anchor before the alias.",
                )
            node, size, height = anchors[event.anchor]
            attach(node, size, height, size)
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            attach(node, 1, 0, 1)  # depth counts collections; a scalar adds no level
            if event.anchor is not None:
                anchors[event.anchor] = (node, 1, 0)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if len(stack) + 1 > MAX_DEPTH:
                attach(node, 1, 1, 1)  # raises the depth error
            stack.append(_Open(node, event.anchor))
            if event.anchor is not None:
                open_anchors.add(event.anchor)
        else:  # SequenceEnd or MappingEnd
            done = stack.pop()
            done.node.end_mark = event.end_mark
            if isinstance(done.node, yaml.MappingNode):
                done.node.value = _pairs(done.node.value, file)
            if done.anchor is not None:
                open_anchors.discard(done.anchor)
                anchors[done.anchor] = (done.node, done.size, done.height)
            attach(done.node, done.size, done.height, 1)  # its contents were counted as they came
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise _at(
            file,
            event.start_mark,
            "文件包含多个 YAML 文档（“---”分隔）；只应有一个。",
            "The file holds more than one YAML document (separated by '---'); it should hold one.",
            "删除多余的“---”行及其后的内容，或把它们拆成单独的文件。",
            "Remove the extra '---' and what follows, or split it into its own file.",
        )
    return root


def _pairs(items: list[yaml.Node], file: Path | str) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping's flat list of keys and values as pairs, refusing merge keys."""
    pairs = list(zip(items[0::2], items[1::2], strict=True))
    for key, _ in pairs:
        if isinstance(key, yaml.ScalarNode) and key.tag == MERGE_TAG:
            raise _at(
                file,
                key.start_mark,
                "不支持合并键“<<”。",
                "Merge keys ('<<') are not supported.",
                "直接写出各个键，或用别名 *name 引用整个值。",
                "Write the keys out, or refer to the whole value with an alias *name.",
            )
    return pairs
