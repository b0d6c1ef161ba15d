"""Check kinds: the few pieces of Python that rule files pick by name and parameterise.

Each kind is one module with a ``Params`` model (unknown keys rejected), the message
``VARIABLES`` it provides, whether it also runs on a standalone questions file
(``STANDALONE``), the parameters that name vocabularies (``VOCABULARIES``, optional), and
``run(params, ctx) -> list[Hit]``. A rule file names a kind by its
module name with dashes (``question-vague``).
"""

from __future__ import annotations

from types import ModuleType

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
    question_wording,
    question_written,
    questions_cover,
    references,
    require,
    untranslated,
)
from dossier.rules.kinds._base import Hit

_MODULES = [
    require,
    at_least,
    at_least_max_of,
    covers_items,
    flag,
    matrix_history,
    question_vague,
    question_compound,
    question_wording,
    question_field,
    question_mentions,
    question_disciplines,
    question_written,
    questions_cover,
    attendees_cover,
    question_disciplines_listed,
    references,
    untranslated,
]
KINDS: dict[str, ModuleType] = {m.__name__.rsplit(".", 1)[1].replace("_", "-"): m for m in _MODULES}

__all__ = ["KINDS", "Hit"]
