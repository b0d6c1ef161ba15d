"""What every check kind shares: the parameter base and the Hit a kind returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict


@dataclass(frozen=True)
class Hit:
    """One place a rule fires: message variables, where, and whether it only asks to confirm."""

    variables: dict[str, Any] = field(default_factory=dict)
    location: str | None = None
    question: int | None = None
    field: str | None = None
    confirm: bool = False
    part: str | None = None  # which part of a question is weak: ask, lead-in, question
    suggestion_zh: str | None = None
    suggestion_en: str | None = None


class Params(BaseModel):
    """Parameters of a check kind; ``kind`` names it, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    standalone: bool | None = None  # also run on a standalone questions file (kind's default if unset)
