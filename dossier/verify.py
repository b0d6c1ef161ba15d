"""``dossier verify``: check a drafted package (folder or .zip) after the authors edited it in Word.

The package is read as untrusted input (dossier.safe_package), each Word document is read into
located blocks (document › heading › paragraph or table cell), and a series of small checks
each return findings in the one findings record (dossier.findings), so the console, JSON and
exit code work as for ``dossier check``. The checks:

- VER-001 placeholders left (【请填写：…】, [To write: …], <<TODO: …>>), VER-002 text still
  highlighted as a placeholder, VER-003 a section left empty;
- VER-004 the form and the briefing disagree on the questions, VER-005 on the meeting (type,
  format, purpose, dates, agenda);
- VER-006 a ``#`` material's revision history not filled, VER-007 a ``△`` material no longer
  brief, VER-008 a ``+`` material missing, VER-009 a file of the manifest removed, VER-010 a
  file added, VER-011 files edited since the build (info);
- VER-012 a reference to an attachment or document that is not in the package;
- the question wording rules (QUE-…) on the questions as edited in the briefing;
- VER-013 the package is large (pages estimated), VER-014 tracked changes pending,
  VER-015 comments left.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from dossier import docxkit, safe_package
from dossier.citation import Citation
from dossier.findings import Finding, Severity, sort_findings
from dossier.resources import builtin

MANIFEST = "manifest.json"
PROCEDURE = "药物研发与技术审评沟通交流管理办法（2020）"
GUIDELINE = "002_b2acee319bd1d3c3.txt"
_PLACEHOLDER = re.compile(r"【[^】]{0,300}】|\[\s*(?:To write:[^\]]*|translation pending)\s*\]|<<TODO[^>]*>>")
_BRACKETED = re.compile(r"\s*[\[【][^\]】]*[\]】]\s*")  # a highlighted [..] / 【..】: a fill() placeholder
_QUESTION = re.compile(r"^\s*(?:问题\s*(\d+)\s*[：:]|Question\s+(\d+)\s*[:：.])\s*(.*)$", re.S)
_ATTACHMENT_REF = re.compile(r"(?:附件\s*(\d+)|Attachment\s+(\d+))(?:\s*[《“\"]([^》”\"]{1,80})[》”\"])?")
_DOCUMENT_REF = re.compile(r"(?<!附件\d)(?<!附件\d\d)《([^》]{1,40})》")
_ATTACHMENT_ITEM = re.compile(r"^\s*(?:附件\s*(\d+)|Attachment\s+(\d+))[\s　:：]+(.+?)\s*$")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{2}-\d{2}|[A-Z][a-z]+ \d{1,2}, \d{4}")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+(?:\.\d+)*\.?\s)\s*"
)


@dataclass(frozen=True)
class Limits:
    """Size limits, as data (checklists/cde-cgt-2023/package-limits.yaml), overridable on the command line."""

    chars_per_page_zh: int = 700
    chars_per_page_en: int = 3000
    brief_max_pages: int = 5
    package_max_pages: int = 300


def load_limits(path: Path | None = None, **override: int | None) -> Limits:
    """The size limits: the built-in data file (or ``path``), then any non-None override."""
    path = path or builtin("checklists") / "cde-cgt-2023" / "package-limits.yaml"
    from pydantic import BaseModel, ConfigDict, Field

    from dossier.load import load

    class _File(BaseModel):
        model_config = ConfigDict(extra="forbid")
        chars_per_page: dict[str, int] = Field(default_factory=dict)
        brief_max_pages: int = Field(5, ge=1)
        package_max_pages: int = Field(300, ge=1)

    data = load(path, _File)
    limits = Limits(
        chars_per_page_zh=data.chars_per_page.get("zh", 700),
        chars_per_page_en=data.chars_per_page.get("en", 3000),
        brief_max_pages=data.brief_max_pages,
        package_max_pages=data.package_max_pages,
    )
    return replace(limits, **{k: v for k, v in override.items() if v is not None})


# --- reading the documents -------------------------------------------------------------------


@dataclass
class Block:
    """One paragraph or table cell, with where it stands."""

    text: str
    heading: str  # the nearest heading above, as numbered in the document
    where: str  # ¶N, or T2 R3 C4 (table 2, row 3, column 4)
    is_heading: bool = False
    level: int | None = None
    highlighted: list[str] = field(default_factory=list)
    table: int | None = None
    row: int | None = None


@dataclass
class Doc:
    """A Word document of the package, read into located blocks."""

    path: str
    blocks: list[Block]
    tables: list[list[list[str]]]
    table_headings: list[str]  # the heading each table stands under
    insertions: int = 0
    deletions: int = 0
    comments: list[str] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(len(b.text.strip()) for b in self.blocks)

    def pages(self, limits: Limits) -> int:
        text = "".join(b.text for b in self.blocks)
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        latin = len(text.strip()) - cjk
        return max(1, math.ceil(cjk / limits.chars_per_page_zh + latin / limits.chars_per_page_en))

    def at(self, block: Block) -> str:
        return " › ".join(filter(None, [self.path, block.heading, block.where]))


def read_doc(path: str, data: bytes) -> Doc:
    """Read one .docx into blocks. Raises InputError for a damaged or hostile file."""
    document = safe_package.open_docx(data, path)
    blocks: list[Block] = []
    tables: list[list[list[str]]] = []
    table_headings: list[str] = []
    heading = ""
    paragraph_no = 0
    for item in docxkit.body_blocks(document):
        if hasattr(item, "rows"):
            rows: list[list[str]] = []
            number = len(tables) + 1
            for r, row in enumerate(item.rows, 1):
                texts = []
                for c, cell in enumerate(row.cells, 1):
                    text = "\n".join(docxkit.paragraph_text(p) for p in cell.paragraphs)
                    lit = [h for p in cell.paragraphs for h in docxkit.highlighted_text(p)]
                    texts.append(text)
                    blocks.append(
                        Block(text, heading, f"T{number} R{r} C{c}", highlighted=lit, table=number, row=r)
                    )
                rows.append(texts)
            tables.append(rows)
            table_headings.append(heading)
            continue
        paragraph_no += 1
        text = docxkit.paragraph_text(item)
        level = docxkit.heading_level(item)
        if level is not None and level >= 1 and text.strip():
            heading = text.strip()
            blocks.append(Block(text, heading, "", True, level))
            continue
        blocks.append(Block(text, heading, f"¶{paragraph_no}", highlighted=docxkit.highlighted_text(item)))
    insertions, deletions = docxkit.tracked_changes(document)
    return Doc(path, blocks, tables, table_headings, insertions, deletions, docxkit.comments(document))


# --- the findings ----------------------------------------------------------------------------


_RULES: dict[str, tuple[Severity, str, str, str, str]] = {
    # id: severity, title zh, title en, source, section
    "VER-001": (
        Severity.ERROR,
        "文档中仍有占位符",
        "A placeholder is still in the document",
        PROCEDURE,
        "会议资料",
    ),
    "VER-002": (
        Severity.WARNING,
        "文字仍带占位符的高亮",
        "Text still carries the placeholder highlight",
        PROCEDURE,
        "会议资料",
    ),
    "VER-003": (Severity.ERROR, "章节内容为空", "A section is empty", PROCEDURE, "会议资料"),
    "VER-004": (
        Severity.ERROR,
        "申请表与会议资料的问题不一致",
        "The form and the briefing disagree on the questions",
        PROCEDURE,
        "沟通交流会议申请表",
    ),
    "VER-005": (
        Severity.ERROR,
        "申请表与会议资料的会议信息不一致",
        "The form and the briefing disagree on the meeting",
        PROCEDURE,
        "沟通交流会议申请表",
    ),
    "VER-006": (
        Severity.ERROR,
        "“#”资料的修订历史未填写",
        "A '#' material's revision history is not filled in",
        GUIDELINE,
        "六、附件",
    ),
    "VER-007": (
        Severity.WARNING,
        "“△”资料已不再简要",
        "A '△' material is no longer brief",
        GUIDELINE,
        "六、附件",
    ),
    "VER-008": (
        Severity.ERROR,
        "“+”资料不在资料包中",
        "A '+' material is missing from the package",
        GUIDELINE,
        "六、附件",
    ),
    "VER-009": (
        Severity.ERROR,
        "清单中的文件已被删除",
        "A file of the manifest has been removed",
        PROCEDURE,
        "会议资料",
    ),
    "VER-010": (
        Severity.WARNING,
        "资料包中有清单以外的文件",
        "The package holds a file the manifest does not list",
        PROCEDURE,
        "会议资料",
    ),
    "VER-011": (
        Severity.INFO,
        "生成后已编辑的文件",
        "A file edited since it was built",
        PROCEDURE,
        "会议资料",
    ),
    "VER-012": (
        Severity.ERROR,
        "引用了资料包中不存在的附件或文件",
        "A reference to an attachment or document the package does not hold",
        GUIDELINE,
        "六、附件",
    ),
    "VER-013": (Severity.WARNING, "资料篇幅过大", "The package is very long", PROCEDURE, "会议资料"),
    "VER-014": (
        Severity.WARNING,
        "文档中有未处理的修订",
        "Tracked changes are still pending",
        PROCEDURE,
        "会议资料",
    ),
    "VER-015": (Severity.WARNING, "文档中有批注", "The document holds comments", PROCEDURE, "会议资料"),
    "VER-016": (
        Severity.INFO,
        "没有 manifest.json，未比对文件",
        "No manifest.json: files not compared",
        PROCEDURE,
        "会议资料",
    ),
}


def rules() -> dict[str, tuple[Severity, str, str, str, str]]:
    """The verify checks: id -> (severity, title zh, title en, source, section)."""
    return dict(_RULES)


def _finding(rule_id: str, where: str, zh: str, en: str) -> Finding:
    severity, _, _, source, section = _RULES[rule_id]
    return Finding(rule_id, severity, zh, en, Citation(source=source, section=section), location=where)


def _clip(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def placeholders(doc: Doc) -> list[Finding]:
    out = []
    for block in doc.blocks:
        found = _PLACEHOLDER.findall(block.text)
        for text in found:
            out.append(
                _finding(
                    "VER-001",
                    doc.at(block),
                    f"仍是占位符：{_clip(text)}",
                    f"Still a placeholder: {_clip(text)}",
                )
            )
        for text in block.highlighted:
            if _BRACKETED.fullmatch(text) and not _PLACEHOLDER.search(text):
                out.append(
                    _finding(
                        "VER-001",
                        doc.at(block),
                        f"仍是占位符：{_clip(text)}",
                        f"Still a placeholder: {_clip(text)}",
                    )
                )
        lit = [h for h in block.highlighted if not _PLACEHOLDER.search(h) and not _BRACKETED.fullmatch(h)]
        if lit and not found:
            text = _clip(" ".join(lit))
            out.append(
                _finding(
                    "VER-002",
                    doc.at(block),
                    f"文字“{text}”仍带黄色高亮：若已填写完成，请取消高亮。",
                    f"'{text}' is still highlighted: remove the highlight once it is written.",
                )
            )
    return out


def empty_sections(doc: Doc) -> list[Finding]:
    out = []
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if not block.is_heading or _QUESTION.match(block.text):
            continue  # a question's heading stands alone where the briefing lists the questions
        content = False
        for after in blocks[index + 1 :]:
            if after.is_heading:
                content = content or (after.level or 9) > (block.level or 0)
                break
            if after.text.strip() or after.table is not None:
                content = True
                break
        if not content:
            out.append(
                _finding(
                    "VER-003",
                    f"{doc.path} › {block.heading}",
                    "本节没有内容：请填写，或删除该标题。",
                    "This section has no content: write it, or remove the heading.",
                )
            )
    return out


def _section(heading: str) -> str:
    return _NUMBERING.sub("", heading).strip()


def questions_of(doc: Doc) -> list[list[tuple[int, str, Block]]]:
    """The question headings (问题N：… / Question N: …), grouped by top-level section."""
    groups: dict[str, list[tuple[int, str, Block]]] = {}
    top = ""
    for block in doc.blocks:
        if block.is_heading and block.level == 1:
            top = block.heading
        if not block.is_heading:
            continue
        match = _QUESTION.match(block.text)
        if match:
            number = int(match.group(1) or match.group(2))
            groups.setdefault(top, []).append((number, " ".join(match.group(3).split()), block))
    return list(groups.values())


def form_vs_briefing_questions(form: Doc, briefing: Doc) -> list[Finding]:
    out: list[Finding] = []
    asked = [q for group in questions_of(form) for q in group]
    for group in questions_of(briefing) or [[]]:
        where = f"{briefing.path} › {group[0][2].heading}" if group else briefing.path
        if len(group) != len(asked):
            out.append(
                _finding(
                    "VER-004",
                    where,
                    f"申请表列出 {len(asked)} 个问题，会议资料此处列出 {len(group)} 个。",
                    f"The form lists {len(asked)} questions, the briefing {len(group)} here.",
                )
            )
        numbers = [n for n, _, _ in group]
        if numbers != list(range(1, len(numbers) + 1)) or numbers != [n for n, _, _ in asked][: len(numbers)]:
            out.append(
                _finding(
                    "VER-004",
                    where,
                    f"问题编号不连续或与申请表不同：{numbers}（申请表：{[n for n, _, _ in asked]}）。",
                    f"Question numbers are out of sequence or differ from the form: {numbers}"
                    f" (form: {[n for n, _, _ in asked]}).",
                )
            )
        form_text = {n: (text, block) for n, text, block in asked}
        for number, text, block in group:
            if number in form_text and form_text[number][0] != text:
                out.append(
                    _finding(
                        "VER-004",
                        briefing.at(block),
                        f"问题{number}的文字与申请表不同：会议资料“{_clip(text)}”，申请表“{_clip(form_text[number][0])}”。",
                        f"Question {number} reads differently: briefing '{_clip(text)}', form"
                        f" '{_clip(form_text[number][0])}'.",
                    )
                )
    return out


def _key_values(doc: Doc) -> dict[str, tuple[str, str]]:
    """Two-column label/value table rows: label -> (value, where)."""
    out: dict[str, tuple[str, str]] = {}
    for number, rows in enumerate(doc.tables, 1):
        for r, row in enumerate(rows[1:], 2):
            if len(row) == 2 and row[0].strip():
                out.setdefault(row[0].strip(), (row[1].strip(), f"{doc.path} › T{number} R{r}"))
    return out


def _section_text(doc: Doc, title: str) -> tuple[str, str] | None:
    """The text of the first section whose heading (without its number) is ``title``."""
    for index, block in enumerate(doc.blocks):
        if block.is_heading and _section(block.heading) == title:
            text = []
            for after in doc.blocks[index + 1 :]:
                if after.is_heading:
                    break
                if after.table is None:
                    text.append(after.text.strip())
            return " ".join(t for t in text if t), f"{doc.path} › {block.heading}"
    return None


def _tables_with_header(doc: Doc) -> dict[tuple[str, ...], tuple[list[list[str]], str]]:
    return {
        tuple(rows[0]): (rows[1:], f"{doc.path} › T{n}")
        for n, rows in enumerate(doc.tables, 1)
        if rows and len(rows[0]) > 2
    }


def form_vs_briefing_meeting(form: Doc, briefing: Doc, labels: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    f_kv, b_kv = _key_values(form), _key_values(briefing)
    for key in sorted(set(f_kv) & set(b_kv)):
        if " ".join(f_kv[key][0].split()) != " ".join(b_kv[key][0].split()):
            out.append(
                _finding(
                    "VER-005",
                    b_kv[key][1],
                    f"“{key}”：会议资料为“{_clip(b_kv[key][0])}”，申请表为“{_clip(f_kv[key][0])}”。",
                    f"'{key}': the briefing says '{_clip(b_kv[key][0])}', the form '{_clip(f_kv[key][0])}'.",
                )
            )
    summary = next((b_kv[k] for k in (labels["zh"]["cover"], labels["en"]["cover"]) if k in b_kv), None)
    for kind in ("meeting_type", "format"):
        value = next(
            (f_kv[labels[lang][kind]][0] for lang in ("zh", "en") if labels[lang][kind] in f_kv), None
        )
        if summary and value and value not in summary[0]:
            out.append(
                _finding(
                    "VER-005",
                    summary[1],
                    f"会议资料中的会议信息“{_clip(summary[0])}”与申请表的“{value}”不一致。",
                    f"The briefing's meeting line '{_clip(summary[0])}' does not match the form's '{value}'.",
                )
            )
    for lang in ("zh", "en"):
        f_purpose = _section_text(form, labels[lang]["form_purpose"])
        b_purpose = _section_text(briefing, labels[lang]["briefing_purpose"])
        if f_purpose and b_purpose and f_purpose[0] != b_purpose[0]:
            out.append(
                _finding(
                    "VER-005",
                    b_purpose[1],
                    f"会议目的与申请表不同：会议资料“{_clip(b_purpose[0])}”，申请表“{_clip(f_purpose[0])}”。",
                    f"The purpose differs: briefing '{_clip(b_purpose[0])}', form '{_clip(f_purpose[0])}'.",
                )
            )
    dates = {" ".join(v.split()) for k, (v, _) in f_kv.items() if _DATE.fullmatch(" ".join(v.split()) or "-")}
    date_words = ("会议日期", "递交日期", "Proposed date", "meeting date", "Materials submitted")
    for block in briefing.blocks:
        if block.table is None and any(w in block.text for w in date_words):
            for found in _DATE.findall(block.text):
                if " ".join(found.split()) not in dates:
                    out.append(
                        _finding(
                            "VER-005",
                            briefing.at(block),
                            f"会议资料中的日期“{found}”不在申请表的建议会议日期或资料递交日期中。",
                            f"The date '{found}' in the briefing is not among the form's proposed or"
                            " submission dates.",
                        )
                    )
    f_tables, b_tables = _tables_with_header(form), _tables_with_header(briefing)
    for header in set(f_tables) & set(b_tables):
        if f_tables[header][0] != b_tables[header][0]:
            out.append(
                _finding(
                    "VER-005",
                    b_tables[header][1],
                    f"表格“{' | '.join(header)}”与申请表中的不同。",
                    f"The table '{' | '.join(header)}' differs from the one in the form.",
                )
            )
    return out


def revision_history(doc: Doc, titles: set[str]) -> list[Finding]:
    """A '#' material: the table under 修订历史和说明 must have its rows filled in."""
    index = next((i for i, heading in enumerate(doc.table_headings) if _section(heading) in titles), None)
    if index is None:
        return [
            _finding(
                "VER-006",
                doc.path,
                "未找到“修订历史和说明”表。",
                "No 'Revision history and explanation' table was found.",
            )
        ]
    rows = doc.tables[index][1:]
    where = f"{doc.path} › {doc.table_headings[index]} › T{index + 1}"
    if not rows or not all(cell.strip() and not _PLACEHOLDER.search(cell) for cell in rows[-1]):
        return [
            _finding(
                "VER-006",
                where,
                "修订历史表的本版一行尚未填写（版本号、修订内容及原因）。",
                "The revision history's row for this version is not filled in (version, changes and why).",
            )
        ]
    return []


def brief(doc: Doc, limits: Limits) -> list[Finding]:
    pages = doc.pages(limits)
    if pages <= limits.brief_max_pages:
        return []
    return [
        _finding(
            "VER-007",
            doc.path,
            f"本资料按附件要求提交简要内容（△），现约 {pages} 页，超过 {limits.brief_max_pages} 页。",
            f"This material is to be brief (△); it is now about {pages} pages,"
            f" over {limits.brief_max_pages}.",
        )
    ]


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    name = re.sub(r"\.docx$", "", name)
    return re.sub(r"^\d+_", "", name)


def _norm_title(title: str) -> str:
    return re.sub(r"[\s/()（）_]+", "", title)


def references(docs: list[Doc], briefing: Doc | None, files: dict[str, bytes]) -> list[Finding]:
    """附件N / Attachment N and 《material》 references must name what the package holds."""
    out: list[Finding] = []
    listed: dict[int, str] = {}
    if briefing is not None:
        for block in briefing.blocks:
            match = _ATTACHMENT_ITEM.match(block.text) if not block.is_heading else None
            if match and block.table is None:
                listed[int(match.group(1) or match.group(2))] = match.group(3).strip()
    present = {_norm_title(_stem(p)) for p in files if p.endswith(".docx")}
    for number, title in listed.items():
        if _norm_title(title) not in present:
            out.append(
                _finding(
                    "VER-012",
                    f"{briefing.path if briefing else ''} › {title}",
                    f"附件列表中的附件{number}《{title}》不在资料包中。",
                    f"Attachment {number} ({title}) of the list is not in the package.",
                )
            )
    materials = _material_names()
    for doc in docs:
        for block in doc.blocks:
            for title in _DOCUMENT_REF.findall(block.text):
                if _norm_title(title) in materials and _norm_title(title) not in present:
                    out.append(
                        _finding(
                            "VER-012",
                            doc.at(block),
                            f"引用了《{title}》，但资料包中没有该资料。",
                            f"'{title}' is referred to, but the package does not hold it.",
                        )
                    )
            for match in _ATTACHMENT_REF.finditer(block.text):
                number = int(match.group(1) or match.group(2))
                title = match.group(3)
                if listed and number not in listed:
                    out.append(
                        _finding(
                            "VER-012",
                            doc.at(block),
                            f"引用了附件{number}，但附件列表只到附件{max(listed)}。",
                            f"Attachment {number} is referred to, but the list ends at {max(listed)}.",
                        )
                    )
                elif title and number in listed and _norm_title(title) != _norm_title(listed[number]):
                    out.append(
                        _finding(
                            "VER-012",
                            doc.at(block),
                            f"附件{number}是《{listed[number]}》，不是《{title}》。",
                            f"Attachment {number} is '{listed[number]}', not '{title}'.",
                        )
                    )
    return out


def _material_names() -> set[str]:
    """The annex materials' names (both languages), as a reference to a package document reads."""
    from dossier.matrix import load_matrix

    return {_norm_title(n) for m in load_matrix().materials for n in (m.name_zh, m.name_en)}


