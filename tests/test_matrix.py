"""The annex matrix is encoded exactly, validated, overridable, and spelled out per meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import minimal, run_cli, write_yaml

from dossier.errors import InputError
from dossier.matrix import load_matrix, parse_cell
from dossier.model import Stage
from dossier.project import open_project
from dossier.resources import default_matrix

# 002 六、附件, read as the seeds README says for the row 已完成临床试验的总结.
ANNEX = {
    "立题依据": ("+", "±", "±"),
    "临床综述": ("+", "+#", "+#"),
    "质量综述": ("+", "+#", "+#"),
    "非临床综述": ("+", "+#", "+#"),
    "临床研发计划": ("+", "+#", "+#"),
    "临床试验方案": ("+", "+#", "+#"),
    "风险管理计划": ("+", "+#", "+#"),
    "已完成临床试验的总结": ("±", "+△#", "+"),
    "上市申报计划/策略": ("-", "+△", "+"),
}


def test_matrix_matches_the_annex_cell_by_cell() -> None:
    matrix = load_matrix()
    got = {m.name_zh: tuple(m.requirements[s] for s in Stage) for m in matrix.materials}
    assert got == ANNEX
    assert matrix.citation.source == "002_b2acee319bd1d3c3.txt"
    assert matrix.citation.section == "六、附件"
    assert set(matrix.revision_history_materials) == {
        "clinical-development-plan",
        "clinical-trial-protocol",
        "risk-management-plan",
    }
    assert "修订历史" in matrix.symbols["#"].zh and "revision history" in matrix.symbols["#"].en


@pytest.mark.parametrize(
    ("raw", "presence", "update", "brief"),
    [
        ("+", "+", False, False),
        ("+#", "+", True, False),
        ("+△#", "+", True, True),
        ("±", "±", False, False),
        ("-", "-", False, False),
        ("−", "-", False, False),
        ("+△", "+", False, True),
    ],
)
def test_parse_cell(raw: str, presence: str, update: bool, brief: bool) -> None:
    cell = parse_cell(raw)
    assert (cell.presence, cell.update, cell.brief) == (presence, update, brief)


@pytest.mark.parametrize("raw", ["", "#", "+±", "-#", "++", "x", "+*"])
def test_parse_cell_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_cell(raw)


def _company_matrix(tmp_path: Path, cell: str) -> Path:
    data = yaml.safe_load(default_matrix().read_text(encoding="utf-8"))
    data["materials"][0]["requirements"]["pre-pivotal"] = cell
    return write_yaml(tmp_path / "matrix.yaml", data)


def test_company_matrix_overrides_a_cell(tmp_path: Path) -> None:
    path = _company_matrix(tmp_path, "+")
    result = run_cli("matrix", "--matrix", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["materials"][0]["requirements"]["pre-pivotal"] == "+"


def test_bad_company_matrix_cell_is_located(tmp_path: Path) -> None:
    path = _company_matrix(tmp_path, "+x")
    with pytest.raises(InputError) as info:
        load_matrix(path)
    [p] = info.value.problems
    assert p.field == "materials[0].requirements.pre-pivotal"
    assert p.line is not None and "unknown symbol" in p.message_en


def _requirements(tmp_path: Path, **meeting) -> dict:
    data = minimal()
    data["meeting"].update(meeting.pop("meeting", {}))
    data.update(meeting)
    project = open_project(write_yaml(tmp_path / "p.yaml", data))
    return {r.material.id: r for r in project.requirements()}


def test_pre_ind_requirements(tmp_path: Path) -> None:
    reqs = _requirements(tmp_path)
    assert reqs["clinical-trial-protocol"].status == "required"
    assert reqs["completed-trials-summary"].status == "optional"
    assert not reqs["completed-trials-summary"].included
    assert reqs["marketing-plan"].status == "not-needed" and not reqs["marketing-plan"].included


def test_optional_material_opt_in(tmp_path: Path) -> None:
    reqs = _requirements(tmp_path, meeting={"optional_materials": ["completed-trials-summary"]})
    assert reqs["completed-trials-summary"].included


def test_update_knows_the_latest_earlier_submission(tmp_path: Path) -> None:
    reqs = _requirements(
        tmp_path,
        meeting={"stage": "pre-pivotal"},
        previous_submissions=[
            {"material": "clinical-trial-protocol", "version": "1.0", "date": "2023-01-01"},
            {"material": "clinical-trial-protocol", "version": "2.0", "date": "2024-01-01"},
        ],
    )
    protocol = reqs["clinical-trial-protocol"]
    assert protocol.update and protocol.revision_history
    assert protocol.update_of.version == "2.0"
    assert not protocol.missing_earlier
    assert reqs["risk-management-plan"].missing_earlier
    assert not reqs["clinical-overview"].revision_history  # '#' but not one of the three
    assert reqs["marketing-plan"].brief and not reqs["marketing-plan"].update


def test_requirements_json_flags_never_submitted(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["stage"] = "pre-pivotal"
    path = write_yaml(tmp_path / "p.yaml", data)
    result = run_cli("requirements", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {m["id"]: m for m in json.loads(result.stdout)["materials"]}
    assert rows["clinical-trial-protocol"]["never_submitted"] is True
    assert rows["clinical-trial-protocol"]["revision_history"] is True
    assert rows["completed-trials-summary"]["symbols"] == "+△#"
    assert rows["completed-trials-summary"]["brief"] is True
    table = run_cli("requirements", str(path))
    assert "previous_submissions" in table.stdout and "附修订历史和说明" in table.stdout
