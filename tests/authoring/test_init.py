"""`dossier init`: a starting product file per stage and modality; its only errors are its placeholders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from dossier import placeholders
from dossier.check import check_project
from dossier.findings import Severity
from dossier.model import Modality, Source, Stage
from dossier.project import open_project
from dossier.rules import load_rules
from dossier.scaffold import Choice, scaffold, wanted_fields

RULES = load_rules()
COMBINATIONS = [(s, m) for s in Stage for m in Modality]


@pytest.mark.parametrize(("stage", "modality"), COMBINATIONS, ids=lambda v: v.value)
def test_every_stage_and_modality_loads_and_only_placeholders_are_errors(
    tmp_path: Path, stage: Stage, modality: Modality
) -> None:
    text = scaffold(RULES, Choice(stage, modality))
    path = tmp_path / "product.yaml"
    path.write_text(text, encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=dossier.schema.json\n")
    assert isinstance(yaml.safe_load(text), dict)
    project = open_project(path)  # never InputError: placeholders are not invalid input
    findings = check_project(project, RULES)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors and {f.rule_id for f in errors} == {"INI-001"}
    assert len(errors) == len(project.placeholders) == text.count('"<<TODO')
    assert {f.location for f in errors} == {p.path for p in project.placeholders}


def test_english_file_loads_with_english_comments(tmp_path: Path) -> None:
    text = scaffold(RULES, Choice(Stage.PRE_NDA, Modality.GENE_THERAPY, Source.NONE, lang="en"))
    path = tmp_path / "product.yaml"
    path.write_text(text, encoding="utf-8")
    assert "# Version of this file format; a whole number" in text and "。原因" not in text
    findings = check_project(open_project(path), RULES)
    assert {f.rule_id for f in findings if f.severity is Severity.ERROR} == {"INI-001"}


def test_fields_come_from_the_rules_that_apply() -> None:
    pivotal = wanted_fields(RULES, Choice(Stage.PRE_PIVOTAL, Modality.IMMUNE_CELL))
    pre_ind = wanted_fields(RULES, Choice(Stage.PRE_IND, Modality.IMMUNE_CELL))
    assert "clinical.pivotal.hypothesis" in pivotal  # PIV-003 reads it before the pivotal trial
    assert "clinical.pivotal.hypothesis" not in pre_ind
    text = scaffold(RULES, Choice(Stage.PRE_PIVOTAL, Modality.IMMUNE_CELL))
    line = next(i for i, row in enumerate(text.splitlines()) if row.strip().startswith("hypothesis:"))
    comment = text.splitlines()[line - 1]
    assert "PIV-00" in comment and "二（二）2.2" in comment and "《细胞和基因治疗产品" in comment


def test_question_block_shows_one_well_formed_question() -> None:
    text = scaffold(RULES, Choice(Stage.PRE_IND, Modality.GENE_THERAPY, Source.NONE))
    block = text[text.index("\nquestions:") :]
    assert "请问药审中心是否同意上述 DLT 观察期的设置？" in block
    english = scaffold(RULES, Choice(Stage.PRE_IND, Modality.GENE_THERAPY, lang="en"))
    assert "Does the Agency agree with the proposed DLT observation window?" in english


def test_placeholders_stand_for_every_type(tmp_path: Path) -> None:
    data = yaml.safe_load(scaffold(RULES, Choice(Stage.PRE_PIVOTAL, Modality.IMMUNE_CELL)))
    found = placeholders.neutralise(data, __import__("dossier.model").model.Dossier)
    paths = {p.path for p in found}
    assert "meeting.candidate_dates[0]" in paths  # a date in a list
    assert "meeting.format" in paths  # an enumeration
    assert "meeting.agenda[0].minutes" in paths  # a required number
    assert "clinical.pivotal.sample_size" in paths  # an optional number


def test_init_command_never_overwrites_and_writes_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    args = [
        "init",
        "-o",
        str(target),
        "--stage",
        "pre-nda",
        "--modality",
        "stem-cell",
        "--source",
        "allogeneic",
    ]
    assert run_cli(*args).returncode == 0
    first = target.read_text(encoding="utf-8")
    again = run_cli(*args[:-2], "--source", "autologous")
    assert again.returncode == 2 and target.read_text(encoding="utf-8") == first
    assert run_cli(*args, "--force").returncode == 0
    check = run_cli("check", str(target), "--format", "json")
    assert check.returncode == 1, check.stderr
    assert {f["rule_id"] for f in json.loads(check.stdout)["findings"] if f["severity"] == "error"} == {
        "INI-001"
    }
    wrong = run_cli(
        "init",
        "-o",
        str(tmp_path / "w.yaml"),
        "--stage",
        "pre-ind",
        "--modality",
        "stem-cell",
        "--source",
        "none",
    )
    assert wrong.returncode == 2 and not (tmp_path / "w.yaml").exists()
    missing = run_cli("init", "-o", str(tmp_path / "q.yaml"))  # no terminal: no prompt, exit 2
    assert missing.returncode == 2 and "--stage" in missing.stderr
    schema = tmp_path / "dossier.schema.json"
    assert run_cli("schema", "-o", str(schema)).returncode == 0
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Dossier"
    assert run_cli("schema", "-o", str(schema)).returncode == 2


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_init_in_a_terminal_asks_for_stage_and_modality(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import ROOT

    leader, follower = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "dossier", "init", "-o", str(tmp_path / "p.yaml")],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        os.write(leader, b"pre-pivotal\ngene-therapy\n")
        out, err = process.communicate(timeout=60)
    finally:
        os.close(leader)
        os.close(follower)
    assert process.returncode == 0, err.decode()
    assert b"stage" in out and b"pre-ind, pre-pivotal, pre-nda" in out
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert "stage: pre-pivotal" in text and "modality: gene-therapy" in text


def test_the_schema_accepts_the_placeholders_and_still_rejects_errors(tmp_path: Path) -> None:
    import jsonschema

    from dossier.views import schema_json

    schema = json.loads(schema_json())
    data = yaml.safe_load(scaffold(RULES, Choice(Stage.PRE_PIVOTAL, Modality.IMMUNE_CELL)))
    jsonschema.validate(data, schema)  # the editor does not flag the placeholders
    data["meeting"]["stage"] = "pre-IND"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
