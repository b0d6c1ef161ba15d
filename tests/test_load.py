"""Bad input gets one located, actionable message and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import minimal, run_cli, write_yaml

from dossier.errors import InputError
from dossier.load import load_located
from dossier.model import Dossier
from dossier.project import open_project


def problems(path: Path) -> list:
    with pytest.raises(InputError) as info:
        open_project(path)
    return info.value.problems


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "product:\n  name_zh: 甲\n meeting: [\n")
    [p] = problems(path)
    assert p.file == str(path)
    assert p.line == 3 and p.column is not None
    assert "YAML" in p.message_en and "缩进" in p.hint_zh


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    data = minimal()
    data["product"]["name_zhh"] = "x"
    path = write_yaml(tmp_path / "p.yaml", data)
    [p] = problems(path)
    assert p.field == "product.name_zhh"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[p.line - 1].strip().startswith("name_zhh:") and p.column == 3
    assert "Unknown key" in p.message_en and "'name'" in p.hint_en


def test_unknown_top_level_key_lists_allowed_keys(tmp_path: Path) -> None:
    data = minimal()
    data["zzz"] = 1
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "zzz"
    assert "meeting" in p.hint_en


def test_unknown_stage_lists_allowed_values(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["stage"] = "pre-IND"
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "meeting.stage"
    assert "pre-ind, pre-pivotal, pre-nda" in p.message_en
    assert "pre-ind" in p.hint_en
    assert p.line is not None


def test_wrong_type_for_bool(tmp_path: Path) -> None:
    data = minimal()
    data["product"]["gene_modified"] = "maybe"
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "product.gene_modified"
    assert "true or false" in p.message_en and "maybe" in p.message_en


def test_wrong_type_for_number(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["agenda"] = [{"item": "介绍", "minutes": "ten"}]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "meeting.agenda[0].minutes"
    assert "whole number" in p.message_en


def test_missing_required_field_points_at_parent(tmp_path: Path) -> None:
    data = minimal()
    del data["product"]["applicant"]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "product.applicant"
    assert "missing" in p.message_en
    assert p.line == 2  # the 'product:' key


def test_bad_date(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["candidate_dates"] = ["2027-13-45"]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "meeting.candidate_dates[0]"
    assert "YYYY-MM-DD" in p.message_en


def test_duplicate_key(tmp_path: Path) -> None:
    path = write(tmp_path, "product:\n  name_zh: 甲\n  name_zh: 乙\n")
    [p] = problems(path)
    assert p.line == 3 and "twice" in p.message_en


def test_empty_file(tmp_path: Path) -> None:
    [p] = problems(write(tmp_path, "# nothing\n"))
    assert "empty" in p.message_en


def test_top_level_list(tmp_path: Path) -> None:
    [p] = problems(write(tmp_path, "- a\n- b\n"))
    assert "mapping" in p.message_en


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("product: 产品\n".encode("gbk"))
    [p] = problems(path)
    assert "UTF-8" in p.message_en


def test_missing_file(tmp_path: Path) -> None:
    [p] = problems(tmp_path / "nope.yaml")
    assert "not found" in p.message_en


def test_unknown_discipline_lists_allowed(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["disciplines"] = ["临床", "法务"]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "meeting.disciplines[1]"
    assert "临床" in p.message_en and "统计" in p.message_en


def test_discipline_aliases_are_accepted(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["disciplines"] = ["clinical", "Statistics", "CMC"]
    loaded = load_located(write_yaml(tmp_path / "p.yaml", data), Dossier)
    assert [d.value for d in loaded.model.meeting.disciplines] == ["临床", "统计", "药学"]


def test_optional_material_that_is_required_is_refused(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["optional_materials"] = ["clinical-overview"]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "meeting.optional_materials[0]"
    assert "not optional" in p.message_en


def test_optional_material_unknown_id(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["optional_materials"] = ["summary"]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert "completed-trials-summary" in p.hint_en


def test_previous_submission_unknown_material(tmp_path: Path) -> None:
    data = minimal()
    data["previous_submissions"] = [{"material": "protocol", "version": 1.0, "date": "2024-01-01"}]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "previous_submissions[0].material"


def test_inconsistent_facts_are_explained(tmp_path: Path) -> None:
    data = minimal()
    data["product"]["gene_modified"] = False
    data["product"]["gene_editing"] = {"tool": "CRISPR/Cas9"}
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "product" and "gene_modified" in p.message_en


def test_more_than_three_candidate_dates(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["candidate_dates"] = ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"]
    [p] = problems(write_yaml(tmp_path / "p.yaml", data))
    assert p.field == "meeting.candidate_dates"
    assert "too many" in p.message_en


@pytest.mark.parametrize("command", ["requirements", "check"])
def test_cli_prints_located_error_and_exits_2(tmp_path: Path, command: str) -> None:
    data = minimal()
    data["meeting"]["stage"] = "pivotal"
    path = write_yaml(tmp_path / "p.yaml", data)
    result = run_cli(command, str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:" in result.stderr and "meeting.stage" in result.stderr
    assert "pre-pivotal" in result.stderr


def test_cli_yaml_error_exits_2_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "meeting:\n\tstage: pre-ind\n")
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and f"{path}:2" in result.stderr
