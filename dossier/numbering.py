"""Question numbers: assigned once, after grouping by discipline, in the order they are printed.

The application form and the briefing group questions by discipline (CMC, pharmacology and
toxicology, clinical pharmacology, clinical, statistics, then any without a discipline), as
CDE's procedure asks. The numbers a reader sees (问题1 … N) follow that printed order; every
output (form, briefing, agenda, checklist, findings) takes them from here, and findings also
give the question's position in the product file so the author can find it there.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.model import Discipline, Question

DISCIPLINE_ORDER: tuple[Discipline | None, ...] = (
    Discipline.CMC,
    Discipline.PHARM_TOX,
    Discipline.CLIN_PHARM,
    Discipline.CLINICAL,
    Discipline.STATISTICS,
    None,
)


@dataclass(frozen=True)
class NumberedQuestion:
    """A question with its printed number and its 1-based position in the product file."""

    number: int
    position: int
    question: Question

    @property
    def discipline(self) -> Discipline | None:
        return self.question.discipline


def numbered(questions: list[Question]) -> list[NumberedQuestion]:
    """The questions in reading order (grouped by discipline, file order within a group)."""
    rank = {d: i for i, d in enumerate(DISCIPLINE_ORDER)}
    order = sorted(range(len(questions)), key=lambda i: (rank[questions[i].discipline], i))
    return [NumberedQuestion(n, i + 1, questions[i]) for n, i in enumerate(order, 1)]


def printed_numbers(questions: list[Question]) -> dict[int, int]:
    """File position (1-based) -> printed number."""
    return {q.position: q.number for q in numbered(questions)}


def resolve_ref(questions: list[Question], ref: int | str) -> int | None:
    """A reference to a question (file position or ``id``) -> its file position, or None."""
    if isinstance(ref, bool):
        return None
    if isinstance(ref, int):
        return ref if 1 <= ref <= len(questions) else None
    for position, q in enumerate(questions, 1):
        if q.id == ref:
            return position
    if ref.isdigit():
        return resolve_ref(questions, int(ref))
    return None
