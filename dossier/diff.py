"""What changed between two versions: of a product file, or of one drafted material (.docx).

The result is rows of the 修订历史和说明 table the annex asks for with a '#' material (002 六,
note 4): version, date, section, the change, and a reason for the author to fill in. Product
files are compared field by field; Word documents section by section (by their headings),
paragraph by paragraph. A .docx comes from outside: dossier.safe_io checks it as a zip (size,
members, names, expansion) before python-docx opens it; anything else is an InputError (exit 2).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dossier.errors import input_error

MAX_PARAGRAPHS = 20_000
EXCERPT = 60
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Row:
    """One row of the revision-history table."""

    version: str
    date: str
    section: str
    kind: str  # added, removed, changed
    change: str
    reason: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)


# --- product files -------------------------------------------------------------------------


def _key_of(items: list[Any]) -> str | None:
    """The field that identifies the items of a list of mappings, if one does."""
    if items and all(isinstance(i, dict) and i.get("id") for i in items):
        return "id"
    if items and all(isinstance(i, dict) and i.get("material") and i.get("version") for i in items):
        return "material+version"
    return None


def _keyed(items: list[Any], key: str | None) -> dict[str, Any]:
    if key == "id":
        return {str(i["id"]): i for i in items}
    if key == "material+version":
        return {f"{i['material']}@{i['version']}": i for i in items}
    return {str(n): i for n, i in enumerate(items)}


def _walk(old: Any, new: Any, path: str, out: list[tuple[str, str, Any, Any]]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for k in list(old) + [k for k in new if k not in old]:
            sub = f"{path}.{k}" if path else str(k)
            if k not in new:
                out.append(("removed", sub, old[k], None))
            elif k not in old:
                out.append(("added", sub, None, new[k]))
            else:
                _walk(old[k], new[k], sub, out)
        return
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and (old or new)
        and all(isinstance(i, dict) for i in old + new)
    ):
        key = _key_of(old + new)
        a, b = _keyed(old, key), _keyed(new, key)
        for k in list(a) + [k for k in b if k not in a]:
            sub = f"{path}[{k}]"
            if k not in b:
                out.append(("removed", sub, a[k], None))
            elif k not in a:
                out.append(("added", sub, None, b[k]))
            else:
                _walk(a[k], b[k], sub, out)
        return
    if old != new:
        if old in (None, "", []):
            out.append(("added", path, None, new))
        elif new in (None, "", []):
            out.append(("removed", path, old, None))
        else:
            out.append(("changed", path, old, new))


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)):
        import json

        text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


_IGNORED = ("document_date", "schema_version")


def _change_text(kind: str, name: str, old: Any, new: Any, lang: str) -> str:
    if lang == "en":
        return {
            "added": f"added {name}: {_short(new)}",
            "removed": f"removed {name} (was {_short(old)})",
            "changed": f"{name}: {_short(old)} → {_short(new)}",
        }[kind]
    return {
        "added": f"新增 {name}：{_short(new)}",
        "removed": f"删除 {name}（原为 {_short(old)}）",
        "changed": f"{name}：{_short(old)} → {_short(new)}",
    }[kind]


def _as_written(dump: dict[str, Any]) -> dict[str, Any]:
    """A product dump with each submission's ``changes`` as the user wrote it (without its rows)."""
    from dossier.model import revisions_text

    subs = dump.get("previous_submissions")
    if not isinstance(subs, list):
        return dump
    out = []
    for entry in subs:
        if isinstance(entry, dict) and entry.get("revisions") and isinstance(entry.get("changes"), str):
            rows = revisions_text(entry["revisions"])
            changes = entry["changes"]
            written = None if changes == rows else changes.removesuffix(f"; {rows}")
            entry = {**entry, "changes": written}
        out.append(entry)
    return {**dump, "previous_submissions": out}


def _within(path: str, prefixes: list[str]) -> bool:
    return not prefixes or any(path == p or path.startswith((p + ".", p + "[")) for p in prefixes)


def diff_products(
    old: dict[str, Any],
    new: dict[str, Any],
    version: str,
    date: str,
    lang: str,
    only: list[str] | None = None,
) -> list[Row]:
    """Rows for every field that differs between two product files (model dumps), in file order.

    ``only`` limits the rows to fields under these dotted paths (``clinical.pivotal``), e.g. the
    fields one material (the protocol) sets out.
    """
    changes: list[tuple[str, str, Any, Any]] = []
    _walk(_as_written(old), _as_written(new), "", changes)
    rows = []
    for kind, path, a, b in changes:
        if path in _IGNORED or not _within(path, only or []):
            continue
        section, _, name = path.rpartition(".")
        if not section:
            section, name = path, path
        rows.append(Row(version, date, section, kind, _change_text(kind, name, a, b, lang)))
    return rows


# --- Word documents ------------------------------------------------------------------------

_NUMBERING = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十百零〇]+[)）、．.]|第[一二三四五六七八九十百\d]+[章节部分]|"
    r"\d+(?:[.．]\d+)*[.．、]?|[（(]\d+[)）])\s*"
)


def section_key(heading: str) -> str:
    """A heading without its numbering, so a renumbered section still matches."""
    return _NUMBERING.sub("", heading, count=1).strip()


