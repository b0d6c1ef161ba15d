"""The self-assessment of CDE's 2024 reference for meeting applications, answered from the file.

Four points: a key development stage; an issue current guidelines do not settle; data enough
to support the discussion; the applicant's understanding of each question. Each answer says
what it rests on and what is missing, so the author completes rather than starts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.citation import Citation
from dossier.findings import Finding, Severity
from dossier.matrix import Requirement
from dossier.model import Dossier, MeetingType
from dossier.numbering import numbered
from dossier.questions.text import mentions
from dossier.rules.registry import RuleSet

CITATION = Citation(source="药物研发与技术审评沟通交流会议申请资料参考", section="自评估")


@dataclass
class Point:
    """One point of the self-assessment: the answer, why, and what is missing."""

    number: int
    answer: str  # yes, partly, no, author
    basis: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _key_stage(dossier: Dossier, stage_name: str, lang: str) -> Point:
    zh = lang != "en"
    meeting_type = dossier.meeting.type
    if meeting_type is MeetingType.II:
        basis = [
            f"本次为{stage_name}沟通交流，"
            "属于《药物研发与技术审评沟通交流管理办法》规定的关键研发阶段（II类会议）。"
            if zh
            else f"This is the {stage_name} meeting, a key development stage (Type II)"
            " under the CDE procedure."
        ]
        return Point(1, "yes", basis)
    text = (
        f"本次申请为 {meeting_type.value} 类会议，而{stage_name}沟通交流通常为 II 类会议；"
        "请说明会议类型的理由。"
        if zh
        else f"The request is Type {meeting_type.value}, but a {stage_name} meeting is usually Type II;"
        " explain the type."
    )
    return Point(1, "partly", [], [text])


def _guidance(dossier: Dossier, ruleset: RuleSet, lang: str) -> Point:
    zh = lang != "en"
    covered = []
    for nq in numbered(list(dossier.questions)):
        number, question = nq.number, nq.question
        sources = sorted(
            {
                rule.citation.text(lang)
                for rule in ruleset.rules
                if rule.kind == "question-mentions"
                and getattr(rule.params, "topic_terms", None)
                and mentions(question.text, rule.params.topic_terms)
            }
        )
        if sources:
            covered.append(
                f"问题{number}涉及指导原则已有建议的内容（{'；'.join(sources)}），请说明现有建议为何不足以解决该问题。"
                if zh
                else f"Question {number} concerns a topic the guidelines address ({'; '.join(sources)});"
                " say why that guidance does not settle it."
            )
    return Point(2, "author", [], covered)


# Findings about the request itself (questions, form, references, the matrix, translation) are
# for the internal review; the self-assessment speaks of the data and the questions.
_NOT_ABOUT_DATA = ("QUE", "MTG", "REF", "LNG", "MAT")


def _titles(findings: list[Finding], ruleset: RuleSet, lang: str) -> list[str]:
    """What each finding asks for, in plain words (the rule's title), once each, in order.

    A submitted document must not carry rule codes or field paths, so it says what is
    missing as the guideline puts it, not as the product file spells it.
    """
    out: list[str] = []
    for f in findings:
        rule = ruleset.get(f.rule_id)
        text = rule.title.get(lang) if rule is not None else f.message(lang)
        if text not in out:
            out.append(text)
    return out


def _data(requirements: list[Requirement], findings: list[Finding], ruleset: RuleSet, lang: str) -> Point:
    zh = lang != "en"
    content = [
        f for f in findings if not f.rule_id.startswith(_NOT_ABOUT_DATA) and f.severity is not Severity.INFO
    ]
    missing = _titles(content, ruleset, lang)
    included = [r for r in requirements if r.included]
    basis = [
        ("拟提交资料：" if zh else "Materials to be submitted: ")
        + (
            "、".join(r.material.name_zh for r in included)
            if zh
            else ", ".join(r.material.name_en for r in included)
        )
    ]
    return Point(3, "partly" if missing else "yes", basis, missing)


def _understanding(dossier: Dossier, findings: list[Finding], ruleset: RuleSet, lang: str) -> Point:
    zh = lang != "en"
    by_question: dict[int, list[Finding]] = {}
    for f in findings:
        if f.question and f.severity is not Severity.INFO:
            by_question.setdefault(f.question, []).append(f)
    basis, missing = [], []
    for nq in numbered(list(dossier.questions)):
        number, issues = nq.number, by_question.get(nq.position, [])
        if issues:
            missing += [
                f"问题{number}：{title}" if zh else f"Question {number}: {title}"
                for title in _titles(issues, ruleset, lang)
            ]
        else:
            basis.append(
                f"问题{number}：已给出申请人观点及具体依据。"
                if zh
                else f"Question {number}: position and basis given."
            )
    answer = "yes" if not missing else ("no" if not basis else "partly")
    return Point(4, answer, basis, missing)


def assess(
    dossier: Dossier,
    stage_name: str,
    requirements: list[Requirement],
    findings: list[Finding],
    ruleset: RuleSet,
    lang: str = "zh",
) -> list[Point]:
    """The four points, answered from the product file and the findings."""
    return [
        _key_stage(dossier, stage_name, lang),
        _guidance(dossier, ruleset, lang),
        _data(requirements, findings, ruleset, lang),
        _understanding(dossier, findings, ruleset, lang),
    ]
