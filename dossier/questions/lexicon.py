"""The vocabularies the question parser and judge read, gathered once per rule set."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.vocabulary import Vocabularies, Vocabulary

# The role each vocabulary plays, and the id it has in the built-in pack (rule files may name
# another vocabulary for a role).
ROLES = {
    "generic": "generic",
    "heads": "design-heads",
    "protected": "protected-words",
    "asks": "ask-kinds",
    "objects": "ask-objects",
    "connectors": "connectors",
    "anaphora": "anaphora",
    "proposals": "proposals",
}


@dataclass(frozen=True)
class Lexicon:
    """Every vocabulary the question reader uses, by role."""

    generic: Vocabulary
    heads: Vocabulary
    protected: Vocabulary
    asks: Vocabulary
    objects: Vocabulary
    connectors: Vocabulary
    anaphora: Vocabulary
    proposals: Vocabulary

    @classmethod
    def of(cls, vocabularies: Vocabularies, **ids: str) -> Lexicon:
        """The lexicon with each role's vocabulary, by the ids given or the built-in ones.

        Raises KeyError for an unknown vocabulary id (the registry checks rule files first).
        """
        return cls(**{role: vocabularies[ids.get(role) or default] for role, default in ROLES.items()})