def wording(briefing: Doc) -> list[Finding]:
    """The question wording rules, on the questions as they now read in the briefing."""
    from dossier.check import is_wording
    from dossier.model import Question
    from dossier.rules import Context, RuleSet, evaluate, load_rules

    groups = questions_of(briefing)
    if not groups:
        return []
    group = groups[0]
    ruleset = load_rules()
    only = RuleSet(
        ruleset.all_rules,
        ruleset.packs,
        ruleset.vocabularies,
        ruleset.disabled | {r.id for r in ruleset.all_rules if not is_wording(r)},
        ruleset.severities,
    )
    questions = [Question(text=text) for _, text, _ in group if text]
    findings = evaluate(only, Context.for_questions(questions))
    out = []
    for f in findings:
        if f.question is None:
            out.append(f)
            continue
        number, _, block = group[f.question - 1]
        label = f"问题{number}" if "问题" in block.text else f"Question {number}"
        out.append(replace(f, question=None, number=None, location=f"{briefing.path} › {label}"))
    return out


def _labels() -> dict[str, Any]:
    out = {}
    for lang in ("zh", "en"):
        data = yaml.safe_load((builtin("templates") / "labels" / f"{lang}.yaml").read_text(encoding="utf-8"))
        out[lang] = {
            "meeting_type": data["form"]["meeting_type"],
            "format": data["form"]["format"],
            "cover": data["briefing"]["cover_meeting"],
            "form_purpose": data["form"]["purpose"],
            "briefing_purpose": data["briefing"]["purpose"],
            "revision": data["material"]["revision_history"],
        }
    return out


