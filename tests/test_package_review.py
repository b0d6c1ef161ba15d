"""A reviewer's read of every sample package, in both languages, on the opened documents.

These are the checks a CDE reviewer or the RA lead makes before trusting a package: no
internal file names, questions numbered 1…N in reading order and the same in the form and
the briefing, update wording only where an earlier version is on record, every reference
resolvable, no raw enum value or matrix notation on the page, no boilerplate sentence whose
applicability excludes the product, and a data summary with one entry per question.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES

from dossier import blocks as blocks_mod
from dossier.matrix import latest_submission
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules

RULES = load_rules()
CASES = [(s, lang) for s in SAMPLES for lang in ("zh", "en")]
IDS = [f"{s.stem}-{lang}" for s, lang in CASES]
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
# Values of the model's enums and literals, and matrix notation, that must never reach a page.
# In Chinese no enum value has a place at all; in English some are also plain words
# (face-to-face, stem-cell), so only those that never are count there.
NOTATION = r"\+\s*[#△]|[#△]\s*\+|±#|\d+\.0\s*(年|天|例|years?|days?)"
RAW_VALUES = {
    "zh": re.compile(
        r"\b(pre-ind|pre-pivotal|pre-nda|immune-cell|stem-cell|gene-therapy|face-to-face|video|"
        r"single-arm|randomised|before-pivotal|during-pivotal|after-pivotal|single-agent|add-on|"
        r"not-needed|autologous|allogeneic)\b|" + NOTATION
    ),
    "en": re.compile(
        r"\b(pre-ind|pre-nda|before-pivotal|during-pivotal|after-pivotal|not-needed)\b|" + NOTATION
    ),
}


@cache
def package(path: Path, lang: str) -> dict[str, bytes]:
    return build_package(open_project(path), RULES, BuildOptions(lang=lang)).files


def opened(files: dict[str, bytes], name: str):
    return docx.Document(io.BytesIO(files[name]))


def paragraphs(doc) -> list[str]:
    """Every paragraph, body and table cells, in document order."""
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out.extend(cell.text for cell in row.cells)
    return out


def text(doc) -> str:
    return "\n".join(paragraphs(doc))


def docx_files(files: dict[str, bytes]) -> list[str]:
    return [name for name in files if name.endswith(".docx")]


def submitted(files: dict[str, bytes]) -> list[str]:
    return [name for name in docx_files(files) if not name.startswith("internal/")]


def find(files: dict[str, bytes], number: int) -> str:
    return next(n for n in submitted(files) if Path(n).name.startswith(f"{number:02d}_"))


QUESTION_LABEL = {"zh": re.compile(r"^问题(\d+)[：:]"), "en": re.compile(r"^Question (\d+):")}


def question_headings(doc, lang: str) -> list[tuple[int, str]]:
    """(number, text) of each question heading, in order."""
    out = []
    for p in doc.paragraphs:
        match = QUESTION_LABEL[lang].match(p.text)
        if match and p.style.name.startswith("Heading"):
            out.append((int(match.group(1)), p.text[match.end() :].strip()))
    return out


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_no_internal_file_names(path: Path, lang: str) -> None:
    files = package(path, lang)
    for name in docx_files(files):
        assert not SEED_FILE.search(text(opened(files, name))), name


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_questions_numbered_in_reading_order_same_in_form_and_briefing(path: Path, lang: str) -> None:
    files = package(path, lang)
    form = question_headings(opened(files, find(files, 1)), lang)
    briefing = question_headings(opened(files, find(files, 2)), lang)
    count = len(open_project(path).dossier.questions)
    assert [n for n, _ in form] == list(range(1, count + 1))
    # the briefing lists the questions, then repeats each in the data summary
    assert [n for n, _ in briefing] == list(range(1, count + 1)) * 2
    assert [t for _, t in form] == [t for _, t in briefing[:count]]


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_agenda_names_questions_by_their_printed_numbers(path: Path, lang: str) -> None:
    files = package(path, lang)
    form = opened(files, find(files, 1))
    agenda = next(t for t in form.tables if t.rows[0].cells[1].text in ("议程", "Item"))
    named = re.findall(r"(?:问题|Question )(\d+)", " ".join(r.cells[1].text for r in agenda.rows))
    count = len(open_project(path).dossier.questions)
    assert all(1 <= int(n) <= count for n in named)


UPDATE_WORDING = {"zh": "本资料在既往提交的", "en": "This material updates"}


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_update_wording_only_where_an_earlier_version_is_on_record(path: Path, lang: str) -> None:
    project = open_project(path)
    files = package(path, lang)
    materials = {
        (r.material.name_en if lang == "en" else r.material.name_zh): r.material.id
        for r in project.requirements()
    }
    for name in submitted(files)[3:]:
        doc = opened(files, name)
        title = doc.paragraphs[0].text
        material = materials[title]
        says_update = UPDATE_WORDING[lang] in text(doc)
        assert says_update == (latest_submission(project.dossier, material) is not None), name


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_every_attachment_reference_resolves(path: Path, lang: str) -> None:
    files = package(path, lang)
    briefing = text(opened(files, find(files, 2)))
    attached = len(submitted(files)) - 2
    pattern = r"附件(\d+)" if lang == "zh" else r"Attachment (\d+)"
    numbers = {int(n) for n in re.findall(pattern, briefing)}
    assert numbers and numbers <= set(range(1, attached + 1))
    listed = re.findall(pattern + r"[\s　]", briefing)
    assert sorted({int(n) for n in listed}) == list(range(1, attached + 1))


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_no_raw_enum_values_or_matrix_notation(path: Path, lang: str) -> None:
    files = package(path, lang)
    for name in submitted(files):
        for line in paragraphs(opened(files, name)):
            assert not RAW_VALUES[lang].search(line), (name, line)


def _block_texts(lang: str) -> dict[str, str]:
    return {b.id: b.text.get(lang) for b in blocks_mod.load_blocks().values()}


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_no_sentence_from_a_block_that_does_not_apply(path: Path, lang: str) -> None:
    project = open_project(path)
    d = project.dossier
    data = d.model_dump(mode="json")
    files = package(path, lang)
    body = "\n".join(text(opened(files, n)) for n in submitted(files))
    for block in blocks_mod.load_blocks().values():
        a = block.applies
        if a.materials or a.earlier is not None or a.brief is not None or a.revision_history is not None:
            continue  # document-level facts: checked by the update-wording test
        fixed = re.split(r"\{[^}]*\}", block.text.get(lang))
        sentence = max(fixed, key=len).strip()
        if len(sentence) < 8:
            continue
        if not blocks_mod.applies(block, d, data, blocks_mod.DocFacts()):
            assert sentence not in body, (block.id, sentence)


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_data_summary_has_one_entry_per_question(path: Path, lang: str) -> None:
    files = package(path, lang)
    doc = opened(files, find(files, 2))
    titles = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    heading = "数据摘要" if lang == "zh" else "Data summary"
    start = next(i for i, t in enumerate(titles) if t.endswith(heading))
    count = len(open_project(path).dossier.questions)
    after = [t for t in titles[start + 1 :] if QUESTION_LABEL[lang].match(t)]
    assert len(after[:count]) == count
    background = "问题背景：" if lang == "zh" else "Background: "
    assert text(doc).count(background) == count


@pytest.mark.parametrize(("path", "lang"), CASES, ids=IDS)
def test_earlier_meetings_and_agreements_listed(path: Path, lang: str) -> None:
    project = open_project(path)
    files = package(path, lang)
    briefing = text(opened(files, find(files, 2)))
    for meeting in project.dossier.previous_meetings:
        for agreement in meeting.agreements:
            shown, _ = agreement.in_lang("text", lang)  # the Chinese where English is pending
            assert shown.replace("^", "") in briefing  # 10^8 is typeset as a superscript
