"""Abbreviations: the glossary file and the terms a text uses, matched as whole tokens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLES

from dossier.errors import InputError
from dossier.glossary import Glossary, Term, load_glossary, used_terms

GLOSSARY = load_glossary()
TERMS = GLOSSARY.terms

REQUIRED = (
    "CAR-T TCR-T NK DC CIK TIL MSC HSC iPSC AAV LVV DLT MTD RP2D CRS ICANS GvHD HLA LTFU RCL RCR VCN "
    "ORR CR PFS OS DOR IRC SAP RMP SAE TEAE PK PD FIH CMC GMP GCP IND NDA BLA CDE NMPA FDA EMA SRA ICH "
    "CRISPR Cas9 TALEN ZFN LNP mRNA ULN NAb vg IIT ITT FAS PPS SS CI LBCL DLBCL B-ALL MM SCD TDT KOA"
).split()


def test_the_glossary_covers_what_cgt_packages_use():
    missing = sorted(set(REQUIRED) - {t.abbr for t in TERMS})
    assert not missing


CASES = [
    # text, lang, abbreviations found (sorted as used_terms sorts them)
    ("本品 CAR-T 的 CRS 发生率", "zh", ["CAR-T", "CRS"]),
    ("CAR-T细胞", "zh", ["CAR-T"]),
    ("CR率与CRS", "zh", ["CR", "CRS"]),
    ("CRS发生率", "zh", ["CRS"]),  # CR is not inside CRS
    ("ORR-IRC", "zh", ["IRC", "ORR"]),
    ("主要终点为 ORR（IRC 评估）", "zh", ["IRC", "ORR"]),
    ("r/r B-ALL", "en", ["B-ALL", "r/r"]),  # B-ALL, not ALL
    ("成人 ALL 患者", "zh", ["ALL"]),
    ("TCR-T细胞", "zh", ["TCR-T"]),
    ("CRISPR/Cas9 编辑", "zh", ["Cas9", "CRISPR"]),
    ("mRNA-LNP", "en", ["LNP", "mRNA"]),
    ("AAV8 载体", "zh", ["AAV"]),
    ("AAV2/8 and AAVrh10", "en", ["AAV"]),
    ("PD-1 抑制剂", "zh", []),  # PD-1 is not pharmacodynamics
    ("PK/PD 研究", "zh", ["PD", "PK"]),
    ("SAEs and DLTs", "en", ["DLT", "SAE"]),
    ("SAEs", "zh", []),  # the plural s is English only
    ("CRs", "en", ["CR"]),
    ("CRi", "en", ["CRi"]),
    ("discard ORRS ICANSX xCRS", "en", []),
    ("GVHD and CAR T", "en", ["CAR-T", "GvHD"]),
    ("nk cells, ind", "en", []),  # case matters
    ("1.5×10^13 vg/kg", "en", ["vg"]),
    ("", "zh", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_used_terms(text, lang, expected):
    assert [t.abbr for t in used_terms([text], lang)] == expected


@pytest.mark.parametrize("term", TERMS, ids=[t.abbr for t in TERMS])
def test_each_term_is_found_as_a_token_and_not_inside_a_word(term: Term):
    for spelling in (term.abbr, *term.synonyms):
        assert term in GLOSSARY.find(f"本品{spelling}的"), spelling
        assert term in GLOSSARY.find(f"see {spelling}.", "en"), spelling
        assert term not in GLOSSARY.find(f"Q{spelling}Q"), spelling
        assert term not in GLOSSARY.find(f"9{spelling}9"), spelling


def test_terms_from_many_texts_are_merged_and_sorted_alphabetically():
    texts = ["DLT 定义", None, "ORR 与 CRS", "CAR-T", "B-ALL", "DLT"]
    assert [t.abbr for t in used_terms(texts, "zh")] == ["B-ALL", "CAR-T", "CRS", "DLT", "ORR"]


def test_row_and_headers():
    (term,) = used_terms(["ORR"], "en")
    assert term.row("zh") == ("ORR", "objective response rate", "客观缓解率")
    assert term.row("en") == term.row("zh")
    assert Glossary.headers("zh") == ("缩略语", "英文全称", "中文全称")
    assert Glossary.headers("en") == ("Abbreviation", "Full name", "Chinese name")


def test_every_term_has_both_names():
    cjk = re.compile(r"[\u3400-\u9fff]")
    for term in TERMS:
        assert cjk.search(term.name_zh), term.abbr
        assert not cjk.search(term.full_en), term.abbr


def test_the_glossary_is_loaded_and_compiled_once():
    assert load_glossary() is GLOSSARY


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_samples_use_terms_the_glossary_explains(sample: Path):
    values = [q.get(k) for q in _questions(sample) for k in ("text", "background", "basis")]
    texts = [v.get("zh") if isinstance(v, dict) else v for v in values]  # a field may be {zh, en}
    assert used_terms(texts, "zh"), "a sample's questions use no glossary term"


def _questions(sample: Path) -> list[dict]:
    return yaml.safe_load(sample.read_text(encoding="utf-8")).get("questions", [])


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("terms:\n  - {abbr: CR, full_en: complete response, name_zh: 完全缓解, colour: red}\n", "colour"),
        (
            "terms:\n  - {abbr: CR, full_en: complete response, name_zh: 完全缓解}\n"
            "  - {abbr: CR, full_en: complete remission, name_zh: 完全缓解}\n",
            "both",
        ),
        ("terms:\n  - {abbr: AAV, full_en: x, name_zh: 腺, patterns: ['AAV(\\d+)']}\n", "capturing"),
        ("terms:\n  - {abbr: AAV, full_en: x, name_zh: 腺, patterns: ['AAV[']}\n", "regular expression"),
    ],
    ids=["unknown-key", "duplicate", "capturing-group", "bad-regex"],
)
def test_an_invalid_glossary_is_a_located_error(tmp_path: Path, body: str, match: str):
    path = tmp_path / "glossary.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        load_glossary(path)


def test_the_alternation_is_tried_only_where_a_token_starts() -> None:
    from dossier.glossary import load_glossary

    assert "(?=[A-Za-z0-9])" in load_glossary()._regex.pattern  # every built-in term starts so
