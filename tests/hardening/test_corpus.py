"""The crafted regression corpus: every class of bad input ends in its documented exit code.

One file per class in ``corpus/`` (a few are generated here: too large to commit, or not
UTF-8), and ``expected.yaml`` beside it giving the exit code, a message fragment and, for
values YAML 1.1 would have changed, the text the field must hold. Nothing may print a
traceback, and nothing may be written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from inprocess import run_check, tree

from dossier.errors import InputError
from dossier.load import load_located, read_yaml
from dossier.model import Dossier

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
BASE = (CORPUS / "code-0017.yaml").read_text(encoding="utf-8").replace("  code: 0017\n", "")
MATRIX = (ROOT / "checklists" / "cde-cgt-2023" / "matrix.yaml").read_text(encoding="utf-8")


def _generated(name: str, folder: Path) -> Path:
    """Write the generated case ``name`` into ``folder``; return the file to check."""
    path = folder / name
    if name == "huge-file.yaml":
        path.write_text(BASE + "# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    elif name == "not-utf8.yaml":
        name_zh = "测试产品注射液"
        path.write_bytes(BASE.encode("utf-8").replace(name_zh.encode(), name_zh.encode("gbk")))
    elif name == "over-long-text.yaml":
        path.write_text(BASE + "questions:\n- text: " + "长" * 40_000 + "\n", encoding="utf-8")
    elif name == "config-billion-laughs.yaml":
        shutil.copy(CORPUS / "billion-laughs.yaml", folder / "dossier.config.yaml")
        path.write_text(BASE, encoding="utf-8")
    elif name == "rule-pack-duplicate-key.yaml":
        (folder / "pack").mkdir()
        rule = "id: ACME-001\nid: ACME-002\n"
        (folder / "pack" / "ACME-001.yaml").write_text(rule, encoding="utf-8")
        path.write_text(BASE, encoding="utf-8")
    elif name.endswith("-matrix.yaml"):
        bad = "立题依据" * 30 if name.startswith("long") else '"立题依据: why"'
        matrix = MATRIX.replace("name_zh: 立题依据", f"name_zh: {bad}", 1)
        (folder / "matrix.yaml").write_text(matrix, encoding="utf-8")
        path.write_text(BASE, encoding="utf-8")
    return path


def _case_file(name: str, spec: dict[str, Any], folder: Path) -> Path:
    if spec.get("generated"):
        return _generated(name, folder)
    return Path(shutil.copy(CORPUS / name, folder / name))


def _at(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = getattr(data, part) if not part.isdigit() else data[int(part)]
    return data


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.glob("*.yaml")}
    listed = {name for name, spec in EXPECTED.items() if not spec.get("generated")}
    assert files == listed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_case(tmp_path: Path, name: str) -> None:
    spec = EXPECTED[name]
    path = _case_file(name, spec, tmp_path)
    extra = ["--matrix", str(tmp_path / "matrix.yaml")] if spec.get("matrix") else []
    extra += ["--rules", str(tmp_path / "pack")] if spec.get("rules") else []
    before = tree(tmp_path)
    outcome = run_check(path, *extra)
    assert outcome.exception is None, repr(outcome.exception)
    assert "Traceback" not in outcome.output
    assert outcome.exit_code == spec["exit"], outcome.output
    assert tree(tmp_path) == before
    if "message" in spec:
        assert spec["message"] in outcome.output, outcome.output
    if "line" in spec:
        assert f"{path}:{spec['line']}:" in outcome.output, outcome.output
    if "field" in spec:
        assert f": {spec['field']}\n" in outcome.output, outcome.output
    if "value" in spec:
        model = load_located(path, Dossier).model
        assert _at(model, spec["value"]["field"]) == spec["value"]["equals"]


def test_billion_laughs_is_refused_while_composing() -> None:
    """Refused before any value exists: the error comes from reading, not from validation."""
    with pytest.raises(InputError) as info:
        read_yaml(CORPUS / "billion-laughs.yaml")
    assert "expands" in info.value.problems[0].message_en
