"""The requirements inventory (checklists/cde-cgt-2023/requirements.yaml) is well formed.

docs/coverage.md is generated from it, so every entry must carry what the generator reads and
every rule it names must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "checklists" / "cde-cgt-2023"
INVENTORY = PACK / "requirements.yaml"
RULES = {path.stem for path in (PACK / "rules").glob("*.yaml")}

REQUIRED = {"id", "source", "section", "requirement_zh", "requirement_en", "stages", "status", "rules"}
OPTIONAL = {"applies_to", "why_not", "note"}
STATUSES = {"checked", "advisory", "not-checkable"}
STAGES = {"pre-ind", "pre-pivotal", "pre-nda"}
SOURCES = {"001", "002", "004"}
SCOPE_KEYS = {
    "modality",
    "gene_modified",
    "gene_editing",
    "transgene_expression",
    "vector",
    "source",
    "route",
    "delivery",
    "indication_area",
    "population",
    "trial",
    "condition",
}
MODALITIES = {"stem-cell", "immune-cell", "gene-therapy"}


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    data = yaml.safe_load(INVENTORY.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, "the inventory is a non-empty list"
    return data


def test_ids_unique(entries: list[dict]) -> None:
    ids = [entry.get("id") for entry in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"


def test_keys(entries: list[dict]) -> None:
    for entry in entries:
        missing = REQUIRED - entry.keys()
        unknown = entry.keys() - REQUIRED - OPTIONAL
        assert not missing, f"{entry.get('id')}: missing {sorted(missing)}"
        assert not unknown, f"{entry.get('id')}: unknown keys {sorted(unknown)}"
        for key in ("section", "requirement_zh", "requirement_en"):
            assert isinstance(entry[key], str) and entry[key].strip(), f"{entry['id']}: empty {key}"


def test_id_names_source(entries: list[dict]) -> None:
    for entry in entries:
        assert entry["source"] in SOURCES, f"{entry['id']}: source {entry['source']!r}"
        assert re.fullmatch(rf"R-{entry['source']}-[0-9A-Z.]+-\d\d", entry["id"]), entry["id"]


def test_status_values(entries: list[dict]) -> None:
    for entry in entries:
        assert entry["status"] in STATUSES, f"{entry['id']}: status {entry['status']!r}"


def test_stages_valid(entries: list[dict]) -> None:
    for entry in entries:
        stages = entry["stages"]
        assert isinstance(stages, list) and stages, f"{entry['id']}: stages must be a non-empty list"
        assert set(stages) <= STAGES, f"{entry['id']}: unknown stages {sorted(set(stages) - STAGES)}"
        assert len(stages) == len(set(stages)), f"{entry['id']}: repeated stage"


def test_rules_exist(entries: list[dict]) -> None:
    for entry in entries:
        assert isinstance(entry["rules"], list), f"{entry['id']}: rules must be a list"
        unknown = [rule for rule in entry["rules"] if rule not in RULES]
        assert not unknown, f"{entry['id']}: no rule file for {unknown}"


def test_checked_entries_name_a_rule(entries: list[dict]) -> None:
    for entry in entries:
        if entry["status"] == "checked":
            assert entry["rules"], f"{entry['id']}: checked but names no rule"


def test_not_checkable_entries_say_why(entries: list[dict]) -> None:
    for entry in entries:
        if entry["status"] == "not-checkable":
            assert str(entry.get("why_not") or "").strip(), f"{entry['id']}: not-checkable without why_not"
            assert not entry["rules"], f"{entry['id']}: not-checkable but names rules"
        else:
            assert "why_not" not in entry, f"{entry['id']}: why_not is only for not-checkable"


def test_scope_keys(entries: list[dict]) -> None:
    for entry in entries:
        scope = entry.get("applies_to") or {}
        assert isinstance(scope, dict), f"{entry['id']}: applies_to must be a mapping"
        unknown = scope.keys() - SCOPE_KEYS
        assert not unknown, f"{entry['id']}: unknown applies_to keys {sorted(unknown)}"
        modalities = scope.get("modality", [])
        assert set(modalities) <= MODALITIES, f"{entry['id']}: modality {modalities}"


def test_scenarios_cite_known_ids(entries: list[dict]) -> None:
    """tests/content/scenarios.md names only requirement ids of the inventory and existing rules."""
    text = (ROOT / "tests" / "content" / "scenarios.md").read_text(encoding="utf-8")
    known = {entry["id"] for entry in entries}
    cited = set(re.findall(r"\bR-\d{3}-[0-9A-Z.]*[0-9A-Z]-\d\d\b", text))
    assert cited, "no requirement ids found in scenarios.md"
    assert not sorted(cited - known), f"unknown requirement ids: {sorted(cited - known)}"
    rules = set(re.findall(r"\b[A-Z]{3}-\d{3}\b", text))
    assert not sorted(rules - RULES), f"unknown rule ids: {sorted(rules - RULES)}"


def test_docs_coverage_md_is_generated_from_the_inventory() -> None:
    """docs/coverage.md is current: run `dossier rules coverage -o docs/coverage.md --force`."""
    from dossier import coverage

    committed = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert coverage.markdown(coverage.load_inventory(INVENTORY)) == committed, (
        "run: dossier rules coverage -o docs/coverage.md --force"
    )
