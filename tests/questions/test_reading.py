"""How a question is read: lead-in and ask, kind, object, proposals, and the rewrite it suggests."""

from __future__ import annotations

import pytest

from dossier.questions import Lexicon, judge, parse, suggest
from dossier.rules.registry import default_pack
from dossier.vocabulary import load_vocabularies

LEX = Lexicon.of(load_vocabularies([default_pack()]))


def codes(text: str) -> list[str]:
    return [w.code for w in judge(text, LEX).weaknesses]


def test_lead_in_and_ask_are_split() -> None:
    parsed = parse("问题2：申请人拟采用3+3设计。对于剂量递增设计，请药审中心给予指导。", LEX)
    assert parsed.lead_in == "申请人拟采用3+3设计。"
    assert parsed.topic == "对于剂量递增设计"
    assert parsed.ask == "请药审中心给予指导。"


def test_reason_follow_up_is_not_a_second_ask() -> None:
    parsed = parse("请问药审中心是否同意豁免致癌性研究？如不同意，请说明理由。", LEX)
    assert [f.reason_only for f in parsed.follow_ups] == [True]
    assert codes("Does the Agency agree with the 28-day window? If not, please explain why.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请药审中心对DLT观察期给予建议。", "advice"),
        ("药审中心对可比性研究有何要求？", "expectation"),
        ("What data would the Agency expect?", "expectation"),
        ("请问药审中心是否同意将DLT观察期设为28天？", "agreement"),
        ("Is the sample size adequate?", "feasibility"),
    ],
)
def test_kind_of_ask(text: str, kind: str) -> None:
    assert judge(text, LEX).kind == kind


def test_whole_object_even_with_version_and_section() -> None:
    assert codes("临床试验方案（V2.0）第5章是否可行？") == ["whole-object"]
    assert codes("Is the CMC package adequate to support the IND?") == ["whole-object"]


def test_back_reference_is_about_the_lead_in_proposal() -> None:
    j = judge("申请人拟将DLT观察期由28天延长至42天。请问药审中心是否同意该设计？", LEX)
    assert j.weaknesses == () and j.refers_back and "42天" in j.proposal


def test_internal_list_is_one_proposal_and_joined_decisions_are_two() -> None:
    assert codes("请问药审中心是否同意以下入选标准：（1）18–70岁；（2）ECOG 0–1分？") == []
    assert codes("是否同意关键试验采用单臂设计，并以20%作为目标值？") == ["compound"]
    assert codes("Does the Agency agree with (a) the single-arm design and (b) the 25% threshold?") == [
        "compound"
    ]


def test_rewrite_keeps_the_lead_in_and_asks_for_agreement() -> None:
    j = judge("申请人拟将DLT观察期设定为28天。请药审中心对DLT观察期给予建议。", LEX)
    zh, _ = suggest(j, "open-ask", LEX)
    assert zh == "申请人拟将DLT观察期设定为28天。请问药审中心是否同意上述DLT观察期？"


def test_rewrite_splits_a_compound_question() -> None:
    j = judge(
        "Does the Agency agree with the 15-year LTFU duration and the proposed RCL testing schedule?", LEX
    )
    _, en = suggest(j, "compound", LEX)
    assert "Does the Agency agree with the 15-year LTFU duration?" in en
    assert "Does the Agency agree with the proposed RCL testing schedule?" in en


def test_product_names_are_not_specific() -> None:
    j = judge("测试用CAR-T细胞注射液的临床研发计划是否合理？", LEX, names=("测试用CAR-T细胞注射液",))
    assert [w.code for w in j.weaknesses] == ["whole-object"]
