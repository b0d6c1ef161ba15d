"""``dossier init``: a starting product file for one stage and modality, generated, never hand-kept.

Which fields appear is computed: every required field of the model, every field a rule that
can apply to this stage, modality and source reads (its check parameters and its ``applies.when``
condition), and every field the built-in templates print. Each field gets a one-line comment
(what to write, and why it is asked: the rule's title and its citation, or the document that
prints it) and a ``<<TODO: …>>`` placeholder (dossier.placeholders), so a new model field or a
new rule shows up here without anyone editing this module.
"""

from __future__ import annotations

import enum
import json
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dossier import placeholders
from dossier.model import SCHEMA_VERSION, Dossier, Modality, Source, Stage
from dossier.resources import builtin
from dossier.rules.conditions import check_path
from dossier.rules.registry import RuleSet
from dossier.rules.rule import Rule

SCHEMA_FILE = "dossier.schema.json"
_FIXED = {"schema_version", "product.modality", "product.source", "meeting.stage"}
_SKIP = {"document_date", "clinical.confirm", "previous_meetings", "previous_submissions"}
_TEMPLATE_FIELD = re.compile(r"\b(product|meeting|clinical|indication|q|question)\.([a-z_]+(?:\.[a-z_]+)*)")
_TEMPLATE_ROOTS = {"indication": "indications", "q": "questions", "question": "questions"}
_QUESTION_HINT = {
    True: "一个设计要素：申请人的方案及依据，然后“请问药审中心是否同意……？”",
    False: "one design element: the applicant's proposal and its basis, then 'Does the Agency agree with …?'",
}
_DOCUMENT = {
    "application_form": ("申请表", "the application form"),
    "briefing": ("会议资料", "the briefing document"),
    "self_assessment": ("自评估报告", "the self-assessment"),
}


@dataclass
class Why:
    """Why a field is asked: the rules that read it, the documents that print it."""

    rules: list[Rule] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Choice:
    stage: Stage
    modality: Modality
    source: Source | None = None
    lang: str = "zh"


def _rule_applies(rule: Rule, choice: Choice) -> bool:
    a = rule.applies
    if a.stages and choice.stage not in a.stages:
        return False
    if a.modalities and choice.modality not in a.modalities:
        return False
    return not (a.sources and choice.source is not None and choice.source not in a.sources)


def _paths_in(value: Any) -> list[str]:
    """Strings inside a rule's check parameters that name a field of the product file."""
    if isinstance(value, dict):
        return [p for v in value.values() for p in _paths_in(v)]
    if isinstance(value, list):
        return [p for v in value for p in _paths_in(v)]
    if isinstance(value, str) and re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", value):
        try:
            check_path(value)
        except ValueError:
            return []
        return [value]
    return []


def _condition_paths(condition: Any, prefix: str = "") -> list[str]:
    if isinstance(condition, dict):
        out: list[str] = []
        if isinstance(condition.get("field"), str):
            name = condition["field"]
            out.append(prefix + name.removeprefix("item.") if name.startswith("item.") else name)
            if condition.get("where"):
                out += _condition_paths(condition["where"], name + ".")
        for key in ("all", "any"):
            for sub in condition.get(key) or []:
                out += _condition_paths(sub, prefix)
        if condition.get("not"):
            out += _condition_paths(condition["not"], prefix)
        return out
    return []


def rule_fields(ruleset: RuleSet, choice: Choice) -> dict[str, Why]:
    """Fields read by the enabled rules that can apply to this choice, with those rules."""
    wanted: dict[str, Why] = {}
    for rule in ruleset.rules:
        if not _rule_applies(rule, choice):
            continue
        when = rule.applies.when.model_dump(by_alias=True) if rule.applies.when else None
        for path in _paths_in({k: v for k, v in rule.check.items() if k != "kind"}) + _condition_paths(when):
            try:
                check_path(path)
            except ValueError:
                continue
            wanted.setdefault(path, Why()).rules.append(rule)
    return wanted


