"""The labelled evaluation set for the question-wording checks: schema, ids, counts, recorded split."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
import yaml

EVAL = Path(__file__).resolve().parent / "eval"
PARTS = ("dev", "heldout")
WEAK_CLASSES = {
    "open-ask-after-lead-in",
    "whole-object",
    "agency-expectation",
    "compound",
    "vague-feasibility",
}
HARD_KINDS = {"internal-list", "back-reference", "reason-follow-up", "long-lead-in", "one-element-pair"}
REQUIRED = {"id", "lang", "label", "class", "text", "note"}
OPTIONAL = {"stage", "discipline", "ambiguous", "hard"}
STAGES = {"pre-ind", "pre-pivotal", "pre-nda"}


def _load(part: str) -> list[dict]:
    data = yaml.safe_load((EVAL / f"{part}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{part}.yaml must be a YAML list"
    return data


@pytest.fixture(scope="module")
def parts() -> dict[str, list[dict]]:
    return {part: _load(part) for part in PARTS}


@pytest.fixture(scope="module")
def entries(parts) -> list[dict]:
    return [e for part in parts.values() for e in part]


def test_schema(entries):
    for e in entries:
        assert isinstance(e, dict)
        keys = set(e)
        assert REQUIRED <= keys, (e.get("id"), REQUIRED - keys)
        assert keys <= REQUIRED | OPTIONAL, (e["id"], keys - REQUIRED - OPTIONAL)
        assert isinstance(e["id"], str) and e["id"].startswith("E"), e["id"]
        assert e["lang"] in {"zh", "en"}, e["id"]
        assert e["label"] in {"weak", "good"}, e["id"]
        assert e["class"] in WEAK_CLASSES | {"good"}, e["id"]
        assert isinstance(e["text"], str) and e["text"].strip(), e["id"]
        assert isinstance(e["note"], str) and e["note"].strip(), e["id"]
        assert e.get("stage", "pre-ind") in STAGES, e["id"]
        assert isinstance(e.get("ambiguous", False), bool), e["id"]
        if "hard" in e:
            assert e["label"] == "good" and e["hard"] in HARD_KINDS, e["id"]


def test_ids_and_texts_unique(entries):
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    texts = [e["text"].strip() for e in entries]
    assert len(texts) == len(set(texts)), [t for t, n in Counter(texts).items() if n > 1]


def test_class_matches_label(entries):
    for e in entries:
        assert (e["label"] == "good") == (e["class"] == "good"), e["id"]


def test_language_matches_text(entries):
    for e in entries:
        has_han = any("\u4e00" <= ch <= "\u9fff" for ch in e["text"])
        assert has_han == (e["lang"] == "zh"), e["id"]


def test_minimum_counts(entries):
    scored = [e for e in entries if not e.get("ambiguous", False)]
    labels = Counter(e["label"] for e in scored)
    classes = Counter(e["class"] for e in scored)
    assert len(scored) >= 200
    assert labels["weak"] >= 90 and labels["good"] >= 90, labels
    for cls in WEAK_CLASSES:
        assert classes[cls] >= 15, (cls, classes[cls])
    hard = sum(1 for e in scored if e["label"] == "good" and e.get("hard"))
    assert hard >= 0.4 * labels["good"], (hard, labels["good"])


def test_every_part_covers_every_class_and_language(parts):
    for name, part in parts.items():
        seen = Counter((e["class"], e["lang"]) for e in part if not e.get("ambiguous", False))
        for cls in WEAK_CLASSES | {"good"}:
            for lang in ("zh", "en"):
                assert seen[(cls, lang)] >= 3, (name, cls, lang)


def test_split_reproduces_from_recorded_seed(parts):
    spec = importlib.util.spec_from_file_location("eval_split", EVAL / "split.py")
    split = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(split)
    everything = [e for part in parts.values() for e in part]
    expected = split.assign_parts(everything, split.SEED)
    moved = [e["id"] for name, part in parts.items() for e in part if expected[e["id"]] != name]
    assert not moved, f"entries outside the part the seed assigns them to: {moved}"
