"""Clinical facts the content checks read. Add a field here to make a new fact checkable."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
)

from dossier.model.base import Strict, Text

# --- clinical facts ------------------------------------------------------------------------


class Rationale(Strict):
    """立题依据 (002 二(二)1): which parts the rationale covers."""

    design_principle: bool | None = None
    mechanism: bool | None = None
    indication_overview: bool | None = None
    same_class_products: bool | None = None
    clinical_positioning: bool | None = None


class Population(Strict):
    healthy_volunteers: bool | None = None
    pediatric: bool | None = None
    adult_safety_data: bool | None = None
    pediatric_justification: str | None = None
    pregnancy_excluded: bool | None = None
    prior_therapy_defined: bool | None = Field(
        None, description="Prior lines and 'adequately treated' defined (002 二(二)2.2)"
    )
    benefit_risk_rationale: str | None = Field(
        None, description="Why this population bears the risk (002 二(三)2, 001 二(一)1)"
    )


class Toxicity(Strict):
    """A nonclinical toxicity finding."""

    organ: Text = Field(description="Target organ or system, e.g. 肾, liver")
    finding: str | None = None
    onset_day: int | None = Field(None, ge=0, description="Day after dosing it appeared")
    duration_days: int | None = Field(None, ge=0, description="How long it lasted from its onset")
    resolved_day: int | None = Field(
        None,
        ge=0,
        description="Day after dosing by which it resolved; when unset, onset_day + duration_days"
        " (002 四: the DLT window follows onset, duration and resolution)",
        examples=[41],
    )


class Dlt(Strict):
    defined: bool | None = None
    derived_from_product: bool | None = Field(
        None, description="Built from this product's design, not copied (002 二(二)2.2, 四)"
    )
    window_days: int | None = Field(None, ge=1)
    organs: list[str] = Field(default_factory=list, description="Organ toxicities the DLT covers")
    covers_transgene_overexpression: bool | None = None
    covers_vector_risks: bool | None = None


class DoseDescription(Strict):
    """How the dose is expressed (001 二(二)2(2))."""

    unit: str | None = Field(None, description="The dose unit as written", examples=["CAR+ T 细胞/kg"])
    per_kg: bool | None = Field(None, description="Per kilogram of body weight (or per m²)")
    viable_cells: bool | None = Field(None, description="Counted as viable cells")
    transgene_positive: bool | None = Field(
        None, description="Counted as transgene-positive (CAR+, TCR+) cells, with their share of all cells"
    )
    transduction_efficiency: bool | None = Field(
        None, description="Transduction / editing efficiency and vector copy number stated with the dose"
    )


class Dosing(Strict):
    first_in_human: bool | None = None
    single_dose_first: bool | None = None
    stagger_interval_days: int | None = Field(
        None, ge=0, description="Days between the first subjects; 0 (same day) is no interval", examples=[14]
    )
    dose: DoseDescription = Field(default_factory=DoseDescription)
    explored_max_dose: float | None = Field(
        None, gt=0, description="Highest dose explored so far, in the unit of dose.unit", examples=[5e7]
    )
    pivotal_dose: float | None = Field(
        None, gt=0, description="Dose proposed for the confirmatory trial, same unit", examples=[1e8]
    )
    repeat_dosing: bool | None = None
    dose_escalation: str | None = None
    starting_dose_basis: str | None = None


class Pivotal(Strict):
    design: Literal["single-arm", "randomised"] | None = None
    control: str | None = None
    external_control: bool | None = Field(
        None,
        description="Single-arm against an external (historical) control, not the patients' own baseline",
    )
    external_control_data: str | None = Field(
        None, description="Historical literature or epidemiology behind the hypothesis"
    )
    comparator_rationale: str | None = None
    blinded: bool | None = None
    irc: bool | None = Field(None, description="Independent review committee for endpoints")
    sample_size: int | None = Field(None, ge=1)
    hypothesis: str | None = None
    target_value_basis: str | None = None
    safety_cases_adequate: bool | None = None
    primary_endpoint: str | None = Field(
        None,
        description="Resolved through the endpoints vocabulary: clinical benefit (OS, ABR, pain and"
        " function) or a surrogate (imaging, immune response, biomarker)",
        examples=["12 个月 WOMAC 疼痛评分变化"],
    )
    primary_endpoint_validated: bool | None = Field(
        None, description="A surrogate primary endpoint was linked to clinical benefit in earlier studies"
    )
    durability_assessed: bool | None = Field(
        None, description="Durability of effect (DOR, effect at 12 months or later) is an endpoint"
    )
    why_not_randomised: str | None = Field(
        None, description="Single-arm: why a randomised trial is not feasible, with evidence (001 二(三)1)"
    )
    background_therapy_stable: bool | None = Field(
        None, description="Add-on: background treatment kept stable (drug, dose, frequency) (004 二(一)2(2))"
    )
    assessment_criteria: str | None = None
    assessors: str | None = None
    intercurrent_events: str | None = None
    population_refined: bool | None = None


class CompletedTrials(Strict):
    summary: bool | None = None
    benefit_risk: bool | None = None
    dose_response: bool | None = Field(
        None, description="Dose-safety and dose-response of the earlier regimens analysed (002 二(二)4)"
    )


class PreNda(Strict):
    pivotal_summary: bool | None = None
    amendment_history: bool | None = None
    sap: bool | None = None
    consistent_population: bool | None = None
    consistent_sample_size: bool | None = None
    consistent_endpoints: bool | None = None
    analysis_sets_justified: bool | None = None
    sae_death_analysis: bool | None = None
    screening_failures: bool | None = Field(
        None, description="Screening failures and withdrawals listed with reasons (002 二(二)4)"
    )
    untreated_subjects: bool | None = Field(
        None,
        description="Enrolled subjects never dosed (manufacturing failure, progression) counted and"
        " analysed (001 二(一)3, 004 二(一)4(1))",
    )
    new_risks_analysed: bool | None = Field(None, description="Newly identified safety risks analysed")
    sensitivity_analyses: bool | None = Field(
        None, description="Sensitivity analyses of the primary endpoint"
    )
    endpoint_complete: bool | None = Field(
        None, description="Every subject of the efficacy set has the primary-endpoint assessment"
    )


class Pathway(Strict):
    conditional_approval: bool = False
    conditional_conditions: str | None = Field(None, description="The conditions for conditional approval")
    post_marketing_studies: str | None = None
    priority_review: bool = False
    prior_communication: bool | None = Field(
        None, description="Conditional / priority pathway already discussed with CDE"
    )
    breakthrough: bool = False


class CmcChange(Strict):
    description: Text
    major: bool = False
    timing: Literal["before-pivotal", "during-pivotal", "after-pivotal"] | None = None


class Manufacturing(Strict):
    """Individualised manufacture (001 二(一)3, 002 二(三)2, 004 二(一)4)."""

    failure_plan: bool | None = Field(None, description="Rescue, re-manufacture, replacement")
    pre_infusion_criteria: bool | None = Field(
        None, description="Criteria a subject must still meet at infusion after the wait (001 二(一)3)"
    )
    feasibility_assessed: bool | None = Field(
        None,
        description="Feasibility of collection, manufacture, transport, site storage and preparation"
        " assessed, with a plan (001 二(二)1(2), 004 二(一)4(2))",
    )
    bridging_therapy: bool | None = None
    pretreatment_after_release: bool | None = Field(
        None, description="Lymphodepletion only once the product is available"
    )


class Allogeneic(Strict):
    anti_cd52: bool | None = None
    anti_cd52_source_dose: str | None = None
    rejection_monitoring: bool | None = None
    tumorigenicity_monitoring: bool | None = None
    monitoring_duration: str | None = None


class Trial(Strict):
    """Facts of the trial's conduct that 001 and 004 ask about."""

    ethics_review: bool | None = Field(
        None,
        description="Ethics review planned, for stem cells under the 2019 guide's annex 6 (004 二(一)1)",
    )
    nonclinical_complete: bool | None = Field(
        None,
        description="Nonclinical studies (tumorigenicity, biodistribution, toxicity) complete before"
        " first-in-human (004 二(一)4(3))",
    )
    operator_training: bool | None = Field(
        None,
        description="Operator qualification, training and SOP for a special route or procedure"
        " (001 二(一)2(3), 004 二(一)3(2))",
    )
    abnormal_cells_excluded: bool | None = Field(
        None,
        description="Subjects with abnormal or malignant cells in the starting material excluded, where"
        " manufacture cannot remove them (001 二(一)1(4))",
    )
    abnormal_cells_risk: bool | None = Field(
        None,
        description="The target or lineage is shared with the malignancy (a T-cell product for a T-cell"
        " malignancy, CD7), so malignant cells may be collected and transduced",
        examples=[True],
    )
    therapy_paused: bool | None = Field(None, description="The protocol pauses or changes current therapy")
    pause_rescue_plan: bool | None = Field(
        None, description="A rescue plan for flares while current therapy is paused (001 二(一)2(1))"
    )
    cohort_size_justified: bool | None = Field(
        None, description="Cohort sizes justified by risk acceptance outside oncology (001 二(二)2(3))"
    )
    expansion_monitoring: bool | None = Field(
        None,
        description="Gene-modified immune cells: monitoring, stopping rules and controls for"
        " over-proliferation and transgene over-expression (002 二(三)2)",
    )
    local_reaction_monitoring: bool | None = Field(
        None,
        description="Local route: reactions at the site or organ monitored, and systemic or distant"
        " effects too (002 二(三)3)",
    )
    tissue_targeting_safety: bool | None = Field(
        None, description="Systemic delivery: safety of off-target tissues addressed (002 二(三)3)"
    )
    host_versus_graft: bool | None = Field(
        None,
        description="Allogeneic stem cells: abnormal proliferation, tumorigenicity and host-versus-graft"
        " reactions addressed (004 二(二)1)",
    )
    growth_development_follow_up: bool | None = Field(
        None, description="Children: growth and development followed long term (001/004 三(一))"
    )
    ltfu_summary: bool | None = Field(
        None,
        description="Pre-NDA: long-term follow-up and delayed adverse events to date summarised, with"
        " the follow-up protocol (002 二(三)3)",
    )
    sra_interactions: bool | None = Field(
        None, description="Also developed or filed outside China (multi-regional development)"
    )
    sra_minutes: bool | None = Field(
        None,
        description="Minutes and materials of meetings with stringent regulatory authorities (002 三(二))",
    )


