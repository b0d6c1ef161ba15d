"""One product across its meetings: agreements checked, the consistency table, revision history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import icalendar
import pytest
import yaml
from conftest import ROOT, minimal, run_cli, write_yaml

from dossier.check import check_project
from dossier.project import open_project
from dossier.rules import load_rules

LIFE = ROOT / "samples" / "lifecycle"
PRE_IND, PRE_PIVOTAL, PRE_NDA = (
    LIFE / "bcma-car-t-1-pre-ind.yaml",
    LIFE / "bcma-car-t-2-pre-pivotal.yaml",
    LIFE / "bcma-car-t-3-pre-nda.yaml",
)
EXPECTED = {
    # The content rules ask to confirm facts the lifecycle files do not state (info); the
    # deliberate deviation at pre-NDA is AGR-001, the reasoned change AGR-002.
    PRE_IND: [
        "IMM-017 info clinical.dosing.dose.transduction_efficiency",
        "IMM-016 info clinical.dosing.dose.viable_cells",
        "IMM-025 info clinical.gene_modification_risks",
        "IMM-021 info clinical.manufacturing.feasibility_assessed",
        "IMM-022 info clinical.manufacturing.pre_infusion_criteria",
        "IMM-024 info clinical.trial.expansion_monitoring",
        "QUE-013 info meeting.format",
    ],
    PRE_PIVOTAL: [
        "PIV-013 warning clinical.pivotal.why_not_randomised",
        "IMM-017 info clinical.dosing.dose.transduction_efficiency",
        "IMM-016 info clinical.dosing.dose.viable_cells",
        "IMM-022 info clinical.manufacturing.pre_infusion_criteria",
        "NDA-006 info clinical.pathway.conditional_approval",
        "PIV-011 info clinical.pivotal.durability_assessed",
        "IMM-024 info clinical.trial.expansion_monitoring",
    ],
    PRE_NDA: [
        "AGR-001 warning previous_meetings[1].agreements[3]",
        "NDA-011 info clinical.pre_nda.endpoint_complete",
        "NDA-009 info clinical.pre_nda.new_risks_analysed",
        "NDA-007 info clinical.pre_nda.screening_failures",
        "NDA-010 info clinical.pre_nda.sensitivity_analyses",
        "NDA-008 info clinical.pre_nda.untreated_subjects",
        "GTX-013 info clinical.trial.ltfu_summary",
        "AGR-002 info previous_meetings[1].agreements[2]",
    ],
}


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem)
def test_lifecycle_findings_are_pinned(path: Path) -> None:
    findings = check_project(open_project(path), load_rules())
    assert [f"{f.rule_id} {f.severity.value} {f.where()}" for f in findings] == EXPECTED[path]


def test_the_deviation_names_the_meeting_and_the_clause() -> None:
    findings = check_project(open_project(PRE_NDA), load_rules())
    agr = next(f for f in findings if f.rule_id == "AGR-001")
    assert "2025年9月23日" in agr.message_zh and "≥ 80 例" in agr.message_zh and "72 例" in agr.message_zh
    assert "23 September 2025" in agr.message_en
    assert agr.citation.section.startswith("二（二）4")


def _table(path: Path, header: str) -> list[list[str]]:
    for table in docx.Document(str(path)).tables:
        cells = [c.text for c in table.rows[0].cells]
        if header in cells:
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table with {header} in {path.name}")


@pytest.fixture(scope="module")
def pre_nda_package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("life") / "pkg"
    result = run_cli("build", str(PRE_NDA), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_briefing_has_the_consistency_table(pre_nda_package: Path) -> None:
    briefing = next(pre_nda_package.glob("02_*.docx"))
    rows = _table(briefing, "一致性")
    assert rows[0] == ["会议", "设计要素", "共识", "当前方案", "一致性", "差异原因"]
    by_element = {r[1]: r for r in rows[1:]}
    assert by_element["样本量"][3:5] == ["72 例", "有变化"]
    assert "请填写" in by_element["样本量"][5]
    assert by_element["疗效评估标准"][4] == "有变化"
    assert by_element["疗效评估标准"][5].startswith("按 2024 年 IMWG 共识")
    assert by_element["入选人群"][4] == "一致"
    assert by_element["长期随访"][3:5] == ["15 年", "一致"]
    assert by_element["分析数据集"][4] == "需人工核对"  # free text is never compared
    assert "关键/确证性临床试验启动前沟通交流（2025年9月23日）" in by_element["样本量"][0]
    headings = [p.text for p in docx.Document(str(briefing)).paragraphs if p.style.name == "Heading 1"]
    assert headings.index(next(h for h in headings if "一致性" in h)) + 1 == headings.index(
        next(h for h in headings if h.endswith("既往沟通交流及递交情况"))
    )


def test_no_consistency_table_before_ind(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    assert run_cli("build", str(PRE_IND), "-o", str(out)).returncode == 0
    briefing = next(out.glob("02_*.docx"))
    headings = [p.text for p in docx.Document(str(briefing)).paragraphs if p.style.name == "Heading 1"]
    assert not any("与既往沟通交流共识的一致性" in h for h in headings)


def test_protocol_revision_history_carries_the_diff_rows(pre_nda_package: Path) -> None:
    protocol = next(pre_nda_package.glob("*_临床试验方案.docx"))
    rows = _table(protocol, "版本号")
    row = next(r for r in rows if r[0] == "2.0")
    assert "sample_size：80 → 72" in row[3]


def test_stored_revisions_are_what_diff_generates() -> None:
    result = run_cli(
        "diff",
        str(PRE_PIVOTAL),
        str(PRE_NDA),
        "--only",
        "clinical.pivotal",
        "--version",
        "3.0",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["section"], r["kind"]) for r in rows] == [("clinical.pivotal", "changed")] * 2
    assert rows[0]["change"] == "sample_size：80 → 72" and rows[0]["version"] == "3.0"
    assert rows[0]["date"] == "2026-11-02"
    stored = yaml.safe_load(PRE_NDA.read_text(encoding="utf-8"))["previous_submissions"]
    protocol = next(s for s in stored if s["material"] == "clinical-trial-protocol" and s["version"] == "2.0")
    assert [r["change"] for r in protocol["revisions"]] == [r["change"] for r in rows]


def test_pre_nda_calendar_parses(tmp_path: Path) -> None:
    ics = tmp_path / "nda.ics"
    result = run_cli("plan", str(PRE_NDA), "-o", str(ics), "--lang", "en")
    assert result.returncode == 0, result.stderr
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any("Expected meeting" in s for s in summaries)
    assert "LC-BCMA-01" in summaries[0]


# --- diff of product files and --write-to -------------------------------------------------


def test_diff_markdown_has_the_revision_table_columns() -> None:
    result = run_cli(
        "diff", str(PRE_PIVOTAL), str(PRE_NDA), "--only", "clinical.pivotal", "--format", "markdown"
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "| 版本 | 日期 | 章节 | 修订内容 | 修订原因 |"
    assert "【请填写：修订原因】" in result.stdout


COMMENTED = """\
# 我的注释：不能丢
schema_version: 2
product:
  name_zh: 测试产品注射液   # 行尾注释
  name_en: Test product injection
  applicant: 测试公司
  dosage_form: 注射液
  route: 静脉输注
  regimen: 单次给药
  modality: immune-cell
  cell_type: CAR-T
  source: autologous
  gene_modified: true
