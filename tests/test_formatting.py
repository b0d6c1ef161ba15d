"""Values formatted for the reader: dates, numbers with units, labels, organs, routes, symbols."""

from __future__ import annotations

import datetime as dt
import re
import typing
from enum import Enum
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLES
from pydantic import BaseModel

from dossier import formatting as fmt
from dossier.errors import InputError
from dossier.findings import Severity
from dossier.matrix import Status, load_matrix
from dossier.model import Dossier, QuestionSet

CJK = re.compile(r"[\u3400-\u9fff]")

# --- dates and numbers ---------------------------------------------------------------------

DATES = [
    (dt.date(2026, 11, 20), "2026年11月20日", "20 November 2026"),
    (dt.date(2027, 1, 5), "2027年1月5日", "5 January 2027"),
    ("2026-12-10", "2026年12月10日", "10 December 2026"),
    (dt.datetime(2026, 3, 1, 9, 30), "2026年3月1日", "1 March 2026"),
    (None, "未说明", "Not stated"),
]


@pytest.mark.parametrize(("value", "zh", "en"), DATES, ids=[str(d[0]) for d in DATES])
def test_date_text(value, zh, en):
    assert fmt.date_text(value, "zh") == zh
    assert fmt.date_text(value, "en") == en


NUMBERS = [
    # value, unit, zh, en, extra keyword arguments
    (15.0, None, "15", "15", {}),
    (2.50, None, "2.5", "2.5", {}),
    (0.1 + 0.2, None, "0.3", "0.3", {}),
    (12000, None, "12000", "12,000", {}),
    (1234.5, None, "1234.5", "1,234.5", {}),
    (-3, None, "-3", "-3", {}),
    (15.0, "years", "15 年", "15 years", {}),
    (1, "years", "1 年", "1 year", {}),
    (1.0, "year", "1 年", "1 year", {}),
    (0.5, "years", "0.5 年", "0.5 years", {}),
    (6, "months", "6 个月", "6 months", {}),
    (4, "weeks", "4 周", "4 weeks", {}),
    (28, "days", "28 天", "28 days", {}),
    (1, "天", "1 天", "1 day", {}),
    (24, "h", "24 小时", "24 hours", {}),
    (30, "minutes", "30 分钟", "30 minutes", {}),
    (12, "patients", "12 例患者", "12 patients", {}),
    (1, "subjects", "1 例受试者", "1 subject", {}),
    (1200, "subjects", "1200 例受试者", "1,200 subjects", {}),
    (1.0e6, "cells/kg", "1×10⁶ 个细胞/kg", "1 × 10⁶ cells/kg", {}),
    (2.5e6, "cells/kg", "2.5×10⁶ 个细胞/kg", "2.5 × 10⁶ cells/kg", {}),
    (5e5, "cells/kg", "5×10⁵ 个细胞/kg", "5 × 10⁵ cells/kg", {}),
    (5e5, "cells/kg", "0.5×10⁶ 个细胞/kg", "0.5 × 10⁶ cells/kg", {"exponent": 6}),
    (500, "cells/kg", "500 个细胞/kg", "500 cells/kg", {}),
    (2e8, "cells", "2×10⁸ 个细胞", "2 × 10⁸ cells", {}),
    (2e13, "vg/kg", "2×10¹³ vg/kg", "2 × 10¹³ vg/kg", {}),
    (1.5e13, "vg/kg", "1.5×10¹³ vg/kg", "1.5 × 10¹³ vg/kg", {}),
    (50, "%", "50%", "50%", {}),
    (12.50, "percent", "12.5%", "12.5%", {}),
    (3, "mg/kg", "3 mg/kg", "3 mg/kg", {}),
    (None, "years", "未说明", "Not stated", {}),
]


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en", "kwargs"), NUMBERS, ids=[f"{n[0]!r}-{n[1]}" for n in NUMBERS]
)
def test_number_text(value, unit, zh, en, kwargs):
    assert fmt.number_text(value, "zh", unit, **kwargs) == zh
    assert fmt.number_text(value, "en", unit, **kwargs) == en


def test_number_text_shortcuts():
    assert fmt.years_text(15.0, "zh") == "15 年"
    assert fmt.days_text(28, "en") == "28 days"


