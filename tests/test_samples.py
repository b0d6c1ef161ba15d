"""The samples are valid, realistic and cover the stages and modalities."""

from __future__ import annotations

from conftest import SAMPLES
from dossier.project import open_project


def test_at_least_six_samples_covering_stages_and_modalities() -> None:
    projects = [open_project(path) for path in SAMPLES]
    assert len(projects) >= 6
    assert {p.dossier.meeting.stage.value for p in projects} == {"pre-ind", "pre-pivotal", "pre-nda"}
    assert {p.dossier.product.modality.value for p in projects} == {
        "stem-cell",
        "immune-cell",
        "gene-therapy",
    }
    assert any(p.dossier.product.filed_research for p in projects)
    assert any(p.dossier.product.source.value == "allogeneic" and p.dossier.product.gene_editing for p in projects)


def test_samples_are_written_in_chinese_with_english_names() -> None:
    for path in SAMPLES:
        product = open_project(path).dossier.product
        assert any("\u4e00" <= c <= "\u9fff" for c in product.name_zh), path
        assert product.name_en.isascii(), path
