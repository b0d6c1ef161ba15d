"""Vocabulary look-ups shared by the question kinds."""

from __future__ import annotations

from dossier.questions import CompoundVocabulary, Vocabulary


def generic(ctx, name: str) -> Vocabulary:
    """The named generic-words vocabulary, extended with the product's own names."""
    terms = ctx.vocabularies[name]
    return Vocabulary.of(terms.zh, terms.en, ctx.extra_generic)


def heads(ctx, name: str, protected: str) -> CompoundVocabulary:
    terms = ctx.vocabularies[name]
    return CompoundVocabulary(
        heads_zh=tuple(terms.zh),
        heads_en=frozenset(w.lower() for w in terms.en),
        protected_zh=tuple(ctx.vocabularies[protected].zh),
    )
