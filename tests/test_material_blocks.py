"""Material boilerplate appears only where it is true: block applicability against the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import blocks as blocks_mod
from dossier.project import open_project

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _applying(sample: str, material: str = "clinical-trial-protocol") -> set[str]:
    d = open_project(SAMPLES / f"{sample}.yaml").dossier
    data = d.model_dump(mode="json")
    doc = blocks_mod.DocFacts(material=material)
    return {b.id for b in blocks_mod.load_blocks().values() if blocks_mod.applies(b, d, data, doc)}


@pytest.mark.parametrize(
    ("sample", "present", "absent"),
    [
        (
            "car-t-cd19-pre-ind",
            {
                "protocol-dlt",
                "protocol-dlt-transgene",
                "protocol-manufacturing-failure",
                "oncology-prior-therapy",
                "protocol-flow-cells",
                "protocol-lymphodepletion-after-release",
                "protocol-ltfu",
                "protocol-first-in-human",
            },
            {"protocol-pivotal", "protocol-allogeneic", "nonclinical-shedding"},
        ),
        (
            "aav-hemophilia-b-pre-nda",
            {
                "protocol-pivotal",
                "protocol-ltfu",
                "pivotal-single-arm",
                "cts-pre-nda",
                "mp-expedited-confirmation",
            },
            {
                "protocol-dlt",
                "protocol-flow-cells",
                "protocol-manufacturing-failure",
                "oncology-prior-therapy",
                "protocol-lymphodepletion-after-release",
                "protocol-ltfu-refine",
                "cmc-safety-cells",
            },
        ),
        (
            "allo-car-t-pre-pivotal",
            {
                "protocol-pivotal",
                "protocol-allogeneic",
                "oncology-prior-therapy",
                "protocol-ltfu-refine",
                "mp-conditional",
            },
            {
                "protocol-dlt",
                "protocol-manufacturing-failure",
                "protocol-flow-cells",
                "immune-cell-population",
            },
        ),
        (
            "msc-koa-filed-pre-ind",
            {"filed-research", "stem-cell-design-elements", "protocol-early-safety"},
            {"protocol-dlt", "protocol-ltfu", "oncology-prior-therapy", "delayed-adverse-reactions"},
        ),
        (
            "oncolytic-adenovirus-pre-ind",
            {
                "protocol-dlt",
                "protocol-dlt-vector",
                "nonclinical-shedding",
                "oncology-prior-therapy",
                "protocol-nab-threshold",
            },
            {"protocol-flow-cells", "protocol-manufacturing-failure", "cmc-safety-cells", "protocol-pivotal"},
        ),
        (
            "hsc-bcl11a-pre-pivotal",
            {
                "protocol-flow-cells",
                "protocol-ltfu",
                "nonclinical-gene-modified-cells",
                "stem-cell-design-elements",
            },
            {
                "protocol-dlt-transgene",
                "rmp-transgene-monitoring",
                "oncology-prior-therapy",
                "protocol-lymphodepletion-after-release",
            },
        ),
    ],
)
def test_blocks_apply_only_where_true(sample: str, present: set[str], absent: set[str]) -> None:
    found = _applying(sample)
    assert present <= found, present - found
    assert not absent & found, absent & found


def test_material_templates_name_only_known_blocks() -> None:
    import re

    known = set(blocks_mod.load_blocks())
    root = Path(blocks_mod.default_file()).parent / "materials"
    for template in root.glob("*.md.j2"):
        for block_id in re.findall(r'block\("([a-z0-9-]+)"', template.read_text(encoding="utf-8")):
            assert block_id in known, (template.name, block_id)
        for block_id in re.findall(r'"([a-z][a-z0-9-]+)"', template.read_text(encoding="utf-8")):
            if block_id.startswith(("protocol-", "immune-", "autologous-", "oncology-", "cmc-")):
                assert block_id in known, (template.name, block_id)