# --- the whole package -----------------------------------------------------------------------


@dataclass
class Report:
    package: str
    findings: list[Finding]
    documents: list[dict[str, Any]]
    total_pages: int
    limits: Limits

    def to_json(self) -> str:
        data = {
            "package": self.package,
            "findings": [f.to_json() for f in self.findings],
            "documents": self.documents,
            "total_pages": self.total_pages,
            "package_max_pages": self.limits.package_max_pages,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def table(self, lang: str) -> str:
        from dossier.report import findings_table

        en = lang == "en"
        lines = ["Documents (pages estimated):" if en else "文档（页数为估算）："]
        for d in self.documents:
            state = (
                d["state"]
                if en
                else {"edited": "已编辑", "unchanged": "未改动", "added": "新增", "unknown": ""}[d["state"]]
            )
            lines.append(f"  {d['path']}  {d['pages']} {'p.' if en else '页'}  {state}".rstrip())
        lines.append(
            (f"  total {self.total_pages} pages (warning above {self.limits.package_max_pages})")
            if en
            else f"  合计约 {self.total_pages} 页（超过 {self.limits.package_max_pages} 页时警告）"
        )
        return findings_table(self.findings, lang) + "\n\n" + "\n".join(lines)


def _manifest(files: dict[str, bytes], manifest: Path | None) -> dict[str, Any] | None:
    raw = manifest.read_bytes() if manifest is not None else files.get(MANIFEST)
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        entries = data["files"]
        assert isinstance(entries, list) and all(isinstance(e, dict) and "path" in e for e in entries)
    except (ValueError, KeyError, AssertionError, UnicodeDecodeError):
        from dossier.errors import input_error

        raise input_error(
            manifest or MANIFEST,
            "manifest.json 无法读取或格式不符。",
            "manifest.json is unreadable or malformed.",
        ) from None
    return data


def _file_findings(
    files: dict[str, bytes], manifest: dict[str, Any] | None, archive: bool
) -> tuple[list[Finding], dict[str, str]]:
    import hashlib

    out: list[Finding] = []
    state: dict[str, str] = {}
    if manifest is None:
        note = _finding(
            "VER-016",
            "manifest.json",
            "资料包中没有 manifest.json：未核对缺少、新增或改动的文件及“#”“△”要求；"
            "可用 --manifest 指定生成时的清单。",
            "The package has no manifest.json: missing, added and edited files and the '#' and '△'"
            " requirements were not checked; give the build's manifest with --manifest.",
        )
        return [note], {p: "unknown" for p in files}
    listed = {e["path"]: e for e in manifest["files"] if e["path"] != MANIFEST}
    for path, entry in listed.items():
        if archive and (path.startswith("internal/") or not entry.get("submit", False)):
            continue  # the submission archive holds only what is sent
        if path not in files:
            symbols = str(entry.get("symbols", ""))
            rule = "VER-008" if symbols.startswith("+") else "VER-009"
            out.append(
                _finding(
                    rule,
                    path,
                    f"资料包中缺少 {path}（附件要求：{symbols or '—'}）。",
                    f"{path} is missing from the package (annex: {symbols or '—'}).",
                )
            )
        elif hashlib.sha256(files[path]).hexdigest() != entry.get("sha256"):
            state[path] = "edited"
        else:
            state[path] = "unchanged"
    for path in files:
        if path == MANIFEST or path in listed:
            continue
        state[path] = "added"
        out.append(
            _finding(
                "VER-010",
                path,
                "清单（manifest.json）中没有此文件：确认它应随资料递交，或将其移出。"
                + ("（Word 打开文件时留下的临时文件，应删除。）" if "~$" in path else ""),
                "manifest.json does not list this file: make sure it belongs in the package, or move it out."
                + (
                    " (A temporary file Word leaves while a document is open: delete it.)"
                    if "~$" in path
                    else ""
                ),
            )
        )
    edited = sorted(p for p, s in state.items() if s == "edited")
    if edited:
        out.append(
            _finding(
                "VER-011",
                "manifest.json",
                "生成后已编辑：" + "、".join(edited),
                "Edited since the build: " + ", ".join(edited),
            )
        )
    return out, state


def verify_package(path: Path, limits: Limits, manifest_file: Path | None = None) -> Report:
    """Every verify finding for a drafted package (folder or .zip). Raises InputError (exit 2)."""
    files = safe_package.read_package(path)
    archive = not path.is_dir()
    manifest = _manifest(files, manifest_file)
    findings, state = _file_findings(files, manifest, archive)
    entries = {e["path"]: e for e in (manifest or {}).get("files", [])}
    docs: dict[str, Doc] = {}
    for name, data in files.items():
        if name.endswith(".docx") and not name.startswith("internal/") and "~$" not in name:
            docs[name] = read_doc(name, data)
    if not docs:
        from dossier.errors import input_error

        raise input_error(
            path,
            "这不是资料包：其中没有 Word 文档（.docx）。",
            "This is not a package: it holds no Word document (.docx).",
            hint_zh="给出 dossier build 生成的文件夹或其 .zip。",
            hint_en="Give the folder dossier build wrote, or its .zip.",
        )
    labels = _labels()

    def role(key: str, prefix: str) -> Doc | None:
        by_key = [p for p, e in entries.items() if e.get("document") == key and p in docs]
        if by_key:
            return docs[by_key[0]]
        return next((d for p, d in sorted(docs.items()) if p.rsplit("/", 1)[-1].startswith(prefix)), None)

    form, briefing = role("application-form", "01_"), role("briefing", "02_")
    for doc in docs.values():
        findings += placeholders(doc) + empty_sections(doc)
        entry = entries.get(doc.path, {})
        if entry.get("revision_history"):
            findings += revision_history(doc, {labels["zh"]["revision"], labels["en"]["revision"]})
        if entry.get("brief"):
            findings += brief(doc, limits)
        if doc.insertions or doc.deletions:
            findings.append(
                _finding(
                    "VER-014",
                    doc.path,
                    f"有未接受或拒绝的修订：插入 {doc.insertions} 处，删除 {doc.deletions} 处。",
                    f"Tracked changes pending: {doc.insertions} insertion(s), {doc.deletions} deletion(s).",
                )
            )
        if doc.comments:
            findings.append(
                _finding(
                    "VER-015",
                    doc.path,
                    f"有 {len(doc.comments)} 条批注，如“{_clip(doc.comments[0], 40)}”：递交前请处理并删除。",
                    f"{len(doc.comments)} comment(s), e.g. '{_clip(doc.comments[0], 40)}': resolve and delete"
                    " them before sending.",
                )
            )
    if form is not None and briefing is not None:
        findings += form_vs_briefing_questions(form, briefing)
        findings += form_vs_briefing_meeting(form, briefing, labels)
    findings += references(list(docs.values()), briefing, files)
    if briefing is not None:
        findings += wording(briefing)
    documents = [
        {"path": p, "pages": d.pages(limits), "chars": d.chars, "state": state.get(p, "unknown")}
        for p, d in sorted(docs.items())
    ]
    total = sum(d["pages"] for d in documents)
    if total > limits.package_max_pages:
        findings.append(
            _finding(
                "VER-013",
                str(path.name),
                f"资料合计约 {total} 页，超过 {limits.package_max_pages} 页："
                "资料过多时会议可能被推迟，请精简。",
                f"The documents come to about {total} pages, over {limits.package_max_pages}:"
                " CDE may postpone a meeting whose materials are too voluminous. Shorten them.",
            )
        )
    return Report(str(path), sort_findings(findings), documents, total, limits)
