"""The product and its indications: the facts about it that the guidelines turn on."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    computed_field,
    model_validator,
)

from dossier.model.base import Bilingually, Modality, Name, Source, Strict, Text

# --- product -------------------------------------------------------------------------------


class Vector(Strict):
    """The gene-delivery vector (载体), viral or not.

    ``type`` is resolved through the vectors vocabulary (慢病毒 / lentivirus / LV …), which also
    says whether it has a viral capsid and whether it integrates; the explicit fields below win.
    """

    type: Text = Field(
        description="Viral: lentivirus, gamma-retrovirus, AAV, adenovirus, HSV-1. Non-viral: plasmid"
        " (naked DNA), mRNA-LNP, LNP, transposon, bacterial vector",
        examples=["慢病毒", "AAV9", "质粒", "mRNA-LNP"],
    )
    viral: bool | None = Field(
        None,
        description="A viral vector. Non-viral vectors (plasmid, LNP, bacterial) have no capsid, so"
        " neutralising-antibody thresholds do not apply (002 二(二)2.2). Unset: from the vocabulary",
        examples=[False],
    )
    capsid: bool | None = Field(
        None,
        description="The product carries a viral capsid against which patients may have neutralising"
        " antibodies (AAV, adenovirus). Unset: from the vocabulary",
        examples=[True],
    )
    integrating: bool | None = Field(
        None, description="Integrates into the genome or carries a recombination risk (001 三(一))"
    )
    transient_expression: bool | None = Field(
        None,
        description="Expression is transient by design (mRNA, Cas9 mRNA): no lasting transgene",
        examples=[True],
    )
    replication_competent: bool | None = None
    serotype: str | None = None
    choice_rationale: str | None = Field(None, description="Why this vector; its safety (002 二(三)3)")


class GeneEditing(Strict):
    """Gene editing (基因编辑): the system, where it acts, and how its safety is shown.

    Ex vivo (``in_vivo: false``) covers edited cells, autologous or allogeneic (TRAC/B2M
    knockout of off-the-shelf CAR-T, base-edited HSC); in vivo covers editing inside the patient
    (LNP carrying Cas9 mRNA and sgRNA). The rules of 002 二(三)2 apply to both.
    """

    tool: Text = Field(
        description="The editing system, resolved through the editing-systems vocabulary: CRISPR/Cas9,"
        " Cas12a, base editor (ABE/CBE), prime editor, TALEN, ZFN",
        examples=["CRISPR/Cas9 RNP 电转", "腺嘌呤碱基编辑器"],
    )
    targets: list[str] = Field(default_factory=list, description="Edited genes, e.g. TRAC, B2M")
    in_vivo: bool = Field(False, description="Edits inside the patient; false: cells edited ex vivo")
    off_target_assessment: str | None = Field(
        None, description="Off-target editing: method (e.g. GUIDE-seq, WGS) and findings"
    )
    on_target_assessment: str | None = Field(
        None,
        description="Unintended on-target outcomes: large deletions, translocations, bystander edits",
        examples=["长读长测序未见 > 1 kb 缺失；TRAC/B2M 易位频率 < 0.1%"],
    )
    editing_efficiency: str | None = Field(
        None,
        description="Editing efficiency and how it is measured and released",
        examples=["TRAC 敲除率 ≥ 90%"],
    )


class Delivery(Strict):
    """How the product reaches the patient when that needs a device or surgery."""

    device: str | None = Field(None, description="Device needed to give the product")
    device_principle: str | None = Field(None, description="How the device works (002 二(三)3)")
    device_instructions: str | None = None
    surgery: bool = False
    surgical_steps: str | None = Field(None, description="Operative steps (002 二(三)3)")
    route_rationale: str | None = Field(
        None, description="Why this route: science, need, feasibility (002 二(三)3)"
    )


class FiledResearch(Strict):
    """Stem-cell clinical research filed (备案) under the 2015 measures (004 四)."""

    exists: bool = True
    title: str | None = None
    filing_number: str | None = None
    subjects: int | None = Field(None, ge=0)
    design_provided: bool | None = None
    protocol_provided: bool | None = None
    results_provided: bool | None = None
    supports_plan: str | None = Field(
        None, description="How the filed data support the development plan and protocol"
    )
    process_consistency: bool | None = Field(
        None, description="Process and quality consistent or comparable with the registered product"
    )
    data_traceable: bool | None = Field(
        None, description="Source records kept per the essential-documents guideline"
    )
    ich_e3_report: bool | None = Field(None, description="Study report written to ICH E3")


class Product(Bilingually):
    """The product and the facts about it that the guidelines turn on."""

    name: Name = Field(description="The product's name: {zh: 中文名, en: English name}")
    code: str | None = None
    applicant: Name
    applicant_address: str | None = Field(None, description="The applicant's registered address")
    registration_number: str | None = Field(None, description="受理号 / 登记号, where one exists")
    dosage_form: Text
    route: Text
    regimen: Text = Field(description="Dose, frequency and course as planned")
    local_route: bool | None = Field(
        None,
        description="Given locally (intra-articular, intratumoral, subretinal, intravitreal,"
        " intramyocardial, intrathecal …: true) or systemically (false) (002 二(三)3)."
        " Unset: from the routes vocabulary",
        examples=[True],
    )
    target_tissue: str | None = Field(
        None,
        description="Where a local route delivers the product: the tissue or organ whose local"
        " reactions are monitored",
        examples=["膝关节腔", "视网膜下腔", "壳核"],
    )
    modality: Modality
    cell_type: str | None = Field(
        None,
        description="Resolved through the cell-types vocabulary (synonyms in both languages): MSC,"
        " HSC, iPSC-derived, T, NK, DC, CIK, TIL, CAR-T, TCR-T",
        examples=["CAR-T", "嵌合抗原受体T细胞", "脐带间充质干细胞"],
    )
    source: Source
    gene_modified: bool = False
    gene_editing: GeneEditing | None = None
    vector: Vector | None = None
    transgene_expression: bool | None = Field(None, description="Expresses an exogenous gene (外源基因表达)")
    transgene: str | None = Field(None, description="What is expressed, e.g. anti-CD19 CAR, FIX-Padua")
    target_selection: Literal["none", "neoantigen", "bioinformatic"] | None = Field(
        None, description="How the target or inserted sequence was chosen"
    )
    target_selection_method: str | None = Field(
        None, description="The screening method and why it is sound (002 二(三)2, 3)"
    )
    delivery: Delivery = Field(default_factory=Delivery)
    cell_origin: str | None = Field(None, description="Stem cells: tissue or line of origin (002 二(三)1)")
    filed_research: FiledResearch | None = None
    development_status: str | None = Field(None, description="研发情况: where development stands")
    development_strategy: str | None = None

    @computed_field(  # type: ignore[prop-decorator]
        description="Also a gene therapy product: in vivo gene therapy, or cells that are gene-modified"
        " or edited (001 一(二), 004 一(二)); the gene-therapy rules (002 二(三)3) then apply too"
    )
    @property
    def gene_therapy_character(self) -> bool:
        return self.modality is Modality.GENE_THERAPY or self.gene_modified

    @model_validator(mode="after")
    def _facts_agree(self) -> Product:
        if self.gene_editing and not self.gene_modified:
            raise ValueError("gene_editing is given, so gene_modified must be true")
        if self.source is Source.NONE and self.modality is not Modality.GENE_THERAPY:
            raise ValueError("source: none is only for gene therapy products that carry no cells")
        return self


class Indication(Bilingually):
    name: Text = Field(description="The indication: {zh: …, en: …}")
    oncology: bool | None = Field(
        None, description="A malignant disease; oncology wording applies only when true"
    )
    line_of_therapy: str | None = Field(None, description="e.g. 三线及以上 / third line or later")
    population: str | None = None
    rare_disease: bool | None = None
    life_threatening: bool | None = None
