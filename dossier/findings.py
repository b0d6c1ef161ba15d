"""The one findings record every check produces and every output (console, JSON, Word, Excel) reads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from dossier.citation import Citation


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label_zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Finding:
    """One thing the author must add, fix or confirm, with the clause that asks for it."""

    rule_id: str
    severity: Severity
    message_zh: str
    message_en: str
    citation: Citation
    location: str | None = None
    question: int | None = None  # 1-based position in the product file's `questions`
    field: str | None = None
    number: int | None = None  # the question's printed number (问题N), see dossier.numbering
    part: str | None = None
    suggestion_zh: str | None = None
    suggestion_en: str | None = None

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def suggestion(self, lang: str = "zh") -> str | None:
        """The suggested rewrite in ``lang`` (None when the rule suggests none)."""
        return self.suggestion_en if lang == "en" else self.suggestion_zh

    def where(self) -> str:
        if self.question is not None:
            return f"questions[{self.question - 1}]" + (f".{self.field}" if self.field else "")
        return self.location or ""

    def question_label(self, lang: str = "zh") -> str:
        """Both numbers a user needs: the printed one and the position in the product file."""
        if self.question is None:
            return ""
        number = self.number if self.number is not None else self.question
        if lang == "en":
            return f"Question {number} (no. {self.question} in the product file)"
        return f"问题{number}（产品文件中第 {self.question} 个）"

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "question": self.question,
            "question_number": self.number,
            "field": self.field,
            "location": self.where() or None,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "citation": self.citation.to_json(),
            "part": self.part,
            "suggestion_zh": self.suggestion_zh,
            "suggestion_en": self.suggestion_en,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by question number, location and rule id: one order for every output."""
    return sorted(
        findings,
        key=lambda f: (
            f.severity.rank,
            f.number if f.number is not None else (f.question if f.question is not None else 0),
            f.location or "",
            f.rule_id,
            f.field or "",
        ),
    )


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
