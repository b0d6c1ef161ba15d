"""The command line as a user runs it: formats, schema, and a fast --help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLES, run_cli


def test_matrix_json_shape() -> None:
    result = run_cli("matrix", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["stages"] == ["pre-ind", "pre-pivotal", "pre-nda"]
    first = data["materials"][0]
    assert set(first) == {"id", "name_zh", "name_en", "requirements"}
    assert first["requirements"] == {"pre-ind": "+", "pre-pivotal": "±", "pre-nda": "±"}
    assert len(data["materials"]) == 9


def test_matrix_one_stage_markdown_in_english() -> None:
    result = run_cli("matrix", "--stage", "pre-nda", "--format", "markdown", "--lang", "en")
    assert result.returncode == 0
    assert "| Material | Before the marketing application (pre-NDA) |" in result.stdout
    assert "| Summary of completed clinical trials | + |" in result.stdout


def test_matrix_table_is_chinese_first() -> None:
    result = run_cli("matrix")
    assert "临床试验申请前" in result.stdout and "+△#" in result.stdout
    assert (
        "《细胞和基因治疗产品临床相关沟通交流技术指导原则》（国家药监局药审中心，2023年12月）六、附件"
        in result.stdout
    )


def test_matrix_unknown_stage_is_an_input_error() -> None:
    result = run_cli("matrix", "--stage", "phase-3")
    assert result.returncode == 2 and "pre-pivotal" in result.stderr


def test_schema_is_json_schema_of_the_product_file() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Dossier"
    assert {"product", "indications", "meeting"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    questions = json.loads(run_cli("schema", "--questions").stdout)
    assert questions["title"] == "QuestionSet"


def test_schema_validates_every_sample() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run_cli("schema").stdout)
    lifecycle = sorted((SAMPLES[0].parent / "lifecycle").glob("*.yaml"))
    for sample in [*SAMPLES, *lifecycle]:
        data = json.loads(json.dumps(yaml.safe_load(sample.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from dossier.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'openpyxl', 'jinja2', 'markdown') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_python_m_and_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("dossier ")


def test_check_exists_and_reports_clean_input(tmp_path) -> None:
    from conftest import minimal, write_yaml

    path = write_yaml(tmp_path / "p.yaml", minimal())
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1)
    assert "findings" in json.loads(result.stdout)


def test_init_choices_are_the_models_values() -> None:
    """The CLI spells the choices out (so --help stays light); they must not drift from the model."""
    from dossier.cli import ModalityChoice, SourceChoice, StageChoice
    from dossier.model import Modality, Source, Stage

    for choice, model in ((StageChoice, Stage), (ModalityChoice, Modality), (SourceChoice, Source)):
        assert [c.value for c in choice] == [m.value for m in model]
