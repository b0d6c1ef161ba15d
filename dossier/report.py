"""Console output: aligned tables that respect the width of Chinese characters, and JSON."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from dossier.findings import Finding


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with a rule under the header."""
    cells = [list(headers)] + [[str(c) for c in row] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str)


def findings_table(findings: list[Finding], lang: str = "zh") -> str:
    """Findings as blocks: severity, rule id, location; the message; the citation."""
    if not findings:
        return "未发现问题。" if lang != "en" else "No findings."
    blocks = []
    for f in findings:
        label = f.severity.label_zh if lang != "en" else f.severity.value
        where = f.where()
        if f.question is not None:
            where = f.question_label(lang) + (f"  {where}" if where else "")
        head = f"[{label}] {f.rule_id}" + (f"  {where}" if where else "")
        cite = ("依据：" if lang != "en" else "Source: ") + f.citation.text(lang)
        block = f"{head}\n  {f.message(lang)}"
        suggestion = f.suggestion(lang)
        if suggestion:
            block += ("\n  建议改写：" if lang != "en" else "\n  Suggested rewrite: ") + suggestion
        blocks.append(f"{block}\n  {cite}")
    counts = summary(findings, lang)
    return "\n\n".join(blocks) + "\n\n" + counts


def summary(findings: list[Finding], lang: str = "zh") -> str:
    n = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    if lang == "en":
        return f"{n['error']} error(s), {n['warning']} warning(s), {n['info']} info"
    return f"错误 {n['error']} 项，警告 {n['warning']} 项，提示 {n['info']} 项"
