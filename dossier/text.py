"""Text hygiene shared by every output: characters Word and Excel files cannot hold."""

from __future__ import annotations

import re
from typing import Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, and U+FFFE/U+FFFF;
# they arrive by copy-paste out of PDFs and would make a .docx or .xlsx unreadable.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ue000-\ue002]")
# (U+E000–U+E002 are the private-use marks dossier.templates seals values with: never user text.)


def clean_text(text: str) -> str:
    """Drop characters an Office file cannot hold."""
    return _ILLEGAL_XML.sub("", text)


def clean_value(value: Any) -> Any:
    """``clean_text`` applied to a string, or to the strings of a list."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) if isinstance(v, str) else v for v in value]
    return value


# --- limits of what the writers can hold ------------------------------------------------------
# A value that passes `check` must not fail `build`: each limit below is one a writer enforces
# (python-docx raises past 255 characters in a core property; a file system refuses a name
# past 255 bytes; Excel cannot show a cell past 32,767 characters and reports the file as
# damaged), checked here where the value is read so the error names the field and line.

EXCEL_CELL = 32_767  # characters in one Excel cell: the cap on any text field
CORE_PROPERTY = 255  # characters in a Word core property (title, subject, author)
FILE_NAME_BYTES = 240  # a file name's 255 bytes, less the "NN_" prefix and ".docx"
_NOT_IN_FILE_NAMES = set('\\:*?"<>|')


def _too_long(value: str, limit: int, unit_zh: str, unit_en: str, why_zh: str, why_en: str):
    return PydanticCustomError(
        "text_limit",
        "{why_en}: at most {limit} {unit_en} (this has {size})",
        {
            "limit": limit,
            "size": len(value.encode("utf-8")) if unit_en == "bytes" else len(value),
            "unit_zh": unit_zh,
            "unit_en": unit_en,
            "why_zh": why_zh,
            "why_en": why_en,
        },
    )


def _core_property(value: str) -> str:
    if len(value) > CORE_PROPERTY:
        raise _too_long(
            value,
            CORE_PROPERTY,
            "个字符",
            "characters",
            "它写入 Word 文档属性",
            "It goes into the Word document properties",
        )
    return value


def _file_title(value: str) -> str:
    if len(value.encode("utf-8")) > FILE_NAME_BYTES:
        raise _too_long(
            value,
            FILE_NAME_BYTES,
            "字节（UTF-8，一个汉字 3 字节）",
            "bytes (UTF-8; a Chinese character is 3)",
            "它成为文件名",
            "It becomes a file name",
        )
    bad = sorted(_NOT_IN_FILE_NAMES & set(value))
    if bad:
        raise PydanticCustomError(
            "text_chars",
            "It becomes a file name and cannot hold {chars}",
            {"chars": " ".join(bad), "why_zh": "它成为文件名", "why_en": "It becomes a file name"},
        )
    return _core_property(value)


CorePropertyText = AfterValidator(_core_property)
"""Constraint for text that becomes a Word core property: at most 255 characters."""

FileTitleText = AfterValidator(_file_title)
"""Constraint for text that becomes a file name (and a document title): 240 bytes, no \\:*?"<>|."""
