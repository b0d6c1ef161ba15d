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


def migrate(data: Any) -> list[tuple[str, str]]:
    """Bring ``data`` (a parsed product file) to the current schema, in place.

    Returns warnings as (zh, en) pairs; a file already current gets none. A version this tool
    does not know is left for the model to reject with a located error.
    """
    if not isinstance(data, dict):
        return []
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version not in STEPS:
        return []
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
    return notes
