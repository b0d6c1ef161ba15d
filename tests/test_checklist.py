"""The Excel checklist: opened with openpyxl, filled in as a team would, and read back."""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import cache
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from conftest import SAMPLES, run_cli, write_yaml

from dossier.check import check_project
from dossier.checklist import checklist_bytes
from dossier.project import open_project
from dossier.rules import load_rules

RULES = load_rules()
ALLO = next(p for p in SAMPLES if p.name.startswith("allo-car-t"))
# Widest visible table, in Excel characters, that still prints at 9 pt or more when fitted to
# A4 landscape (11 pt text; LibreOffice without Calibri draws a character unit about 7 pt wide).
PRINTABLE_WIDTH = 130


@cache
def checklist(path: Path = ALLO, lang: str = "zh") -> bytes:
    project = open_project(path)
    return checklist_bytes(project, RULES, check_project(project, RULES), lang)


def book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def header_row(ws) -> int:
    """The table's header row: the row the print titles repeat."""
    return int(ws.print_title_rows.split(":")[0].strip("$"))


def table(ws) -> list[dict]:
    """The table below the title block, each row as {header: value}."""
    top = header_row(ws)
    rows = [list(r) for r in ws.iter_rows(min_row=top, values_only=True)]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


def column(ws, name: str) -> str:
    top = header_row(ws)
    return next(c.column_letter for c in ws[top] if c.value == name)


def test_sheets_title_block_and_hidden_ids() -> None:
    wb = book(checklist())
    assert wb.sheetnames == ["资料清单", "问题清单", "审核发现", "自评估", "附件矩阵", "_dossier", "_ids"]
    assert wb["_dossier"].sheet_state == "hidden" and wb["_ids"].sheet_state == "hidden"
    ws = wb["资料清单"]
    assert ws["A1"].value == "沟通交流会议资料清单" and ws["A1"].font.bold
    block = {r[0]: next(v for v in r[1:] if v) for r in ws.iter_rows(min_row=2, max_row=4, values_only=True)}
    right = {r[5]: r[6] for r in ws.iter_rows(min_row=2, max_row=4, values_only=True)}
    assert block == {
        "药品名称": "通用型抗CD19/CD20双靶点嵌合抗原受体T细胞注射液",
        "沟通交流阶段": "关键/确证性临床试验启动前",
        "资料递交日期": "2026年12月20日",
    }
    assert right["产品代号"] == "UC-1920" and right["会议类型"] == "II类会议（面对面会议）"
    assert right["版本"].startswith("2026年11月20日")
    ids = [list(r) for r in wb["_ids"].iter_rows(values_only=True)]
    assert ids[0] == ["id", "name_zh", "name_en", "required"]
    assert ["clinical-trial-protocol", "临床试验方案", "Clinical trial protocol", "yes"] in ids


def test_materials_in_words_with_work_columns() -> None:
    ws = book(checklist())["资料清单"]
    assert header_row(ws) == 6 and ws.freeze_panes == "B7"
    body = table(ws)
    assert list(body[0]) == [
        "资料",
        "附件要求",
        "更新自",
        "文件名",
        "负责人",
        "截止日期",
        "状态",
        "审核人",
        "备注",
        "资料编号",
    ]
    assert ws.column_dimensions[column(ws, "资料编号")].hidden
    assert not any(ws.column_dimensions[c].hidden for c in "ABCDEFGHI")
    rows = {r["资料编号"]: r for r in body}
    assert len(rows) == 9
    summary = rows["completed-trials-summary"]
    assert summary["资料"] == "已完成临床试验的总结"
    assert summary["附件要求"] == "+△# 必须提交（提交简要内容；在既往提交的基础上更新、完善）"
    assert summary["文件名"] == "10_已完成临床试验的总结.docx"
    protocol = rows["clinical-trial-protocol"]
    # revision history is asked only of the plan, the protocol and the RMP (note 4)
    assert protocol["附件要求"].endswith("并提交修订历史和说明）")
    assert protocol["更新自"] == "2.1\n2024年6月30日"  # latest_submission, as the documents print it
    assert protocol["截止日期"] == dt.datetime(2026, 12, 20) and protocol["状态"] == "未开始"
    assert rows["rationale"]["状态"] == "不适用" and rows["rationale"]["截止日期"] is None


