"""Vocabularies: named, cited term lists in Chinese and English that rules match text against.

One format for every word list the checks use (the question parser's lexicons and the content
rules' terms), one loader, one way for a company to extend them:

```yaml
# checklists/<pack>/vocabularies/<id>.yaml
id: ask-kinds
title: {zh: 问句类型, en: Kinds of ask}
citation: {source: 002_b2acee319bd1d3c3.txt, section: 三（三）沟通交流的问题}   # optional
terms:
  - id: agreement                       # stable id, what ``resolve`` returns
    zh: [是否同意, 是否认可]
    en: [agree, concur]
    tags: [closed]                       # optional
    note: the applicant states a proposal and asks CDE to agree   # optional
```

A company pack's ``vocabularies/`` folder extends ours: a file with a known vocabulary id adds
its terms; a term with a known id adds its synonyms. Chinese terms match as substrings, longest
first; English terms match as whole words, case-insensitively, with an optional plural ``s``.
Each vocabulary compiles to one alternation regex per language, so matching a text costs one
scan however many terms there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dossier.citation import Bilingual, Citation
from dossier.load import YamlDoc, located_error, read_yaml, validate

VOCAB_ID = r"^[a-z][a-z0-9-]*$"
FOLDER = "vocabularies"


class TermSpec(BaseModel):
    """One term as written in a vocabulary file: its id and its words in each language."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=VOCAB_ID)
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    note: str | None = None


class VocabularyFile(BaseModel):
    """A vocabulary file: id, title, optional citation, terms."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=VOCAB_ID)
    title: Bilingual
    citation: Citation | None = None
    terms: list[TermSpec] = Field(default_factory=list)


@dataclass
class Term:
    """A term after merging every pack that names it."""

    id: str
    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    note: str | None = None


@dataclass(frozen=True)
class Match:
    """One occurrence of a term in a text."""

    term: str
    start: int
    end: int
    text: str


class Vocabulary:
    """One named vocabulary: its terms, and one compiled matcher per language."""

    def __init__(self, spec: VocabularyFile) -> None:
        self.id = spec.id
        self.title = spec.title
        self.citation = spec.citation
        self.terms: dict[str, Term] = {}
        self.extend(spec)

    def extend(self, spec: VocabularyFile) -> None:
        """Add a pack's terms: new ids are added, known ids gain the new synonyms and tags."""
        for t in spec.terms:
            term = self.terms.setdefault(t.id, Term(t.id))
            term.zh += [w for w in t.zh if w not in term.zh]
            term.en += [w for w in t.en if w not in term.en]
            term.tags |= set(t.tags)
            term.note = term.note or t.note
        self.__dict__.pop("_matchers", None)

    def words(self, lang: str, tag: str | None = None) -> list[str]:
        """Every word of one language, optionally only of terms carrying ``tag``."""
        return [w for t in self.terms.values() if tag is None or tag in t.tags for w in getattr(t, lang)]

    def tagged(self, tag: str) -> set[str]:
        """The ids of the terms that carry ``tag``."""
        return {t.id for t in self.terms.values() if tag in t.tags}

    @cached_property
    def _matchers(self) -> tuple[re.Pattern | None, dict[str, str]]:
        """One regex over every word and the term each word belongs to.

        Words are folded into a trie first, so the regex shares prefixes instead of trying each
        word in turn; Latin words share one whole-word boundary and an optional plural ending.
        """
        owner: dict[str, str] = {}
        for term in self.terms.values():
            for word in (*term.zh, *term.en):
                owner.setdefault(word.lower(), term.id)
        latin = [w for w in owner if w.isascii() and w[:1].isalnum()]
        other = [w for w in owner if not (w.isascii() and w[:1].isalnum())]
        parts = []
        if other:
            parts.append(_trie_regex(other))
        if latin:
            parts.append(rf"(?<![a-z0-9])(?:{_trie_regex(latin)})(?:e?s)?(?![a-z0-9])")
        if not parts:
            return None, owner
        return re.compile("|".join(parts), re.IGNORECASE), owner

    def finditer(self, text: str) -> Iterator[Match]:
        """Every non-overlapping occurrence of any term, left to right, longest word first."""
        pattern, owner = self._matchers
        if pattern is None:
            return
        for m in pattern.finditer(text):
            word = m.group(0).lower()
            term = owner.get(word) or owner.get(re.sub(r"e?s$", "", word)) or owner.get(word[:-1])
            yield Match(term or "", m.start(), m.end(), m.group(0))

    def find(self, text: str) -> Match | None:
        return next(self.finditer(text), None)

    def resolve(self, text: str) -> str | None:
        """The id of the first term found in ``text``, or None."""
        match = self.find(text)
        return match.term if match else None

    def remove(self, text: str, by: str = " ") -> str:
        """``text`` with every occurrence of any term replaced by ``by``."""
        pattern, _ = self._matchers
        return pattern.sub(by, text) if pattern is not None else text


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, with common prefixes factored out."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    branches = [re.escape(char) + _node_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word ending here is the shorter choice: the greedy optional group tries the longer first
    return f"(?:{body})?" if "" in node else body


class Vocabularies(dict[str, Vocabulary]):
    """Every vocabulary known, by id, after merging the packs."""

    def resolve(self, vocab_id: str, text: str) -> str | None:
        """The id of the first term of vocabulary ``vocab_id`` found in ``text``, or None.

        Raises KeyError for an unknown vocabulary id.
        """
        return self[vocab_id].resolve(text)

    def add(self, spec: VocabularyFile) -> None:
        if spec.id in self:
            self[spec.id].extend(spec)
        else:
            self[spec.id] = Vocabulary(spec)


def read_folder(folder: Path) -> list[VocabularyFile]:
    """The vocabulary files of one pack's ``vocabularies/`` folder (none when it has none).

    Raises InputError, located, for a malformed file or a file named differently from its id.
    """
    specs = []
    for path in sorted((folder / FOLDER).glob("*.yaml")):
        doc = read_yaml(path)
        spec = validate(doc, VocabularyFile)
        _check_file(doc, spec)
        specs.append(spec)
    return specs


def _check_file(doc: YamlDoc, spec: VocabularyFile) -> None:
    if doc.path.stem != spec.id:
        raise located_error(
            doc,
            ("id",),
            f"词表编号“{spec.id}”与文件名“{doc.path.name}”不一致。",
            f"Vocabulary id '{spec.id}' does not match the file name '{doc.path.name}'.",
        )
    seen: set[str] = set()
    for index, term in enumerate(spec.terms):
        if term.id in seen:
            raise located_error(
                doc,
                ("terms", index, "id"),
                f"词条编号“{term.id}”重复。",
                f"Term id '{term.id}' appears twice.",
            )
        seen.add(term.id)


def load_vocabularies(folders: Iterable[Path]) -> Vocabularies:
    """The vocabularies of each pack folder, in order, later packs extending earlier ones."""
    vocabularies = Vocabularies()
    for folder in folders:
        for spec in read_folder(folder):
            vocabularies.add(spec)
    return vocabularies
