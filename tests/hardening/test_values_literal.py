"""Values never change document structure: every product-file value reaches Word as literal text."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import docx
import pytest
from conftest import minimal, write_yaml

from dossier import markup, templates
from dossier.package import BuildOptions, build_package
from dossier.project import open_project
from dossier.rules import load_rules

RULES = load_rules()

HOSTILE = (
    "起\r\n回车换行\r回车\n---\n***\n___\n# heading\n## 二级\n1. item\n- item\n* star\n+ plus\n"
    "> quote\n|a|b|\n| --- | --- |\n    indented code\n```\nfence\n```\n<b>html</b> <!-- c -->"
    " &gt; &amp; &#39; C:\\path\\n \\* wzxhzdk:0 ⟦not a placeholder⟧ ⏎ [TOC] **bold** _it_ [l](http://x)"
)
EXPECTED = HOSTILE.replace("\r\n", "\n").replace("\r", "\n")


def hostile_product(tmp_path: Path, value: str) -> Path:
    data = minimal()
    data["meeting"]["purpose"] = value
    data["product"]["development_strategy"] = value
    data["questions"] = [
        {
            "text": "申请人拟定的起始剂量 0.5×10^6/kg 是否合理？" + value,
            "discipline": "临床",
            "background": value,
            "purpose": value,
            "position": value,
            "basis": value,
        }
    ]
    return write_yaml(tmp_path / f"p{len(value)}.yaml", data)


def documents(path: Path, lang: str) -> dict[str, docx.document.Document]:
    files = build_package(open_project(path), RULES, BuildOptions(lang=lang)).files
    return {
        name: docx.Document(io.BytesIO(data))
        for name, data in files.items()
        if name.endswith(".docx") and not name.startswith("internal/") and not name.startswith("03_")
    }


def paragraphs(doc) -> list:
    out = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
    return out


def shape(doc) -> tuple:
    """The structure of a document: paragraph styles, tables and their sizes, page breaks."""
    body = doc.element.body
    page_breaks = len(body.xpath('.//w:br[@w:type="page"]'))
    tables = [(len(t.rows), len(t.columns)) for t in doc.tables]
    return (tuple(p.style.name for p in doc.paragraphs), tuple(tables), page_breaks)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_value_is_literal_text_in_its_paragraph(tmp_path: Path, lang: str) -> None:
    hostile = documents(hostile_product(tmp_path, HOSTILE), lang)
    plain = documents(hostile_product(tmp_path, "平实文字"), lang)
    found = 0
    for name, doc in hostile.items():
        assert shape(doc) == shape(plain[name]), name
        texts = [p.text for p in paragraphs(doc)]
        found += sum(EXPECTED in t for t in texts)
        joined = "\n".join(texts)
        assert joined.count("wzxhzdk") == joined.count(EXPECTED)  # no stash placeholder leaks
    assert found >= 5  # purpose, strategy, background, position, basis at least


def test_line_breaks_are_breaks_in_the_same_paragraph(tmp_path: Path) -> None:
    docs = documents(hostile_product(tmp_path, "第一行\r\n第二行\r第三行\n第四行"), "zh")
    one_line = documents(hostile_product(tmp_path, "第一行"), "zh")
    held = [p for d in docs.values() for p in paragraphs(d) if "第一行\n第二行\n第三行\n第四行" in p.text]
    assert len(held) >= 5
    for paragraph in held:
        assert len(paragraph._p.xpath(".//w:br")) >= 3
    for name, doc in docs.items():
        assert shape(doc) == shape(one_line[name]), name


ALPHABET = [*"#*_-+=>|`~[]()!<>&;\\/.:{}%⟦⟧⏎ \t\r\nab1中文", "&gt;", "&amp;", "wzxhzdk:0", "---", "1. "]
SHAPES = {  # template line around the value -> (block kind, the runs holding the value, text before it)
    "{v}": ("paragraph", lambda b: b.runs, ""),
    "## 标题 {v}": ("heading", lambda b: b.runs, "标题 "),
    "| a | b |\n| --- | --- |\n| {v} | x |": ("table", lambda b: b.rows[1][0], ""),
    "- 项 {v}": ("bullets", lambda b: b.items[0], "项 "),
}


def test_any_text_survives_the_markdown_round_trip() -> None:
    """Seeded random values of Markdown-special characters: one block, and exactly the text back."""
    rng = random.Random(20261129)
    for _ in range(400):
        value = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))
        expected = re.sub("\r\n|\r", "\n", value)
        for shape, (kind, runs_of, before) in SHAPES.items():
            blocks = markup.parse(shape.format(v=templates.literal(value)) + "\n")
            assert [b.kind for b in blocks] == [kind], (shape, value)
            text = "".join("\n" if r.line_break else r.text for r in runs_of(blocks[0]))
            assert text == before + expected, (shape, value)
