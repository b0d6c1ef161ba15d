"""A minimal reader of vocabulary files, private to the content rules.

TO BE REPLACED by ``dossier.vocabulary`` (branch question-checks) once it is merged: same file
format (``checklists/<pack>/vocabularies/<id>.yaml``: id, title, optional citation, terms with id,
zh, en, tags, note), same matching (Chinese as substrings, English as whole words, longest
first, case-insensitive), same ``resolve(text) -> term id``. Only the content-rule vocabularies
are read here; see ``FACT_VOCABULARIES`` in dossier.rules.facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from dossier.citation import Bilingual, Citation
from dossier.resources import builtin

VOCAB_ID = r"^[a-z][a-z0-9-]*$"


class TermSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=VOCAB_ID)
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    note: str | None = None


class VocabularyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=VOCAB_ID)
    title: Bilingual
    citation: Citation | None = None
    terms: list[TermSpec] = Field(default_factory=list)


@dataclass
class Vocabulary:
    """One vocabulary: its terms by id and one compiled alternation over all their words."""

    id: str
    terms: dict[str, TermSpec] = field(default_factory=dict)

    @property
    def _pattern(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        return _compile(self.id, tuple((t.id, tuple(t.zh + t.en)) for t in self.terms.values()))

    def resolve(self, text: str | None) -> str | None:
        """The id of the first term found in ``text`` (leftmost, longest word first), or None."""
        pattern, owner = self._pattern
        if not text or pattern is None:
            return None
        match = pattern.search(text)
        return owner.get(match.group(0).lower()) if match else None

    def resolve_all(self, text: str | None) -> list[str]:
        """The ids of every term found in ``text``, left to right, each once."""
        pattern, owner = self._pattern
        if not text or pattern is None:
            return []
        return list(dict.fromkeys(owner[m.group(0).lower()] for m in pattern.finditer(text)))

    def tags(self, term_id: str | None) -> list[str]:
        term = self.terms.get(term_id or "")
        return list(term.tags) if term else []


@cache
def _compile(_vocab: str, terms: tuple[tuple[str, tuple[str, ...]], ...]):
    owner: dict[str, str] = {}
    for term_id, words in terms:
        for word in words:
            owner.setdefault(word.lower(), term_id)
    if not owner:
        return None, owner
    parts = []
    for word in sorted(owner, key=lambda w: (-len(w), w)):
        escaped = re.escape(word)
        if word.isascii() and word[:1].isalnum():
            escaped = rf"(?<![a-z0-9]){escaped}(?![a-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE), owner


def read(path: Path) -> Vocabulary:
    """One vocabulary file. Raises ValueError (pydantic) on a malformed file."""
    spec = VocabularyFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if spec.id != path.stem:
        raise ValueError(f"{path}: vocabulary id '{spec.id}' does not match the file name")
    return Vocabulary(spec.id, {t.id: t for t in spec.terms})


@cache
def builtin_vocabulary(vocab_id: str) -> Vocabulary:
    """A vocabulary of the built-in pack, by id."""
    return read(builtin("checklists") / "cde-cgt-2023" / "vocabularies" / f"{vocab_id}.yaml")