def template_fields() -> dict[str, Why]:
    """Fields the built-in document templates print, with the documents that print them."""
    wanted: dict[str, Why] = {}
    root = builtin("templates")
    for path in sorted(root.rglob("*.j2")):
        stem = path.name.split(".")[0]
        for head, rest in _TEMPLATE_FIELD.findall(path.read_text(encoding="utf-8")):
            parts = [_TEMPLATE_ROOTS.get(head, head), *rest.split(".")]
            while parts:  # the longest prefix that is a field (the rest is a method or a label)
                dotted = ".".join(parts)
                try:
                    check_path(dotted)
                except ValueError:
                    parts.pop()
                    continue
                wanted.setdefault(dotted, Why()).documents.add(stem)
                break
    return wanted


def wanted_fields(ruleset: RuleSet, choice: Choice) -> dict[str, Why]:
    wanted = template_fields()
    for path, why in rule_fields(ruleset, choice).items():
        wanted.setdefault(path, Why()).rules += why.rules
    return wanted


# --- writing the file ----------------------------------------------------------------------


def _plain(annotation: Any) -> Any:
    return placeholders._plain(annotation)


def _choices(annotation: Any) -> list[Any]:
    return placeholders._choices(_plain(annotation))


def _model(annotation: Any) -> type[BaseModel] | None:
    return placeholders._model(annotation)


def _list_item(annotation: Any) -> Any | None:
    for candidate in _choices(annotation):
        if typing.get_origin(candidate) is list:
            return _plain(typing.get_args(candidate)[0])
    return None


def _kind_hint(annotation: Any, lang: str) -> str:
    """What kind of value goes here: the allowed values, a date format, a number, true/false."""
    zh = lang != "en"
    for candidate in _choices(annotation):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            values = " / ".join(str(m.value) for m in candidate)
            return f"取值之一：{values}" if zh else f"one of {values}"
        if typing.get_origin(candidate) is typing.Literal:
            values = " / ".join(str(v) for v in typing.get_args(candidate))
            return f"取值之一：{values}" if zh else f"one of {values}"
    names = {getattr(c, "__name__", "") for c in _choices(annotation)}
    if "bool" in names:
        return "true 或 false" if zh else "true or false"
    if "date" in names:
        return "日期 YYYY-MM-DD" if zh else "a date, YYYY-MM-DD"
    if "int" in names:
        return "整数" if zh else "a whole number"
    if "float" in names:
        return "数字" if zh else "a number"
    return "文字" if zh else "text"


# What to write, for the few fields whose name is their only description in the model.
_NAMES = {
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "code": ("产品代号", "product code"),
    "applicant": ("申请人全称", "applicant (full legal name)"),
    "dosage_form": ("剂型", "dosage form"),
    "route": ("给药途径", "route of administration"),
    "purpose": ("目的", "purpose"),
    "text": ("问题原文", "the question as CDE will read it"),
    "background": ("问题的背景", "background of the question"),
    "name": ("姓名", "name"),
    "phone": ("电话", "phone"),
    "email": ("电子邮箱", "email"),
    "affiliation": ("单位", "affiliation"),
    "item": ("议程事项", "agenda item"),
    "minutes": ("时长（分钟）", "minutes"),
    "description": ("说明", "description"),
    "title": ("标题", "title"),
}


def _label(name: str, info: FieldInfo, lang: str) -> str:
    if info.description:
        return info.description.replace("\n", " ").strip()
    known = _NAMES.get(name)
    if known:
        return known[0 if lang != "en" else 1]
    return name.replace("_", " ")


def _what(name: str, info: FieldInfo, lang: str) -> str:
    text = _label(name, info, lang)
    example = re.search(r"\be\.g\.\s*(.+)$", text)
    kind = _kind_hint(info.annotation, lang)
    if example and kind in ("文字", "text"):
        return f"{text}" if lang == "en" else f"{text}（示例，请替换）"
    return f"{text}; {kind}" if lang == "en" else f"{text}；{kind}"