def test_dropdowns_and_conditional_formats() -> None:
    ws = book(checklist())["资料清单"]
    validations = ws.data_validations.dataValidation
    status = next(v for v in validations if v.type == "list")
    assert status.formula1 == '"未开始,编写中,审核中,已定稿,不适用"' and str(status.sqref) == "G7:G15"
    assert any(v.type == "date" and str(v.sqref) == "F7:F15" for v in validations)
    formulas = " ".join(f for cf in ws.conditional_formatting for r in cf.rules for f in r.formula)
    assert '"已定稿"' in formulas and "TODAY()" in formulas
    assert ws.auto_filter.ref == "A6:J15"
    questions = book(checklist())["问题清单"]
    assert any(
        v.formula1 == '"未开始,编写中,审核中,已定稿,不适用"'
        for v in questions.data_validations.dataValidation
    )
    findings = book(checklist())["审核发现"]
    resolution = next(v for v in findings.data_validations.dataValidation if v.type == "list")
    assert resolution.formula1 == '"待处理,已处理,不采纳"' and str(resolution.sqref).startswith("G5:")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_setup(lang: str) -> None:
    wb = book(checklist(ALLO, lang))
    for ws in wb.worksheets[:5]:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9, ws.title  # A4
        pages = (
            1 if ws.title in ("附件矩阵", "Annex") else 0
        )  # the annex on one page, the rest as long as needed
        assert (
            setup.fitToWidth == 1 and setup.fitToHeight == pages and ws.sheet_properties.pageSetUpPr.fitToPage
        )
        assert ws.print_title_rows == f"${header_row(ws)}:${header_row(ws)}"
        assert ws[f"A{header_row(ws) + 1}"].font.size >= 10.5
        visible = sum(d.width for d in ws.column_dimensions.values() if not d.hidden)
        assert visible <= PRINTABLE_WIDTH, (ws.title, visible)
        assert "&P" in ws.oddFooter.center.text


def test_questions_use_printed_numbers_and_have_work_columns() -> None:
    body = table(book(checklist())["问题清单"])
    assert list(body[0]) == ["编号", "学科", "问题", "审核发现", "负责人", "状态", "药审中心答复", "后续行动"]
    # numbered in reading order (clinical before statistics): the file's 4th question is 问题2
    assert [q["编号"] for q in body] == [1, 2, 3, 4]
    weak = next(q for q in body if q["问题"].startswith("关键试验的入选标准和剂量设计"))
    assert weak["编号"] == 2 and "QUE-002" in weak["审核发现"] and weak["学科"] == "临床"
    assert all(q["状态"] == "未开始" and q["药审中心答复"] is None for q in body)


def test_findings_self_assessment_and_annex() -> None:
    wb = book(checklist())
    findings = table(wb["审核发现"])
    assert list(findings[0])[:5] == ["级别", "规则", "位置", "发现", "依据"]
    assert {"QUE-002", "NDA-006"} <= {r["规则"] for r in findings}
    assert all(r["处理状态"] == "待处理" for r in findings)
    assert any(r["位置"] == "问题2（产品文件中第 4 个）" for r in findings)
    severity_rules = [r for cf in wb["审核发现"].conditional_formatting for r in cf.rules]
    assert any('"警告"' in f for r in severity_rules for f in r.formula)
    assert [r["序号"] for r in table(wb["自评估"])] == [1, 2, 3, 4]
    ws = wb["附件矩阵"]
    top = header_row(ws)
    head = [c.value for c in ws[top]]
    assert head[1] == "临床试验申请前" and head[2] == "关键/确证性临床试验启动前\n（本次会议）"
    summary = next(r for r in ws.iter_rows(min_row=top) if r[0].value == "已完成临床试验的总结")
    assert [c.value for c in summary] == ["已完成临床试验的总结", "±", "+△#", "+"]
    assert summary[2].fill.fgColor.rgb.endswith("FFF2CC") and summary[2].font.bold
    assert not summary[1].fill.fgColor.rgb.endswith("FFF2CC")
    texts = [c.value for r in ws.iter_rows(min_row=top) for c in r if isinstance(c.value, str)]
    assert "符号说明" in texts and "提交简要内容" in texts


