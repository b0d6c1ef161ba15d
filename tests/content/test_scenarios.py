"""The scenario suite (tests/content): the content checks find what a reviewer would raise.

Floors sit a little below the figures reached (README, "How well the content checks work"),
so that a regression fails while a better rule does not need a new test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from evaluate import SCENARIOS, evaluate, inventory, totals  # noqa: E402

from dossier.project import open_project  # noqa: E402
from dossier.rules import load_rules  # noqa: E402

FOUND_FLOOR = 0.93  # of expected topics (reached 161/165)
CITED_FLOOR = 0.93  # found with the requirement's own source and section (160/165)
FALSE_CEILING = 0  # false findings (must-not ids that fired)


@pytest.fixture(scope="module")
def results():
    return evaluate(load_rules())


def test_at_least_thirty_scenarios_across_stages_and_modalities() -> None:
    files = sorted(SCENARIOS.glob("S[0-9][0-9].yaml"))
    assert len(files) >= 30
    dossiers = [open_project(f).dossier for f in files]
    seen = {(d.meeting.stage.value, d.product.modality.value) for d in dossiers}
    stages = {s for s, _ in seen}
    modalities = {m for _, m in seen}
    assert stages == {"pre-ind", "pre-pivotal", "pre-nda"}
    assert modalities == {"stem-cell", "immune-cell", "gene-therapy"}


def test_every_scenario_has_its_expectations() -> None:
    known = set(inventory())
    rules = {r.id for r in load_rules().all_rules}
    for path in sorted(SCENARIOS.glob("S[0-9][0-9].yaml")):
        expect = yaml.safe_load(path.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
        assert expect["scenario"] == path.stem
        ids = [i for t in expect["expected"] for i in t["any"]]
        assert ids, path.name
        for i in ids + [m for m in expect["must_not"] if "*" not in m]:
            assert i in known or i in rules, f"{path.name}: unknown id {i}"


def test_scores_stay_above_the_floors(results) -> None:
    t = totals(results)
    assert t["found"] >= FOUND_FLOOR * t["topics"], t
    assert t["cited_right"] >= CITED_FLOOR * t["topics"], t
    assert t["false_findings"] <= FALSE_CEILING, [(r.scenario, r.false_findings) for r in results]
