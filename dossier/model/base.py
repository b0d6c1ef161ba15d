"""What every part of the input model shares: the strict base, the enums, the text types."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

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


class Bilingually(Strict):
    """A model whose ``name`` may be given in two languages: ``name_zh`` / ``name_en`` read it.

    Each returns the name for that reader, the other language's while a translation is
    missing, as the older separate fields did.
    """

    name: str

    @property
    def name_zh(self) -> str:
        return self.in_lang("name", "zh")[0] or self.name

    @property
    def name_en(self) -> str:
        return self.in_lang("name", "en")[0] or self.name


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
