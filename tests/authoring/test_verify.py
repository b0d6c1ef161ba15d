"""`dossier verify`: a fresh package reports its placeholders; a filled one is clean; each defect is found."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import ROOT, run_cli
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dossier.errors import InputError
from dossier.verify import Limits, load_limits, verify_package

SAMPLE = ROOT / "samples" / "hsc-bcl11a-pre-pivotal.yaml"
WELL_FORMED = (
    "申请人拟以连续 12 个月脱离输血依赖（TI12）的受试者比例作为关键试验的主要终点，目标值 50%，样本量 30 例。"
    "请问药审中心是否同意上述主要终点的设置？"
)
FORM, BRIEFING = "01_沟通交流会议申请表.docx", "02_沟通交流会议资料.docx"
LIMITS = load_limits()


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _fill(path: Path) -> None:
    """What the authors do in Word: write over every highlighted placeholder, unhighlighted."""
    document = docx.Document(str(path))
    for paragraph in _paragraphs(document):
        for run in paragraph.runs:
            if run.font.highlight_color is not None:
                run.text = "已按要求补充。"
                run.font.highlight_color = None
    document.save(str(path))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verify")
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for question in data["questions"]:
        if "统计学假设和样本量" in question["text"]:
            question["text"] = WELL_FORMED
    product = root / "product.yaml"
    product.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("build", str(product), "-o", str(root / "fresh"))
    assert result.returncode == 0, result.stderr
    assert run_cli("build", str(product), "-o", str(root / "send"), "--zip").returncode == 0
    filled = root / "filled"
    shutil.copytree(root / "fresh", filled)
    for path in filled.glob("*.docx"):
        _fill(path)
    return root


@pytest.fixture
def filled(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pkg"
    shutil.copytree(built / "filled", copy)
    return copy


def _ids(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.rule_id, []).append(f)
    return out


def _material(folder: Path, name: str) -> Path:
    return next(folder.glob(f"*_{name}.docx"))


def test_fresh_package_reports_its_placeholders_and_revision_tables(built: Path) -> None:
    result = run_cli("verify", str(built / "fresh"), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    ids = {f["rule_id"] for f in data["findings"]}
    assert {"VER-001", "VER-006"} <= ids
    placeholder = next(f for f in data["findings"] if f["rule_id"] == "VER-001")
    assert placeholder["location"].count(" › ") >= 2  # document › heading › paragraph or cell
    assert len([f for f in data["findings"] if f["rule_id"] == "VER-006"]) == 3
    assert data["total_pages"] == sum(d["pages"] for d in data["documents"])
    assert {d["state"] for d in data["documents"]} == {"unchanged"}


def test_submission_zip_with_the_folders_manifest(built: Path) -> None:
    archive = built / "send.zip"
    report = verify_package(archive, LIMITS, built / "fresh" / "manifest.json")
    ids = _ids(report)
    assert "VER-001" in ids and "VER-009" not in ids and "VER-010" not in ids
    alone = _ids(verify_package(archive, LIMITS))
    assert "VER-001" in alone and "VER-016" in alone  # without a manifest, files are not compared


def test_a_word_file_is_not_a_package(built: Path) -> None:
    result = run_cli("verify", str(built / "fresh" / FORM))
    assert result.returncode == 2 and "not a package" in result.stderr


def test_filled_package_is_clean(built: Path) -> None:
    result = run_cli("verify", str(built / "filled"))
    assert result.returncode == 0, result.stdout
    report = verify_package(built / "filled", LIMITS)
    assert [f.rule_id for f in report.findings] == ["VER-011"]  # only: these files were edited
    assert all(d["state"] == "edited" for d in report.documents)


def _add_paragraph(path: Path, text: str, style: str | None = None) -> None:
    document = docx.Document(str(path))
    document.add_paragraph(text, style=style)
    document.save(str(path))


def test_placeholder_left(filled: Path) -> None:
    _add_paragraph(_material(filled, "临床综述"), "【请填写：同类产品的进展】")
    found = _ids(verify_package(filled, LIMITS))["VER-001"]
    assert len(found) == 1 and found[0].location.startswith("04_临床综述.docx › ")


def test_empty_section(filled: Path) -> None:
    _add_paragraph(_material(filled, "质量综述"), "七、其他", style="Heading 1")
    found = _ids(verify_package(filled, LIMITS))["VER-003"]
    assert [f.location for f in found] == ["05_质量综述.docx › 七、其他"]


def _edit_heading(path: Path, old: str, new: str, occurrences: int = 1) -> None:
    document = docx.Document(str(path))
    done = 0
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(old) and done < occurrences:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = new
            done += 1
    assert done
    document.save(str(path))


def test_questions_disagree(filled: Path) -> None:
    _edit_heading(filled / BRIEFING, "问题1：", "问题1：关键试验纳入 12–17 岁青少年是否可接受？")
    found = _ids(verify_package(filled, LIMITS))["VER-004"]
    assert any("问题1" in f.message_zh for f in found)


def test_question_count_and_numbering_disagree(filled: Path) -> None:
    document = docx.Document(str(filled / FORM))
    heading = next(p for p in document.paragraphs if p.text.startswith("问题2："))
    heading._p.getparent().remove(heading._p)
    document.save(str(filled / FORM))
    messages = [f.message_zh for f in _ids(verify_package(filled, LIMITS))["VER-004"]]
    assert any("申请表列出" in m and "会议资料此处列出" in m for m in messages), messages
    assert any("编号" in m for m in messages), messages


def _set_cell(path: Path, label: str, value: str) -> None:
    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text == label:
                row.cells[1].paragraphs[0].runs[0].text = value
                for run in row.cells[1].paragraphs[0].runs[1:]:
                    run.text = ""
                document.save(str(path))
                return
    raise AssertionError(label)


def test_meeting_format_disagrees(filled: Path) -> None:
    _set_cell(filled / FORM, "会议形式", "书面回复")
    found = _ids(verify_package(filled, LIMITS))["VER-005"]
    assert any("书面回复" in f.message_zh for f in found)


def test_purpose_and_dates_disagree(filled: Path) -> None:
    document = docx.Document(str(filled / BRIEFING))
    heading = next(p for p in document.paragraphs if p.text.endswith("会议目的"))
    purpose = heading._p.getnext()
    paragraph = docx.text.paragraph.Paragraph(purpose, heading._parent)
    paragraph.runs[0].text = "与药审中心讨论全部研发问题。"
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.insert_paragraph_before("建议会议日期：2031年1月1日")
    document.save(str(filled / BRIEFING))
    messages = [f.message_zh for f in _ids(verify_package(filled, LIMITS))["VER-005"]]
    assert any("会议目的" in m for m in messages)
    assert any("2031年1月1日" in m for m in messages)


def test_revision_history_left_empty(filled: Path) -> None:
    path = _material(filled, "临床试验方案")
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "版本号")
    for cell in table.rows[-1].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.text = ""
    document.save(str(path))
    found = _ids(verify_package(filled, LIMITS))["VER-006"]
    assert [f.location.split(" › ")[0] for f in found] == [path.name]


def test_brief_material_no_longer_brief(filled: Path) -> None:
    path = _material(filled, "上市申报计划_策略")
    _add_paragraph(path, "上市申报计划的详细说明。" * 400)
    found = _ids(verify_package(filled, LIMITS))["VER-007"]
    assert [f.location for f in found] == [path.name]


def test_required_material_missing_and_file_added(filled: Path) -> None:
    missing = _material(filled, "风险管理计划")
    missing.unlink()
    (filled / "~$临床综述.docx").write_bytes(b"owner")
    ids = _ids(verify_package(filled, LIMITS))
    assert [f.location for f in ids["VER-008"]] == [missing.name]
    assert [f.location for f in ids["VER-010"]] == ["~$临床综述.docx"]


def test_reference_to_a_missing_attachment(filled: Path) -> None:
    _add_paragraph(_material(filled, "临床综述"), "详细数据见附件99。")
    _add_paragraph(_material(filled, "临床综述"), "剂量依据见附件2《不存在的资料》。")
    _add_paragraph(_material(filled, "临床综述"), "详见《立题依据》第 2 节。")  # not in this package
    messages = [f.message_zh for f in _ids(verify_package(filled, LIMITS))["VER-012"]]
    assert len(messages) == 3 and any("附件99" in m for m in messages)
    assert any("《立题依据》" in m for m in messages)


def test_wording_rechecked_on_the_edited_briefing(filled: Path) -> None:
    new = "问题1：请问药审中心对整体临床开发计划有何建议？"
    _edit_heading(filled / BRIEFING, "问题1：", new, occurrences=2)
    _edit_heading(filled / FORM, "问题1：", new)
    ids = _ids(verify_package(filled, LIMITS))
    assert [f.location for f in ids["QUE-001"]] == [f"{BRIEFING} › 问题1"]
    assert "VER-004" not in ids


def test_package_size_warning(filled: Path) -> None:
    result = run_cli("verify", str(filled), "--max-pages", "5", "--format", "json")
    assert result.returncode == 0
    warning = [f for f in json.loads(result.stdout)["findings"] if f["rule_id"] == "VER-013"]
    assert len(warning) == 1 and warning[0]["severity"] == "warning"
    assert load_limits(package_max_pages=5) == Limits(package_max_pages=5)


def test_tracked_changes_and_comments(filled: Path) -> None:
    path = _material(filled, "临床综述")
    document = docx.Document(str(path))
    paragraph = document.add_paragraph()
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "901")
    inserted.set(qn("w:author"), "审阅者")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "新增的一句。"
    run.append(text)
    inserted.append(run)
    paragraph._p.append(inserted)
    commented = document.add_paragraph("需要核对的数字。")
    document.add_comment(commented.runs, text="请核对该数字", author="审阅者")
    document.save(str(path))
    ids = _ids(verify_package(filled, LIMITS))
    assert [f.location for f in ids["VER-014"]] == [path.name]
    assert "请核对该数字" in ids["VER-015"][0].message_zh


# --- untrusted input ----------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_slip_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "evil.zip", {"pkg/01_a.docx": b"x", "../../escape.docx": b"x"})
    result = run_cli("verify", str(archive))
    assert result.returncode == 2 and "outside" in result.stderr
    assert not (tmp_path.parent / "escape.docx").exists()


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "bomb.zip", {"pkg/01_a.docx": b"\0" * 60_000_000})
    with pytest.raises(InputError, match="zip bomb"):
        verify_package(archive, LIMITS)


def test_malformed_office_file_is_refused(filled: Path) -> None:
    (filled / "03_自评估报告.docx").write_bytes(b"not a zip at all")
    assert run_cli("verify", str(filled)).returncode == 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as broken:
        broken.writestr("[Content_Types].xml", "<Types")
    (filled / "03_自评估报告.docx").write_bytes(buffer.getvalue())
    result = run_cli("verify", str(filled))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_english_package_reports_text_still_to_translate(tmp_path: Path) -> None:
    from conftest import minimal, write_yaml

    product = write_yaml(tmp_path / "p.yaml", minimal())  # Chinese text only
    assert run_cli("build", str(product), "-o", str(tmp_path / "en"), "--lang", "en").returncode == 0
    report = verify_package(tmp_path / "en", LIMITS)
    messages = [f.message_en for f in _ids(report)["VER-001"]]
    assert any("[translation pending]" in m for m in messages)
    assert any("[To write:" in m for m in messages)
