"""Every rule, data-driven: its passing and failing cases in tests/rules/cases/<ID>.yaml.

``pytest -k QUE-001`` runs one rule's cases.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import write_yaml

from dossier.check import check_project, check_questions_file
from dossier.project import open_project
from dossier.rules import load_rules
from dossier.rules.rule import placeholders

HERE = Path(__file__).parent
CASES = HERE / "cases"
BASE = yaml.safe_load((HERE / "base.yaml").read_text(encoding="utf-8"))
RULESET = load_rules()


def _set(data: Any, path: str, value: Any) -> None:
    """Set the value at a dotted path; a number picks a list item (``questions.0.text``)."""
    *parents, last = path.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data.setdefault(part, {})
    if isinstance(data, list):
        data[int(last)] = value
    else:
        data[last] = value


def _unset(data: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.get(part, {})
    data.pop(last, None)


def _product(case: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for path in case.get("unset", []):
        _unset(data, path)
    for path, value in (case.get("set") or {}).items():
        _set(data, path, value)
    return data


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in ("pass", "fail"):
            for index, case in enumerate(spec.get(outcome) or []):
                name = case.get("name", index)
                params.append(
                    pytest.param(spec["rule"], outcome, case, id=f"{spec['rule']}-{outcome}-{name}")
                )
    return params


def _findings(tmp_path: Path, case: dict[str, Any]):
    if "questions_file" in case:
        path = write_yaml(tmp_path / "questions.yaml", case["questions_file"])
        return check_questions_file(path, RULESET)
    path = write_yaml(tmp_path / "product.yaml", _product(case))
    return check_project(open_project(path), RULESET, case.get("lang", "zh"))


@pytest.mark.parametrize(("rule_id", "outcome", "case"), _cases())
def test_rule_case(tmp_path: Path, rule_id: str, outcome: str, case: dict[str, Any]) -> None:
    hits = [f for f in _findings(tmp_path, case) if f.rule_id == rule_id]
    if outcome == "pass":
        assert not hits, [f.message_en for f in hits]
    else:
        assert hits, f"{rule_id} did not fire"
        if "severity" in case:
            assert {f.severity.value for f in hits} == {case["severity"]}
        for f in hits:
            assert f.message_zh and f.message_en and "{" not in f.message_zh + f.message_en


def test_base_product_is_clean(tmp_path: Path) -> None:
    findings = _findings(tmp_path, {})
    assert not findings, [(f.rule_id, f.message_en) for f in findings]


@pytest.mark.parametrize("rule", RULESET.all_rules, ids=lambda r: r.id)
def test_every_rule_is_complete(rule) -> None:
    """A citation, both languages, a fixture with passing and failing cases, a known kind."""
    assert rule.citation.source and rule.citation.section
    assert rule.title.zh and rule.title.en and rule.message.zh and rule.message.en
    assert any("\u4e00" <= c <= "\u9fff" for c in rule.message.zh)

    def plain(text: str) -> set[str]:
        return {name.removesuffix("_zh").removesuffix("_en") for name in placeholders(text)}

    assert plain(rule.message.zh) == plain(rule.message.en)
    fixture = CASES / f"{rule.id}.yaml"
    assert fixture.is_file(), f"no fixture {fixture.name}"
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    assert spec["rule"] == rule.id
    assert spec.get("pass") and spec.get("fail"), "needs passing and failing cases"
    if rule.file is not None:
        assert rule.file.stem == rule.id