@pytest.mark.parametrize("value", [True, "15", [1]])
def test_number_text_rejects_what_is_not_a_number(value):
    with pytest.raises(TypeError):
        fmt.number_text(value, "zh")


def test_unknown_unit_is_an_error_not_a_silent_suffix():
    with pytest.raises(KeyError, match="furlongs"):
        fmt.number_text(3, "en", "furlongs")


def test_every_unit_has_both_languages():
    for unit in set(fmt.units().values()):
        assert unit.zh and unit.en.one and unit.en.other


# --- labels --------------------------------------------------------------------------------


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _flatten(annotation: typing.Any) -> list[typing.Any]:
    """Every type inside Optional/list/dict/Annotated/Literal wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return [annotation]
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    if origin is not None:
        return [t for arg in typing.get_args(annotation) for t in _flatten(arg)]
    return [annotation]


def model_values(*roots: type[BaseModel]) -> dict[str, set[str]]:
    """Each enum and Literal field reachable from the models, with its values, by label kind.

    The kind is named as templates/labels/values.yaml says: an Enum by its class name in
    snake_case, a Literal field by its owner model in snake_case, a dot, and the field name.
    """
    kinds: dict[str, set[str]] = {}
    seen: set[type] = set()
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            for t in _flatten(field.annotation):
                if typing.get_origin(t) is typing.Literal:
                    kinds.setdefault(f"{_snake(model.__name__)}.{name}", set()).update(typing.get_args(t))
                elif isinstance(t, type) and issubclass(t, Enum):
                    kinds.setdefault(_snake(t.__name__), set()).update(m.value for m in t)
                elif isinstance(t, type) and issubclass(t, BaseModel):
                    todo.append(t)
    return kinds


MODEL_VALUES = model_values(Dossier, QuestionSet)
OTHER_VALUES = {
    "status": set(typing.get_args(Status)),
    "severity": {s.value for s in Severity},
    "answer": {"yes", "partly", "no", "author"},
    "boolean": {"true", "false"},
    "unknown": {"unknown"},
    "symbol": {"+", "-", "±", "△", "#", "revision-history", "revision-history-scope"},
}
ALL_VALUES = [(kind, value) for kind, values in {**MODEL_VALUES, **OTHER_VALUES}.items() for value in values]


def test_the_model_walk_finds_every_kind_the_brief_names():
    assert {
        "stage",
        "modality",
        "source",
        "meeting_type",
        "meeting_format",
        "discipline",
        "product.target_selection",
        "pivotal.design",
        "clinical.single_agent_or_add_on",
        "cmc_change.timing",
    } <= set(MODEL_VALUES)


@pytest.mark.parametrize(("kind", "value"), ALL_VALUES, ids=[f"{k}={v}" for k, v in ALL_VALUES])
def test_every_value_has_a_label_in_both_languages(kind, value):
    zh, en = fmt.label(kind, value, "zh"), fmt.label(kind, value, "en")
    assert zh.strip() and en.strip()
    assert not CJK.search(en), f"English label of {kind}={value} has Chinese: {en}"
    assert zh != value or CJK.search(value), f"{kind}={value} is not translated"


def test_values_yaml_has_no_stale_kinds_or_values():
    table = fmt.value_labels()
    expected = {**MODEL_VALUES, **OTHER_VALUES}
    assert set(table) == set(expected)
    for kind, values in table.items():
        assert set(values) == expected[kind], kind


def test_stage_labels_agree_with_the_annex_matrix():
    for stage in load_matrix().stages:
        assert fmt.label("stage", stage.id, "zh") == stage.name_zh
        assert fmt.label("stage", stage.id, "en") == stage.name_en


LABELS = [
    ("cmc_change.timing", "during-pivotal", "关键性临床试验期间", "During the pivotal trial"),
    ("meeting_type", "II", "II类会议", "Type II meeting"),
    ("discipline", "药学", "药学", "CMC"),
    ("status", "not-needed", "不必提交", "Not needed"),
    ("anything", True, "是", "Yes"),
    ("anything", False, "否", "No"),
    ("anything", None, "未说明", "Not stated"),
]


@pytest.mark.parametrize(("kind", "value", "zh", "en"), LABELS, ids=[f"{c[0]}={c[1]}" for c in LABELS])
def test_label(kind, value, zh, en):
    assert fmt.label(kind, value, "zh") == zh
    assert fmt.label(kind, value, "en") == en


def test_label_takes_enum_members():
    from dossier.model import Modality, Stage

    assert fmt.label("stage", Stage.PRE_NDA, "zh") == "上市许可申请前"
    assert fmt.label("modality", Modality.GENE_THERAPY, "en") == "Gene therapy product"


def test_a_value_without_a_label_fails_loudly():
    with pytest.raises(KeyError, match="values.yaml"):
        fmt.label("stage", "phase-4", "zh")
    with pytest.raises(KeyError):
        fmt.label("no-such-kind", "x", "en")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Video conference", "en", "video conference"),
        ("CMC", "en", "CMC"),
        ("Type II meeting", "en", "type II meeting"),
        ("视频会议", "zh", "视频会议"),
    ],
)
def test_inline(text, lang, expected):
    assert fmt.inline(text, lang) == expected


@pytest.mark.parametrize(
    ("items", "zh", "en"),
    [
        ([], "", ""),
        (["肝脏"], "肝脏", "肝脏"),
        (["a", "b"], "a和b", "a and b"),
        (["a", "b", "c"], "a、b和c", "a, b and c"),
    ],
)
def test_join_text(items, zh, en):
    assert fmt.join_text(items, "zh") == zh
    assert fmt.join_text(items, "en") == en


# --- organs and routes ---------------------------------------------------------------------

ORGANS = [
    ("肝", "肝脏", "liver"),
    ("肝脏", "肝脏", "liver"),
    ("Liver", "肝脏", "liver"),
    ("hepatic", "肝脏", "liver"),
    ("肾", "肾脏", "kidney"),
    ("renal", "肾脏", "kidney"),
    ("心", "心脏", "heart"),
    ("lung", "肺", "lung"),
    ("CNS", "中枢神经系统", "central nervous system"),
    ("bone marrow", "骨髓", "bone marrow"),
    ("skin", "皮肤", "skin"),
    ("GI tract", "胃肠道", "gastrointestinal tract"),
    ("血液学毒性", "血液系统", "haematological system"),
    ("细胞因子释放综合征", "细胞因子释放综合征", "cytokine release syndrome"),
    ("脑干", "脑干", "脑干"),  # not in the vocabulary: printed as written
    ("pineal gland", "pineal gland", "pineal gland"),
]


@pytest.mark.parametrize(("value", "zh", "en"), ORGANS, ids=[o[0] for o in ORGANS])
def test_organ_text(value, zh, en):
    assert fmt.organ_text(value, "zh") == zh
    assert fmt.organ_text(value, "en") == en


def test_organs_text():
    assert fmt.organs_text(["肝", "肾"], "zh") == "肝脏和肾脏"
    assert fmt.organs_text(["肝", "renal", "heart"], "en") == "liver, kidney and heart"


ROUTES = [
    ("IV", "静脉输注", "intravenous infusion"),
    ("i.v.", "静脉输注", "intravenous infusion"),
    ("静脉", "静脉输注", "intravenous infusion"),
    ("静脉输注", "静脉输注", "intravenous infusion"),
    ("Intravenous", "静脉输注", "intravenous infusion"),
    ("intra-articular", "关节腔注射", "intra-articular injection"),
    ("intraarticular injection", "关节腔注射", "intra-articular injection"),
    ("膝关节腔内注射", "膝关节腔内注射", "intra-articular injection (knee)"),
    ("intratumoral", "瘤内注射", "intratumoral injection"),
    ("瘤内注射（超声引导）", "瘤内注射（超声引导）", "intratumoral injection (ultrasound-guided)"),
    ("intratumoral (CT-guided)", "瘤内注射（CT引导）", "intratumoral injection (CT-guided)"),
    ("瘤内注射（经皮穿刺）", "瘤内注射（经皮穿刺）", "intratumoral injection (经皮穿刺)"),
    ("subretinal", "视网膜下注射", "subretinal injection"),
    ("玻璃体腔注射", "玻璃体腔注射", "intravitreal injection"),
    ("intramyocardial", "心肌内注射", "intramyocardial injection"),
    ("鞘内注射", "鞘内注射", "intrathecal injection"),
    ("intradermal", "皮内注射", "intradermal injection"),
    ("IM", "肌内注射", "intramuscular injection"),
    ("s.c.", "皮下注射", "subcutaneous injection"),
    ("intracerebral", "脑内注射", "intracerebral injection"),
    ("intra-arterial", "动脉内注射", "intra-arterial injection"),
    ("经门静脉输注", "经门静脉输注", "经门静脉输注"),  # unknown: as written
    ("unknown (route)", "unknown (route)", "unknown (route)"),
]


@pytest.mark.parametrize(("value", "zh", "en"), ROUTES, ids=[r[0] for r in ROUTES])
def test_route_text(value, zh, en):
    assert fmt.route_text(value, "zh") == zh
    assert fmt.route_text(value, "en") == en


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_organs_and_routes_read_as_english_words(sample):
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    clinical = data.get("clinical", {})
    organs = list(clinical.get("dlt", {}).get("organs", []))
    organs += [t["organ"] for t in clinical.get("nonclinical_toxicities", [])]

    def zh(value):  # a field may be {zh, en}: the Chinese is what the vocabulary translates
        return value.get("zh") if isinstance(value, dict) else value

    route = fmt.route_text(zh(data["product"]["route"]), "en")
    for value in [route, *(fmt.organ_text(zh(o), "en") for o in organs)]:
        assert not CJK.search(value), value


def test_a_synonym_naming_two_terms_is_an_error(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    path.write_text(
        "organs:\n  - {zh: 肝脏, en: liver, synonyms: [肝]}\n  - {zh: 肝门, en: hilum, synonyms: [肝]}\n"
        "routes: []\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="肝"):
        fmt._vocabularies(path)


# --- the annex notation --------------------------------------------------------------------

SYMBOLS = [
    ("+", True, "必须提交", "required"),
    ("-", True, "不必提交", "not needed"),
    ("−", True, "不必提交", "not needed"),
    ("±", True, "可以提交", "optional"),
    ("+△", True, "必须提交（提交简要内容）", "required (brief form)"),
    (
        "+#",
        True,
        "必须提交（在既往提交的基础上更新、完善，并提交修订历史和说明）",
        "required (an update of the earlier submission, with revision history and explanation)",
    ),
    (
        "+#",
        False,
        "必须提交（在既往提交的基础上更新、完善）",
        "required (an update of the earlier submission)",
    ),
    (
        "+△#",
        True,
        "必须提交（提交简要内容；在既往提交的基础上更新、完善，并提交修订历史和说明）",
        "required (brief form; an update of the earlier submission, with revision history and explanation)",
    ),
    (
        "+#△",
        False,
        "必须提交（提交简要内容；在既往提交的基础上更新、完善）",
        "required (brief form; an update of the earlier submission)",
    ),
    (
        "±#",
        False,
        "可以提交（在既往提交的基础上更新、完善）",
        "optional (an update of the earlier submission)",
    ),
]


@pytest.mark.parametrize(
    ("raw", "history", "zh", "en"), SYMBOLS, ids=[f"{s[0]}-{'history' if s[1] else 'plain'}" for s in SYMBOLS]
)
def test_symbols_text(raw, history, zh, en):
    assert fmt.symbols_text(raw, "zh", revision_history=history) == zh
    assert fmt.symbols_text(raw, "en", revision_history=history) == en


def test_every_matrix_cell_is_spelled_out_without_raw_symbols():
    for material in load_matrix().materials:
        for raw in material.requirements.values():
            for lang in ("zh", "en"):
                assert not set(fmt.symbols_text(raw, lang)) & set("+-±#△"), raw


@pytest.mark.parametrize("raw", ["x", "+-", "-#", ""])
def test_symbols_text_rejects_invalid_notation(raw):
    with pytest.raises(ValueError):
        fmt.symbols_text(raw, "zh")


def test_symbol_legend_follows_the_annex_notes():
    legend = dict(fmt.symbol_legend("zh"))
    assert list(legend) == ["+", "-", "±", "#", "△"]
    assert legend["#"].endswith("（针对临床研发计划、临床试验方案和风险管理计划）")
    assert all(not CJK.search(text) for _, text in fmt.symbol_legend("en"))
