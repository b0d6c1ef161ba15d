"""Reading a meeting question as CDE would: its lead-in and its ask, what the ask is, of what, how many.

* ``parse``: split a question into lead-in (context and proposal), topic, ask and follow-ups;
* ``judge``: the ask's kind, object, proposals, back-references, and what is weak;
* ``rewrite``: a suggested rewrite built from the question's own words;
* ``lexicon``: the vocabularies these read (data files in ``checklists/*/vocabularies/``);
* ``text``: plain-text helpers (language, generic words, term mentions) the other checks share;
* ``sources``: reading a plain list of questions drafted outside the product file.
"""

from dossier.questions.judge import Judgement, Weakness, judge
from dossier.questions.lexicon import Lexicon
from dossier.questions.parse import Parsed, parse
from dossier.questions.rewrite import suggest
from dossier.questions.text import is_latin, is_placeholder, meaningful_length, mentions, substantive

__all__ = [
    "Judgement",
    "Lexicon",
    "Parsed",
    "Weakness",
    "is_latin",
    "is_placeholder",
    "judge",
    "meaningful_length",
    "mentions",
    "parse",
    "substantive",
    "suggest",
]
