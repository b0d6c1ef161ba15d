"""A citation: the seed document and section a rule or requirement comes from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Citation(BaseModel):
    """Source file name (in shared/seeds or a named CDE document) and section heading."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1)
    section: str = Field(min_length=1)

    def __str__(self) -> str:
        return f"{self.source} {self.section}"


class Bilingual(BaseModel):
    """A user-facing text in Chinese (first) and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh
