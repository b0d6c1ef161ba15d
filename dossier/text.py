"""Text hygiene shared by every output: characters Word and Excel files cannot hold."""

from __future__ import annotations

import re
from typing import Any

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, and U+FFFE/U+FFFF;
# they arrive by copy-paste out of PDFs and would make a .docx or .xlsx unreadable.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