def _section_comment(name: str, info: FieldInfo, model: type[BaseModel], why: Why | None, lang: str) -> str:
    """A section's comment: what it holds (its description or the model's docstring) and who reads it."""
    doc = (model.__doc__ or "").strip().splitlines()
    text = (info.description or (doc[0] if doc else name.replace("_", " "))).rstrip(".。")
    reason = _why(why, False, lang)
    return text + (("。原因：" if lang != "en" else ". Why: ") + reason if reason else "")


def _why(why: Why | None, required: bool, lang: str) -> str:
    zh = lang != "en"
    parts: list[str] = []
    if why and why.rules:
        rule = why.rules[0]
        more = len({r.id for r in why.rules}) - 1
        extra = (f" 等 {more + 1} 条规则" if zh else f" and {more} more") if more else ""
        cite = rule.citation.text(lang)
        parts.append(
            f"{rule.id}{extra}：{rule.title.zh}（依据：{cite}）"
            if zh
            else f"{rule.id}{extra}: {rule.title.en} ({cite})"
        )
    if why and why.documents:
        names = [_document_name(d, zh) for d in sorted(why.documents)]
        names = list(dict.fromkeys(names))[:3]
        parts.append(("打印于" + "、".join(names)) if zh else ("printed in " + ", ".join(names)))
    if required and not parts:
        parts.append("必填" if zh else "required")
    return ("；" if zh else "; ").join(parts)


def _document_name(stem: str, zh: bool) -> str:
    """The document a template file writes: partials belong to the form and briefing."""
    if stem.startswith("_"):
        stem = "briefing"
    if stem in _DOCUMENT:
        return _DOCUMENT[stem][0 if zh else 1]
    if stem == "review_report":
        return "内部审核报告" if zh else "the internal review report"
    return f"附件资料 {stem}" if zh else f"the material {stem}"


