"""question-compound: several asks in one question; the message suggests splitting it."""

from __future__ import annotations

from dossier.questions import compound_reasons
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base
from dossier.rules.kinds._text import generic, heads

VARIABLES = {"question", "reason_zh", "reason_en"}
STANDALONE = True
VOCABULARIES = ("generic", "heads", "protected")

_REASONS = {
    "enumeration": ("列出了多个编号子问题", "it lists numbered sub-questions"),
    "several-asks": ("包含多个各有对象的问句", "it holds several asks, each with its own object"),
    "joined-elements": (
        "一个判断同时针对多个设计要素",
        "one judgement covers several design elements",
    ),
}


class Params(Base):
    generic: str = "generic"
    heads: str = "design-heads"
    protected: str = "protected-words"


def run(params: Params, ctx) -> list[Hit]:
    vocab = generic(ctx, params.generic)
    head_vocab = heads(ctx, params.heads, params.protected)
    hits = []
    for i, q in enumerate(ctx.questions, 1):
        reasons = compound_reasons(q.text, vocab, head_vocab)
        if reasons:
            hits.append(
                Hit(
                    {
                        "question": i,
                        "reason_zh": "；".join(_REASONS[r][0] for r in reasons),
                        "reason_en": "; ".join(_REASONS[r][1] for r in reasons),
                    },
                    question=i,
                    field="text",
                )
            )
    return hits
