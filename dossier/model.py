"""The input model: one cell or gene therapy product at one CDE communication meeting.

Every field the guidelines make a requirement depend on has a place here. Facts that may be
unknown are ``None`` by default, so a check can tell "the author said no" from "nobody said":
the first is a finding, the second a request to confirm.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from dossier import bilingual
from dossier.text import EXCEL_CELL, CorePropertyText, clean_value

SCHEMA_VERSION = 2
SUPPORTED_SCHEMA_VERSIONS = (1, 2)  # 1 is migrated by dossier.migrate


class Strict(BaseModel):
    """Base of every input model: unknown keys are errors, numbers may stand for text.

    Text is stripped, so whitespace alone does not fill a required field, and capped at what
    one Excel cell holds. Characters an Office file cannot hold (control characters pasted
    from PDFs) are dropped here, once, so no output can fail on them; the YAML loader
    already refuses them with their line, so this guards models built in code.
    """

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        str_max_length=EXCEL_CELL,
    )

    _translations: dict[str, tuple[str | None, str | None]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _two_languages(cls, data: Any, handler: Any) -> Any:
        """Any text field may be ``{zh: …, en: …}``: keep the primary text, record both."""
        data, pairs = bilingual.split(cls, data)
        errors = bilingual.pair_errors(cls, pairs)
        try:
            model = handler(data)
        except ValidationError as exc:
            if not errors:
                raise
            errors = errors + [bilingual.details(e) for e in exc.errors()]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        if pairs:
            model._translations = {**model._translations, **pairs}
        return model

    @model_validator(mode="before")
    @classmethod
    def _clean_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: clean_value(value) for key, value in data.items()}
        return data

    def in_lang(self, field: str, lang: str) -> tuple[str | None, bool]:
        """A text field in ``lang``, and whether its translation into ``lang`` is missing."""
        return bilingual.text_in(getattr(self, field), self._translations.get(field), lang)


class Stage(str, Enum):
    """The three key-stage meetings of guideline 002 二(一)."""

    PRE_IND = "pre-ind"
    PRE_PIVOTAL = "pre-pivotal"
    PRE_NDA = "pre-nda"


class Modality(str, Enum):
    """Product families of guideline 002 二(三)."""

    STEM_CELL = "stem-cell"
    IMMUNE_CELL = "immune-cell"
    GENE_THERAPY = "gene-therapy"


class Source(str, Enum):
    AUTOLOGOUS = "autologous"
    ALLOGENEIC = "allogeneic"
    NONE = "none"  # no cells: in-vivo gene therapy, nucleic acid products


class MeetingType(str, Enum):
    I = "I"  # noqa: E741 - the CDE name of the class
    II = "II"
    III = "III"


class MeetingFormat(str, Enum):
    FACE_TO_FACE = "face-to-face"
    VIDEO = "video"
    TELEPHONE = "telephone"
    WRITTEN = "written"


class Discipline(str, Enum):
    """Review disciplines (审评专业) as CDE names them."""

    CLINICAL = "临床"
    STATISTICS = "统计"
    CMC = "药学"
    PHARM_TOX = "药理毒理"
    CLIN_PHARM = "临床药理"


DISCIPLINE_ALIASES = {
    "clinical": Discipline.CLINICAL,
    "临床专业": Discipline.CLINICAL,
    "statistics": Discipline.STATISTICS,
    "统计学": Discipline.STATISTICS,
    "统计专业": Discipline.STATISTICS,
    "cmc": Discipline.CMC,
    "药学专业": Discipline.CMC,
    "pharmacology-toxicology": Discipline.PHARM_TOX,
    "pharmtox": Discipline.PHARM_TOX,
    "nonclinical": Discipline.PHARM_TOX,
    "药理毒理学": Discipline.PHARM_TOX,
    "非临床": Discipline.PHARM_TOX,
    "clinical-pharmacology": Discipline.CLIN_PHARM,
}

DISCIPLINE_EN = {
    Discipline.CLINICAL: "Clinical",
    Discipline.STATISTICS: "Statistics",
    Discipline.CMC: "CMC",
    Discipline.PHARM_TOX: "Pharmacology/Toxicology",
    Discipline.CLIN_PHARM: "Clinical pharmacology",
}


def discipline_names(disciplines: list[Discipline]) -> dict[str, str]:
    """Message variables naming disciplines: ``missing_zh`` (药学、统计) and ``missing_en``."""
    return {
        "missing_zh": "、".join(d.value for d in disciplines),
        "missing_en": ", ".join(DISCIPLINE_EN[d] for d in disciplines),
    }


def _discipline_alias(value: Any) -> Any:
    if isinstance(value, str):
        return DISCIPLINE_ALIASES.get(value.strip().lower(), value.strip())
    return value


DisciplineField = Annotated[Discipline, BeforeValidator(_discipline_alias)]
Text = Annotated[str, Field(min_length=1)]
"""Required text: not empty, not whitespace alone (text is stripped)."""
Name = Annotated[str, Field(min_length=1), CorePropertyText]
"""Required text that becomes a Word core property (subject, author): 255 characters at most."""


# --- product -------------------------------------------------------------------------------


class Vector(Strict):
    """The gene-delivery vector (载体)."""

    type: Text = Field(description="e.g. lentivirus, gamma-retrovirus, AAV, adenovirus, plasmid")
    integrating: bool | None = Field(
        None, description="Integrates into the genome or carries a recombination risk (001 三(一))"
    )
    replication_competent: bool | None = None
    serotype: str | None = None
    choice_rationale: str | None = Field(None, description="Why this vector; its safety (002 二(三)3)")


class GeneEditing(Strict):
    """Gene editing (基因编辑): the tool and where it acts."""

    tool: Text = Field(description="e.g. CRISPR/Cas9, base editor, TALEN, ZFN")
    targets: list[str] = Field(default_factory=list, description="Edited genes, e.g. TRAC, B2M")
    in_vivo: bool = False
    off_target_assessment: str | None = None


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


class Product(Strict):
    """The product and the facts about it that the guidelines turn on."""

    name: Name = Field(description="The product's name: {zh: 中文名, en: English name}")
    code: str | None = None
    applicant: Name
    applicant_address: str | None = Field(None, description="The applicant's registered address")
    registration_number: str | None = Field(None, description="受理号 / 登记号, where one exists")
    dosage_form: Text
    route: Text
    regimen: Text = Field(description="Dose, frequency and course as planned")
    modality: Modality
    cell_type: str | None = Field(
        None, description="e.g. MSC, HSC, iPSC-derived, T, NK, DC, CIK, TIL, CAR-T, TCR-T"
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

    @property
    def name_zh(self) -> str:
        """The name for a Chinese reader (the English one while no Chinese name is given)."""
        return self.in_lang("name", "zh")[0] or self.name

    @property
    def name_en(self) -> str:
        """The name for an English reader (the Chinese one while no English name is given)."""
        return self.in_lang("name", "en")[0] or self.name

    @model_validator(mode="after")
    def _facts_agree(self) -> Product:
        if self.gene_editing and not self.gene_modified:
            raise ValueError("gene_editing is given, so gene_modified must be true")
        if self.source is Source.NONE and self.modality is not Modality.GENE_THERAPY:
            raise ValueError("source: none is only for gene therapy products that carry no cells")
        return self


class Indication(Strict):
    name: Text = Field(description="The indication: {zh: …, en: …}")
    oncology: bool | None = Field(
        None, description="A malignant disease; oncology wording applies only when true"
    )
    line_of_therapy: str | None = Field(None, description="e.g. 三线及以上 / third line or later")
    population: str | None = None
    rare_disease: bool | None = None
    life_threatening: bool | None = None

    @property
    def name_zh(self) -> str:
        return self.in_lang("name", "zh")[0] or self.name

    @property
    def name_en(self) -> str:
        return self.in_lang("name", "en")[0] or self.name


# --- meeting -------------------------------------------------------------------------------


QuestionRef = Annotated[
    int | str,
    Field(description="A question: its position in `questions` (1, 2 …) or its `id`"),
]


class AgendaItem(Strict):
    AS_WRITTEN: ClassVar[frozenset[str]] = frozenset({"presenter"})
    item: Text
    minutes: int = Field(ge=1, le=240)
    presenter: str | None = None
    questions: list[QuestionRef] = Field(
        default_factory=list,
        description="Questions this item discusses; printed with their final numbers",
    )


class Contact(Strict):
    """A registration specialist (药品注册专员) CDE contacts about the meeting."""

    AS_WRITTEN: ClassVar[frozenset[str]] = frozenset({"name"})  # a person's name, in both packages

    name: Text
    phone: Text
    email: Text = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    title: str | None = None


class Attendee(Strict):
    AS_WRITTEN: ClassVar[frozenset[str]] = frozenset({"name"})
    name: Text
    title: Text = Field(description="职务/职称")
    role: Text = Field(description="Role at the meeting, e.g. 临床负责人")
    affiliation: Text
    expert: bool = False
    translator: bool = False


class Meeting(Strict):
    stage: Stage
    type: MeetingType = MeetingType.II
    format: MeetingFormat = MeetingFormat.VIDEO
    purpose: str | None = None
    disciplines: list[DisciplineField] = Field(default_factory=list)
    candidate_dates: list[dt.date] = Field(default_factory=list, max_length=3)
    materials_date: dt.date | None = Field(None, description="Date the materials will be submitted")
    application_date: dt.date | None = Field(None, description="Date of the application (申请日期)")
    contacts: list[Contact] = Field(
        default_factory=list,
        max_length=2,
        description="One or two registration specialists (药品注册专员): name, phone, email",
    )
    agenda: list[AgendaItem] = Field(default_factory=list)
    attendees: list[Attendee] = Field(default_factory=list)
    optional_materials: list[str] = Field(
        default_factory=list, description="Ids of '±' materials the applicant will submit"
    )


class DataRef(Strict):
    """Where a question's supporting data are: a material of the package and a section in it."""

    material: Text = Field(description="Material id, e.g. clinical-trial-protocol (alias: protocol)")
    section: str | None = Field(None, description="Section heading or number, e.g. 5.2 剂量递增")


