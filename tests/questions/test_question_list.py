"""`dossier questions` on a plain list of questions: .txt, .md, .docx; untrusted input is refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
from conftest import run_cli

from dossier.questions.sources import read_questions, strip_marker

WEAK = "临床试验方案是否可行？"
GOOD = "请问药审中心是否同意将DLT观察期设定为回输后28天？"


def test_markdown_paragraphs_with_markers(tmp_path: Path) -> None:
    path = tmp_path / "q.md"
    path.write_text(
        f"# 问题清单\n\n1. {WEAK}\n\n（2）{GOOD}\n\n- Does the Agency agree\n  with the 28-day window?\n",
        "utf-8",
    )
    assert read_questions(path) == [WEAK, GOOD, "Does the Agency agree with the 28-day window?"]


def test_a_list_without_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text(f"1. {WEAK}\n2. {GOOD}\n3) Is the sample size\nadequate?\n", "utf-8")
    assert read_questions(path) == [WEAK, GOOD, "Is the sample size adequate?"]


def test_marker_keeps_a_leading_number() -> None:
    assert (
        strip_marker("1.0×10^6 cells/kg as the starting dose?") == "1.0×10^6 cells/kg as the starting dose?"
    )
    assert strip_marker("问题3：是否同意？") == "是否同意？"


def test_cli_txt_applies_only_wording_rules(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text(f"{WEAK}\n\n{GOOD}\n", "utf-8")
    result = run_cli("questions", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["scope"] == "wording" and "wording" in data["note_en"]
    assert {f["rule_id"] for f in data["findings"]} == {"QUE-001"}
    assert data["findings"][0]["suggestion_zh"]
    table = run_cli("questions", str(path), "--lang", "en").stdout
    assert table.startswith("Only the wording rules apply")
    assert "Suggested rewrite" in table


def test_cli_docx_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(GOOD)
    document.add_paragraph("")
    document.add_paragraph("Is the sample size adequate?")
    path = tmp_path / "q.docx"
    document.save(str(path))
    assert read_questions(path) == [GOOD, "Is the sample size adequate?"]
    data = json.loads(run_cli("questions", str(path), "--format", "json").stdout)
    assert [(f["rule_id"], f["question"]) for f in data["findings"]] == [("QUE-018", 2)]


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_bytes("第一个问题？\n\n".encode() + "第二个问题？".encode("gbk"))
    result = run_cli("questions", str(path))
    assert result.returncode == 2
    assert "q.txt:3:1" in result.stderr and "UTF-8" in result.stderr


def test_malformed_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.docx"
    path.write_text("not a zip", "utf-8")
    result = run_cli("questions", str(path))
    assert result.returncode == 2 and "not a zip" in result.stderr


def test_zip_bomb_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 30_000_000)
    result = run_cli("questions", str(path))
    assert result.returncode == 2 and "expands" in result.stderr


def test_too_large_and_empty_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1_000_001)
    assert run_cli("questions", str(big)).returncode == 2
    empty = tmp_path / "empty.md"
    empty.write_text("# only a heading\n", "utf-8")
    result = run_cli("questions", str(empty))
    assert result.returncode == 2 and "no question" in result.stderr
