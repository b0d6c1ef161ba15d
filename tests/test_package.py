"""The Word package: every document opened with python-docx and checked for what it must hold."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SAMPLES, minimal, run_cli, write_yaml

from dossier import docxkit
from dossier.errors import InputError
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules

RULES = load_rules()


def sample(name: str) -> Path:
    return next(p for p in SAMPLES if p.name.startswith(name))


@cache
def built(name: str, lang: str = "zh") -> dict[str, bytes]:
    return build_package(open_project(sample(name)), RULES, BuildOptions(lang=lang)).files


def document(files: dict[str, bytes], prefix: str):
    path = next(p for p in files if Path(p).name.startswith(prefix))
    return docx.Document(io.BytesIO(files[path]))


def text_of(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def table_rows(doc, first_header: str) -> list[list[str]]:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == first_header)
    return [[c.text for c in row.cells] for row in table.rows]


def test_package_holds_form_briefing_self_assessment_materials_and_review() -> None:
    files = built("car-t-cd19")
    names = list(files)
    assert names[:3] == ["01_沟通交流会议申请表.docx", "02_沟通交流会议资料.docx", "03_自评估报告.docx"]
    materials = [n for n in names if n[:2].isdigit()][3:]
    # pre-IND: seven '+' materials and the opted-in '±' summary; the '-' marketing plan is left out
    assert [n.split("_", 1)[1] for n in materials] == [
        "立题依据.docx",
        "临床综述.docx",
        "质量综述.docx",
        "非临床综述.docx",
        "临床研发计划.docx",
        "临床试验方案.docx",
        "风险管理计划.docx",
        "已完成临床试验的总结.docx",
    ]
    assert "internal/内部审核报告（不递交）.docx" in names
    assert "manifest.json" in names


def test_application_form_content() -> None:
    doc = document(built("allo-car-t"), "01_")
    text = text_of(doc)
    assert "II类会议" in text and "关键/确证性临床试验启动前沟通交流" in text and "面对面会议" in text
    for date in ("2027年2月3日", "2027年2月10日", "2027年2月17日"):
        assert date in text
    assert "2026年12月20日" in text  # materials date
    agenda = table_rows(doc, "序号")
    assert agenda[-1][1:3] == ["合计", "60"]
    attendees = next(
        [[c.text for c in row.cells] for row in t.rows] for t in doc.tables if len(t.columns) == 5
    )
    notes = {row[0]: row[4] for row in attendees[1:]}
    assert notes["黄蕾"] == "翻译"
    assert "（一）临床" in headings(doc) and "（二）统计" in headings(doc)
    # numbered after grouping by discipline: the file's first question (statistics) is 问题3
    question = "问题3：以 IRC 评估的 12 周 ORR 为主要终点、目标值 35%（预期 ORR 55%）的单臂设计，"
    assert any(h.startswith(question) and h.endswith("统计学假设是否合理？") for h in headings(doc))
    assert "申请人观点：" in text and "提问目的：" in text


def test_briefing_content() -> None:
    doc = document(built("allo-car-t"), "02_")
    text = text_of(doc)
    assert "CXSL2400123" in text and "启元细胞治疗（上海）有限公司" in text
    assert "一、基本情况" in headings(doc) and "七、本阶段提交的资料" in headings(doc)
    materials = {row[0]: row for row in table_rows(doc, "资料")[1:]}
    assert "提交简要内容" in materials["已完成临床试验的总结"][1]
    assert "+" not in materials["已完成临床试验的总结"][1]  # symbols spelled out
    assert materials["立题依据"][2] == "否"
    assert "支持性数据：" in text and "《已完成临床试验的总结》4.2" in text
    # product-type considerations of 002 二(三) for an allogeneic, gene-modified immune-cell product
    for title in ("研究人群的获益-风险", "基因修饰的安全性评估与监测", "异体产品的特殊考虑"):
        assert any(title in h for h in headings(doc)), title
    assert "靶点或外源基因的筛选方法学" not in text
    assert docxkit.is_highlighted(next(r for p in doc.paragraphs for r in p.runs if r.text.startswith("【")))


def test_briefing_toc_lists_the_headings_without_an_update_prompt() -> None:
    doc = document(built("car-t-cd19"), "02_")
    body = doc.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert "updateFields" not in doc.settings.element.xml  # Word opens it without asking
    toc = next(p for p in doc.paragraphs if "TOC" in p._p.xml)
    shown = toc.text
    for heading in ("一、基本情况", "五、拟讨论的问题", "（一）药理毒理", "十、附件列表"):
        assert heading in shown


def test_protocol_skeleton_pre_ind_filled_from_metadata() -> None:
    doc = document(built("car-t-cd19"), "09_")
    heads = headings(doc)
    for h in (
        "一、试验题目与版本",
        "二、研究目的",
        "三、试验设计",
        "四、试验人群",
        "五、给药设计",
        "七、样本量",
        "八、试验终点",
        "九、试验流程",
    ):
        assert h in heads, h
    text = text_of(doc)
    assert "28 天" in text and "14 天" in text and "15 年" in text and "15.0" not in text
    assert not any("关键/确证性临床试验的关键要素" in h for h in heads)


def test_protocol_pre_pivotal_adds_key_elements_and_revision_history() -> None:
    doc = document(built("allo-car-t"), "08_")
    heads = headings(doc)
    assert "修订历史和说明" in heads and "十三、关键/确证性临床试验的关键要素" in heads
    assert "（二）统计假设与目标值" in heads and "（四）伴发事件及处理策略" in heads
    history = table_rows(doc, "版本号")
    assert history[1][:3] == ["2.1", "2024年6月30日", "临床试验申请（IND）"]
    assert history[1][3] == "I 期方案第 2 次修订：增加扩展队列"
    assert history[-1][2] == "关键/确证性临床试验启动前沟通交流"


def test_brief_material_uses_brief_form() -> None:
    doc = document(built("allo-car-t"), "10_")  # completed-trials summary, '+△#'
    text = text_of(doc)
    assert "本资料按附件要求提交简要内容。" in text and "△" not in text
    assert "三、剂量-安全性及剂量-效应关系" not in headings(doc)


def test_pre_nda_summary_lists_consistency_points() -> None:
    doc = document(built("aav-hemophilia"), "11_")
    rows = table_rows(doc, "关注点")
    assert any("统计分析数据集划分" in r[0] for r in rows)


def test_self_assessment_four_points_answered() -> None:
    doc = document(built("oncolytic"), "03_")
    heads = headings(doc)
    assert len([h for h in heads if h[1] == "、"]) == 4
    text = text_of(doc)
    assert "评估结论：是" in text  # key stage
    assert "问题2：问题笼统" in text  # understanding of question 2 is lacking, in plain words
    assert "DLT 观察期应覆盖非临床研究中毒性反应的持续时间" in text  # data gap carried into point 3
    assert not re.search(r"\b[A-Z]{3}-\d{3}\b", text)  # a submitted document names no rule codes
    assert "clinical." not in text and "product." not in text  # nor fields of the product file


def test_review_report_is_internal_and_lists_findings() -> None:
    files = built("oncolytic")
    manifest = json.loads(files["manifest.json"])
    entries = {f["path"]: f for f in manifest["files"]}
    review = next(p for p in files if p.startswith("internal/"))
    assert entries[review]["submit"] is False
    doc = document(files, "内部审核报告")
    findings = " ".join(row[2] for t in doc.tables for row in ([c.text for c in r.cells] for r in t.rows))
    assert "PRO-004" in findings and "QUE-001" in findings
    heads = headings(doc)
    assert any(h.endswith("临床试验方案") for h in heads)  # grouped by document


def test_manifest_hashes_and_versions() -> None:
    files = built("msc-koa")
    manifest = json.loads(files["manifest.json"])
    assert manifest["tool"]["name"] == "dossier"
    assert manifest["matrix"] == {"id": "cde-cgt-2023-annex", "version": "2023.12-1"}
    assert manifest["rule_packs"] == {"cde-cgt-2023": "2023.12-1"}
    assert manifest["input"]["sha256"] == hashlib.sha256(sample("msc-koa").read_bytes()).hexdigest()
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]


def test_east_asian_fonts_on_styles_header_and_tables() -> None:
    doc = document(built("car-t-cd19"), "02_")
    styles = doc.styles
    assert docxkit.east_asia_font(styles["Normal"]) == "宋体"
    assert docxkit.east_asia_font(styles["Heading 1"]) == "黑体"
    assert docxkit.east_asia_font(styles["Title"]) == "黑体"
    assert docxkit.east_asia_font(styles["Header"]) == "宋体"
    assert docxkit.east_asia_font(styles["Table Text"]) == "宋体"
    assert styles["Normal"].font.name == "Times New Roman"
    cell = doc.tables[0].rows[1].cells[1].paragraphs[0]
    assert cell.style.name == "Table Text"
    header = doc.sections[0].header.paragraphs[0].text
    assert header.startswith("靶向CD19自体嵌合抗原受体T细胞注射液") and header.endswith("保密")
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_core_properties_come_from_the_input() -> None:
    doc = document(built("car-t-cd19"), "01_")
    props = doc.core_properties
    assert props.author == "华曦生物科技（苏州）有限公司"
    assert props.created.date().isoformat() == "2026-11-20"
    assert props.title == "沟通交流会议申请表"


def test_english_package() -> None:
    files = built("aav-hemophilia", "en")
    assert list(files)[:3] == [
        "01_Meeting_request_form.docx",
        "02_Briefing_document.docx",
        "03_Self-assessment.docx",
    ]
    doc = document(files, "02_")
    heads = headings(doc)
    assert "1. Basic information" in heads and "7. Materials submitted at this stage" in heads
    assert doc.sections[0].header.paragraphs[0].text.endswith("Confidential")
    assert "Marketing_application_plan_strategy" in " ".join(files)


def test_build_is_deterministic(tmp_path: Path) -> None:
    path = sample("hsc-bcl11a")
    one = build_package(open_project(path), RULES, BuildOptions()).files
    two = build_package(open_project(path), RULES, BuildOptions()).files
    assert one == two
    a, b = tmp_path / "a" / "pkg.zip", tmp_path / "b" / "pkg.zip"
    assert run_cli("build", str(path), "-o", str(a), "--zip").returncode == 0
    assert run_cli("build", str(path), "-o", str(b), "--zip").returncode == 0
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        assert "pkg/01_沟通交流会议申请表.docx" in archive.namelist()
        assert not any("internal/" in n or n.endswith("manifest.json") for n in archive.namelist())
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    path = sample("car-t-cd19")
    assert run_cli("build", str(path), "-o", str(out)).returncode == 0
    marker = out / "my-notes.txt"
    marker.write_text("work", encoding="utf-8")
    again = run_cli("build", str(path), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert marker.read_text(encoding="utf-8") == "work"
    forced = run_cli("build", str(path), "-o", str(out), "--force")
    assert forced.returncode == 0 and not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no temporary leftovers


def test_a_failing_build_leaves_nothing_behind(tmp_path: Path) -> None:
    company = tmp_path / "company" / "zh"
    company.mkdir(parents=True)
    (company / "briefing.md.j2").write_text("# 会议资料\n\n{{ nonsense_variable }}\n", encoding="utf-8")
    out = tmp_path / "out" / "pkg"
    result = run_cli(
        "build", str(sample("car-t-cd19")), "-o", str(out), "--templates", str(tmp_path / "company")
    )
    assert result.returncode == 2
    assert "briefing.md.j2:3" in result.stderr and "nonsense_variable" in result.stderr
    assert not out.exists()
    assert not any((tmp_path / "out").iterdir()) if (tmp_path / "out").exists() else True


def test_company_template_overrides_one_document_and_the_rest_fall_back(tmp_path: Path) -> None:
    company = tmp_path / "company" / "zh"
    company.mkdir(parents=True)
    (company / "briefing.md.j2").write_text(
        "# 公司版会议资料\n\n## 一、产品\n\n{{ product.name_zh }}（{{ stage.name }}）\n", encoding="utf-8"
    )
    files = build_package(
        open_project(sample("car-t-cd19")), RULES, BuildOptions(templates=tmp_path / "company")
    ).files
    briefing = document(files, "02_")
    assert briefing.paragraphs[0].text == "公司版会议资料"
    assert "靶向CD19自体嵌合抗原受体T细胞注射液（临床试验申请前）" in text_of(briefing)
    form = document(files, "01_")
    assert form.paragraphs[0].text == "沟通交流会议申请表"  # built-in


def build_with_template(tmp_path: Path, name: str, text: str):
    """Build a sample with one company template replaced by ``text``."""
    company = tmp_path / "company" / "zh"
    company.mkdir(parents=True)
    (company / name).write_text(text, encoding="utf-8")
    out, company_dir = str(tmp_path / "o"), str(tmp_path / "company")
    return run_cli("build", str(sample("car-t-cd19")), "-o", out, "--templates", company_dir)


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{{ product.__class__ }}", "may not"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "may not"),
        ("{{ meeting.stage.upper.__globals__ }}", "undefined"),
    ],
)
def test_sandbox_refuses_python_internals(tmp_path: Path, template: str, words: str) -> None:
    result = build_with_template(tmp_path, "self_assessment.md.j2", f"# 自评估\n\n{template}\n")
    assert result.returncode == 2, result.stdout
    assert "self_assessment.md.j2" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    result = build_with_template(tmp_path, "briefing.md.j2", "# 资料\n\n{% if %}\n")
    assert result.returncode == 2 and "briefing.md.j2:3" in result.stderr


def test_user_text_cannot_inject_markdown(tmp_path: Path) -> None:
    data = minimal()
    data["meeting"]["purpose"] = "# 不是标题 | 不是表格 **不是粗体**\n第二行"
    files = build_package(open_project(write_yaml(tmp_path / "p.yaml", data)), RULES, BuildOptions()).files
    doc = document(files, "02_")
    purpose = next(p for p in doc.paragraphs if "不是标题" in p.text)
    assert purpose.style.name == "Normal"
    assert purpose.text.startswith("# 不是标题 | 不是表格 **不是粗体**")
    assert "第二行" in purpose.text


def test_characters_xml_cannot_hold_are_refused_with_their_place(tmp_path: Path) -> None:
    data = minimal()
    data["product"]["name"]["zh"] = "测试\x07产品\x0b注射液"
    path = write_yaml(tmp_path / "p.yaml", data)
    with pytest.raises(InputError) as info:
        open_project(path)
    [problem] = info.value.problems
    line = next(
        i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "测试" in text
    )
    assert problem.field == "product.name.zh" and problem.line == line and "U+0007" in problem.message_en


def test_reference_doc_missing_styles_is_refused(tmp_path: Path) -> None:
    bare = docx.Document()
    styles = bare.styles
    styles["List Number"].delete()
    styles["Subtitle"].delete()
    path = tmp_path / "company.docx"
    bare.save(str(path))
    result = run_cli(
        "build", str(sample("car-t-cd19")), "-o", str(tmp_path / "o"), "--reference-doc", str(path)
    )
    assert result.returncode == 2
    assert "Subtitle" in result.stderr and "List Number" in result.stderr


def test_company_reference_doc_styles_are_used(tmp_path: Path) -> None:
    from dossier.housestyle import house_document

    company = house_document()
    docxkit.set_fonts(company.styles["Normal"], east_asia="楷体", latin="Georgia", size=11)
    path = tmp_path / "house.docx"
    company.save(str(path))
    files = build_package(open_project(sample("car-t-cd19")), RULES, BuildOptions(reference_doc=path)).files
    doc = document(files, "02_")
    assert docxkit.east_asia_font(doc.styles["Normal"]) == "楷体"
    assert doc.styles["Normal"].font.name == "Georgia"


def test_templates_export(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = run_cli("templates", "export", str(target))
    assert result.returncode == 0
    assert (target / "briefing.md.j2").is_file() and (target / "materials" / "rationale.md.j2").is_file()
    assert (target / "labels" / "zh.yaml").is_file() and (target / "labels" / "en.yaml").is_file()
    reference = docx.Document(str(target / "reference.docx"))
    assert docxkit.east_asia_font(reference.styles["Heading 1"]) == "黑体"
    assert run_cli("templates", "export", str(target)).returncode == 2


def test_every_sample_builds_in_both_languages() -> None:
    for path in SAMPLES:
        for lang in ("zh", "en"):
            files = build_package(open_project(path), RULES, BuildOptions(lang=lang)).files
            for name, data in files.items():
                if name.endswith(".docx"):
                    docx.Document(io.BytesIO(data))
    assert ROOT.is_dir()


def test_powers_of_ten_are_superscript() -> None:
    doc = document(built("car-t-cd19"), "01_")
    regimen = next(row.cells[1] for t in doc.tables for row in t.rows if row.cells[0].text == "给药方案")
    runs = regimen.paragraphs[0].runs
    assert [r.text for r in runs if r.font.superscript] == ["6"]
    assert "×10" in "".join(r.text for r in runs if not r.font.superscript)
