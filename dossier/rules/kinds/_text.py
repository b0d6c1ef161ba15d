"""What the question kinds share: the vocabularies they name, and each question's judgement.

Judging a question costs a parse; several rules read the same judgement, so it is computed once
per question and lexicon and kept on the evaluation context.
"""

from __future__ import annotations

from dossier.questions import Judgement, Lexicon, judge, meaningful_length, substantive
from dossier.questions.lexicon import ROLES
from dossier.rules.kinds._base import Params as Base


class WordingParams(Base):
    """Parameters of the kinds that read a question's wording: the vocabulary for each role."""

    generic: str = ROLES["generic"]
    heads: str = ROLES["heads"]
    protected: str = ROLES["protected"]
    asks: str = ROLES["asks"]
    objects: str = ROLES["objects"]
    connectors: str = ROLES["connectors"]
    anaphora: str = ROLES["anaphora"]
    proposals: str = ROLES["proposals"]


VOCABULARIES = tuple(ROLES)


def lexicon(ctx, params: WordingParams) -> Lexicon:
    """The lexicon the rule's parameters name, built once per context."""
    ids = {role: getattr(params, role) for role in ROLES}
    key = ("lexicon", *ids.values())
    if key not in ctx.memo:
        ctx.memo[key] = Lexicon.of(ctx.vocabularies, **ids)
    return ctx.memo[key]


def judgement(ctx, params: WordingParams, question) -> Judgement:
    """The judgement of one question (the product's own names count as generic; a filled-in
    position, at least a few characters, states the proposal)."""
    lex = lexicon(ctx, params)
    position = question.position or ""
    position = position if meaningful_length(position) >= 4 else ""
    key = ("judgement", id(lex), question.text, position)
    if key not in ctx.memo:
        ctx.memo[key] = judge(question.text, lex, ctx.extra_generic, position)
    return ctx.memo[key]


def specific_pieces(ctx, vocab_id: str, text: str) -> list[str]:
    """What is specific in ``text`` once the named generic vocabulary and product names are removed."""
    for name in ctx.extra_generic:
        if name:
            text = text.replace(name, " ")
    return substantive(text, ctx.vocabularies[vocab_id])