class Question(Strict):
    id: str | None = Field(
        None,
        pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,40}$",
        description="Stable id (e.g. dlt-window) that agenda items refer to",
    )
    text: Text
    discipline: DisciplineField | None = None
    background: str | None = None
    purpose: str | None = None
    position: str | None = Field(None, description="The applicant's position (申请人观点)")
    basis: str | None = Field(None, description="The basis of that position (依据)")
    supporting_data: list[DataRef | str] = Field(
        default_factory=list,
        description="Where the supporting data are: {material: protocol, section: '5.2'}"
        " (or the older free text, e.g. 临床综述 3.2)",
    )
    topic: str | None = Field(
        None,
        description="Optional tag: dose-selection, repeat-dosing, pivotal-design, cmc-change …",
    )


class Submission(Strict):
    """A material submitted at an earlier meeting or application."""

    material: Text = Field(description="Material id from the annex matrix, e.g. clinical-trial-protocol")
    version: Text
    date: dt.date
    meeting: str | None = Field(
        None,
        description="Where it went: the id of an entry in previous_meetings, a stage"
        " (pre-ind, pre-pivotal, pre-nda) or IND / NDA for an application",
    )
    changes: str | None = Field(None, description="What the next version changes, and why")


class AskedQuestion(Strict):
    """A question asked at an earlier meeting and CDE's written reply to it."""

    number: int = Field(ge=1, description="Its number in that meeting's package")
    text: Text
    reply: str | None = Field(None, description="CDE's written reply or the minutes' answer")


