"""A citation: the document and section a rule or requirement comes from, and how readers see it.

Rule data names a source by its seed file name or a document's name; readers see the title,
issuer and date from the citation table (checklists/cde-cgt-2023/sources.yaml).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
_MONTHS = ("January February March April May June July August September October November December").split()


class Bilingual(BaseModel):
    """A user-facing text in Chinese (first) and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class SourceName(BaseModel):
    """A spelling that cites a part of a document (an annex), printed before the section."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    part: Bilingual


class Source(BaseModel):
    """One row of the citation table: a stable id, the spellings rule data uses, and the title."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    names: list[str | SourceName] = Field(min_length=1)
    title: Bilingual
    issuer: Bilingual
    date: str = Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")
    number: Bilingual | None = None

    def reference(self, lang: str) -> str:
        """Title, issuer, date and document number: 《…》（国家药监局药审中心，2023年12月）."""
        year, _, month = self.date.partition("-")
        if lang == "en":
            when = f"{_MONTHS[int(month) - 1]} {year}" if month else year
            details = [self.issuer.en, when] + ([self.number.en] if self.number else [])
            return f"{self.title.en} ({', '.join(details)})"
        when = f"{year}年{int(month)}月" if month else f"{year}年"
        details = [self.issuer.zh, when] + ([self.number.zh] if self.number else [])
        return f"《{self.title.zh}》（{'，'.join(details)}）"


class SourceTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[Source]

    @field_validator("sources")
    @classmethod
    def _unique(cls, sources: list[Source]) -> list[Source]:
        seen: set[str] = set()
        for source in sources:
            spellings = [source.id] + [n if isinstance(n, str) else n.name for n in source.names]
            for spelling in dict.fromkeys(spellings):
                if spelling in seen:
                    raise ValueError(f"'{spelling}' names more than one source")
                seen.add(spelling)
        return sources


def table_file() -> Path:
    from dossier.resources import builtin

    return builtin("checklists") / "cde-cgt-2023" / "sources.yaml"


@cache
def _table() -> dict[str, tuple[Source, Bilingual | None]]:
    """Every spelling (and id) of a source -> the source and the part it cites. Loaded once."""
    from dossier.load import load

    out: dict[str, tuple[Source, Bilingual | None]] = {}
    for source in load(table_file(), SourceTable).sources:
        out[source.id] = (source, None)
        for name in source.names:
            if isinstance(name, str):
                out[name] = (source, None)
            else:
                out[name.name] = (source, name.part)
    return out


def lookup(name: str) -> Source | None:
    """The table's source for a spelling or id, or None for a source the table does not know."""
    found = _table().get(name)
    return found[0] if found else None


class Citation(BaseModel):
    """The source as rule data names it (seed file or document name) and the section heading.

    ``str()`` is the Chinese reader form; ``text(lang)`` either language; ``source_id`` the
    stable machine id for JSON.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1)
    section: str = Field(min_length=1)

    @property
    def source_id(self) -> str:
        """The table's stable id ("002", "cde-procedure-2020"), or the source as given."""
        found = _table().get(self.source)
        return found[0].id if found else self.source

    def title(self, lang: str = "zh") -> str:
        """The document as readers see it, without the section: title, issuer, date (and part).

        A source the table does not know (a company SOP) is returned as given.
        """
        found = _table().get(self.source)
        if found is None:
            return self.source
        source, part = found
        ref = source.reference(lang)
        if part is None:
            return ref
        return f"{ref}, {part.en}" if lang == "en" else f"{ref}{part.zh}"

    def text(self, lang: str = "zh") -> str:
        """The full reader-facing citation, e.g. 《…》（国家药监局药审中心，2023年12月）二（二）2.1.

        A source the table does not know is printed as given, followed by the section.
        """
        found = _table().get(self.source)
        if found is None:
            return f"{self.source} {self.section}"
        if lang == "en":
            return f"{self.title('en')}, section {section_en(self.section)}"
        gap = "" if found[1] is None else " "  # after 《…》（…） the section follows directly
        return f"{self.title('zh')}{gap}{self.section}"

    def to_json(self) -> dict[str, Any]:
        """Machine-readable: the stable id next to the title, issuer, date, section and reader forms."""
        found = _table().get(self.source)
        source = found[0] if found else None
        return {
            "source": self.source_id,
            "title": source.title.zh if source else self.source,
            "title_en": source.title.en if source else self.source,
            "issuer": source.issuer.zh if source else None,
            "date": source.date if source else None,
            "section": self.section,
            "text_zh": self.text("zh"),
            "text_en": self.text("en"),
        }

    def __str__(self) -> str:
        return self.text("zh")


def cite_seed_files(text: str, lang: str = "zh") -> str:
    """Text with every seed file name the table knows replaced by the reader form of its source.

    A file name followed by a space and a section reads "《…》（…）二（二）" or "Title (…), section
    二（二）". The last guard on rendered documents: a template (a company's copy of an older
    built-in, say) that still cites ``002_….txt 二（二）`` must not put the file name in front of CDE.
    """

    def reader(match: re.Match[str]) -> str:
        found = _table().get(match.group(1))
        if found is None:
            return match.group(0)
        source = found[0]
        if match.group(2):
            return source.reference(lang) + (", section " if lang == "en" else "")
        return source.reference(lang)

    return re.sub(rf"({SEED_FILE.pattern})( ?)", reader, text)


# --- sections for an English reader --------------------------------------------------------
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Words of section titles an English reader needs; other Chinese heading text is dropped, the
# numbering is kept (it is what finds the place in the guideline).
_SECTION_WORDS = {
    "附件": "annex",
    "注": "note ",
    "示例": "example",
    "申请表": "application form",
    "会议议程": "agenda",
    "会议资料": "meeting materials",
    "自评估": "self-assessment",
    "药品注册专员": "registration specialists",
    "一般为 60 分钟": "usually 60 minutes",
}
_CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def _zh_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (section numbers)."""
    if "十" not in text:
        return _ZH_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(units, 0) if units else 0)


def section_en(section: str) -> str:
    """A Chinese section reference for an English reader: 二（二）2.1 基本内容 → II(2) 2.1.

    The guideline's own numbering is kept (Roman for 一、, (n) for （一）, digits as written);
    heading words are translated where known and otherwise left out, so no untranslated
    Chinese reaches an English page. A reference with no numbering is returned as written.
    """
    text = re.sub(
        r"^([一二三四五六七八九十]+)、?",
        lambda m: _ROMAN[_zh_int(m.group(1))] if _zh_int(m.group(1)) < len(_ROMAN) else m.group(0),
        section.strip(),
    )
    text = re.sub(r"（([一二三四五六七八九十]+)）", lambda m: f"({_zh_int(m.group(1))})", text)
    text = re.sub(r"（(\d+)）", r"(\1)", text)
    text = text.replace("（", " (").replace("）", ")")
    text = re.sub(r"\)(?=[\dA-Za-z])", ") ", text)
    for zh, en in _SECTION_WORDS.items():
        text = text.replace(zh, f" {en} ")
    text = _CJK_RUN.sub(" ", text)
    text = re.sub(r"\s+\)", ")", re.sub(r"\(\s+", "(", text))
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    text = re.sub(r"^([IVX]+) (?=\()", r"\1", text)
    return text or section