def test_english_checklist() -> None:
    wb = book(checklist(ALLO, "en"))
    assert wb.sheetnames[:5] == ["Materials", "Questions", "Findings", "Self-assessment", "Annex"]
    ws = wb["Materials"]
    assert ws["A1"].value == "Meeting materials checklist"
    assert [ws["A2"].value, ws["A3"].value, ws["A4"].value] == ["Product", "Meeting stage", "Materials due"]
    row3 = [v for v in next(ws.iter_rows(min_row=3, max_row=3, values_only=True)) if v]
    assert ws["B4"].value == "20 December 2026" and row3[2:] == [
        "Meeting type",
        "Type II meeting (face-to-face meeting)",
    ]
    annex_head = wb["Annex"][header_row(wb["Annex"])]
    assert annex_head[2].value == "Before the pivotal/confirmatory trial (pre-pivotal)\n(this meeting)"
    validation = next(v for v in ws.data_validations.dataValidation if v.type == "list")
    assert validation.formula1 == '"Not started,Drafting,In review,Final,N/A"'
    rows = {r["Material id"]: r for r in table(ws)}
    protocol = rows["clinical-trial-protocol"]
    assert protocol["Material"] == "Clinical trial protocol"
    assert protocol["Annex requirement"].startswith("+# required (an update of the earlier submission")
    assert protocol["Updates"] == "2.1\n30 June 2024" and protocol["Status"] == "Not started"
    questions = table(wb["Questions"])
    assert list(questions[0])[-2:] == ["CDE's response", "Follow-up"]
    assert {q["Discipline"] for q in questions} <= {
        "Clinical",
        "Statistics",
        "CMC",
        "Pharmacology/toxicology",
    }
    findings = wb["Findings"]
    resolution = next(v for v in findings.data_validations.dataValidation if v.type == "list")
    assert resolution.formula1 == '"Open,Resolved,Declined"'
    annex = wb["Annex"]
    assert any(c.value == "Symbols" for r in annex.iter_rows() for c in r)
    chinese = [
        c.value
        for s in wb.worksheets[:5]
        for r in s.iter_rows(max_row=header_row(s))
        for c in r
        if isinstance(c.value, str) and any("\u4e00" <= ch <= "\u9fff" for ch in c.value)
    ]
    assert chinese == []  # title blocks and headers are all English


def test_deterministic_bytes() -> None:
    project = open_project(ALLO)
    findings = check_project(project, RULES)
    assert checklist_bytes(project, RULES, findings) == checklist_bytes(project, RULES, findings)


def _filled(
    tmp_path: Path,
    statuses: dict[str, str],
    due: dict[str, dt.date],
    resolve_all: bool,
    resort: bool = False,
    data: bytes | None = None,
) -> Path:
    """A copy filled in as a team would; ``resort`` sorts the rows as a user might (by id, descending)."""
    wb = book(data or checklist())
    ws = wb["资料清单"]
    top = header_row(ws)
    if resort:
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=top + 1)]
        for r, values in zip(
            ws.iter_rows(min_row=top + 1), sorted(rows, key=lambda v: v[9], reverse=True), strict=True
        ):
            for cell, value in zip(r, values, strict=True):
                cell.value = value
    for row in ws.iter_rows(min_row=top + 1):
        material = row[9].value
        if material in statuses:
            row[6].value = statuses[material]
        if material in due:
            row[5].value = due[material]
        row[4].value = "张三"
    if resolve_all:
        findings = wb["审核发现"]
        for row in findings.iter_rows(min_row=header_row(findings) + 1):
            row[6].value = "已处理"
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    return path


