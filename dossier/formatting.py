"""Values formatted for their reader (interim; replaced by the formatting module)."""

from __future__ import annotations

import datetime as dt

MONTHS = "January February March April May June July August September October November December".split()


def date_text(d: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def number_text(x: float | int, lang: str, unit: str | None = None) -> str:
    text = f"{x:g}" if isinstance(x, float) else str(x)
    if unit is None:
        return text
    units = {"years": ("年", "year"), "days": ("天", "day"), "subjects": ("例", "subject")}
    zh, en = units[unit]
    if lang == "en":
        return f"{text} {en}{'' if x == 1 else 's'}"
    return f"{text} {zh}"


def label(kind: str, value: str, lang: str) -> str:
    return value


def symbols_text(raw: str, lang: str, revision_history: bool = False) -> str:
    return raw


def organ_text(value: str, lang: str) -> str:
    return value


def route_text(value: str, lang: str) -> str:
    return value
