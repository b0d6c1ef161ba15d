"""Shared parameter base for check kinds."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Params(BaseModel):
    """Parameters of a check kind; ``kind`` names it, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    standalone: bool | None = None  # also run on a standalone questions file (kind's default if unset)