FINAL = {
    m: "已定稿"
    for m in (
        "clinical-overview",
        "quality-overview",
        "nonclinical-overview",
        "clinical-development-plan",
        "risk-management-plan",
        "completed-trials-summary",
        "marketing-plan",
    )
}


@pytest.mark.parametrize("resort", [False, True])
def test_round_trip_reports_what_is_left(tmp_path: Path, resort: bool) -> None:
    path = _filled(
        tmp_path,
        {**FINAL, "clinical-trial-protocol": "审核中"},
        {"clinical-trial-protocol": dt.date(2026, 12, 1)},
        resolve_all=False,
        resort=resort,
    )
    if resort:  # the rows really moved: the protocol is no longer where it was written
        assert book(path.read_bytes())["资料清单"]["J12"].value != "clinical-trial-protocol"
    result = run_cli("status", str(path), "--product", str(ALLO), "--format", "json", "--today", "2026-12-10")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [m["id"] for m in report["not_final"]] == ["clinical-trial-protocol"]
    assert report["not_final"][0]["name"] == "临床试验方案" and report["not_final"][0]["owner"] == "张三"
    assert [m["due"] for m in report["overdue"]] == ["2026-12-01"]
    assert report["open_errors"] == []  # the sample has no error findings
    done = _filled(
        tmp_path, {**FINAL, "clinical-trial-protocol": "已定稿"}, {}, resolve_all=True, resort=resort
    )
    report = json.loads(run_cli("status", str(done), "--format", "json", "--today", "2026-12-10").stdout)
    assert report["complete"] is True


