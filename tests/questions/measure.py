"""Measure the question-wording checks on the older labelled set; run directly to print the figures.

The evaluation that counts is ``tests/questions/evaluate.py`` (dev and held-out parts); this set is
the one the first checks were tuned on, kept as a regression set.

python tests/questions/measure.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dossier.model import Question  # noqa: E402
from dossier.rules import Context, evaluate, load_rules  # noqa: E402

LABELLED = Path(__file__).with_name("labelled.yaml")
# Each wording rule and the old label it answers: an open ask, a request for expectations and a
# yes/no without a proposal are all "vague" in this older set's terms.
FORMULATION = {
    "QUE-001": "vague",
    "QUE-016": "vague",
    "QUE-017": "vague",
    "QUE-018": "vague",
    "QUE-002": "compound",
}


def measure(path: Path = LABELLED) -> dict:
    """Recall on vague and compound questions, false-positive rate on good ones."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    questions = [Question(text=item["text"]) for item in items]
    ruleset = load_rules()
    findings = evaluate(ruleset, Context.for_questions(questions))
    flagged: dict[int, set[str]] = {}
    for f in findings:
        if f.rule_id in FORMULATION and f.question:
            flagged.setdefault(f.question - 1, set()).add(FORMULATION[f.rule_id])
    counts: Counter = Counter()
    misses = []
    for index, item in enumerate(items):
        label, got = item["label"], flagged.get(index, set())
        counts[label] += 1
        counts[(label, item["lang"])] += 1
        hit = bool(got) if label == "good" else label in got
        counts[f"{label}-flagged"] += int(hit)
        if (label == "good") == hit:
            misses.append((label, item["text"], sorted(got)))
    weak = counts["vague"] + counts["compound"]
    return {
        "total": len(items),
        "counts": counts,
        "recall_vague": counts["vague-flagged"] / counts["vague"],
        "recall_compound": counts["compound-flagged"] / counts["compound"],
        "recall_weak": (counts["vague-flagged"] + counts["compound-flagged"]) / weak,
        "false_positive_good": counts["good-flagged"] / counts["good"],
        "misses": misses,
    }


if __name__ == "__main__":
    result = measure()
    c = result["counts"]
    print(f"{result['total']} questions: vague {c['vague']}, compound {c['compound']}, good {c['good']}")
    print(f"vague flagged     {c['vague-flagged']}/{c['vague']} = {result['recall_vague']:.1%}")
    print(f"compound flagged  {c['compound-flagged']}/{c['compound']} = {result['recall_compound']:.1%}")
    print(f"good flagged      {c['good-flagged']}/{c['good']} = {result['false_positive_good']:.1%}")
    for miss in result["misses"]:
        print("miss:", *miss)
