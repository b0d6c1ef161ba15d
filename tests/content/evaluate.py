"""Score the content checks on the scenario suite: expected topics found, false findings.

Each scenario is a product file ``tests/content/scenarios/SNN.yaml`` with a sidecar
``SNN.expect.yaml`` written from ``tests/content/scenarios.md`` before the tool was run:

- ``expected``: topics, each ``{any: [ids]}``. An id is a requirement of
  ``checklists/cde-cgt-2023/requirements.yaml`` (its linked rules count) or a rule id. A topic is
  *found* when one of those rules fires; *cited right* when that finding also cites the
  requirement's source and its section or a more specific one (a bare rule id is cited right
  by definition).
- ``must_not``: rule ids (``PIV-*`` for a family) or requirement ids (their linked rules).
  Every finding of such a rule is a *false finding*. The baseline of every file (scenarios.md,
  "How to read and score") adds ``BASELINE_MUST_NOT`` unless the scenario expects one of them.

``python tests/content/evaluate.py`` (or ``make eval-content``) prints the table;
``--json`` prints the figures; ``evaluate()`` returns them for the test.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dossier.check import check_project
from dossier.findings import Finding
from dossier.project import open_project
from dossier.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = Path(__file__).resolve().parent / "scenarios"
INVENTORY = ROOT / "checklists" / "cde-cgt-2023" / "requirements.yaml"


# scenarios.md: every file has a complete form, good questions and, per stage, the basic
# materials, "so MAT-001, MTG-*, QUE-001..006, QUE-014, QUE-015, RAT-*, PRO-001, RMP-001, PIV-001,
# PIV-002, PIV-006 and NDA-001..003 must not fire unless a scenario lists them".
BASELINE_MUST_NOT = [
    "MAT-001",
    "MTG-*",
    "QUE-001",
    "QUE-002",
    "QUE-003",
    "QUE-004",
    "QUE-005",
    "QUE-006",
    "QUE-014",
    "QUE-015",
    "RAT-*",
    "PRO-001",
    "RMP-001",
    "PIV-001",
    "PIV-002",
    "PIV-006",
    "NDA-001",
    "NDA-002",
    "NDA-003",
]


@dataclass
class Requirement:
    id: str
    source: str
    section: str
    rules: list[str]


@dataclass
class Result:
    """The score of one scenario."""

    scenario: str
    title: str
    topics: int = 0
    found: int = 0
    cited_right: int = 0
    missed: list[list[str]] = field(default_factory=list)
    miscited: list[list[str]] = field(default_factory=list)
    false_findings: list[str] = field(default_factory=list)  # rule ids, one per finding


def inventory() -> dict[str, Requirement]:
    """Requirement id -> its source, section and linked rules."""
    data = yaml.safe_load(INVENTORY.read_text(encoding="utf-8"))
    return {e["id"]: Requirement(e["id"], str(e["source"]), e["section"], list(e["rules"])) for e in data}


def _norm(section: str) -> str:
    """A section heading reduced to what matters for comparison: 二（二）2.2 … -> 二(二)2.2…"""
    text = section.replace("（", "(").replace("）", ")").replace("、", "").replace(" ", "")
    return re.sub(r"(?<=\d)\.(?!\d)", "", text)  # "3. 基因治疗产品" -> "3基因治疗产品"


def cites(finding: Finding, requirement: Requirement) -> bool:
    """Whether a finding cites the requirement's source and its section (or a more specific one)."""
    if finding.citation.source_id != requirement.source:
        return False
    return _norm(finding.citation.section).startswith(_norm(requirement.section))


def _rules_of(ids: list[str], reqs: dict[str, Requirement]) -> set[str]:
    rules: set[str] = set()
    for i in ids:
        rules.update(reqs[i].rules if i in reqs else [i])
    return rules


def score(path: Path, ruleset: RuleSet, reqs: dict[str, Requirement]) -> Result:
    """Run every check on one scenario and compare with its sidecar."""
    expect = yaml.safe_load(path.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
    findings = check_project(open_project(path), ruleset)
    result = Result(expect["scenario"], expect.get("title", ""))
    for topic in expect.get("expected") or []:
        ids = list(topic["any"])
        result.topics += 1
        rules = _rules_of(ids, reqs)
        hits = [f for f in findings if f.rule_id in rules]
        if not hits:
            result.missed.append(ids)
            continue
        result.found += 1
        right = any(
            f.rule_id == i if i not in reqs else f.rule_id in reqs[i].rules and cites(f, reqs[i])
            for f in hits
            for i in ids
        )
        if right:
            result.cited_right += 1
        else:
            result.miscited.append(ids)
    expected_rules = _rules_of([i for t in expect.get("expected") or [] for i in t["any"]], reqs)
    baseline = [b for b in BASELINE_MUST_NOT if not any(fnmatch.fnmatchcase(r, b) for r in expected_rules)]
    banned = (expect.get("must_not") or []) + baseline
    patterns = [b for b in banned if b not in reqs]
    banned_rules = _rules_of([b for b in banned if b in reqs], reqs)
    for f in findings:
        if f.rule_id in banned_rules or any(fnmatch.fnmatchcase(f.rule_id, p) for p in patterns):
            result.false_findings.append(f.rule_id)
    return result


def evaluate(ruleset: RuleSet | None = None) -> list[Result]:
    """Score every scenario, in file order."""
    ruleset = ruleset or load_rules()
    reqs = inventory()
    return [score(p, ruleset, reqs) for p in sorted(SCENARIOS.glob("S[0-9][0-9].yaml"))]


def totals(results: list[Result]) -> dict[str, int]:
    return {
        "scenarios": len(results),
        "topics": sum(r.topics for r in results),
        "found": sum(r.found for r in results),
        "cited_right": sum(r.cited_right for r in results),
        "false_findings": sum(len(r.false_findings) for r in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed topics and false findings")
    args = parser.parse_args(argv)
    results = evaluate()
    total = totals(results)
    if args.json:
        figures = {"total": total, "scenarios": [r.__dict__ for r in results]}
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(f"{'scenario':8} {'found':>7} {'cited':>7} {'false':>5}  title")
    for r in results:
        found, cited = f"{r.found}/{r.topics}", f"{r.cited_right}/{r.topics}"
        print(f"{r.scenario:8} {found:>7} {cited:>7} {len(r.false_findings):>5}  {r.title}")
        if args.verbose:
            for ids in r.missed:
                print(f"{'':10}missed: {', '.join(ids)}")
            for ids in r.miscited:
                print(f"{'':10}found, citation not the requirement's: {', '.join(ids)}")
            for rule in r.false_findings:
                print(f"{'':10}false: {rule}")
    t = total
    print(
        f"total: {t['found']}/{t['topics']} expected topics found, "
        f"{t['cited_right']} with the right citation; "
        f"{t['false_findings']} false findings ({t['scenarios']} scenarios)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