class Clinical(Strict):
    """Clinical facts the content checks read. Add a field here to make a new fact checkable."""

    trial: Trial = Field(default_factory=Trial)
    rationale: Rationale = Field(default_factory=Rationale)
    population: Population = Field(default_factory=Population)
    dosing: Dosing = Field(default_factory=Dosing)
    dlt: Dlt = Field(default_factory=Dlt)
    nonclinical_toxicities: list[Toxicity] = Field(default_factory=list)
    safety_endpoints: bool | None = None
    stopping_rules: bool | None = None
    long_term_follow_up_years: float | None = Field(None, ge=0)
    ltfu_plan_refined: bool | None = Field(
        None, description="Follow-up time points, duration and measures set out (002 二(三)3)"
    )
    delayed_adverse_reactions: bool | None = None
    neutralising_antibody_threshold: str | None = None
    informed_consent_sample: bool | None = None
    rmp_revision_mechanism: bool | None = None
    ethics_risk_assessment: bool | None = Field(
        None, description="Stem cells: source, preparation and ethical risk analysed (002 二(三)1)"
    )
    gene_modification_risks: bool | None = Field(
        None, description="Tumorigenicity, expansion, uncontrolled transgene expression addressed"
    )
    single_agent_or_add_on: Literal["single-agent", "add-on"] | None = None
    control_planned: str | None = Field(None, description="Whether and at which phase a control arm")
    manufacturing: Manufacturing = Field(default_factory=Manufacturing)
    allogeneic: Allogeneic = Field(default_factory=Allogeneic)
    pivotal: Pivotal = Field(default_factory=Pivotal)
    completed_trials: CompletedTrials = Field(default_factory=CompletedTrials)
    pre_nda: PreNda = Field(default_factory=PreNda)
    pathway: Pathway = Field(default_factory=Pathway)
    cmc_changes: list[CmcChange] = Field(default_factory=list)
    confirm: dict[str, bool] = Field(
        default_factory=dict,
        description="Rule ids the author has checked by hand (true) where no field can say",
    )
