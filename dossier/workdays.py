"""Chinese working days: weekends, public holidays and make-up working days (调休), as data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dossier.load import load


class _Year(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1, description="The State Council notice the dates come from")
    holidays: list[tuple[dt.date, dt.date]] = Field(description="[first, last] day of each holiday")
    workdays: list[dt.date] = Field(default_factory=list, description="Weekend days worked (调休上班)")


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    years: dict[int, _Year]


@dataclass(frozen=True)
class Calendar:
    """Which days are working days, for the years the data cover."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    years: frozenset[int] = frozenset()
    sources: dict[int, str] = field(default_factory=dict)

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years

    def is_working(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working(day)
        return count

    def add(self, start: dt.date, days: int, counting: str) -> dt.date:
        """``days`` calendar or working days after ``start`` (before it when negative)."""
        if counting == "calendar":
            return start + dt.timedelta(days=days)
        step = dt.timedelta(days=1 if days >= 0 else -1)
        day, left = start, abs(days)
        while left:
            day += step
            left -= self.is_working(day)
        return day


def load_calendar(path: Path) -> Calendar:
    """The calendar in a holidays file. Raises InputError for a malformed one."""
    data = load(path, _File)
    holidays: set[dt.date] = set()
    for year in data.years.values():
        for first, last in year.holidays:
            day = first
            while day <= last:
                holidays.add(day)
                day += dt.timedelta(days=1)
    return Calendar(
        holidays=frozenset(holidays),
        workdays=frozenset(d for y in data.years.values() for d in y.workdays),
        years=frozenset(data.years),
        sources={n: y.source for n, y in data.years.items()},
    )
