"""The question checks on a labelled set: >= 95% of weak questions caught, <= 5% of good ones."""

from __future__ import annotations

from questions.measure import measure


def test_labelled_set_is_large_and_bilingual() -> None:
    result = measure()
    c = result["counts"]
    assert result["total"] >= 40
    for label in ("vague", "compound", "good"):
        assert c[(label, "zh")] >= 5 and c[(label, "en")] >= 5, label


def test_recall_and_false_positives() -> None:
    result = measure()
    assert result["recall_vague"] >= 0.95, result["misses"]
    assert result["recall_compound"] >= 0.95, result["misses"]
    assert result["false_positive_good"] <= 0.05, result["misses"]
