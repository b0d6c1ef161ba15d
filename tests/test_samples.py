"""The samples are valid, realistic and cover the stages and modalities."""

from __future__ import annotations

from conftest import SAMPLES

from dossier.project import open_project


def test_at_least_six_samples_covering_stages_and_modalities() -> None:
    projects = [open_project(path) for path in SAMPLES]
    assert len(projects) >= 6
    assert {p.dossier.meeting.stage.value for p in projects} == {
        "pre-ind",
        "pre-pivotal",
        "pre-nda",
    }
    assert {p.dossier.product.modality.value for p in projects} == {
        "stem-cell",
        "immune-cell",
        "gene-therapy",
    }
    assert any(p.dossier.product.filed_research for p in projects)
    assert any(
        p.dossier.product.source.value == "allogeneic" and p.dossier.product.gene_editing for p in projects
    )


def test_samples_are_written_in_chinese_with_english_names() -> None:
    for path in SAMPLES:
        product = open_project(path).dossier.product
        assert any("\u4e00" <= c <= "\u9fff" for c in product.name_zh), path
        assert product.name_en.isascii(), path


def test_every_sample_gives_its_expected_findings() -> None:
    import yaml

    from dossier.check import check_project
    from dossier.rules import load_rules

    expected = yaml.safe_load(
        (SAMPLES[0].parents[1] / "tests" / "samples_expected.yaml").read_text(encoding="utf-8")
    )
    ruleset = load_rules()
    got = {
        path.name: [
            f"{f.rule_id} {f.severity.value} {f.where()}" for f in check_project(open_project(path), ruleset)
        ]
        for path in SAMPLES
    }
    assert got == expected


def test_worked_example_of_the_guideline_is_caught() -> None:
    """002 四: DLT copied from a same-class product, kidney toxicity missing, 28 vs 41 days."""
    from dossier.check import check_project
    from dossier.rules import load_rules

    path = next(p for p in SAMPLES if p.name.startswith("oncolytic"))
    findings = {f.rule_id: f for f in check_project(open_project(path), load_rules())}
    assert {"PRO-003", "PRO-004", "PRO-005", "PRO-006", "QUE-001"} <= set(findings)
    assert "41" in findings["PRO-004"].message_zh and "28" in findings["PRO-004"].message_zh
    assert "肾" in findings["PRO-005"].message_zh
