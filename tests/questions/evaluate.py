"""Score the question-wording checks on the labelled evaluation set (dev and held-out parts).

python tests/questions/evaluate.py [--misses dev]     (``make eval-questions``)

A weak question counts as caught when a wording rule (a rule whose finding sits on the question's
``text``) gives it a warning or an error; a good question counts as a false alarm when it gets one.
Entries marked ``ambiguous: true`` are not scored. Misses are printed only for the development
part: the held-out part is scored, never read to tune (tests/questions/eval/README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dossier.findings import Severity  # noqa: E402
from dossier.model import Question  # noqa: E402
from dossier.rules import Context, evaluate, load_rules  # noqa: E402

EVAL = Path(__file__).resolve().parent / "eval"
PARTS = ("dev", "heldout")
WEAK_CLASSES = (
    "open-ask-after-lead-in",
    "whole-object",
    "agency-expectation",
    "compound",
    "vague-feasibility",
)
FLAGGING = {Severity.ERROR, Severity.WARNING}


def load_part(part: str) -> list[dict]:
    """The scored entries of one part (ambiguous ones left out)."""
    entries = yaml.safe_load((EVAL / f"{part}.yaml").read_text(encoding="utf-8"))
    return [e for e in entries if not e.get("ambiguous", False)]


def flagged_rules(entries: list[dict], ruleset=None) -> list[set[str]]:
    """For each entry, the ids of the wording rules that warn or err on it."""
    ruleset = ruleset or load_rules()
    questions = [Question(text=e["text"]) for e in entries]
    findings = evaluate(ruleset, Context.for_questions(questions))
    flagged: list[set[str]] = [set() for _ in entries]
    for f in findings:
        if f.question and f.field == "text" and f.severity in FLAGGING:
            flagged[f.question - 1].add(f.rule_id)
    return flagged


def score(entries: list[dict], ruleset=None) -> dict:
    """Recall per weak class and language, overall recall, false-alarm rate, and the misses."""
    flagged = flagged_rules(entries, ruleset)
    counts: Counter = Counter()
    misses = []
    for entry, rules in zip(entries, flagged, strict=True):
        cls, lang, hit = entry["class"], entry["lang"], bool(rules)
        for key in {cls, (cls, lang), entry["label"], (entry["label"], lang)}:
            counts[key] += 1
            counts[("hit", key)] += int(hit)
        if hit == (cls == "good"):
            misses.append((entry["id"], cls, entry["text"], sorted(rules)))

    def rate(key) -> float:
        return counts[("hit", key)] / counts[key] if counts[key] else 0.0

    return {
        "counts": counts,
        "recall": {cls: rate(cls) for cls in WEAK_CLASSES},
        "recall_weak": rate("weak"),
        "false_alarm": rate("good"),
        "rate": rate,
        "misses": misses,
    }


def report(part: str, result: dict, show_misses: bool) -> list[str]:
    c, rate = result["counts"], result["rate"]
    lines = [f"== {part} =="]
    lines.append(f"{'class':<24} {'zh':>11} {'en':>11} {'all':>11}")
    for key in (*WEAK_CLASSES, "weak", "good"):
        cells = []
        for k in ((key, "zh"), (key, "en"), key):
            cells.append(f"{c[('hit', k)]}/{c[k]} {rate(k):4.0%}".rjust(11))
        label = {"weak": "weak flagged (recall)", "good": "good flagged (false)"}.get(key, key)
        lines.append(f"{label:<24} {' '.join(cells)}")
    if show_misses:
        for miss in result["misses"]:
            lines.append(f"  miss {miss[0]} [{miss[1]}] {miss[3]} {miss[2]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the development part's misses")
    args = parser.parse_args(argv)
    ruleset = load_rules()
    for part in PARTS:
        result = score(load_part(part), ruleset)
        print("\n".join(report(part, result, args.misses and part == "dev")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
