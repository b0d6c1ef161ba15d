"""Text fields in two languages: what each package prints, the pending marker, the migration."""

from __future__ import annotations

import io
import json

import docx
import jsonschema
from conftest import minimal, run_cli, write_yaml

from dossier import docxkit
from dossier.bilingual import untranslated
from dossier.check import check_project
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules

RULES = load_rules()


def _briefing(path, lang: str):
    files = build_package(open_project(path), RULES, BuildOptions(lang=lang)).files
    name = next(n for n in files if n.startswith("02_"))
    return docx.Document(io.BytesIO(files[name]))


def _paragraph(doc, start: str):
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def _product(tmp_path, **purpose):
    data = minimal()
    data["meeting"]["purpose"] = purpose.get("purpose", "讨论首次临床试验申请前的关键问题")
    return write_yaml(tmp_path / "p.yaml", data)


def test_each_package_prints_its_language(tmp_path) -> None:
    path = _product(tmp_path, purpose={"zh": "讨论关键问题", "en": "To discuss the key issues"})
    zh, en = _briefing(path, "zh"), _briefing(path, "en")
    assert any(p.text == "讨论关键问题" for p in zh.paragraphs)
    assert any(p.text == "To discuss the key issues" for p in en.paragraphs)
    assert not any("translation pending" in p.text for p in en.paragraphs if "key issues" in p.text)


def test_chinese_only_text_is_marked_in_the_english_package(tmp_path) -> None:
    doc = _briefing(_product(tmp_path), "en")
    paragraph = _paragraph(doc, "讨论首次临床试验申请前的关键问题")
    assert paragraph.text.endswith("[translation pending]")
    marker = next(r for r in paragraph.runs if "translation pending" in r.text)
    assert docxkit.is_highlighted(marker)


def test_english_only_text_is_marked_in_the_chinese_package(tmp_path) -> None:
    doc = _briefing(_product(tmp_path, purpose={"en": "To discuss the key issues"}), "zh")
    assert _paragraph(doc, "To discuss the key issues").text.endswith("【待翻译】")


def test_text_without_chinese_counts_for_both_languages(tmp_path) -> None:
    doc = _briefing(_product(tmp_path, purpose="Discuss the DLT definition"), "en")
    assert _paragraph(doc, "Discuss the DLT definition").text == "Discuss the DLT definition"


def test_check_for_an_english_package_lists_untranslated_fields(tmp_path) -> None:
    project = open_project(_product(tmp_path))
    assert "meeting.purpose" in untranslated(project.dossier)
    zh = [f for f in check_project(project, RULES, "zh") if f.rule_id == "LNG-001"]
    en = [f for f in check_project(project, RULES, "en") if f.rule_id == "LNG-001"]
    assert not zh and any(f.location == "meeting.purpose" for f in en)
    assert "product.name" not in untranslated(project.dossier)  # given in both languages


def test_each_language_is_validated_as_the_field_is(tmp_path) -> None:
    data = minimal()
    data["product"]["name"] = {"zh": "测试", "en": "N" * 300}
    result = run_cli("check", str(write_yaml(tmp_path / "p.yaml", data)))
    assert result.returncode == 2 and "product.name.en" in result.stderr


def test_separate_name_fields_are_read_with_a_warning(tmp_path) -> None:
    data = minimal()
    data["product"].pop("name")
    data["product"]["name_zh"], data["product"]["name_en"] = "旧写法产品", "Old-style product"
    path = write_yaml(tmp_path / "p.yaml", data)
    project = open_project(path)
    assert project.dossier.product.name_zh == "旧写法产品"
    assert project.dossier.product.name_en == "Old-style product"
    assert any("name_zh / name_en" in en for _, en in project.warnings)
    result = run_cli("check", str(path))
    assert result.returncode in (0, 1) and "name: {zh" in result.stderr


def test_schema_accepts_both_forms(tmp_path) -> None:
    schema = json.loads(run_cli("schema").stdout)
    data = minimal()
    data["meeting"]["purpose"] = {"zh": "目的", "en": "Purpose"}
    jsonschema.validate(data, schema)
    data["meeting"]["purpose"] = {"fr": "but"}
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("a mapping with other keys must not validate")
