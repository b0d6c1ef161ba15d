"""Add revision rows to a product file without rewriting it: comments and layout stay as written.

The rows go to the earlier submission of the material they revise
(``previous_submissions[].revisions``: what the next version changes). The file is edited as
text at one place, found from the YAML parser's marks; the result must parse to exactly the old
data plus the new rows, or nothing is written and the user gets the snippet to paste instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dossier.diff import Row


@dataclass
class Refused(Exception):
    """The file could not be edited safely; ``snippet`` is what to paste, ``why`` says where."""

    why_zh: str
    why_en: str
    snippet: str


def _rows(rows: list[Row]) -> list[dict[str, Any]]:
    return [{"section": r.section, "change": r.change, "reason": r.reason or None} for r in rows]


def _flow(item: dict[str, Any]) -> str:
    return yaml.safe_dump(
        item, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**9
    ).strip()


def snippet(rows: list[Row], indent: int = 4) -> str:
    """The ``revisions:`` block to paste under the submission's entry."""
    pad = " " * indent
    return "\n".join([f"{pad}revisions:", *(f"{pad}  - {_flow(r)}" for r in _rows(rows))])


def _value(node: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _pick(items: list[yaml.Node], data: list[dict[str, Any]], material: str, version: str | None) -> int:
    found = [
        n
        for n, entry in enumerate(data)
        if isinstance(entry, dict)
        and entry.get("material") == material
        and (version is None or str(entry.get("version")) == version)
    ]
    if not found:
        which = f"{material} {version}" if version else material
        raise Refused(
            f"previous_submissions 中没有 {which} 的记录",
            f"previous_submissions has no entry for {which}",
            "",
        )
    # the latest earlier submission of the material: what this revision updates
    return max(found, key=lambda n: (str(data[n].get("date")), str(data[n].get("version"))))


def add_revisions(text: str, material: str, version: str | None, rows: list[Row]) -> str:
    """The file text with ``rows`` added to the material's earlier submission. Raises Refused."""
    data = yaml.safe_load(text)
    root = yaml.compose(text)
    subs_node = _value(root, "previous_submissions")
    subs = data.get("previous_submissions") if isinstance(data, dict) else None
    if not isinstance(subs_node, yaml.SequenceNode) or not isinstance(subs, list):
        raise Refused("文件中没有 previous_submissions 列表", "The file has no previous_submissions list", "")
    index = _pick(subs_node.value, subs, material, version)
    item = subs_node.value[index]
    paste = snippet(rows, item.start_mark.column)
    if _value(item, "revisions") is not None:
        raise Refused(
            "该记录已有 revisions；请手工追加以下各行",
            "The entry already has revisions; add these rows by hand",
            "\n".join(line for line in paste.splitlines()[1:]),
        )
    if not isinstance(item, yaml.MappingNode):
        raise Refused("该记录不是映射", "The entry is not a mapping", paste)
    new_rows = _rows(rows)
    if item.flow_style:
        end = item.end_mark.index - 1
        if text[end] != "}":
            raise Refused("无法定位该记录的结尾", "Cannot find the end of the entry", paste)
        flow = "[" + ", ".join(_flow(r) for r in new_rows) + "]"
        out = text[:end] + f", revisions: {flow}" + text[end:]
    else:
        last = item.value[-1][1]
        single_line = (isinstance(last, yaml.ScalarNode) and last.style in (None, "'", '"')) or getattr(
            last, "flow_style", False
        )
        if not single_line or last.start_mark.line != last.end_mark.line:
            raise Refused("该记录的最后一个值跨多行", "The entry's last value spans several lines", paste)
        line_end = text.find("\n", last.end_mark.index)
        line_end = len(text) if line_end < 0 else line_end
        column = item.value[0][0].start_mark.column
        block = "\n" + snippet(rows, column)
        out = text[:line_end] + block + text[line_end:]
    # the edit must mean exactly: the same data, plus these rows at this entry
    expected = copy.deepcopy(data)
    expected["previous_submissions"][index]["revisions"] = new_rows
    try:
        if yaml.safe_load(out) != expected:
            raise Refused("编辑结果与预期不符", "The edited file would not read as expected", paste)
    except yaml.YAMLError:
        raise Refused("编辑结果不是有效的 YAML", "The edited file would not be valid YAML", paste) from None
    return out


def write_revisions(path: Path, material: str, version: str | None, rows: list[Row]) -> Path:
    """Add ``rows`` to the product file at ``path`` in place (atomically). Raises Refused, InputError."""
    from dossier.load import read_yaml
    from dossier.model import Revision
    from dossier.write import write_file

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("文件不是 UTF-8 文本", "The file is not UTF-8 text", snippet(rows)) from None
    if "\r\n" in text:
        raise Refused("文件使用 CRLF 换行", "The file has CRLF line endings", snippet(rows))
    read_yaml(path)  # a malformed file is reported as bad input, with its line
    for row in _rows(rows):
        Revision.model_validate(row)
    out = add_revisions(text, material, version, rows)
    return write_file(out.encode("utf-8"), path, force=True)
