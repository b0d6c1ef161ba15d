"""Plain-text helpers shared by the question and content checks: language, generic words, terms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dossier.vocabulary import Vocabulary

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(rf"[{_CJK}]{{2,}}")
_EN_WORD = re.compile(r"[a-z0-9][a-z0-9+/×^.%'’-]*", re.IGNORECASE)
_CODE_LIKE = re.compile(r"^[a-z]{1,6}-?\d{3,5}[a-z]?$", re.IGNORECASE)  # a product code: ABC-101
PHASE = re.compile(
    r"\bphase\s*(?:i{1,3}|iv|[1-4])(?:\s*/\s*(?:i{1,3}|iv|[1-4]))?\b[ab]?|[IⅠⅡⅢ1-4]+(?:/[IⅠⅡⅢ1-4]+)?[ab]?期",
    re.IGNORECASE,
)


def is_latin(text: str) -> bool:
    """Whether most letters are Latin: the question is read with the English lexicon."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) / len(letters) > 0.6


def substantive(text: str, generic: Vocabulary, *more: Vocabulary) -> list[str]:
    """The specific pieces left in ``text`` once generic words (and ``more``'s terms) are removed.

    Phase names (I期, Phase 2) and code-like tokens are not specific either; what is left are
    runs of two or more Chinese characters and English words or numbers.
    """
    text = PHASE.sub(" ", text)
    for vocab in more:
        text = vocab.remove(text)
    text = generic.remove(text)
    pieces = [run for run in _CJK_RUN.findall(text.replace("的", " "))]
    for word in _EN_WORD.findall(text):
        token = re.sub(r"['’]s$", "", word.lower()).strip(".-/")
        if not token or _CODE_LIKE.match(token):
            continue
        if len(token) >= 2 or token.isdigit():
            pieces.append(token)
    return pieces


def mentions(text: str, terms: Iterable[str]) -> bool:
    """Whether any of the terms occurs in the text (case-insensitive, whole words for Latin)."""
    lowered = text.lower()
    for term in terms:
        term_l = term.lower()
        if term_l.isascii() and term_l[:1].isalnum():
            if re.search(rf"(?<![a-z]){re.escape(term_l)}", lowered):
                return True
        elif term_l in lowered:
            return True
    return False


def meaningful_length(text: str | None) -> int:
    """Characters that carry content: letters, digits and CJK, without punctuation or spaces."""
    if not text:
        return 0
    return sum(1 for c in text if c.isalnum())


def is_placeholder(text: str | None, placeholders: Iterable[str], min_chars: int) -> bool:
    """Empty, too short, or only a stand-in such as 见方案 / TBD."""
    if meaningful_length(text) < min_chars:
        return True
    stripped = re.sub(r"[\s。．.，,；;：:！!？?、\-—…]+", "", (text or "").lower())
    return stripped in {re.sub(r"[\s。．.，,；;：:！!？?、\-—…]+", "", p.lower()) for p in placeholders}
