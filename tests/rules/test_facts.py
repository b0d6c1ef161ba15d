"""Free values resolve through the vocabularies; the content rules apply by product and stage.

- synonyms in both languages give the same term (CAR-T / CAR T / 嵌合抗原受体T细胞);
- a company pack's synonym is heard by the rules;
- an unrecognised value is reported with the rules it switches off, never silently skipped;
- the rules of issue 13 apply across modality x stage exactly where their requirement holds.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from conftest import write_yaml

from dossier.check import check_project
from dossier.project import open_project
from dossier.rules import load_rules
from dossier.rules.facts import resolve_facts

HERE = Path(__file__).parent
BASE = yaml.safe_load((HERE / "base.yaml").read_text(encoding="utf-8"))
RULESET = load_rules()


def _dossier(tmp_path: Path, **product):
    data = copy.deepcopy(BASE)
    data["product"].update(product)
    return open_project(write_yaml(tmp_path / "p.yaml", data)).dossier


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("CAR-T", "car-t"),
        ("CAR T", "car-t"),
        ("嵌合抗原受体T细胞", "car-t"),
        ("chimeric antigen receptor T cells", "car-t"),
        ("人脐带间充质干细胞", "msc"),
        ("UC-MSC", "msc"),
        ("mesenchymal stromal cells", "msc"),
        ("iPSC 来源多巴胺能前体细胞", "ipsc-derived"),
    ],
)
def test_cell_type_synonyms(tmp_path: Path, value: str, term: str) -> None:
    assert resolve_facts(_dossier(tmp_path, cell_type=value), RULESET.vocabularies).cell_type == term


@pytest.mark.parametrize(
    ("vector", "capsid", "integrating"),
    [
        ("慢病毒", True, True),
        ("AAV9", True, False),
        ("质粒", False, False),
        ("mRNA-LNP", False, False),
        ("naked DNA", False, False),
        ("γ-逆转录病毒", True, True),
    ],
)
def test_vectors_say_capsid_and_integration(
    tmp_path: Path, vector: str, capsid: bool, integrating: bool
) -> None:
    facts = resolve_facts(_dossier(tmp_path, vector={"type": vector}), RULESET.vocabularies)
    assert (facts.viral_capsid, facts.integrating) == (capsid, integrating)


def test_explicit_fields_win_over_the_vocabulary(tmp_path: Path) -> None:
    facts = resolve_facts(
        _dossier(tmp_path, vector={"type": "AAV", "capsid": False}, route="静脉输注", local_route=True),
        RULESET.vocabularies,
    )
    assert facts.viral_capsid is False and facts.route_scope == "local"


@pytest.mark.parametrize(
    ("route", "scope"),
    [
        ("关节腔注射", "local"),
        ("intra-articular", "local"),
        ("瘤内注射", "local"),
        ("视网膜下注射", "local"),
        ("玻璃体腔注射", "local"),
        ("经导管心内膜下注射", "local"),
        ("鞘内注射", "local"),
        ("静脉输注", "systemic"),
    ],
)
def test_routes_local_or_systemic(tmp_path: Path, route: str, scope: str) -> None:
    assert resolve_facts(_dossier(tmp_path, route=route), RULESET.vocabularies).route_scope == scope


def test_company_synonym_reaches_the_rules(tmp_path: Path) -> None:
    pack = tmp_path / "acme"
    (pack / "vocabularies").mkdir(parents=True)
    write_yaml(
        pack / "vocabularies" / "cell-types.yaml",
        {
            "id": "cell-types",
            "title": {"zh": "细胞类型", "en": "Cell types"},
            "terms": [{"id": "msc", "zh": ["华氏胶基质细胞"]}],
        },
    )
    data = copy.deepcopy(BASE)
    data["product"].update(
        modality="stem-cell",
        cell_type="华氏胶基质细胞",
        gene_modified=False,
        vector=None,
        transgene_expression=None,
        transgene=None,
        target_selection=None,
    )
    data["clinical"]["long_term_follow_up_years"] = 1
    project = open_project(write_yaml(tmp_path / "p.yaml", data))
    assert "STM-008" not in {f.rule_id for f in check_project(project, RULESET)}
    assert "VOC-001" in {f.rule_id for f in check_project(project, RULESET)}
    assert "STM-008" in {f.rule_id for f in check_project(project, load_rules([pack]))}


def test_unrecognised_value_names_the_rules_not_applied(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["product"]["cell_type"] = "某新型细胞"
    findings = check_project(open_project(write_yaml(tmp_path / "p.yaml", data)), RULESET)
    (finding,) = [f for f in findings if f.rule_id == "VOC-001"]
    assert finding.severity.value == "info"
    assert "STM-008" in finding.message_en and "某新型细胞" in finding.message_zh


# --- applicability across modality x stage --------------------------------------------------

STAGES = ["pre-ind", "pre-pivotal", "pre-nda"]
VARIANTS = {
    # every fact the new rules read set to "deficient", on each kind of product
    "car-t-edited": dict(
        modality="immune-cell",
        cell_type="CAR-T",
        source="allogeneic",
        gene_modified=True,
        gene_editing={"tool": "CRISPR/Cas9", "in_vivo": False},
        vector={"type": "慢病毒"},
        transgene_expression=True,
        route="静脉输注",
    ),
    "msc-local": dict(
        modality="stem-cell",
        cell_type="MSC",
        source="allogeneic",
        gene_modified=False,
        vector=None,
        transgene_expression=None,
        transgene=None,
        target_selection=None,
        route="关节腔注射",
    ),
    "plasmid-local": dict(
        modality="gene-therapy",
        source="none",
        cell_type=None,
        gene_modified=True,
        vector={"type": "质粒"},
        transgene_expression=True,
        route="肌内注射",
    ),
    "aav-iv": dict(
        modality="gene-therapy",
        source="none",
        cell_type=None,
        gene_modified=True,
        vector={"type": "AAV9"},
        transgene_expression=True,
        route="静脉输注",
    ),
}
NEW = [
    "GTX-010",
    "GTX-011",
    "GTX-012",
    "GTX-013",
    "IMM-015",
    "STM-010",
    "STM-016",
    "STM-017",
    "PIV-016",
    "NDA-007",
]
# (variant, stage) -> the rules of NEW that must fire; every other one must not
EXPECTED = {
    ("car-t-edited", "pre-ind"): {"IMM-015"},
    ("car-t-edited", "pre-pivotal"): {"IMM-015"},
    ("car-t-edited", "pre-nda"): {"GTX-013", "NDA-007"},
    ("msc-local", "pre-ind"): {"STM-016", "STM-017"},
    ("msc-local", "pre-pivotal"): {"STM-016", "PIV-016"},
    ("msc-local", "pre-nda"): {"NDA-007"},
    ("plasmid-local", "pre-ind"): {"GTX-011"},
    ("plasmid-local", "pre-pivotal"): {"GTX-011"},
    ("plasmid-local", "pre-nda"): {"GTX-013", "NDA-007"},
    ("aav-iv", "pre-ind"): {"GTX-010", "GTX-012"},
    ("aav-iv", "pre-pivotal"): {"GTX-010"},
    ("aav-iv", "pre-nda"): {"GTX-010", "GTX-013", "NDA-007"},
}


@pytest.mark.parametrize(("variant", "stage"), sorted(EXPECTED))
def test_applicability_by_modality_and_stage(tmp_path: Path, variant: str, stage: str) -> None:
    data = copy.deepcopy(BASE)
    data["product"].update(VARIANTS[variant])
    data["meeting"].update(stage=stage, disciplines=["临床", "统计"])
    data["clinical"].update(
        neutralising_antibody_threshold=None,
        trial={
            "local_reaction_monitoring": False,
            "tissue_targeting_safety": False,
            "ltfu_summary": False,
            "operator_training": False,
            "host_versus_graft": False,
        },
        dosing={**data["clinical"]["dosing"], "explored_max_dose": 5e7, "pivotal_dose": 1e8},
        pre_nda={"screening_failures": False},
    )
    findings = check_project(open_project(write_yaml(tmp_path / "p.yaml", data)), RULESET)
    fired = {f.rule_id for f in findings if f.rule_id in NEW}
    assert fired == EXPECTED[(variant, stage)]
