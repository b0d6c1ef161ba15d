"""The checklist's words in Chinese and English: sheet names, headers, lists and titles."""

from __future__ import annotations

FORMAT = "dossier-checklist/2"
META = "_dossier"  # hidden: identifies the product, stage and language
IDS = "_ids"  # hidden: material id -> names and whether it is required

STATUSES = {
    "zh": ["未开始", "编写中", "审核中", "已定稿", "不适用"],
    "en": ["Not started", "Drafting", "In review", "Final", "N/A"],
}
FINAL = {"已定稿", "Final"}
NOT_APPLICABLE = {"不适用", "N/A"}
RESOLUTIONS = {"zh": ["待处理", "已处理", "不采纳"], "en": ["Open", "Resolved", "Declined"]}
CLOSED = {"已处理", "不采纳", "Resolved", "Declined"}
ERROR_SEVERITY = {"错误", "Error", "error"}

SHEETS = {
    "materials": ("资料清单", "Materials"),
    "questions": ("问题清单", "Questions"),
    "findings": ("审核发现", "Findings"),
    "self": ("自评估", "Self-assessment"),
    "annex": ("附件矩阵", "Annex"),
}
TITLES = {
    "materials": ("沟通交流会议资料清单", "Meeting materials checklist"),
    "questions": ("沟通交流问题清单", "Questions for the meeting"),
    "findings": ("内部审核发现", "Internal review findings"),
    "self": ("会议必要性自评估", "Self-assessment of the meeting request"),
    "annex": ("附件：各阶段资料要求", "Annex: materials by meeting stage"),
}
HEADERS: dict[str, dict[str, tuple[str, str]]] = {
    "materials": {
        "name": ("资料", "Material"),
        "requirement": ("附件要求", "Annex requirement"),
        "updates": ("更新自", "Updates"),
        "file": ("文件名", "File"),
        "owner": ("负责人", "Owner"),
        "due": ("截止日期", "Due date"),
        "status": ("状态", "Status"),
        "reviewer": ("审核人", "Reviewer"),
        "notes": ("备注", "Notes"),
        "id": ("资料编号", "Material id"),
    },
    "questions": {
        "number": ("编号", "No."),
        "discipline": ("学科", "Discipline"),
        "question": ("问题", "Question"),
        "findings": ("审核发现", "Findings"),
        "owner": ("负责人", "Owner"),
        "status": ("状态", "Status"),
        "response": ("药审中心答复", "CDE's response"),
        "follow_up": ("后续行动", "Follow-up"),
    },
    "findings": {
        "severity": ("级别", "Severity"),
        "rule": ("规则", "Rule"),
        "location": ("位置", "Location"),
        "finding": ("发现", "Finding"),
        "source": ("依据", "Source"),
        "owner": ("处理人", "Owner"),
        "resolution": ("处理状态", "Resolution"),
        "notes": ("备注", "Notes"),
    },
    "self": {
        "number": ("序号", "No."),
        "point": ("评估点", "Point"),
        "answer": ("结论", "Answer"),
        "basis": ("依据", "Basis"),
        "missing": ("需补充", "To add"),
    },
}
FIELDS = {
    "product": ("药品名称", "Product"),
    "code": ("产品代号", "Product code"),
    "stage": ("沟通交流阶段", "Meeting stage"),
    "meeting": ("会议类型", "Meeting type"),
    "due": ("资料递交日期", "Materials due"),
    "version": ("版本", "Version"),
}
SELF_POINTS = (
    ("是否处于关键研发阶段", "Key development stage"),
    ("是否为现行指导原则未涵盖的重大问题", "Issue not covered by guidelines"),
    ("现有数据是否足以支持讨论", "Data enough for the discussion"),
    ("对每个问题的理解是否充分", "Understanding of each question"),
)
WORDS = {
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "status": ("状态", "Status"),
    "resolution": ("处理状态", "Resolution"),
    "choose": ("请从列表中选择。", "Choose from the list."),
    "date": ("请输入日期（YYYY-MM-DD）。", "Enter a date (YYYY-MM-DD)."),
    "source": ("依据：", "Source: "),
    "legend": ("符号说明", "Symbols"),
    "this_meeting": ("本次会议", "this meeting"),
    "highlight": ("底纹列为本次会议所处阶段。", "The shaded column is this meeting's stage."),
    "internal": ("内部资料，不递交", "Internal, not submitted"),
    "page": ("第 &P 页 共 &N 页", "Page &P of &N"),
    "written_by": ("dossier {version} 生成", "written by dossier {version}"),
    "questions_of": ("产品文件中第 {n} 个", "no. {n} in the product file"),
    "none": ("无", "None"),
}
DATE_FORMAT = "yyyy-mm-dd"  # what the date check asks the user to type, in both languages


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or English word of a pair."""
    return pair[1] if lang == "en" else pair[0]


def word(key: str, lang: str) -> str:
    """A fixed word of the checklist in ``lang``."""
    return pick(WORDS[key], lang)


def sheet_name(key: str, lang: str) -> str:
    """The visible name of one of the checklist's sheets."""
    return pick(SHEETS[key], lang)


def header(sheet: str, key: str, lang: str) -> str:
    """The header of one column of a sheet."""
    return pick(HEADERS[sheet][key], lang)
