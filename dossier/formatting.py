"""Every value formatted for its reader: dates, numbers with units, labels, organs, routes, symbols.

Templates and messages never print a raw internal value (``during-pivotal``, ``15.0 年``, ``肝``,
``+△#``); they pass it through one of these functions with the document language (``zh`` first,
``en``). The words are data in ``templates/labels/`` (``values.yaml``, ``units.yaml``,
``terms.yaml``); this module only reads them and assembles the text. Every function is pure.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from dossier.citation import Bilingual
from dossier.load import load
from dossier.matrix import parse_cell
from dossier.resources import builtin

_MONTHS_EN = "January February March April May June July August September October November December".split()
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# Float noise (0.1 + 0.2) is cut at 12 significant digits: no measured value in a dossier has more.
_SIGNIFICANT = 12
# Cell and vector-genome doses from 10 000 up are written as m×10ⁿ.
_SCIENTIFIC_FROM = 4


def labels_dir() -> Path:
    """The built-in folder of label data (``templates/labels``)."""
    return builtin("templates") / "labels"


def _en(lang: str) -> bool:
    return lang == "en"


# --- data files ----------------------------------------------------------------------------


class ValueLabels(RootModel[dict[str, dict[str, Bilingual]]]):
    """``values.yaml``: kind -> value -> label in each language."""


class UnitName(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    one: str = Field(min_length=1)
    other: str = Field(min_length=1)


class Unit(BaseModel):
    """One unit of ``units.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: UnitName
    aliases: tuple[str, ...] = ()
    space: bool = True
    scientific: bool = False


class Units(RootModel[dict[str, Unit]]):
    """``units.yaml``: unit id -> unit."""


