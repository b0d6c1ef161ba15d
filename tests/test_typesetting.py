"""Typesetting and document properties, read back from the built documents."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache

import docx
from conftest import SAMPLES
from docx.oxml.ns import qn

from dossier import __version__, markup, render
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules

CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def files(prefix: str, lang: str = "zh") -> dict[str, bytes]:
    path = next(p for p in SAMPLES if p.name.startswith(prefix))
    return build_package(open_project(path), load_rules(), BuildOptions(lang=lang)).files


def docs(prefix: str, lang: str = "zh"):
    return {
        name: docx.Document(io.BytesIO(data))
        for name, data in files(prefix, lang).items()
        if name.endswith(".docx")
    }


def test_properties_name_dossier_the_applicant_and_the_language() -> None:
    for lang, code in (("zh", "zh-CN"), ("en", "en-US")):
        for name, data in files("allo-car-t", lang).items():
            if not name.endswith(".docx"):
                continue
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                app = archive.read("docProps/app.xml").decode()
                core = archive.read("docProps/core.xml").decode()
                settings = archive.read("word/settings.xml").decode()
                names = archive.namelist()
            assert "<Application>dossier</Application>" in app and "Microsoft" not in app
            assert "Normal.dotm" not in app and "<AppVersion>" in app
            assert f"<dc:language>{code}</dc:language>" in core
            assert "ja-JP" not in settings and "ja-JP" not in core
            assert "updateFields" not in settings
            assert not any(n.endswith(("stylesWithEffects.xml", "thumbnail.jpeg")) for n in names)
    assert __version__


def test_header_shows_product_code_title_and_version_date_footer_page_x_of_y() -> None:
    doc = docs("car-t-cd19")["02_沟通交流会议资料.docx"]
    header = [p.text for p in doc.sections[0].header.paragraphs]
    assert header[0] == "靶向CD19自体嵌合抗原受体T细胞注射液（HX-019）\t保密"
    assert header[1] == "沟通交流会议资料\t版本日期：2026年11月20日"
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("第 ") and "共" in footer.text and "NUMPAGES" in footer._p.xml
    en = docs("car-t-cd19", "en")["02_Briefing_document.docx"]
    assert en.sections[0].header.paragraphs[1].text.endswith("Version date: 20 November 2026")
    assert en.sections[0].footer.paragraphs[0].text.startswith("Page ")


def test_lists_hang_and_titles_keep_together() -> None:
    doc = docs("car-t-cd19")["02_沟通交流会议资料.docx"]
    for name in ("List Bullet", "List Number"):
        ind = doc.styles[name].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:hanging")) == ind.get(qn("w:left")) != "0"
        assert ind.get(qn("w:firstLineChars")) is None
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert doc.styles[name].paragraph_format.keep_together
    page = render.Page("产品", "标题", "申请人", "zh", dt.date(2026, 1, 1))
    numbered = render.build_document(markup.parse("1. 第一项较长的文字\n2. 第二项\n"), page).paragraphs
    assert [p.text for p in numbered] == ["（1）第一项较长的文字", "（2）第二项"]
    for paragraph in numbered:
        ind = paragraph._p.pPr.find(qn("w:ind"))
        assert ind is not None and ind.get(qn("w:hanging")) == ind.get(qn("w:left"))


def test_no_italic_cjk_and_placeholders_highlighted_upright() -> None:
    for doc in docs("allo-car-t").values():
        for paragraph in doc.paragraphs:
            for run in paragraph.runs:
                if run.italic:
                    assert not CJK.search(run.text), run.text
                if run.text.startswith("【请填写"):
                    assert run.font.highlight_color is not None and not run.italic


def test_table_columns_hold_short_cjk_cells_on_one_line() -> None:
    doc = docs("car-t-cd19")["02_沟通交流会议资料.docx"]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "姓名")
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    # 10.5 pt CJK characters are 210 twips wide; cell margins take about 230
    role = [r.cells[1].text for r in table.rows] + [r.cells[2].text for r in table.rows]
    longest = max(len(t) for t in role if len(t) <= 9)
    assert min(widths[1], widths[2]) >= longest * 210 + 200
    assert abs(sum(widths) - 8300) < 10  # the text width


def test_no_trailing_empty_paragraph_or_page_break() -> None:
    for name, doc in docs("allo-car-t").items():
        body = [c for c in doc.element.body if c.tag != qn("w:sectPr")]
        last = body[-1]
        if last.tag == qn("w:p"):
            assert "w:br" not in last.xml or 'w:type="page"' not in last.xml, name
            if not "".join(last.itertext()).strip():  # only after a final table, and tiny
                assert body[-2].tag == qn("w:tbl") and 'w:lineRule="exact"' in last.xml, name


def test_pdf_without_libreoffice_is_exit_2(tmp_path) -> None:
    from conftest import run_cli

    out = tmp_path / "pkg"
    result = run_cli("build", str(SAMPLES[0]), "-o", str(out), "--pdf", "--soffice", str(tmp_path / "none"))
    assert result.returncode == 2 and "LibreOffice" in result.stderr
    assert not out.exists()  # refused before anything is written


def test_a_long_title_wraps_at_a_bracket_or_wide_space_not_inside_a_word() -> None:
    page = render.Page("产品", "标题", "申请人", "zh", dt.date(2026, 1, 1))
    text = "##### 通用型抗CD19/CD20双靶点嵌合抗原受体T细胞注射液\u3000关键/确证性临床试验启动前沟通交流\n"
    doc = render.build_document(markup.parse(text), page)
    subtitle = doc.paragraphs[0]
    assert (
        subtitle.text == "通用型抗CD19/CD20双靶点嵌合抗原受体T细胞注射液\n关键/确证性临床试验启动前沟通交流"
    )
    short = render.build_document(markup.parse("##### 短标题（一）\n"), page).paragraphs[0]
    assert short.text == "短标题（一）"
