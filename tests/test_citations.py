"""Citations by title: the citation table, Citation.text, and no seed file name in any output."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import SAMPLES, run_cli, write_yaml

from dossier import ruledocs, views
from dossier.check import check_project
from dossier.checklist import checklist_bytes
from dossier.citation import Citation, SourceTable, cite_seed_files, lookup, table_file
from dossier.considerations import ConsiderationsFile, default_file
from dossier.errors import InputError
from dossier.load import load
from dossier.model import Stage
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules
from dossier.selfassess import CITATION as SELF_CITATION

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
RULES = load_rules()
TABLE_IDS = {s.id for s in load(table_file(), SourceTable).sources}


def no_seed_file(text: str, where: str) -> None:
    found = SEED_FILE.search(text)
    assert found is None, f"{where} shows the seed file name {found.group(0)}"


# --- Citation.text -------------------------------------------------------------------------


def test_text_in_chinese_and_english() -> None:
    c = Citation(source="002_b2acee319bd1d3c3.txt", section="二（二）2.1")
    assert (
        c.text("zh")
        == "《细胞和基因治疗产品临床相关沟通交流技术指导原则》（国家药监局药审中心，2023年12月）二（二）2.1"
    )
    assert str(c) == c.text("zh")
    assert c.text("en") == (
        "Technical Guideline on Clinical Communication for Cell and Gene Therapy Products"
        " (CDE, NMPA, December 2023), section II(2) 2.1"
    )
    assert c.source_id == "002"


def test_document_number_year_only_date_and_annex_part() -> None:
    immune = Citation(source="001_ed8b7a56efc2cab7.txt", section="四（二）")
    assert immune.text("zh") == (
        "《免疫细胞治疗产品临床试验技术指导原则（试行）》（国家药监局药审中心，2021年2月，通告2021年第14号）四（二）"
    )
    assert "(CDE, NMPA, February 2021, Notice No. 14 of 2021), section IV(2)" in immune.text("en")
    stem = Citation(source="004_801ac1bb326df865.txt", section="四")
    assert "（国家药监局药审中心，2020年）四" in stem.text("zh") and "(CDE, NMPA, 2020)" in stem.text("en")
    form = Citation(
        source="药物研发与技术审评沟通交流管理办法（试行）附件：沟通交流会议申请表", section="建议的会议日期"
    )
    assert form.source_id == "cde-procedure-2018"
    assert form.text("zh") == (
        "《药物研发与技术审评沟通交流管理办法（试行）》（国家药品监督管理局，2018年9月）"
        "附件：沟通交流会议申请表 建议的会议日期"
    )
    assert form.text("en").endswith(
        "(NMPA, September 2018), annex: meeting application form, section 建议的会议日期"
    )


def test_the_id_cites_the_same_document_and_an_unknown_source_prints_as_given() -> None:
    assert Citation(source="002", section="六、附件").text("zh") == Citation(
        source="002_b2acee319bd1d3c3.txt", section="六、附件"
    ).text("zh")
    sop = Citation(source="ACME-SOP-012", section="5.2")
    assert sop.text("zh") == "ACME-SOP-012 5.2" and sop.text("en") == "ACME-SOP-012 5.2"
    assert sop.source_id == "ACME-SOP-012" and lookup("ACME-SOP-012") is None
    assert sop.to_json()["source"] == "ACME-SOP-012"


def test_self_assessment_cites_the_2024_reference() -> None:
    assert SELF_CITATION.source_id == "cde-application-reference-2024"
    assert SELF_CITATION.text("zh").startswith(
        "《药物研发与技术审评沟通交流会议申请资料参考》（国家药监局药审中心，2024年2月）"
    )


def test_json_keeps_the_stable_id_next_to_the_title() -> None:
    data = Citation(source="002_b2acee319bd1d3c3.txt", section="二（二）2.1").to_json()
    assert data["source"] == "002" and data["section"] == "二（二）2.1"
    assert data["title"] == "细胞和基因治疗产品临床相关沟通交流技术指导原则" and data["date"] == "2023-12"


def test_seed_file_names_in_template_text_are_cited_by_title() -> None:
    text = "*Source: 002_b2acee319bd1d3c3.txt 二（二）2.1 基本内容*"
    assert cite_seed_files(text, "en") == (
        "*Source: Technical Guideline on Clinical Communication for Cell and Gene Therapy Products"
        " (CDE, NMPA, December 2023), section 二（二）2.1 基本内容*"
    )
    assert cite_seed_files("依据：002_b2acee319bd1d3c3.txt 六、附件", "zh") == (
        "依据：《细胞和基因治疗产品临床相关沟通交流技术指导原则》（国家药监局药审中心，2023年12月）六、附件"
    )


# --- the table ------------------------------------------------------------------------------


def test_every_built_in_citation_is_in_the_table() -> None:
    citations = [r.citation for r in RULES.all_rules]
    citations += [c.citation for c in load(default_file(), ConsiderationsFile).considerations]
    matrix = open_project(SAMPLES[0]).matrix
    citations += [matrix.citation] + [s.citation for s in matrix.stages]
    citations.append(SELF_CITATION)
    unknown = {c.source for c in citations if c.source_id not in TABLE_IDS}
    assert not unknown


def test_unknown_keys_in_the_table_are_errors(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {
                    "id": "x",
                    "names": ["x.txt"],
                    "title": {"zh": "标题", "en": "Title"},
                    "issuer": {"zh": "机构", "en": "Body"},
                    "date": "2024-01",
                    "url": "https://example.org",
                }
            ]
        },
    )
    with pytest.raises(InputError):
        load(path, SourceTable)


# --- nothing a user reads shows a seed file name --------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_check_output_cites_by_title(path: Path) -> None:
    for lang in ("zh", "en"):
        table = run_cli("check", str(path), "--lang", lang)
        assert table.returncode in (0, 1), table.stderr
        no_seed_file(table.stdout, f"check --lang {lang} {path.name}")
    result = run_cli("check", str(path), "--format", "json")
    no_seed_file(result.stdout, f"check --format json {path.name}")
    findings = json.loads(result.stdout)["findings"]
    assert findings and all(f["citation"]["source"] in TABLE_IDS for f in findings)
    assert all(f["citation"]["title"] and f["citation"]["section"] for f in findings)


def test_rules_explain_list_matrix_and_requirements_cite_by_title() -> None:
    for lang in ("zh", "en"):
        for rule in RULES.all_rules:
            no_seed_file(ruledocs.explain(rule, lang), f"rules explain {rule.id} --lang {lang}")
        no_seed_file(ruledocs.listing(RULES, "json", lang), "rules list --format json")
        project = open_project(SAMPLES[0])
        stages = list(Stage)
        for text in (
            views.matrix_table(project.matrix, stages, lang),
            views.matrix_markdown(project.matrix, stages, lang),
            views.matrix_json(project.matrix, stages),
            views.requirements_table(project, lang),
            views.requirements_json(project),
        ):
            no_seed_file(text, "matrix / requirements view")
    no_seed_file(run_cli("rules", "explain", "QUE-001").stdout, "rules explain QUE-001")


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    parts += [document.core_properties.title or "", document.core_properties.subject or ""]
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(cell.value) for ws in workbook.worksheets for row in ws.iter_rows() for cell in row if cell.value
    )


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_built_package_cites_by_title(path: Path, lang: str) -> None:
    files = build_package(open_project(path), RULES, BuildOptions(lang=lang)).files
    for name, data in files.items():
        if name.endswith(".docx"):
            no_seed_file(docx_text(data), name)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:  # every part, fields and all
                for part in archive.namelist():
                    no_seed_file(archive.read(part).decode("utf-8", "replace"), f"{name}:{part}")
        elif name.endswith(".xlsx"):
            no_seed_file(xlsx_text(data), name)
        else:
            no_seed_file(data.decode("utf-8"), name)
    briefing = next(data for name, data in files.items() if "02_" in name)
    assert (
        "《细胞和基因治疗产品临床相关沟通交流技术指导原则》" if lang == "zh" else "(CDE, NMPA, December 2023)"
    ) in (docx_text(briefing))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_checklist_cites_by_title(path: Path, lang: str) -> None:
    project = open_project(path)
    text = xlsx_text(checklist_bytes(project, RULES, check_project(project, RULES), lang))
    no_seed_file(text, f"checklist {path.name}")
    assert ("国家药监局药审中心" if lang == "zh" else "CDE, NMPA") in text