class Term(BaseModel):
    """One organ, route or qualifier of ``terms.yaml``: its words and the spellings that name it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    synonyms: tuple[str, ...] = ()

    def text(self, lang: str) -> str:
        return self.en if _en(lang) else self.zh


class Terms(BaseModel):
    """``terms.yaml``: organ, route and qualifier vocabularies."""

    model_config = ConfigDict(extra="forbid")

    organs: list[Term]
    routes: list[Term]
    qualifiers: list[Term] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unambiguous(self) -> Terms:
        for name in ("organs", "routes", "qualifiers"):
            seen: dict[str, str] = {}
            for term in getattr(self, name):
                for spelling in {term.zh, term.en, *term.synonyms}:
                    key = _key(spelling)
                    if seen.get(key, term.zh) != term.zh:
                        raise ValueError(f"{name}: {spelling!r} names both {seen[key]!r} and {term.zh!r}")
                    seen[key] = term.zh
        return self


@cache
def value_labels(path: Path | None = None) -> dict[str, dict[str, Bilingual]]:
    """The label table (``values.yaml``). Raises InputError if the file is invalid."""
    return load(path or labels_dir() / "values.yaml", ValueLabels).root


@cache
def units(path: Path | None = None) -> dict[str, Unit]:
    """The unit table (``units.yaml``), keyed by unit id and by every alias (case-folded)."""
    table = load(path or labels_dir() / "units.yaml", Units).root
    index: dict[str, Unit] = {}
    for unit_id, unit in table.items():
        for name in (unit_id, unit.zh, unit.en.one, unit.en.other, *unit.aliases):
            index.setdefault(name.casefold(), unit)
    return index


@cache
def _vocabularies(path: Path | None = None) -> dict[str, dict[str, Term]]:
    terms = load(path or labels_dir() / "terms.yaml", Terms)
    return {
        name: {_key(s): t for t in getattr(terms, name) for s in (t.zh, t.en, *t.synonyms)}
        for name in ("organs", "routes", "qualifiers")
    }


def _key(text: str) -> str:
    """A spelling reduced for lookup: NFKC, case-folded, without spaces, dots or hyphens."""
    return re.sub(r"[\s.\-‐‑–_]+", "", unicodedata.normalize("NFKC", text)).casefold()


# --- labels --------------------------------------------------------------------------------


def label(kind: str, value: str | bool | Enum | None, lang: str) -> str:
    """The reader's word for an internal value, e.g. ``label("cmc_change.timing", "during-pivotal",
    "zh")`` -> ``关键性临床试验期间``.

    ``kind`` names a table of ``templates/labels/values.yaml`` (see its header). An Enum member
    stands for its value; ``True``/``False`` are read from the ``boolean`` table whatever the kind;
    ``None`` is ``未说明`` / ``Not stated``. Raises KeyError for an unknown kind or value, so a
    value without a label fails loudly instead of reaching the page raw.
    """
    table = value_labels()
    if value is None:
        return table["unknown"]["unknown"].get(lang)
    if isinstance(value, bool):
        return table["boolean"]["true" if value else "false"].get(lang)
    key = value.value if isinstance(value, Enum) else value
    try:
        return table[kind][key].get(lang)
    except KeyError:
        raise KeyError(f"no label for {kind}={key!r} in templates/labels/values.yaml") from None


def unknown_text(lang: str) -> str:
    """What the documents print for a fact the product file does not give: 未说明 / Not stated."""
    return label("unknown", None, lang)


def yes_no(value: bool | None, lang: str) -> str:
    """是 / 否 / 未说明, or Yes / No / Not stated."""
    return label("boolean", value, lang)


def inline(text: str, lang: str) -> str:
    """An English label lowered for use inside a sentence (``Video conference`` -> ``video
    conference``); acronyms (``CMC``) and Chinese text are returned unchanged."""
    if _en(lang) and text[:1].isupper() and not text[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def join_text(items: Iterable[str], lang: str) -> str:
    """A list in running text: ``肝脏、肾脏和心脏`` / ``liver, kidney and heart``."""
    words = [w for w in items if w]
    if len(words) < 2:
        return "".join(words)
    if _en(lang):
        return f"{', '.join(words[:-1])} and {words[-1]}"
    return f"{'、'.join(words[:-1])}和{words[-1]}"


# --- dates and numbers ---------------------------------------------------------------------


def date_text(d: dt.date | str | None, lang: str) -> str:
    """A date as the reader writes it: ``2026年11月20日`` / ``20 November 2026``.

    Accepts a date (or datetime) or an ISO string ``YYYY-MM-DD``; ``None`` is ``未说明`` /
    ``Not stated``. Raises ValueError for a string that is not an ISO date.
    """
    if d is None:
        return unknown_text(lang)
    if isinstance(d, str):
        d = dt.date.fromisoformat(d.strip())
    if _en(lang):
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def _decimal(x: float | int) -> Decimal:
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)):
        raise TypeError(f"expected a number, got {x!r}")
    if isinstance(x, int):
        return Decimal(x)
    return Decimal(f"{x:.{_SIGNIFICANT}g}").normalize()


def _plain(d: Decimal, lang: str) -> str:
    """Fixed-point text without trailing zeros; English groups thousands (1,200 — AMA style)."""
    d = d.normalize()
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    grouped = _en(lang) and abs(d) >= 1000
    return format(d, ",f" if grouped else "f")


def _scientific(d: Decimal, lang: str, exponent: int | None) -> str:
    if exponent is None:
        exponent = d.adjusted() if d else 0
    mantissa = d.scaleb(-exponent)
    times = " × " if _en(lang) else "×"
    return f"{_plain(mantissa, 'zh')}{times}10{str(exponent).translate(_SUPERSCRIPT)}"


def number_text(
    x: float | int | None, lang: str, unit: str | None = None, *, exponent: int | None = None
) -> str:
    """A number for the reader, with its unit in the language's convention.

    - no spurious decimals: ``15.0`` -> ``15``, ``2.50`` -> ``2.5``;
    - English groups thousands: ``12000`` -> ``12,000`` (Chinese does not);
    - ``unit`` is an id or alias of ``templates/labels/units.yaml``: ``15, "years"`` ->
      ``15 年`` / ``15 years``, ``1, "years"`` -> ``1 year``;
    - cell and vector-genome doses (units marked ``scientific``) from 10⁴ up are written as powers
      of ten: ``1e6, "cells/kg"`` -> ``1×10⁶ 个细胞/kg`` / ``1 × 10⁶ cells/kg``; ``exponent``
      fixes the power (``5e5`` with ``exponent=6`` -> ``0.5×10⁶``) so a dose series reads alike;
    - ``None`` is ``未说明`` / ``Not stated``.

    Raises TypeError for a value that is not a number and KeyError for an unknown unit.
    """
    if x is None:
        return unknown_text(lang)
    d = _decimal(x)
    spec = None
    if unit is not None:
        spec = units().get(unit.casefold())
        if spec is None:
            raise KeyError(f"unknown unit {unit!r}; add it to templates/labels/units.yaml")
    scientific = exponent is not None or (
        spec is not None and spec.scientific and d and d.copy_abs().adjusted() >= _SCIENTIFIC_FROM
    )
    text = _scientific(d, lang, exponent) if scientific else _plain(d, lang)
    if spec is None:
        return text
    if _en(lang):
        name = spec.en.one if d.copy_abs() == 1 else spec.en.other
    else:
        name = spec.zh
    return f"{text}{' ' if spec.space else ''}{name}"


def years_text(x: float | int | None, lang: str) -> str:
    """A duration in years: ``15 年`` / ``15 years``."""
    return number_text(x, lang, "years")


def days_text(x: float | int | None, lang: str) -> str:
    """A duration in days: ``28 天`` / ``28 days``."""
    return number_text(x, lang, "days")


# --- organs and routes ---------------------------------------------------------------------


def _lookup(vocabulary: str, value: str) -> Term | None:
    return _vocabularies()[vocabulary].get(_key(value))


def organ_text(value: str, lang: str) -> str:
    """An organ or system as a word: ``肝`` / ``hepatic`` -> ``肝脏`` / ``liver``.

    A value not in ``templates/labels/terms.yaml`` is returned unchanged, never guessed.
    """
    term = _lookup("organs", value)
    return term.text(lang) if term else value


def organs_text(values: Iterable[str], lang: str) -> str:
    """Several organs in running text: ``肝脏和肾脏`` / ``liver and kidney``."""
    return join_text((organ_text(v, lang) for v in values), lang)


_QUALIFIED = re.compile(r"^(?P<head>.+?)\s*[(（](?P<qualifier>[^()（）]+)[)）]\s*$")


def route_text(value: str, lang: str) -> str:
    """A route of administration as words: ``IV`` / ``i.v.`` / ``静脉`` -> ``静脉输注`` /
    ``intravenous infusion``.

    A qualifier in brackets is kept and translated when known: ``瘤内注射（超声引导）`` ->
    ``intratumoral injection (ultrasound-guided)``. A route not in ``templates/labels/terms.yaml``
    is returned unchanged, never guessed; an unknown qualifier is kept as written.
    """
    term = _lookup("routes", value)
    if term:
        return term.text(lang)
    match = _QUALIFIED.match(value.strip())
    if not match:
        return value
    head = _lookup("routes", match["head"])
    if head is None:
        return value
    qualifier = _lookup("qualifiers", match["qualifier"])
    words = qualifier.text(lang) if qualifier else match["qualifier"].strip()
    return f"{head.en} ({words})" if _en(lang) else f"{head.zh}（{words}）"


# --- the annex notation --------------------------------------------------------------------


def symbols_text(raw: str, lang: str, revision_history: bool = True) -> str:
    """The annex notation of guideline 002 六、附件 spelled out (notes 1–5).

    ``+△#`` -> ``必须提交（提交简要内容；在既往提交的基础上更新、完善，并提交修订历史和说明）`` /
    ``required (brief form; an update of the earlier submission, with revision history and
    explanation)``. Note 4 asks for revision history only for the clinical development plan, the
    protocol and the risk management plan: pass ``revision_history=False`` for other materials
    (``Requirement.revision_history`` knows). Raises ValueError for notation that is not a valid
    cell (see ``dossier.matrix.parse_cell``).
    """
    cell = parse_cell(raw)
    words = value_labels()["symbol"]
    head = words[cell.presence].get(lang)
    details = []
    if cell.brief:
        details.append(words["△"].get(lang))
    if cell.update:
        update = words["#"].get(lang)
        if revision_history:
            sep = ", " if _en(lang) else "，"
            update = f"{update}{sep}{words['revision-history'].get(lang)}"
        details.append(update)
    if not details:
        return head
    if _en(lang):
        return f"{head} ({'; '.join(details)})"
    return f"{head}（{'；'.join(details)}）"


def symbol_legend(lang: str) -> list[tuple[str, str]]:
    """Each symbol of the annex with its meaning, in the order of notes 1–5, for a legend."""
    words = value_labels()["symbol"]
    legend = [(s, words[s].get(lang)) for s in ("+", "-", "±")]
    sep = ", " if _en(lang) else "，"
    scope = ("" if not _en(lang) else " ") + words["revision-history-scope"].get(lang)
    legend.append(("#", f"{words['#'].get(lang)}{sep}{words['revision-history'].get(lang)}{scope}"))
    legend.append(("△", words["△"].get(lang)))
    return legend
