"""The internal review: every finding grouped by document and severity, and question by question.

For the RA lead, never for CDE: each finding says where (the question's printed number and
its position in the product file, or the field), what to do, and the guideline by title; the
question checks are listed per question with their suggested rewrites.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dossier import formatting as fmt
from dossier.findings import Finding
from dossier.present import cite_text, paren
from dossier.record import Record
from dossier.rules.registry import RuleSet

if TYPE_CHECKING:  # documents imports this module
    from dossier.documents import DocSpec


def topic_documents() -> dict[str, str]:
    """Rule topic -> the document of the package it is about (data: topics.yaml)."""
    from dossier.load import read_yaml
    from dossier.resources import builtin

    data = read_yaml(builtin("checklists") / "cde-cgt-2023" / "topics.yaml").data
    return dict(data.get("topics", {}))


def review(
    findings: list[Finding],
    ruleset: RuleSet,
    specs: list[DocSpec],
    questions: list[dict[str, Any]],
    t: Record,
    lang: str,
) -> dict[str, Any]:
    """The internal review: findings grouped by document (package order) and severity."""
    topics = topic_documents()
    titles = {s.key: s.title(lang) for s in specs}
    order = [s.key for s in specs] + ["package"]
    severity_labels = {s: fmt.label("severity", s, lang) for s in ("error", "warning", "info")}

    def record(f: Finding) -> dict[str, Any]:
        where = f.question_label(lang) if f.question is not None else (f.location or "")
        if f.question is not None and f.field:
            where += f" · {f.field}"
        citation = cite_text(f.citation, lang)
        message = f.message(lang)
        sep = ": " if lang == "en" else "："
        return {
            "rule_id": f.rule_id,
            "severity": f.severity.value,
            "severity_label": severity_labels[f.severity.value],
            "where": where,
            "message": message,
            "citation": citation,
            "summary": f"{severity_labels[f.severity.value]} {f.rule_id}{sep}{message}"
            + paren(lang, citation),
            "suggestion": f.suggestion(lang) or "",
        }

    groups: dict[str, list[Finding]] = {}
    for f in findings:
        rule = ruleset.get(f.rule_id)
        key = topics.get(rule.topic if rule else "", "package")
        if f.question is not None:
            key = "briefing"
        groups.setdefault(key if key in titles else "package", []).append(f)
    documents = []
    for key in order:
        if key not in groups:
            continue
        members = sorted(groups[key], key=lambda f: f.severity.rank)
        documents.append(
            {
                "title": titles.get(key, t.review.package),
                "counts": {s: sum(1 for f in members if f.severity.value == s) for s in severity_labels},
                "findings": [record(f) for f in members],
            }
        )
    per_question = [
        {
            "label": q["label"],
            "text": q["text"],
            "findings": [record(f) for f in findings if f.question == q["file_position"]],
        }
        for q in questions
    ]
    return {
        "counts": {s: sum(1 for f in findings if f.severity.value == s) for s in severity_labels},
        "severity_labels": severity_labels,
        "documents": documents,
        "questions": per_question,
    }
