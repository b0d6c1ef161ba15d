"""Rule packs are untrusted: patterns compiled at load (RE2, linear time), messages validated."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from conftest import minimal, write_yaml
from typer.testing import CliRunner

from dossier import cli

RUNNER = CliRunner()


def rule(pattern: str = "^tbd$", message: str = "问题{question}：占位。") -> dict:
    return {
        "id": "ACME-001",
        "title": {"zh": "占位背景", "en": "Stand-in background"},
        "topic": "question-content",
        "severity": "error",
        "check": {"kind": "question-field", "field": "background", "patterns": [pattern]},
        "message": {"zh": message, "en": message.replace("问题", "Question ")},
        "citation": {"source": "002_b2acee319bd1d3c3.txt", "section": "三（三）"},
    }


def pack(tmp_path: Path, data: dict) -> Path:
    folder = tmp_path / "acme"
    folder.mkdir(exist_ok=True)
    (folder / "ACME-001.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def check(tmp_path: Path, rules: Path, background: str = "背景充分，数据见下。"):
    data = minimal()
    data["questions"] = [
        {"text": "起始剂量 0.5×10^6/kg 是否合理？", "discipline": "临床", "background": background}
    ]
    product = write_yaml(tmp_path / "p.yaml", data)
    return RUNNER.invoke(cli.app, ["check", str(product), "--rules", str(rules)])


@pytest.mark.parametrize(
    ("pattern", "words"),
    [("(unclosed", "missing )"), ("(?<=see)x", "invalid perl operator"), (r"(a)\1", "invalid escape")],
)
def test_a_bad_pattern_is_exit_2_with_rule_id_and_file(tmp_path: Path, pattern: str, words: str) -> None:
    result = check(tmp_path, pack(tmp_path, rule(pattern=pattern)))
    assert result.exit_code == 2, result.output
    assert "ACME-001" in result.output and "ACME-001.yaml" in result.output and words in result.output
    assert "Traceback" not in result.output and "E0000" not in result.output


def test_catastrophic_backtracking_cannot_hang_check(tmp_path: Path) -> None:
    started = time.monotonic()
    result = check(tmp_path, pack(tmp_path, rule(pattern="(a|aa)+$")), background="a" * 5000 + "b")
    assert result.exit_code in (0, 1), result.output
    assert time.monotonic() - started < 10  # Python's re takes hours on this; RE2 microseconds


def test_patterns_still_match_case_insensitively(tmp_path: Path) -> None:
    result = check(tmp_path, pack(tmp_path, rule(pattern="^tbd$")), background="TBD")
    assert result.exit_code == 1 and "ACME-001" in result.output


@pytest.mark.parametrize(
    "message",
    [
        "问题{question:d}：占位。",
        "问题{question!r}：占位。",
        "问题{question.__class__}：占位。",
        "问题{question[0]}：占位。",
        "问题{}：占位。",
        "问题{0}：占位。",
        "问题{count}：占位。",
        "问题{question：占位。",
        "问题}：占位。",
    ],
)
def test_message_placeholders_are_checked_at_load(tmp_path: Path, message: str) -> None:
    result = check(tmp_path, pack(tmp_path, rule(message=message)))
    assert result.exit_code == 2, result.output
    assert "ACME-001" in result.output and "message" in result.output
    assert "Traceback" not in result.output


def test_literal_braces_are_fine(tmp_path: Path) -> None:
    rules = pack(tmp_path, rule(message="问题{question}：占位 {{如此}}。"))
    result = check(tmp_path, rules, background="tbd")
    assert result.exit_code == 1 and "占位 {如此}" in result.output
