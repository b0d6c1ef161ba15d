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
from conftest import SAMPLES, run_cli, write_yaml

from dossier.check import check_project
from dossier.checklist import checklist_bytes
from dossier.project import open_project
from dossier.rules import load_rules

RULES = load_rules()
ALLO = next(p for p in SAMPLES if p.name.startswith("allo-car-t"))


@cache
def checklist(path: Path = ALLO, lang: str = "zh") -> bytes:
    project = open_project(path)
    return checklist_bytes(project, RULES, check_project(project, RULES), lang)


def book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_sheets_and_materials() -> None:
    wb = book(checklist())
    assert wb.sheetnames == ["资料清单", "问题清单", "审核发现", "自评估", "附件矩阵", "_dossier"]
    assert wb["_dossier"].sheet_state == "hidden"
    ws = wb["资料清单"]
    table = rows(ws)
    header = table[0]
    assert header[:4] == ["资料编号", "资料", "Material", "附件符号"] and header[-2:] == ["状态", "备注"]
    body = {r[0]: dict(zip(header, r, strict=True)) for r in table[1:]}
    assert len(body) == 9
    summary = body["completed-trials-summary"]
    assert summary["附件符号"] == "+△#" and summary["简要内容"] == "是" and summary["纳入本次提交"] == "是"
    assert summary["文件名"] == "10_已完成临床试验的总结.docx"
    protocol = body["clinical-trial-protocol"]
    assert protocol["需修订历史"] == "是" and protocol["更新自"] == "2.1 (2024-06-30)"
    assert body["rationale"]["要求"] == "可以提交" and body["rationale"]["状态"] == "不适用"
    assert protocol["状态"] == "未开始"


def test_validations_formatting_and_page_setup() -> None:
    ws = book(checklist())["资料清单"]
    validations = ws.data_validations.dataValidation
    lists = [v for v in validations if v.type == "list"]
    assert lists and lists[0].formula1 == '"未开始,编写中,审核中,已定稿,不适用"'
    assert "N2:N10" in str(lists[0].sqref)
    assert any(v.type == "date" and "M2:M10" in str(v.sqref) for v in validations)
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    formulas = " ".join(f for r in rules for f in r.formula)
    assert '"已定稿"' in formulas and "TODAY()" in formulas
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == "A1:O10"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws["B2"].font.name == "宋体" and ws["A1"].font.bold
    assert ws["E2"].alignment.wrap_text
    assert ws.column_dimensions["E"].width > 20


def test_questions_findings_self_assessment_and_annex() -> None:
    wb = book(checklist())
    questions = rows(wb["问题清单"])
    assert questions[0][:3] == ["序号", "学科", "问题"]
    # numbered in reading order (clinical before statistics): the file's 4th question is 问题2
    assert [q[0] for q in questions[1:]] == [1, 2, 3, 4]
    weak = next(q for q in questions[1:] if q[2].startswith("关键试验的入选标准和剂量设计"))
    assert weak[0] == 2 and "QUE-002" in weak[7] and "QUE-003" in weak[7]
    findings = rows(wb["审核发现"])
    assert findings[0][:6] == ["级别", "规则", "位置", "发现", "依据文件", "依据章节"]
    assert {"NDA-006", "QUE-002"} <= {r[1] for r in findings[1:]}
    assert all(r[7] == "待处理" for r in findings[1:])
    severity_rules = [r for cf in wb["审核发现"].conditional_formatting for r in cf.rules]
    assert any('"警告"' in f for r in severity_rules for f in r.formula)
    points = rows(wb["自评估"])
    assert [r[0] for r in points[1:]] == [1, 2, 3, 4]
    annex = rows(wb["附件矩阵"])
    assert annex[0][1:] == ["临床试验申请前", "关键/确证性临床试验启动前", "上市许可申请前"]
    assert annex[8] == ["已完成临床试验的总结", "±", "+△#", "+"]
    assert any(r[0] == "#" for r in annex[10:])


def test_english_checklist() -> None:
    wb = book(checklist(ALLO, "en"))
    assert wb.sheetnames[:5] == ["Materials", "Questions", "Findings", "Self-assessment", "Annex"]
    validation = next(v for v in wb["Materials"].data_validations.dataValidation if v.type == "list")
    assert validation.formula1 == '"Not started,Drafting,In review,Final,N/A"'


