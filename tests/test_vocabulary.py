"""Vocabularies: one format, one loader, a company pack extends ours, one regex per vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_yaml

from dossier.errors import InputError
from dossier.rules import load_rules
from dossier.rules.registry import default_pack
from dossier.vocabulary import load_vocabularies

ADVICE_EXTRA = {
    "id": "ask-kinds",
    "title": {"zh": "问句类型", "en": "Kinds of ask"},
    "terms": [
        {"id": "advice", "zh": ["烦请斧正"], "en": []},
        {"id": "house-style", "zh": ["敬请示下"], "en": ["kindly opine"], "tags": ["open"]},
    ],
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    (folder / "vocabularies").mkdir(parents=True, exist_ok=True)
    return folder


def _pack(tmp_path: Path, *files: dict) -> Path:
    folder = _folder(tmp_path)
    for spec in files:
        write_yaml(folder / "vocabularies" / f"{spec['id']}.yaml", spec)
    return folder


def test_builtin_vocabularies_load_and_resolve() -> None:
    vocabularies = load_vocabularies([default_pack()])
    assert {"generic", "design-heads", "ask-kinds", "ask-objects", "connectors", "anaphora"} <= set(
        vocabularies
    )
    assert vocabularies.resolve("ask-kinds", "请药审中心对DLT观察期给予建议。") == "advice"
    assert vocabularies.resolve("ask-kinds", "Does the Agency agree with the proposed dose?") == "agreement"
    assert vocabularies.resolve("ask-objects", "临床开发计划是否合理") == "programme"
    assert vocabularies.resolve("ask-kinds", "蛋白质") is None


def test_english_words_match_whole_words_with_plurals() -> None:
    heads = load_vocabularies([default_pack()])["design-heads"]
    assert heads.resolve("the dose levels") == "heads"
    assert heads.resolve("the doser") is None


def test_company_pack_extends_terms_and_synonyms(tmp_path: Path) -> None:
    folder = _pack(tmp_path, ADVICE_EXTRA)
    vocabularies = load_vocabularies([default_pack(), folder])
    asks = vocabularies["ask-kinds"]
    assert "烦请斧正" in asks.terms["advice"].zh and "给予建议" in asks.terms["advice"].zh
    assert asks.resolve("……敬请示下") == "house-style"
    ruleset = load_rules([folder])
    assert ruleset.vocabularies.resolve("ask-kinds", "请药审中心烦请斧正") == "advice"


def test_one_compiled_pattern_per_vocabulary() -> None:
    vocab = load_vocabularies([default_pack()])["generic"]
    pattern, owner = vocab._matchers
    assert pattern is vocab._matchers[0] and len(owner) > 300


def test_file_named_unlike_its_id_is_located(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    write_yaml(folder / "vocabularies" / "other.yaml", ADVICE_EXTRA)
    with pytest.raises(InputError) as info:
        load_rules([folder])
    assert info.value.problems[0].field == "id"


def test_legacy_vocabulary_file_gets_a_hint(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    write_yaml(folder / "vocabulary.yaml", {"vocabularies": {"generic": {"zh": ["某词"]}}})
    with pytest.raises(InputError) as info:
        load_rules([folder])
    assert "vocabularies/" in info.value.problems[0].message_en


def test_rule_naming_an_unknown_vocabulary_is_located(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rule = {
        "id": "ACME-001",
        "title": {"zh": "开放式问句", "en": "Open ask"},
        "topic": "question-formulation",
        "severity": "warning",
        "check": {"kind": "question-wording", "weakness": ["open-ask"], "asks": "nope"},
        "message": {"zh": "问题{question}", "en": "Question {question}"},
        "citation": {"source": "002_b2acee319bd1d3c3.txt", "section": "三（三）沟通交流的问题"},
    }
    write_yaml(folder / "ACME-001.yaml", rule)
    with pytest.raises(InputError) as info:
        load_rules([folder])
    assert info.value.problems[0].field == "check.asks"
