"""question-wording: the ask of a question is weak in one named way (issue 12; 002 三（三）).

The weakness is one of the judge's codes: ``vague`` (no specific object, or an open ask with no
proposal), ``whole-object`` (a whole document, programme or discipline), ``open-ask`` (a request
for advice after a stated proposal), ``expectation`` (a request for CDE's expectations),
``feasibility`` (a yes/no on adequacy with no proposal stated) or ``compound`` (several
proposals under one ask). Each hit says which part is weak and suggests a rewrite.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dossier.questions import suggest
from dossier.questions.judge import EXPECTATION, FEASIBILITY, OPEN, VAGUE, WHOLE
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._text import VOCABULARIES, WordingParams, judgement, lexicon

VARIABLES = {"question", "quote", "part_zh", "part_en", "reason_zh", "reason_en"}
STANDALONE = True
WORDING = True
__all__ = ["VOCABULARIES", "Params", "run", "hits"]

Weakness = Literal["vague", "whole-object", "open-ask", "expectation", "feasibility", "compound"]

_PARTS = {
    "ask": ("问句", "the ask"),
    "lead-in": ("引言中的提议", "the proposal in the lead-in"),
    "question": ("整个问题", "the question"),
}
_REASONS = {
    VAGUE: (
        "没有指明具体的设计要素或申请人的提议",
        "it names no design element and no proposal of the applicant's",
    ),
    "open-no-proposal": (
        "是开放式的征求意见，且没有申请人的提议",
        "it is an open request for advice with no proposal of the applicant's",
    ),
    "no-ask": ("没有向药审中心提出问题", "it asks CDE nothing"),
    WHOLE: (
        "针对整份文件、整个计划或整个学科提问",
        "it asks about a whole document, programme or discipline",
    ),
    OPEN: (
        "引言写明了提议，问句却是开放式的征求意见",
        "the lead-in states a proposal but the ask is an open request for advice",
    ),
    EXPECTATION: (
        "请药审中心提出期望或要求，而不是对申请人的提议表态",
        "it asks for CDE's expectations instead of its view on a proposal",
    ),
    FEASIBILITY: (
        "只问是否合理/充分，没有写明申请人的拟定方案",
        "it asks whether something is adequate without stating the proposal",
    ),
    "enumeration": ("列出了多个编号的提问", "it lists numbered asks"),
    "several-asks": ("包含多个各有对象的问句", "it holds several asks, each with its own object"),
    "joined-proposals": (
        "一个问句连接了多个提议（并/同时/以及/and that）",
        "one ask joins several proposals (and that / as well as)",
    ),
    "joined-elements": ("一个判断同时针对多个设计要素", "one judgement covers several design elements"),
}


def _quote(judgement, part: str) -> str:
    """The words of the weak part: the lead-in's proposal, the ask, or the whole question."""
    if part == "lead-in" and judgement.proposal:
        return judgement.proposal
    if part == "ask" and judgement.parsed.ask:
        return judgement.parsed.ask
    return judgement.parsed.text.strip()


class Params(WordingParams):
    weakness: list[Weakness] = Field(min_length=1)


def hits(params: WordingParams, ctx, codes: tuple[str, ...]) -> list[Hit]:
    """One hit per question whose judgement has one of ``codes``, with its part and rewrite."""
    found = []
    for i, q in enumerate(ctx.questions, 1):
        j = judgement(ctx, params, q)
        weakness = next((w for w in j.weaknesses if w.code in codes), None)
        if weakness is None:
            continue
        detail = weakness.detail[0] if weakness.detail else weakness.code
        reason = _REASONS.get(detail, _REASONS.get(weakness.code))
        part_zh, part_en = _PARTS[weakness.part]
        zh, en = suggest(j, weakness.code, lexicon(ctx, params))
        found.append(
            Hit(
                {
                    "question": i,
                    "quote": _quote(j, weakness.part),
                    "part_zh": part_zh,
                    "part_en": part_en,
                    "reason_zh": reason[0],
                    "reason_en": reason[1],
                },
                question=i,
                field="text",
                part=weakness.part,
                suggestion_zh=zh,
                suggestion_en=en,
            )
        )
    return found


def run(params: Params, ctx) -> list[Hit]:
    return hits(params, ctx, tuple(params.weakness))
