"""question-field: background, purpose, position, basis or discipline missing, empty or a stand-in.

With ``require_specific`` the rule looks only at filled-in fields and asks that they say
something specific: a basis such as "基于现有数据" names no data at all.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from dossier.questions.text import is_placeholder
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base
from dossier.rules.kinds._text import specific_pieces
from dossier.rules.patterns import compile_pattern, search

VARIABLES = {"question", "field"}
STANDALONE = True
VOCABULARIES = ("generic",)


class Params(Base):
    field: Literal["background", "purpose", "position", "basis", "discipline"]
    min_chars: int = Field(4, ge=1)
    placeholders: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(
        default_factory=list, description="Regexes of stand-in texts (RE2 syntax, case-insensitive)"
    )
    require_specific: bool = False
    generic: str = "generic"

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            compile_pattern(pattern)  # ValueError -> a located error naming the rule file
        return value


def _text(value) -> str | None:
    return getattr(value, "value", value)


def _empty(text: str | None, params: Params, ctx) -> bool:
    if params.require_specific:
        stripped = (text or "").strip()
        return bool(stripped) and not specific_pieces(ctx, params.generic, stripped)
    if is_placeholder(text, params.placeholders, params.min_chars):
        return True
    stripped = (text or "").strip()
    return any(search(p, stripped) for p in params.patterns)


def run(params: Params, ctx) -> list[Hit]:
    return [
        Hit({"question": i, "field": params.field}, question=i, field=params.field)
        for i, q in enumerate(ctx.questions, 1)
        if _empty(_text(getattr(q, params.field)), params, ctx)
    ]