def test_deterministic_bytes() -> None:
    project = open_project(ALLO)
    findings = check_project(project, RULES)
    assert checklist_bytes(project, RULES, findings) == checklist_bytes(project, RULES, findings)


def _filled(tmp_path: Path, statuses: dict[str, str], due: dict[str, dt.date], resolve_all: bool) -> Path:
    wb = book(checklist())
    ws = wb["资料清单"]
    for row in ws.iter_rows(min_row=2):
        material = row[0].value
        if material in statuses:
            row[13].value = statuses[material]
        if material in due:
            row[12].value = due[material]
        row[11].value = "张三"
    if resolve_all:
        for row in wb["审核发现"].iter_rows(min_row=2):
            row[7].value = "已处理"
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    return path


def test_round_trip_reports_what_is_left(tmp_path: Path) -> None:
    final = {
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
    path = _filled(
        tmp_path,
        {**final, "clinical-trial-protocol": "审核中"},
        {"clinical-trial-protocol": dt.date(2026, 12, 1)},
        resolve_all=False,
    )
    result = run_cli("status", str(path), "--product", str(ALLO), "--format", "json", "--today", "2026-12-10")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [m["id"] for m in report["not_final"]] == ["clinical-trial-protocol"]
    assert [m["due"] for m in report["overdue"]] == ["2026-12-01"]
    assert report["open_errors"] == []  # the sample has no error findings
    done = _filled(tmp_path, {**final, "clinical-trial-protocol": "已定稿"}, {}, resolve_all=True)
    report = json.loads(run_cli("status", str(done), "--format", "json", "--today", "2026-12-10").stdout)
    assert report["complete"] is True


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
    import yaml

    data = yaml.safe_load(ALLO.read_text(encoding="utf-8"))
    data["meeting"]["stage"] = "pre-nda"
    moved = write_yaml(tmp_path / "p.yaml", data)
    result = run_cli("build", str(moved), "-o", str(tmp_path / "pkg"), "--checklist", str(path))
    assert result.returncode == 2 and "pre-pivotal" in result.stderr


@pytest.mark.parametrize(
    ("breakage", "words"),
    [
        ("header", "lacks the column"),
        ("status", "is not one of the list"),
        ("meta", "Not a dossier checklist"),
        ("date", "Cannot read the date"),
    ],
)
def test_broken_checklist_gets_a_located_error(tmp_path: Path, breakage: str, words: str) -> None:
    wb = book(checklist())
    ws = wb["资料清单"]
    if breakage == "header":
        ws["N1"].value = "进度"
    elif breakage == "status":
        ws["N3"].value = "差不多了"
    elif breakage == "meta":
        del wb["_dossier"]
    else:
        ws["M3"].value = "下周五"
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    result = run_cli("status", str(path))
    assert result.returncode == 2 and words in result.stderr
    assert "Traceback" not in result.stderr
    if breakage == "status":
        assert "资料清单!N3" in result.stderr


def test_not_an_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("hello", encoding="utf-8")
    result = run_cli("status", str(path))
    assert result.returncode == 2 and "Cannot open" in result.stderr


def test_build_shows_checklist_statuses_in_the_briefing(tmp_path: Path) -> None:
    path = _filled(tmp_path, {"clinical-trial-protocol": "审核中"}, {}, resolve_all=False)
    out = tmp_path / "pkg"
    result = run_cli("build", str(ALLO), "-o", str(out), "--checklist", str(path))
    assert result.returncode == 0, result.stderr
    briefing = docx.Document(str(next(out.glob("02_*.docx"))))
    table = next(t for t in briefing.tables if t.rows[0].cells[0].text == "资料")
    row = next(r for r in table.rows if r.cells[0].text == "临床试验方案")
    assert row.cells[2].text == "是（审核中）"
    assert (out / "internal" / "资料清单.xlsx").is_file()


def test_checklist_command_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    assert run_cli("checklist", str(ALLO), "-o", str(out)).returncode == 0
    assert run_cli("checklist", str(ALLO), "-o", str(out)).returncode == 2
    assert run_cli("checklist", str(ALLO), "-o", str(out), "--force").returncode == 0
    assert out.read_bytes() == checklist()
