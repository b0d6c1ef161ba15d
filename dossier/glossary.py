"""Abbreviations (缩略语): the glossary of the checklist pack and the terms a document uses.

The glossary is data (``checklists/cde-cgt-2023/glossary.yaml``). A briefing lists only the terms
its text uses; :func:`used_terms` finds them with one compiled alternation per glossary, matching
each abbreviation case-sensitively as a whole token: a Latin letter or digit next to it makes it
part of another word (``CR`` is not in ``CRS``), while Chinese text, spaces, hyphens and
punctuation are boundaries (``ORR-IRC`` uses ``ORR`` and ``IRC``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from dossier.load import load
from dossier.resources import builtin

# Letters and digits that continue a Latin token; anything else (CJK, space, '-', '/') ends it.
_BEFORE = r"(?<![A-Za-z0-9])"
_AFTER = r"(?![A-Za-z0-9])"
_ALNUM_START = re.compile(r"[A-Za-z0-9]")  # a literal, or a pattern whose first character is literal
_HEADERS = {"zh": ("缩略语", "英文全称", "中文全称"), "en": ("Abbreviation", "Full name", "Chinese name")}


def default_glossary() -> Path:
    return builtin("checklists") / "cde-cgt-2023" / "glossary.yaml"


class Term(BaseModel):
    """One abbreviation: as printed, its full English name, its Chinese name, and how it is found."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    abbr: str = Field(min_length=1)
    full_en: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    synonyms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = Field((), description="Regular expressions that also count as a use")
    exclude: tuple[str, ...] = Field((), description="Longer tokens that contain abbr but mean else")

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a regular expression: {exc}") from None
            if compiled.groups:
                raise ValueError(f"pattern {pattern!r}: use (?:...) instead of a capturing group")
        return patterns

    def row(self, lang: str = "zh") -> tuple[str, str, str]:
        """The term's row in an abbreviations table: (abbreviation, full name, Chinese name).

        The columns are the same in both languages (CDE reads the Chinese name in an English
        package too); :meth:`Glossary.headers` gives the column titles in ``lang``.
        """
        return (self.abbr, self.full_en, self.name_zh)


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> GlossaryFile:
        owner: dict[str, int] = {}
        for index, term in enumerate(self.terms):
            for spelling in (term.abbr, *term.synonyms):
                first = owner.setdefault(spelling, index)
                if first != index:
                    raise ValueError(
                        f"{spelling!r} is given for both terms[{first}] and terms[{index}] ({term.abbr})"
                    )
        return self


@dataclass(frozen=True)
class Glossary:
    """The terms of one glossary file and the one regex that finds them all."""

    terms: tuple[Term, ...]
    _regex: re.Pattern[str]
    # group name -> term; excluded tokens have no entry
    _groups: dict[str, Term]

    @classmethod
    def build(cls, terms: Iterable[Term]) -> Glossary:
        """Compile the alternation. Longer literals come first so that, at one position, ``B-ALL``
        wins over ``ALL`` and ``PD-L1`` (excluded) over ``PD``."""
        terms = tuple(terms)
        groups: dict[str, Term] = {}
        alternatives: list[tuple[int, int, str]] = []  # (patterns first, longest first, regex)
        literals: list[tuple[str, Term | None]] = []
        for term in terms:
            literals += [(s, term) for s in (term.abbr, *term.synonyms)]
            literals += [(s, None) for s in term.exclude]
            for pattern in term.patterns:
                name = f"g{len(groups)}"
                groups[name] = term
                alternatives.append((0, -len(pattern), f"(?P<{name}>{pattern})"))
        for index, (text, term) in enumerate(literals):
            name = f"x{index}" if term is None else f"g{len(groups)}"
            if term is not None:
                groups[name] = term
            alternatives.append((1, -len(text), f"(?P<{name}>{re.escape(text)})"))
        alternation = "|".join(regex for *_, regex in sorted(alternatives))
        # An English plural (CAR-Ts, SAEs) of an abbreviation that ends in a capital letter.
        plural = r"(?:(?<=[A-Z])(?P<plural>s))?"
        # When every alternative starts with a letter or digit (as abbreviations do), say so up
        # front: the engine then tries the long alternation only where a token starts, not at
        # every character of Chinese text (the matches are the same, found ~10x faster).
        starts = [text for text, _ in literals] + [p for t in terms for p in t.patterns]
        gate = "(?=[A-Za-z0-9])" if all(_ALNUM_START.match(s) for s in starts) else ""
        return cls(terms, re.compile(f"{_BEFORE}{gate}(?:{alternation}){plural}{_AFTER}"), groups)

    def find(self, text: str, lang: str = "zh") -> set[Term]:
        """The terms used in ``text``; in English text a plural ``s`` still counts (``SAEs``)."""
        found = set()
        for match in self._regex.finditer(text):
            term = self._groups.get(_term_group(match) if match["plural"] else match.lastgroup or "")
            if term is not None and (lang == "en" or match["plural"] is None):
                found.add(term)
        return found

    def used_terms(self, texts: Iterable[str | None], lang: str = "zh") -> list[Term]:
        """The terms any of ``texts`` uses, sorted alphabetically by abbreviation."""
        found: set[Term] = set()
        for text in texts:
            if text:
                found |= self.find(text, lang)
        return sorted(found, key=lambda t: (t.abbr.casefold(), t.abbr))

    @staticmethod
    def headers(lang: str) -> tuple[str, str, str]:
        """Column titles of the abbreviations table: 缩略语 / 英文全称 / 中文全称."""
        return _HEADERS["en" if lang == "en" else "zh"]


def _term_group(match: re.Match[str]) -> str:
    """The name of the alternative that matched when ``lastgroup`` names the plural ``s``."""
    return next(name for name, value in match.groupdict().items() if value is not None and name != "plural")


@cache
def load_glossary(path: Path | None = None) -> Glossary:
    """The glossary at ``path`` (default: the built-in pack's), compiled once and cached.

    Raises InputError, located at the file and line, if the file is invalid.
    """
    return Glossary.build(load(path or default_glossary(), GlossaryFile).terms)


def used_terms(texts: Iterable[str | None], lang: str = "zh", path: Path | None = None) -> list[Term]:
    """The glossary terms that appear in ``texts`` as whole tokens, sorted by abbreviation.

    ``used_terms(["本品 CAR-T 的 CRS 发生率", "ORR-IRC"], "zh")`` -> CAR-T, CRS, IRC, ORR.
    """
    return load_glossary(path).used_terms(texts, lang)