def read_sections(path: Path) -> list[tuple[str, list[str]]]:
    """The document's sections in order: (heading, its paragraphs and table rows as text).

    Raises InputError for a file that is too large, not a zip, a zip bomb or not a Word document.
    """
    from dossier.safe_io import check_zip_container

    check_zip_container(path)  # size, members, zip-slip names, bombs: before anything is unpacked
    import docx  # python-docx, only when a .docx is read
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises several types for a package that is not a document
        raise input_error(
            path,
            "不是有效的 Word 文档（.docx）。",
            "Not a valid Word document (.docx).",
            hint_zh="请在 Word 中打开并另存为 .docx 后重试。",
            hint_en="Open it in Word, save it as .docx and try again.",
        ) from None
    sections: list[tuple[str, list[str]]] = [("", [])]
    count = 0
    for block in document.iter_inner_content():
        count += 1
        if count > MAX_PARAGRAPHS:
            raise input_error(
                path,
                f"段落过多（上限 {MAX_PARAGRAPHS}）。",
                f"Too many paragraphs (the limit is {MAX_PARAGRAPHS}).",
            )
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                if any(cells):
                    sections[-1][1].append(" | ".join(cells))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        if style.lower().startswith(("heading", "title")) or style.startswith("标题"):
            sections.append((text, []))
        else:
            sections[-1][1].append(text)
    return [s for s in sections if s[0] or s[1]]


def _quote(text: str, lang: str) -> str:
    short = _short(text)
    return f'"{short}"' if lang == "en" else f"“{short}”"


def _from_difference(a: str, b: str) -> tuple[str, str]:
    """Both texts starting shortly before they first differ, so an excerpt shows the change."""
    common = 0
    for x, y in zip(a, b):  # noqa: B905 - the texts differ in length
        if x != y:
            break
        common += 1
    start = max(0, common - 12)
    if start < 8:
        return a, b
    return "…" + a[start:], "…" + b[start:]


def _paragraph_changes(old: list[str], new: list[str], lang: str) -> list[str]:
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        pairs = min(len(removed), len(added)) if op == "replace" else 0
        for a, b in zip(removed[:pairs], added[:pairs], strict=True):
            a, b = _from_difference(a, b)
            arrow = " → "
            out.append(
                ("changed: " if lang == "en" else "修改：") + _quote(a, lang) + arrow + _quote(b, lang)
            )
        for a in removed[pairs:]:
            out.append(("removed: " if lang == "en" else "删除：") + _quote(a, lang))
        for b in added[pairs:]:
            out.append(("added: " if lang == "en" else "新增：") + _quote(b, lang))
    return out


def diff_documents(old_path: Path, new_path: Path, version: str, date: str, lang: str) -> list[Row]:
    """Rows per section of two versions of one document: added, removed and changed sections."""
    old = read_sections(old_path)
    new = read_sections(new_path)
    old_by = {section_key(h): (h, body) for h, body in old}
    new_by = {section_key(h): (h, body) for h, body in new}
    sep = "; " if lang == "en" else "；"
    rows = []
    for key, (heading, body) in new_by.items():
        name = heading or ("(before the first heading)" if lang == "en" else "（首个标题之前）")
        if key not in old_by:
            what = "added section" if lang == "en" else "新增章节"
            rows.append(
                Row(
                    version,
                    date,
                    name,
                    "added",
                    f"{what}（{len(body)} 段）" if lang != "en" else f"{what} ({len(body)} paragraphs)",
                )
            )
            continue
        changes = _paragraph_changes(old_by[key][1], body, lang)
        if changes:
            rows.append(Row(version, date, name, "changed", sep.join(changes)))
    for key, (heading, _body) in old_by.items():
        if key not in new_by:
            rows.append(
                Row(version, date, heading, "removed", "removed section" if lang == "en" else "删除章节")
            )
    return rows


# --- choosing and printing -----------------------------------------------------------------


def kind_of(old: Path, new: Path) -> str:
    """'product' for two YAML files, 'docx' for two Word files; InputError otherwise."""
    kinds = []
    for path in (old, new):
        suffix = path.suffix.lower()
        if suffix in YAML_SUFFIXES:
            kinds.append("product")
        elif suffix == ".docx":
            kinds.append("docx")
        else:
            raise input_error(
                path,
                "只能比较产品文件（.yaml）或 Word 文档（.docx）。",
                "Only product files (.yaml) or Word documents (.docx) can be compared.",
            )
    if kinds[0] != kinds[1]:
        raise input_error(
            new,
            "两个文件类型不同：请比较两个产品文件或同一资料的两个 .docx 版本。",
            "The two files differ in kind: compare two product files, or two .docx versions of one material.",
        )
    for path in (old, new):
        if not path.is_file():
            raise input_error(
                path, "文件不存在。", "File not found.", hint_zh="请检查路径。", hint_en="Check the path."
            )
    return kinds[0]


HEAD = {
    "zh": ("版本", "日期", "章节", "修订内容", "修订原因"),
    "en": ("Version", "Date", "Section", "Change", "Reason"),
}


def reason_placeholder(lang: str) -> str:
    return "[To write: the reason for the change]" if lang == "en" else "【请填写：修订原因】"


def markdown(rows: list[Row], lang: str) -> str:
    head = HEAD["en" if lang == "en" else "zh"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in rows:
        cells = [r.version, r.date, r.section, r.change, r.reason or reason_placeholder(lang)]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)


def table(rows: list[Row], lang: str) -> str:
    if not rows:
        return "No differences." if lang == "en" else "没有差异。"
    head = HEAD["en" if lang == "en" else "zh"]
    lines = ["  ".join(head)]
    for r in rows:
        lines.append(
            "  ".join([r.version, r.date, r.section, r.change, r.reason or reason_placeholder(lang)])
        )
    return "\n".join(lines)
