"""Run every check on a product file (or a standalone questions file) and return one sorted list."""

from __future__ import annotations

from pathlib import Path

from dossier.findings import Finding
from dossier.load import read_yaml, validate
from dossier.model import Question, QuestionSet
from dossier.project import Project, open_project
from dossier.questions.sources import read_questions
from dossier.rules import Context, RuleSet, evaluate
from dossier.rules.kinds import KINDS


def check_project(project: Project, ruleset: RuleSet, lang: str = "zh") -> list[Finding]:
    """All findings for a product's meeting: matrix, meeting, content and question rules.

    ``lang`` is the language of the package the findings are for: checking for an English
    package also lists the text fields that have no English yet.
    """
    ctx = Context.for_dossier(project.dossier, project.requirements())
    ctx.lang = lang
    return evaluate(ruleset, ctx)


def check_questions_file(path: Path, ruleset: RuleSet, matrix: Path | None = None) -> list[Finding]:
    """Question findings for a product file or a standalone questions file.

    A product file gives the questions their context (stage, modality, disciplines); the
    findings are those of the question rules and the question-count rules.
    """
    doc = read_yaml(path)
    if isinstance(doc.data, dict) and "product" in doc.data:
        project = open_project(path, matrix=matrix)
        findings = check_project(project, ruleset)
        return [f for f in findings if _about_questions(f, ruleset)]
    questions = validate(doc, QuestionSet)
    ctx = Context.for_questions(questions.questions, questions.stage, questions.meeting_format)
    return evaluate(ruleset, ctx)


def _about_questions(finding: Finding, ruleset: RuleSet) -> bool:
    rule = ruleset.get(finding.rule_id)
    return rule is not None and (rule.kind.startswith("question-") or rule.topic == "question-count")


def check_question_list(path: Path, ruleset: RuleSet) -> list[Finding]:
    """Wording findings for a plain list of questions (.txt, .md, .docx).

    Only the rules that read a question's wording apply: such a list has no background,
    position, discipline or product for the other rules to read. Raises InputError for an
    unreadable file.
    """
    questions = [Question(text=text) for text in read_questions(path)]
    wording = RuleSet(
        ruleset.all_rules,
        ruleset.packs,
        ruleset.vocabularies,
        ruleset.disabled | {r.id for r in ruleset.all_rules if not is_wording(r)},
        ruleset.severities,
    )
    return evaluate(wording, Context.for_questions(questions))


def is_wording(rule) -> bool:
    """Whether a rule judges only the wording of a question (its kind says so)."""
    return getattr(KINDS[rule.kind], "WORDING", False)
