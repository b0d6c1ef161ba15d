"""Rule packs as data: company packs, config switches, located errors in rule files, docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, minimal, run_cli, write_yaml

from dossier.config import load_config
from dossier.errors import InputError
from dossier.rules import load_rules

GOOD_RULE = {
    "id": "ACME-001",
    "title": {"zh": "必须说明研究者培训", "en": "Investigator training is described"},
    "topic": "training",
    "severity": "warning",
    "applies": {"modalities": ["immune-cell"]},
    "check": {"kind": "require", "fields": ["clinical.stopping_rules"]},
    "message": {"zh": "请补充：{fields}", "en": "Add: {fields}"},
    "citation": {
        "source": "001_ed8b7a56efc2cab7.txt",
        "section": "二（一）2（3）研究者培训和程序记录",
    },
}


def _pack(tmp_path: Path, rule: dict) -> Path:
    folder = tmp_path / "acme"
    folder.mkdir(exist_ok=True)
    write_yaml(folder / f"{rule['id']}.yaml", rule)
    return folder


def test_company_pack_adds_a_rule(tmp_path: Path) -> None:
    folder = _pack(tmp_path, GOOD_RULE)
    data = minimal()
    data["clinical"] = {"stopping_rules": False}
    product = write_yaml(tmp_path / "p.yaml", data)
    result = run_cli("check", str(product), "--rules", str(folder), "--format", "json")
    ids = [f["rule_id"] for f in json.loads(result.stdout)["findings"]]
    assert "ACME-001" in ids


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"colour": "red"}, "colour", "Unknown key"),
        ({"check": {"kind": "magic"}}, "check.kind", "Unknown check kind"),
        (
            {"check": {"kind": "require", "fields": ["clinical.nope"]}},
            "check.fields",
            "unknown field",
        ),
        (
            {"check": {"kind": "require", "fields": ["clinical.stopping_rules"], "x": 1}},
            "check.x",
            "Invalid",
        ),
        ({"message": {"zh": "{nope}", "en": "{nope}"}}, "message.zh", "unknown variable"),
        ({"severity": "fatal"}, "severity", "error, warning, info"),
        (
            {"applies": {"when": {"field": "product.modality", "op": "like", "value": 1}}},
            "applies.when",
            "like",
        ),
    ],
)
def test_bad_rule_file_is_located(tmp_path: Path, change: dict, field: str, words: str) -> None:
    folder = _pack(tmp_path, {**GOOD_RULE, **change})
    with pytest.raises(InputError) as info:
        load_rules([folder])
    problem = info.value.problems[0]
    assert problem.file.endswith("ACME-001.yaml")
    assert problem.line is not None
    assert (problem.field or "").startswith(field), problem
    assert words.lower() in (problem.message_en + (problem.hint_en or "")).lower()


def test_duplicate_rule_id_is_refused(tmp_path: Path) -> None:
    folder = _pack(tmp_path, {**GOOD_RULE, "id": "QUE-001"})
    with pytest.raises(InputError) as info:
        load_rules([folder])
    assert "already used" in info.value.problems[0].message_en


def test_config_disables_and_relevels(tmp_path: Path) -> None:
    data = minimal()
    data["questions"] = [{"text": "临床试验方案是否可行？", "discipline": "临床"}]
    product = write_yaml(tmp_path / "p.yaml", data)
    before = json.loads(run_cli("check", str(product), "--format", "json").stdout)["findings"]
    assert {"QUE-001", "QUE-005"} <= {f["rule_id"] for f in before}
    write_yaml(
        tmp_path / "dossier.config.yaml",
        {"rules": {"disable": ["QUE-001"], "severity": {"QUE-005": "info"}}},
    )
    after = json.loads(run_cli("check", str(product), "--format", "json").stdout)["findings"]
    assert "QUE-001" not in {f["rule_id"] for f in after}
    assert {f["severity"] for f in after if f["rule_id"] == "QUE-005"} == {"info"}


def test_config_with_unknown_rule_is_located(tmp_path: Path) -> None:
    config = write_yaml(tmp_path / "c.yaml", {"rules": {"disable": ["QUE-999"]}})
    with pytest.raises(InputError) as info:
        load_rules(config=load_config(config))
    problem = info.value.problems[0]
    assert problem.field == "rules.disable[0]" and problem.line == 3


def test_rules_list_and_explain() -> None:
    listing = json.loads(run_cli("rules", "list", "--format", "json").stdout)["rules"]
    ids = [r["id"] for r in listing]
    assert "QUE-001" in ids and "MAT-001" in ids
    explained = run_cli("rules", "explain", "QUE-001").stdout
    assert (
        "《细胞和基因治疗产品临床相关沟通交流技术指导原则》（国家药监局药审中心，2023年12月）三（三）沟通交流的问题"
        in explained
    )
    assert listing[0]["citation"]["source"] in {"001", "002", "004"}
    assert run_cli("rules", "explain", "NOPE-1").returncode == 2


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    generated = run_cli("rules", "docs").stdout
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert generated == committed, "run: dossier rules docs -o docs/rules.md"
    for rule in load_rules().all_rules:
        assert f"| {rule.id} |" in committed


def test_questions_json_shape_for_a_standalone_file(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path / "q.yaml",
        {
            "questions": [
                {"text": "Is the protocol feasible?"},
                {"text": "DLT定义是否合理？", "background": "GLP研究"},
            ]
        },
    )
    result = run_cli("questions", str(path), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    first = findings[0]
    assert set(first) >= {
        "rule_id",
        "severity",
        "question",
        "field",
        "message_zh",
        "message_en",
        "citation",
    }
    assert set(first["citation"]) >= {"source", "title", "section"}
    assert first["citation"]["source"] == "002"  # the stable id, not the seed file name
    vague = [f for f in findings if f["rule_id"] == "QUE-001"]
    assert [f["question"] for f in vague] == [1]
    assert not any(f["rule_id"] == "QUE-014" for f in findings)  # discipline optional here


def test_questions_of_a_product_file_and_check_include_them(tmp_path: Path) -> None:
    data = minimal()
    data["questions"] = [{"text": "Is the protocol feasible?", "discipline": "clinical"}]
    path = write_yaml(tmp_path / "p.yaml", data)
    q = {
        f["rule_id"]
        for f in json.loads(run_cli("questions", str(path), "--format", "json").stdout)["findings"]
    }
    c = {f["rule_id"] for f in json.loads(run_cli("check", str(path), "--format", "json").stdout)["findings"]}
    assert "QUE-001" in q and q <= c
    assert "MTG-007" in c and "MTG-007" not in q


def test_rule_ids_match_file_names() -> None:
    for path in (ROOT / "checklists" / "cde-cgt-2023" / "rules").glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == path.stem


def test_each_resolved_fact_names_the_rules_that_read_it() -> None:
    """VOC-* list exactly the rules whose applicability or check reads their resolved fact."""
    import json

    ruleset = load_rules()
    listed = {r.params.fact: set(r.params.rules) for r in ruleset.all_rules if r.kind == "recognised"}
    derived = {
        "cell_type": ("resolved.cell_type",),
        "vector": ("resolved.viral", "resolved.integrating", "resolved.vector", "resolved.transient"),
        "route": ("resolved.route",),
        "editing_system": ("resolved.editing_system",),
        "primary_endpoint": ("resolved.primary_endpoint", "resolved.endpoint_tags"),
        "control": ("resolved.control",),
    }
    readers: dict[str, set[str]] = {fact: set() for fact in derived}
    for rule in ruleset.all_rules:
        text = json.dumps(rule.applies.model_dump(mode="json")) + json.dumps(rule.check)
        for fact, prefixes in derived.items():
            if any(p in text for p in prefixes):
                readers[fact].add(rule.id)
    assert {f: r for f, r in readers.items() if r} == listed
