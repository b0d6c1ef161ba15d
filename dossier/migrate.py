"""Older product files, read and brought up to the current format in memory, with a warning.

The product file is a user's long-lived document, so every format the tool ever wrote stays
readable. Each step takes the parsed YAML of one version to the next and says what it did;
the file on disk is never rewritten. CHANGELOG.md records each format change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dossier.model import SCHEMA_VERSION


def _v1_to_v2(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Version 2 added earlier meetings, question ids, agenda question references, structured
    supporting-data references and ``indications[].oncology``; version 1 files need no change."""
    return []


STEPS: dict[int, Callable[[dict[str, Any]], list[tuple[str, str]]]] = {1: _v1_to_v2}


def _pair_names(block: Any, where: str) -> list[tuple[str, str]]:
    """``name_zh`` / ``name_en`` (read until the bilingual fields) become ``name: {zh, en}``."""
    if not isinstance(block, dict) or "name" in block:
        return []
    if "name_zh" not in block and "name_en" not in block:
        return []
    pair = {lang: block.pop(f"name_{lang}") for lang in ("zh", "en") if f"name_{lang}" in block}
    rebuilt = {"name": pair, **block}
    block.clear()
    block.update(rebuilt)
    return [
        (
            f"{where}.name_zh / name_en 已按 {where}.name: {{zh: …, en: …}} 读取；请改用新写法。",
            f"{where}.name_zh / name_en were read as {where}.name: {{zh: …, en: …}}; please switch to it.",
        )
    ]


def _bilingual_names(data: dict[str, Any]) -> list[tuple[str, str]]:
    notes = _pair_names(data.get("product"), "product")
    indications = data.get("indications")
    if isinstance(indications, list):
        for index, item in enumerate(indications):
            notes += _pair_names(item, f"indications[{index}]")
    return notes


def migrate(data: Any) -> list[tuple[str, str]]:
    """Bring ``data`` (a parsed product file) to the current schema, in place.

    Returns warnings as (zh, en) pairs; a file already current gets none. A version this tool
    does not know is left for the model to reject with a located error.
    """
    if not isinstance(data, dict):
        return []
    names = _bilingual_names(data)
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version not in STEPS:
        return names
    notes: list[tuple[str, str]] = []
    start = version
    while version in STEPS:
        notes += STEPS[version](data)
        version += 1
    data["schema_version"] = version
    notes.insert(
        0,
        (
            f"产品文件为第 {start} 版格式，已按第 {version} 版读取；请将 schema_version 改为 {version}"
            "（见 CHANGELOG.md）。",
            f"The product file is in format version {start}; it was read as version {version}."
            f" Set schema_version: {version} (see CHANGELOG.md).",
        ),
    )
    return notes + names
