"""User errors: what went wrong, where (file, line, column, field) and how to fix it.

Every failure the user can act on is raised as an :class:`InputError`; the CLI prints it and
exits with code 2. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located problem in one input file."""

    file: str
    message_zh: str
    message_en: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint_zh: str | None = None
    hint_en: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """The problem as the lines printed to the user: location, then zh, then en."""
        head = self.where() + (f": {self.field}" if self.field else "")
        lines = [head, f"  {self.message_zh}", f"  {self.message_en}"]
        if self.hint_zh:
            lines.append(f"  提示：{self.hint_zh}")
        if self.hint_en:
            lines.append(f"  Hint: {self.hint_en}")
        return "\n".join(lines)


@dataclass
class InputError(Exception):
    """Bad input: one or more located problems. Exit code 2."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)


def input_error(
    file: Path | str,
    zh: str,
    en: str,
    *,
    line: int | None = None,
    column: int | None = None,
    field: str | None = None,
    hint_zh: str | None = None,
    hint_en: str | None = None,
) -> InputError:
    """Build an :class:`InputError` holding a single problem."""
    return InputError([Problem(str(file), zh, en, line, column, field, hint_zh, hint_en)])
