"""Evaluate rules on a product (or a standalone questions file) and produce findings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from dossier.findings import Finding, Severity, sort_findings
from dossier.matrix import Requirement
from dossier.model import Dossier, MeetingFormat, Modality, Question, Source, Stage
from dossier.numbering import printed_numbers
from dossier.rules import conditions
from dossier.rules.kinds import KINDS, Hit
from dossier.rules.registry import RuleSet
from dossier.rules.rule import Rule
from dossier.vocabulary import Vocabularies


@dataclass
class Context:
    """What a check kind may read: the product (if any), its questions, the meeting's facts."""

    questions: list[Question]
    data: dict[str, Any]
    dossier: Dossier | None = None
    stage: Stage | None = None
    modality: Modality | None = None
    source: Source | None = None
    meeting_format: MeetingFormat | None = None
    disciplines: set[str] = field(default_factory=set)
    requirements: list[Requirement] = field(default_factory=list)
    extra_generic: tuple[str, ...] = ()
    vocabularies: Vocabularies = field(default_factory=Vocabularies)
    lang: str = "zh"  # the language of the package checked for
    memo: dict[Any, Any] = field(default_factory=dict)  # work shared by rules (question judgements)

    @property
    def standalone(self) -> bool:
        return self.dossier is None

    @classmethod
    def for_dossier(cls, dossier: Dossier, requirements: list[Requirement]) -> Context:
        product = dossier.product
        return cls(
            questions=list(dossier.questions),
            data=dossier.model_dump(mode="json"),
            dossier=dossier,
            stage=dossier.meeting.stage,
            modality=product.modality,
            source=product.source,
            meeting_format=dossier.meeting.format,
            disciplines={d.value for d in dossier.meeting.disciplines},
            requirements=requirements,
            extra_generic=tuple(filter(None, [product.name_zh, product.name_en, product.code])),
        )

    @classmethod
    def for_questions(
        cls,
        questions: list[Question],
        stage: Stage | None = None,
        meeting_format: MeetingFormat | None = None,
    ) -> Context:
        return cls(
            questions=list(questions),
            data={
                "questions": [q.model_dump(mode="json") for q in questions],
                "meeting": {
                    "stage": stage.value if stage else None,
                    "format": meeting_format.value if meeting_format else None,
                },
            },
            stage=stage,
            meeting_format=meeting_format,
            disciplines={q.discipline.value for q in questions if q.discipline},
        )


def applies(rule: Rule, ctx: Context) -> bool:
    """Whether the rule's applicability holds for this context.

    In a standalone questions file the stage may be unknown: stage limits then do not exclude
    a rule, but modality and source limits do (those rules need the product).
    """
    standalone = rule.params.standalone
    if standalone is None:
        standalone = KINDS[rule.kind].STANDALONE
    if ctx.standalone and not standalone:
        return False
    a = rule.applies
    if a.stages and ctx.stage is not None and ctx.stage not in a.stages:
        return False
    if a.modalities and ctx.modality not in a.modalities:
        return False
    if a.sources and ctx.source not in a.sources:
        return False
    return conditions.holds(a.when, ctx.data)


def _finding(rule: Rule, hit: Hit, severity: Severity, numbers: dict[int, int]) -> Finding:
    text = rule.confirm_text() if hit.confirm else rule.message
    variables = {k: ("" if v is None else v) for k, v in hit.variables.items()}
    if hit.question is not None and "question" in variables:
        # messages name a question by the number the reader sees (问题N), not its file position
        variables["question"] = numbers.get(hit.question, hit.question)
    return Finding(
        rule_id=rule.id,
        severity=Severity.INFO if hit.confirm else severity,
        message_zh=text.zh.format_map(variables).strip(),
        message_en=text.en.format_map(variables).strip(),
        citation=rule.citation,
        location=hit.location,
        question=hit.question,
        field=hit.field,
        part=hit.part,
        suggestion_zh=hit.suggestion_zh,
        suggestion_en=hit.suggestion_en,
    )


def evaluate(ruleset: RuleSet, ctx: Context) -> list[Finding]:
    """Run each enabled, applicable rule; one finding per hit, sorted the one way every output uses."""
    ctx.vocabularies = ruleset.vocabularies
    severities = ruleset.severities
    confirmed = ctx.dossier.clinical.confirm if ctx.dossier else {}
    numbers = printed_numbers(ctx.questions)
    findings = []
    for rule in ruleset.rules:
        if not applies(rule, ctx):
            continue
        for hit in KINDS[rule.kind].run(rule.params, ctx):
            if hit.confirm and confirmed.get(rule.id):
                continue
            findings.append(_finding(rule, hit, severities.get(rule.id, rule.severity), numbers))
    findings = [replace(f, number=numbers.get(f.question)) if f.question is not None else f for f in findings]
    return sort_findings(findings)
