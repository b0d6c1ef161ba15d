"""question-mentions: a question on a given design element must rest on the basis the guideline names.

For example, phase I dose selection rests on nonclinical data and the doses of same-class
products (002 三(三)); the basis (and supporting data) must mention each required group.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from dossier.citation import Bilingual
from dossier.questions.text import mentions
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"question", "missing_zh", "missing_en"}
STANDALONE = True


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: Bilingual
    terms: list[str] = Field(min_length=1)


class Params(Base):
    topic_terms: list[str] = Field(min_length=1, description="Words that mark the question's subject")
    topics: list[str] = Field(default_factory=list, description="Question 'topic' tags that also match")
    required: list[Requirement] = Field(min_length=1)
    fields: list[str] = Field(default_factory=lambda: ["basis", "supporting_data"])


def _searched(question, fields: list[str]) -> str:
    parts = []
    for name in fields:
        value = getattr(question, name, None)
        parts.extend(value if isinstance(value, list) else [value or ""])
    # supporting_data may hold {material, section} references as well as free text
    return " ".join(
        p if isinstance(p, str) else " ".join(filter(None, [p.material, p.section])) for p in parts
    )


def run(params: Params, ctx) -> list[Hit]:
    hits = []
    for i, q in enumerate(ctx.questions, 1):
        if not (mentions(q.text, params.topic_terms) or (q.topic and q.topic in params.topics)):
            continue
        text = _searched(q, params.fields)
        missing = [r.label for r in params.required if not mentions(text, r.terms)]
        if missing:
            hits.append(
                Hit(
                    {
                        "question": i,
                        "missing_zh": "、".join(m.zh for m in missing),
                        "missing_en": ", ".join(m.en for m in missing),
                    },
                    question=i,
                    field="basis",
                )
            )
    return hits
