"""Check kinds: the few pieces of Python that rule files pick by name and parameterise.

Each kind is one module with a ``Params`` model (unknown keys rejected), the message
``VARIABLES`` it provides, whether it also runs on a standalone questions file
(``STANDALONE``), and ``run(params, ctx) -> list[Hit]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Hit:
    """One place a rule fires: message variables, where, and whether it only asks to confirm."""

    variables: dict[str, Any] = field(default_factory=dict)
    location: str | None = None
    question: int | None = None
    field: str | None = None
    confirm: bool = False


def _registry() -> dict[str, ModuleType]:
    from dossier.rules.kinds import (
        at_least,
        at_least_max_of,
        attendees_cover,
        covers_items,
        flag,
        matrix_history,
        question_compound,
        question_disciplines,
        question_disciplines_listed,
        question_field,
        question_mentions,
        question_vague,
        question_written,
        questions_cover,
        require,
    )

    modules = [
        require,
        at_least,
        at_least_max_of,
        covers_items,
        flag,
        matrix_history,
        question_vague,
        question_compound,
        question_field,
        question_mentions,
        question_disciplines,
        question_written,
        questions_cover,
        attendees_cover,
        question_disciplines_listed,
    ]
    return {m.__name__.rsplit(".", 1)[1].replace("_", "-"): m for m in modules}


class _Kinds(dict):
    """Lazy name -> module registry (kinds import the model; load them on first use)."""

    def _fill(self) -> None:
        if not dict.__len__(self):
            self.update(_registry())

    def __getitem__(self, key: str) -> ModuleType:
        self._fill()
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return dict.__contains__(self, key)

    def __iter__(self):  # type: ignore[override]
        self._fill()
        return dict.__iter__(self)

    def keys(self):  # type: ignore[override]
        self._fill()
        return dict.keys(self)


KINDS: dict[str, ModuleType] = _Kinds()