def test_round_trip_with_a_formula_like_code_and_resorted_rows(tmp_path: Path) -> None:
    data = yaml.safe_load(ALLO.read_text(encoding="utf-8"))
    data["product"]["code"] = "=HX-019"
    product = write_yaml(tmp_path / "p.yaml", data)
    written = checklist_bytes(open_project(product), RULES, check_project(open_project(product), RULES))
    ws = book(written)["资料清单"]
    code = next(c for r in ws.iter_rows(max_row=4) for c in r if c.value == "=HX-019")
    assert code.data_type == "s" and code.quotePrefix
    path = _filled(
        tmp_path, {**FINAL, "clinical-trial-protocol": "已定稿"}, {}, True, resort=True, data=written
    )
    result = run_cli(
        "status", str(path), "--product", str(product), "--format", "json", "--today", "2026-12-10"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["complete"] is True
    result = run_cli("status", str(path), "--product", str(ALLO))
    assert result.returncode == 2 and "another product" in result.stderr


def test_english_round_trip(tmp_path: Path) -> None:
    wb = book(checklist(ALLO, "en"))
    ws = wb["Materials"]
    for row in ws.iter_rows(min_row=header_row(ws) + 1):
        if row[9].value == "clinical-trial-protocol":
            row[6].value = "In review"
    path = tmp_path / "en.xlsx"
    wb.save(path)
    report = json.loads(run_cli("status", str(path), "--format", "json", "--today", "2026-12-10").stdout)
    protocol = next(m for m in report["not_final"] if m["id"] == "clinical-trial-protocol")
    assert protocol == {
        "id": "clinical-trial-protocol",
        "name": "Clinical trial protocol",
        "status": "In review",
        "owner": "",
    }


def test_open_error_findings_are_reported(tmp_path: Path) -> None:
    sample = next(p for p in SAMPLES if p.name.startswith("oncolytic"))
    project = open_project(sample)
    path = tmp_path / "c.xlsx"
    path.write_bytes(checklist_bytes(project, RULES, check_project(project, RULES)))
    report = json.loads(run_cli("status", str(path), "--format", "json").stdout)
    assert {"QUE-001", "QUE-005", "QUE-006"} <= {e["rule_id"] for e in report["open_errors"]}


def test_checklist_of_another_product_or_stage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    path.write_bytes(checklist())
    other = next(p for p in SAMPLES if p.name.startswith("car-t-cd19"))
    result = run_cli("status", str(path), "--product", str(other))
    assert result.returncode == 2 and "another product" in result.stderr
    data = yaml.safe_load(ALLO.read_text(encoding="utf-8"))
    data["meeting"]["stage"] = "pre-nda"
    moved = write_yaml(tmp_path / "p.yaml", data)
    result = run_cli("build", str(moved), "-o", str(tmp_path / "pkg"), "--checklist", str(path))
    assert result.returncode == 2 and "pre-pivotal" in result.stderr


@pytest.mark.parametrize(
    ("breakage", "words", "where"),
    [
        ("header", "lacks the column", "资料清单!6"),
        ("status", "is not one of the list", "资料清单!G9"),
        ("meta", "Not a dossier checklist", None),
        ("ids", "The hidden sheet '_ids' is missing", None),
        ("format", "dossier-checklist/1' is not supported", "_dossier"),
        ("date", "Cannot read the date", "资料清单!F9"),
        ("id", "is not a material of the annex", "资料清单!J9"),
        ("duplicate", "appears twice", "资料清单!J9"),
        ("deleted", "was deleted from the sheet", "资料清单"),
    ],
)
def test_broken_checklist_gets_a_located_error(
    tmp_path: Path, breakage: str, words: str, where: str | None
) -> None:
    wb = book(checklist())
    ws = wb["资料清单"]
    if breakage == "header":
        ws["G6"].value = "进度"
    elif breakage == "status":
        ws["G9"].value = "差不多了"
    elif breakage == "meta":
        del wb["_dossier"]
    elif breakage == "ids":
        del wb["_ids"]
    elif breakage == "format":  # written by an earlier version
        wb["_dossier"]["B1"].value = "dossier-checklist/1"
    elif breakage == "date":
        ws["F9"].value = "下周五"
    elif breakage == "id":
        ws["J9"].value = "no-such-material"
    elif breakage == "duplicate":
        ws["J9"].value = ws["J8"].value
    else:
        ws.delete_rows(9)
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    result = run_cli("status", str(path))
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    if where:
        assert where in result.stderr


def test_a_row_without_its_hidden_id_is_found_by_name(tmp_path: Path) -> None:
    wb = book(checklist())
    ws = wb["资料清单"]
    row = next(r for r in ws.iter_rows(min_row=7) if r[9].value == "clinical-trial-protocol")
    row[9].value, row[6].value = None, "审核中"
    path = tmp_path / "copied.xlsx"
    wb.save(path)
    report = json.loads(run_cli("status", str(path), "--format", "json").stdout)
    assert "clinical-trial-protocol" in [m["id"] for m in report["not_final"]]


def test_not_an_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("hello", encoding="utf-8")
    result = run_cli("status", str(path))
    assert result.returncode == 2 and "is not an Office (zip) file" in result.stderr


def test_build_shows_checklist_statuses_in_the_briefing(tmp_path: Path) -> None:
    path = _filled(tmp_path, {"clinical-trial-protocol": "审核中"}, {}, resolve_all=False, resort=True)
    out = tmp_path / "pkg"
    result = run_cli("build", str(ALLO), "-o", str(out), "--checklist", str(path))
    assert result.returncode == 0, result.stderr
    briefing = docx.Document(str(next(out.glob("02_*.docx"))))
    table_ = next(t for t in briefing.tables if t.rows[0].cells[0].text == "资料")
    row = next(r for r in table_.rows if r.cells[0].text == "临床试验方案")
    assert row.cells[2].text == "是（审核中）"
    assert (out / "internal" / "资料清单.xlsx").is_file()


def test_checklist_command_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    assert run_cli("checklist", str(ALLO), "-o", str(out)).returncode == 0
    assert run_cli("checklist", str(ALLO), "-o", str(out)).returncode == 2
    assert run_cli("checklist", str(ALLO), "-o", str(out), "--force").returncode == 0
    assert out.read_bytes() == checklist()