class Agreement(Strict):
    """A point CDE agreed in writing (reply or minutes) that later packages must keep to."""

    text: Text = Field(description="The agreed point, as the minutes or reply word it")
    question: int | None = Field(None, ge=1, description="The question of that meeting it answers")
    element: str | None = Field(
        None, description="The design element it fixes: population, endpoint, sample-size, dose …"
    )


class PreviousMeeting(Strict):
    """A communication meeting already held with CDE for this product."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$", description="e.g. pre-ind-2024")
    stage: Stage | None = Field(None, description="Which key-stage meeting it was, if one of the three")
    type: MeetingType = MeetingType.II
    format: MeetingFormat | None = None
    date: dt.date
    reference: str | None = Field(None, description="CDE's meeting or acceptance number")
    subject: str | None = Field(None, description="What it was about, when not one of the three stages")
    questions: list[AskedQuestion] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)


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
    onset_day: int | None = Field(None, ge=0)
    duration_days: int | None = Field(None, ge=0, description="Until the finding resolved")


class Dlt(Strict):
    defined: bool | None = None
    derived_from_product: bool | None = Field(
        None, description="Built from this product's design, not copied (002 二(二)2.2, 四)"
    )
    window_days: int | None = Field(None, ge=1)
    organs: list[str] = Field(default_factory=list, description="Organ toxicities the DLT covers")
    covers_transgene_overexpression: bool | None = None
    covers_vector_risks: bool | None = None


class Dosing(Strict):
    first_in_human: bool | None = None
    single_dose_first: bool | None = None
    stagger_interval_days: int | None = Field(None, ge=0)
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
    primary_endpoint: str | None = None
    assessment_criteria: str | None = None
    assessors: str | None = None
    intercurrent_events: str | None = None
    population_refined: bool | None = None


class CompletedTrials(Strict):
    summary: bool | None = None
    benefit_risk: bool | None = None
    dose_response: bool | None = None


class PreNda(Strict):
    pivotal_summary: bool | None = None
    amendment_history: bool | None = None
    sap: bool | None = None
    consistent_population: bool | None = None
    consistent_sample_size: bool | None = None
    consistent_endpoints: bool | None = None
    analysis_sets_justified: bool | None = None
    sae_death_analysis: bool | None = None


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
    """Individualised manufacture (001 二(一)3, 002 二(三)2)."""

    failure_plan: bool | None = Field(None, description="Rescue, re-manufacture, replacement")
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


class Clinical(Strict):
    """Clinical facts the content checks read. Add a field here to make a new fact checkable."""

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


class Dossier(Strict):
    """A product file: the product, its indication and the meeting it asks for."""

    schema_version: int = Field(SCHEMA_VERSION, description="Version of this file format")
    product: Product
    indications: list[Indication] = Field(min_length=1)
    meeting: Meeting
    questions: list[Question] = Field(default_factory=list)
    previous_meetings: list[PreviousMeeting] = Field(
        default_factory=list, description="Meetings already held with CDE, with what was agreed"
    )
    previous_submissions: list[Submission] = Field(default_factory=list)
    clinical: Clinical = Field(default_factory=Clinical)
    document_date: dt.date | None = Field(
        None, description="Date printed on the package; fixes file metadata for reproducible output"
    )

    @model_validator(mode="after")
    def _version_known(self) -> Dossier:
        if self.schema_version not in SUPPORTED_SCHEMA_VERSIONS:
            raise ValueError(f"schema_version {self.schema_version} is not supported; use {SCHEMA_VERSION}")
        return self


class QuestionSet(Strict):
    """A standalone questions file: RA staff draft questions before the rest is ready."""

    questions: list[Question] = Field(min_length=1)
    stage: Stage | None = None
    meeting_format: MeetingFormat | None = None