indications:
  - name_zh: 复发难治性B细胞淋巴瘤
meeting:
  stage: pre-pivotal
previous_submissions:
  - material: clinical-trial-protocol
    version: "1.0"   # 首版
    date: 2025-01-01
  - {material: clinical-overview, version: "1.0", date: 2025-01-01}
# 结尾注释
"""


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    old = write_yaml(tmp_path / "old.yaml", minimal())
    data = minimal()
    data["product"]["regimen"] = "单次给药，1.0×10^6/kg"
    new = write_yaml(tmp_path / "new.yaml", data)
    return old, new


def test_write_to_keeps_comments_and_layout(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    target = tmp_path / "product.yaml"
    target.write_text(COMMENTED, encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "protocol")
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    # nothing of the user's file is lost or rewritten: only lines are added
    old_lines = COMMENTED.splitlines()
    new_lines = text.splitlines()
    assert [ln for ln in new_lines if ln in old_lines] == old_lines
    assert len(new_lines) == len(old_lines) + 2  # revisions: and one row
    for comment in ("# 我的注释：不能丢", "# 行尾注释", "# 首版", "# 结尾注释"):
        assert comment in text
    data = yaml.safe_load(text)
    assert data["previous_submissions"][0]["revisions"][0]["change"].startswith("regimen：")
    assert open_project(target).dossier.previous_submissions[0].revisions[0].section == "product"
    # a flow-style entry is extended inside its braces
    result = run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "clinical-overview")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["previous_submissions"][1]["revisions"]


def test_write_to_refuses_and_prints_the_snippet(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    target = tmp_path / "product.yaml"
    target.write_text(COMMENTED, encoding="utf-8")
    assert (
        run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "protocol").returncode
        == 0
    )
    before = target.read_bytes()
    again = run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "protocol")
    assert again.returncode == 0
    assert "- {section: product" in again.stderr and "not changed" in again.stderr
    assert target.read_bytes() == before
    missing = run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "rmp")
    assert "no entry" in missing.stderr and target.read_bytes() == before
    assert run_cli("diff", str(old), str(new), "--write-to", str(target)).returncode == 2
    assert (
        run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "nope").returncode == 2
    )


# --- diff of Word documents ---------------------------------------------------------------


def _docx(path: Path, sections: list[tuple[str, list[str]]]) -> Path:
    document = docx.Document()
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def test_docx_diff_by_section(tmp_path: Path) -> None:
    old = _docx(
        tmp_path / "v1.docx",
        [
            ("1 研究目的", ["评价安全性。"]),
            ("2 入选标准", ["既往至少三线治疗。", "ECOG 0–1。"]),
            ("3 统计学考虑", ["样本量 80 例。"]),
        ],
    )
    new = _docx(
        tmp_path / "v2.docx",
        [
            ("1 研究目的", ["评价安全性。"]),
            ("2 入选标准", ["既往至少三线治疗。", "ECOG 0–2。", "肌酐清除率 ≥ 40 mL/min。"]),
            ("3 长期随访", ["随访 15 年。"]),
        ],
    )
    result = run_cli(
        "diff", str(old), str(new), "--format", "json", "--version", "2.0", "--date", "2026-01-05"
    )
    assert result.returncode == 0, result.stderr
    rows = {(r["section"], r["kind"]): r for r in json.loads(result.stdout)}
    changed = rows[("2 入选标准", "changed")]
    assert "“ECOG 0–1。”" in changed["change"] and "“ECOG 0–2。”" in changed["change"]
    assert "新增：“肌酐清除率" in changed["change"]
    assert ("3 长期随访", "added") in rows and ("3 统计学考虑", "removed") in rows
    assert not any(s == "1 研究目的" for s, _ in rows)
    assert changed["version"] == "2.0" and changed["date"] == "2026-01-05"


def test_docx_renumbered_heading_still_matches(tmp_path: Path) -> None:
    old = _docx(tmp_path / "a.docx", [("三、统计", ["同一段。"])])
    new = _docx(tmp_path / "b.docx", [("四、统计", ["同一段。"])])
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert json.loads(result.stdout) == []


def test_untrusted_docx_is_bad_input(tmp_path: Path) -> None:
    good = _docx(tmp_path / "good.docx", [("1", ["x"])])
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip at all")
    result = run_cli("diff", str(fake), str(good))
    assert result.returncode == 2 and "zip" in result.stderr
    import zipfile

    not_word = tmp_path / "sheet.docx"
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    result = run_cli("diff", str(not_word), str(good))
    assert result.returncode == 2 and "Word" in result.stderr
    mixed = run_cli("diff", str(good), str(PRE_NDA))
    assert mixed.returncode == 2
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    assert run_cli("diff", str(other), str(other)).returncode == 2
    assert run_cli("diff", str(tmp_path / "missing.docx"), str(good)).returncode == 2


def test_unknown_design_element_is_bad_input(tmp_path: Path) -> None:
    data = minimal()
    data["previous_meetings"] = [
        {"id": "m1", "date": "2025-01-01", "agreements": [{"element": "colour", "text": "蓝色"}]}
    ]
    result = run_cli("check", str(write_yaml(tmp_path / "p.yaml", data)))
    assert result.returncode == 2 and "unknown design element 'colour'" in result.stderr
    data["previous_meetings"][0]["agreements"] = [
        {"element": "sample-size", "text": "80 例", "value": {"criteria": ["80"]}}
    ]
    result = run_cli("check", str(write_yaml(tmp_path / "p.yaml", data)))
    assert result.returncode == 2 and "is a number" in result.stderr


def test_samples_folder_is_copied_intact(tmp_path: Path) -> None:
    # the lifecycle files are readable on their own, outside the repository
    for path in EXPECTED:
        shutil.copy(path, tmp_path / path.name)
        assert open_project(tmp_path / path.name).dossier.product.code == "LC-BCMA-01"


@pytest.mark.parametrize(
    ("name", "element_id"),
    [
        ("follow up", "follow-up"),
        ("长期随访", "follow-up"),
        ("样本量", "sample-size"),
        ("Sample_Size", "sample-size"),
    ],
)
def test_element_names_resolve(name: str, element_id: str) -> None:
    from dossier.elements import resolve

    element = resolve(name)
    assert element is not None and element.id == element_id


def test_no_two_elements_claim_one_name() -> None:
    from dossier.elements import _key, load_elements

    seen: dict[str, str] = {}
    for element in load_elements().values():
        for name in (element.id, element.zh, element.en, *element.aliases):
            assert seen.setdefault(_key(name), element.id) == element.id, name
        assert element.form in ("number", "choice", "criteria", "text")
        if element.form == "number" and element.units:
            assert element.unit in element.units


def test_docx_rows_go_to_the_product_file(tmp_path: Path) -> None:
    old = _docx(tmp_path / "v1.docx", [("5 样本量", ["计划入组 80 例受试者，以满足主要终点的把握度要求。"])])
    new = _docx(tmp_path / "v2.docx", [("5 样本量", ["计划入组 72 例受试者，以满足主要终点的把握度要求。"])])
    target = tmp_path / "product.yaml"
    target.write_text(COMMENTED, encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--write-to", str(target), "--material", "protocol")
    assert result.returncode == 0, result.stderr
    revision = open_project(target).dossier.previous_submissions[0].revisions[0]
    assert revision.section == "5 样本量" and "80" in revision.change and "72" in revision.change


def test_english_briefing_uses_the_english_reason(tmp_path: Path) -> None:
    out = tmp_path / "en"
    result = run_cli("build", str(PRE_NDA), "-o", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = _table(next(out.glob("02_*.docx")), "Consistency")
    by_element = {r[1]: r for r in rows[1:]}
    assert by_element["Efficacy assessment criteria"][4] == "Changed"
    assert by_element["Efficacy assessment criteria"][5].startswith("MRD (NGS")
    assert by_element["Sample size"][3:5] == ["72 subjects", "Changed"]
    assert "[≥ 80 例]" in by_element["Sample size"][2]  # the unit as the agreement wrote it
    # the agreement's wording exists only in Chinese: shown, and marked as pending translation
    assert "translation pending" in by_element["Sample size"][2]