class _Writer:
    def __init__(self, wanted: dict[str, Why], choice: Choice) -> None:
        self.wanted = wanted
        self.choice = choice
        self.lines: list[str] = []

    def needed(self, path: str, info: FieldInfo) -> bool:
        if path in _SKIP:
            return False
        if info.is_required() or path in _FIXED:
            return True
        return any(w == path or w.startswith(path + ".") for w in self.wanted)

    def comment(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + "# " + " ".join(text.split()))

    def model(self, model: type[BaseModel], prefix: str, indent: int, first_dash: bool = False) -> None:
        first = True
        for name, info in model.model_fields.items():
            path = f"{prefix}{name}"
            if not self.needed(path, info):
                continue
            pad = indent
            lead = " " * indent
            if first and first_dash:
                lead = " " * (indent - 2) + "- "
            first = False
            self.field(name, info, path, pad, lead)

    def field(self, name: str, info: FieldInfo, path: str, indent: int, lead: str) -> None:
        lang = self.choice.lang
        nested = _model(info.annotation)
        item = _list_item(info.annotation)
        section = nested if item is None else _model(item)
        if section is not None:
            child = _Writer(self.wanted, self.choice)
            if path == "questions":
                child.question_example(indent + 2)
            child.model(section, path + ".", indent + (2 if item is None else 4), first_dash=item is not None)
            if not any(not line.lstrip().startswith("#") for line in child.lines):
                return  # nothing in this section is read for this product and stage
            self.comment(indent, _section_comment(name, info, section, self.wanted.get(path), lang))
            self.lines.append(f"{lead}{name}:")
            self.lines += child.lines
            return
        comment = _what(name, info, lang)
        reason = _why(self.wanted.get(path), info.is_required(), lang)
        if reason:
            comment += ("。原因：" if lang != "en" else ". Why: ") + reason
        self.comment(indent, comment)
        fixed = self.fixed(path)
        if fixed is not None:
            self.lines.append(f"{lead}{name}: {fixed}")
        elif item is not None:
            self.lines.append(f"{lead}{name}:")
            self.lines.append(" " * (indent + 2) + "- " + self.todo(item, name, info))
        else:
            todo = self.todo(info.annotation, name, info)
            if path == "questions.text":
                todo = json.dumps(placeholders.make(_QUESTION_HINT[lang != "en"]), ensure_ascii=False)
            self.lines.append(f"{lead}{name}: {todo}")

    def fixed(self, path: str) -> str | None:
        c = self.choice
        if path == "schema_version":
            return str(SCHEMA_VERSION)
        if path == "product.modality":
            return c.modality.value
        if path == "product.source" and c.source is not None:
            return c.source.value
        if path == "meeting.stage":
            return c.stage.value
        return None

    def todo(self, annotation: Any, name: str, info: FieldInfo) -> str:
        lang = self.choice.lang
        text = _label(name, info, lang)
        example = re.search(r"\be\.g\.\s*(.+)$", text)
        hint = _kind_hint(annotation, lang)
        if example and hint in ("文字", "text"):
            hint = ("示例：" if lang != "en" else "example: ") + example.group(1)
        elif hint in ("文字", "text"):
            hint = text
        return json.dumps(placeholders.make(hint), ensure_ascii=False)

    def question_example(self, indent: int) -> None:
        zh = self.choice.lang != "en"
        if zh:
            lines = [
                "每个问题只问一个设计要素：先写申请人的方案及依据，再问“请问药审中心是否同意……？”"
                "（依据：" + _question_citation("zh") + "）",
                "示例：本品拟以给药后 28 天作为剂量限制性毒性（DLT）观察期，"
                "依据为非临床毒理研究中毒性出现的时间（详见临床试验方案 5.3）。"
                "请问药审中心是否同意上述 DLT 观察期的设置？",
            ]
        else:
            lines = [
                "Ask about one design element per question: state the applicant's proposal and its basis,"
                " then ask 'Does the Agency agree with …?' (" + _question_citation("en") + ")",
                "Example: We propose a DLT observation window of 28 days after dosing, based on the"
                " onset of toxicity in the nonclinical studies (protocol section 5.3). Does the Agency"
                " agree with the proposed DLT observation window?",
            ]
        for line in lines:
            self.comment(indent, line)


def _question_citation(lang: str) -> str:
    from dossier.citation import Citation

    return Citation(source="002_b2acee319bd1d3c3.txt", section="三（三）沟通交流的问题").text(lang)


def scaffold(ruleset: RuleSet, choice: Choice, schema: str = SCHEMA_FILE) -> str:
    """The text of a starting product file for ``choice``. Returns YAML text (comments kept)."""
    zh = choice.lang != "en"
    writer = _Writer(wanted_fields(ruleset, choice), choice)
    source = choice.source.value if choice.source else "?"
    head = [
        f"# yaml-language-server: $schema={schema}",
        (
            f"# dossier init：{choice.stage.value} / {choice.modality.value} / {source}。"
            "把每个 <<TODO: …>> 换成实际内容；不适用的字段可删除。"
            "`dossier check` 把剩下的占位符逐个报告为错误。"
            if zh
            else f"# dossier init: {choice.stage.value} / {choice.modality.value} / {source}."
            " Replace every <<TODO: …>> with the actual value; delete fields that do not apply."
            " `dossier check` reports each placeholder left as an error."
        ),
        (
            f"# 编辑器补全：dossier schema -o {schema}"
            if zh
            else f"# Editor completion: dossier schema -o {schema}"
        ),
    ]
    writer.lines += head
    writer.model(Dossier, "", 0)
    return "\n".join(writer.lines) + "\n"


def write_scaffold(text: str, target: Path, *, force: bool = False) -> Path:
    """Write the file through the one write policy (never over a file without ``force``)."""
    from dossier.write import write_file

    return write_file(text.encode("utf-8"), target, force=force)
