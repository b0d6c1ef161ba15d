"""The model's limits sit exactly where the writers' are: at the limit it builds, past it check refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, minimal, write_yaml

from dossier.errors import InputError
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules
from dossier.text import CORE_PROPERTY, EXCEL_CELL, FILE_NAME_BYTES

RULES = load_rules()
MATRIX = (ROOT / "checklists" / "cde-cgt-2023" / "matrix.yaml").read_text(encoding="utf-8")


def _project(tmp_path: Path, *, name_en: str = "Test", material: str = "立题依据", text: str = "问题？"):
    data = minimal()
    data["product"]["name"] = {"zh": "测试产品注射液", "en": name_en}
    data["product"]["applicant"] = name_en
    data["questions"] = [{"text": text}]
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text(MATRIX.replace("name_zh: 立题依据", f"name_zh: {material}", 1), encoding="utf-8")
    return open_project(write_yaml(tmp_path / "p.yaml", data), matrix=matrix)


def test_at_every_limit_the_package_builds(tmp_path: Path) -> None:
    material = "据" * (FILE_NAME_BYTES // 3)  # 3 bytes each in UTF-8
    project = _project(tmp_path, name_en="N" * CORE_PROPERTY, material=material, text="问" * EXCEL_CELL)
    files = build_package(project, RULES, BuildOptions()).files
    assert any(material in name for name in files)
    assert all(len(Path(name).name.encode("utf-8")) <= 255 for name in files)


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"name_en": "N" * (CORE_PROPERTY + 1)}, ["product.name.en", "product.applicant"]),
        ({"material": "据" * (FILE_NAME_BYTES // 3 + 1)}, ["materials[0].name_zh"]),
        ({"material": "a<b"}, ["materials[0].name_zh"]),
        ({"text": "问" * (EXCEL_CELL + 1)}, ["questions[0].text"]),
        ({"text": " \t "}, ["questions[0].text"]),
    ],
    ids=["core-property", "file-name-bytes", "file-name-chars", "excel-cell", "blank"],
)
def test_past_a_limit_check_refuses_with_the_field(tmp_path: Path, kwargs: dict, fields: list[str]) -> None:
    with pytest.raises(InputError) as info:
        _project(tmp_path, **kwargs)
    assert [p.field for p in info.value.problems] == fields
    assert all(p.line is not None for p in info.value.problems)


def test_text_is_stripped(tmp_path: Path) -> None:
    project = _project(tmp_path, name_en="  Test product  ", text="  问题？\n")
    assert project.dossier.product.name_en == "Test product"
    assert project.dossier.questions[0].text == "问题？"
