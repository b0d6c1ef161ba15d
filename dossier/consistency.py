"""Compare the current product file with what earlier meetings agreed (002 二(二)4).

For each design element an earlier meeting fixed (the latest meeting that speaks to it wins),
the agreed value is set beside what the current file states. Structured values (numbers with
units and a comparison, enumeration choices, lists of criteria) are compared; free text is
never compared for equality, only shown side by side for the author to judge.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from dossier import formatting as fmt
from dossier.elements import Element, resolve
from dossier.model import AgreedValue, Agreement, Dossier, PreviousMeeting, Stage

STAGES = (Stage.PRE_PIVOTAL, Stage.PRE_NDA)  # where 002 二(二)4 asks for the comparison
SEED_002 = "002_b2acee319bd1d3c3.txt"
SECTION = "二（二）4. 已完成临床试验的总结"

CONSISTENT = "consistent"
CHANGED = "changed"
BY_HAND = "by-hand"  # free text, or the current file does not state the element comparably


@dataclass(frozen=True)
class Row:
    """One agreement set beside the current file."""

    meeting: PreviousMeeting
    meeting_index: int
    agreement: Agreement
    agreement_index: int
    element: Element
    agreed: str  # the agreed value, structured where it is, else the agreement's text
    current: str  # what the current file states ('' when it does not)
    status: str
    detail: str = ""  # below, shorter, missing/added criteria …
    agreed_en: str = ""  # the same two in English (units)
    current_en: str = ""

    def shown(self, lang: str) -> tuple[str, str]:
        """The agreed and the current value as a reader of ``lang`` sees them."""
        return (self.agreed_en, self.current_en) if lang == "en" else (self.agreed, self.current)

    @property
    def location(self) -> str:
        return f"previous_meetings[{self.meeting_index}].agreements[{self.agreement_index}]"

    @property
    def reason(self) -> str | None:
        return self.agreement.deviation_reason


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, list):
            data = data[int(part)] if part.isdigit() and int(part) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _token(text: str) -> str:
    """A token for comparing enumerations and criteria: width, case and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not ch.isspace()).replace("_", "-")


def _number(x: float) -> str:
    return f"{x:g}"


_SHOWN = {">=": "≥", "<=": "≤", "=": "", ">": ">", "<": "<"}


def show(value: AgreedValue, element: Element, lang: str = "zh") -> str:
    """A structured value as people write it: ``≥ 45 例``, ``single-arm``, ``a；b``."""
    if value.number is not None:
        sign = _SHOWN[value.comparison or element.comparison]
        default = (element.unit_en or element.unit) if lang == "en" else element.unit
        unit = value.unit or default or ""
        return " ".join(filter(None, [sign, _number(value.number), unit]))
    if value.choice is not None:
        return value.choice
    return "；".join(value.criteria or [])


def _current(
    agreement: Agreement, element: Element, data: dict[str, Any], lang: str = "zh"
) -> tuple[AgreedValue | None, str]:
    """The current value in structured form (None when not comparable) and as shown in ``lang``."""
    if agreement.current is not None:
        return agreement.current, show(agreement.current, element, lang)
    raw = _get(data, element.field) if element.field else None
    if raw in (None, "", []):
        return None, ""
    if element.form == "number" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = AgreedValue(number=raw, unit=element.unit)
        unit = (element.unit_en or element.unit) if lang == "en" else element.unit
        return value, " ".join(filter(None, [_number(float(raw)), unit or ""]))
    if element.form == "choice" and element.choices and str(raw) in element.choices:
        return AgreedValue(choice=str(raw)), str(raw)
    if element.form == "criteria" and isinstance(raw, list):
        return AgreedValue(criteria=[str(x) for x in raw]), "；".join(str(x) for x in raw)
    return None, raw if isinstance(raw, str) else str(raw)


def _in_field_unit(value: AgreedValue, element: Element) -> float:
    factor = element.units.get(value.unit, 1.0) if value.unit else 1.0
    return float(value.number or 0) * factor


def _comparable(agreed: AgreedValue, current: AgreedValue, element: Element) -> bool:
    """Numbers in units the element cannot convert between are shown, never compared."""
    if agreed.number is None or not agreed.unit or not current.unit or agreed.unit == current.unit:
        return True
    return agreed.unit in element.units and current.unit in element.units


def _compare(agreed: AgreedValue, current: AgreedValue, element: Element) -> tuple[bool, str]:
    """Whether ``current`` keeps to ``agreed``, and what differs (``below``, ``+x``/``-y``)."""
    if agreed.number is not None:
        want, have = _in_field_unit(agreed, element), _in_field_unit(current, element)
        op = agreed.comparison or element.comparison
        ok = {
            ">=": have >= want - 1e-9,
            "<=": have <= want + 1e-9,
            ">": have > want,
            "<": have < want,
            "=": abs(have - want) < 1e-9,
        }[op]
        return ok, "" if ok else ("below" if have < want else "above")
    if agreed.choice is not None:
        ok = _token(agreed.choice) == _token(current.choice or "")
        return ok, ""
    want_set = {_token(c): c for c in agreed.criteria or []}
    have_set = {_token(c): c for c in current.criteria or []}
    missing = [c for k, c in want_set.items() if k not in have_set]
    added = [c for k, c in have_set.items() if k not in want_set]
    detail = "；".join([*(f"−{c}" for c in missing), *(f"+{c}" for c in added)])
    return not missing and not added, detail


def _latest_per_element(d: Dossier) -> list[tuple[int, PreviousMeeting, int, Agreement, Element]]:
    """Agreements naming an element, only those of the latest meeting that speaks to each element."""
    found: dict[str, tuple[dt.date, int]] = {}
    items = []
    for mi, meeting in enumerate(d.previous_meetings):
        for ai, agreement in enumerate(meeting.agreements):
            element = resolve(agreement.element) if agreement.element else None
            if element is None:
                continue
            items.append((mi, meeting, ai, agreement, element))
            key = (meeting.date, mi)
            if element.id not in found or key > found[element.id]:
                found[element.id] = key
    return sorted(
        (i for i in items if (i[1].date, i[0]) == found[i[4].id]),
        key=lambda i: (i[1].date, i[0], i[2]),
    )


def rows(d: Dossier) -> list[Row]:
    """Every agreement that names a design element, set beside the current file, in meeting order."""
    data = d.model_dump(mode="json")
    out = []
    for mi, meeting, ai, agreement, element in _latest_per_element(d):
        current_value, current_text = _current(agreement, element, data)
        agreed_text = show(agreement.value, element) if agreement.value else agreement.text
        agreed_en = show(agreement.value, element, "en") if agreement.value else agreement.text
        current_en = _current(agreement, element, data, "en")[1]
        status, detail = BY_HAND, ""
        if agreement.value is not None and current_value is not None:
            if _comparable(agreement.value, current_value, element):
                ok, detail = _compare(agreement.value, current_value, element)
                status = CONSISTENT if ok else CHANGED
            else:
                detail = "units"  # e.g. cells/kg against total cells: shown, not compared
        out.append(
            Row(
                meeting,
                mi,
                agreement,
                ai,
                element,
                agreed_text,
                current_text,
                status,
                detail,
                agreed_en,
                current_en,
            )
        )
    return out


def applies(d: Dossier) -> bool:
    return d.meeting.stage in STAGES


def meeting_name(meeting: PreviousMeeting, lang: str) -> str:
    """The meeting as a message names it: 关键/确证性临床试验启动前沟通交流（2023年6月20日）."""
    from dossier.labels import load_labels

    if meeting.stage is not None:
        what = load_labels(lang).stages[meeting.stage.value.replace("-", "_")]
    else:
        what = meeting.subject or meeting.id
    when = fmt.date_text(meeting.date, lang)
    return f"{what}, {when}" if lang == "en" else f"{what}（{when}）"


def _in_lang(model: Any, name: str, lang: str) -> Any:
    """A text field in ``lang``; the other language's text marked as pending, as documents do."""
    text, pending = model.in_lang(name, lang)
    if not (pending and text):
        return text
    from dossier.templates import Raw, fill, literal

    marker = "translation pending" if lang == "en" else "待翻译"
    return Raw(literal(text) + literal(" ") + fill(marker))


def _joined(text: Any, suffix: str) -> Any:
    from dossier.templates import Raw, literal

    return Raw(literal(text) + literal(suffix)) if isinstance(text, Raw) else f"{text}{suffix}"


def context(d: Dossier, lang: str) -> dict[str, Any]:
    """The briefing's 与既往沟通交流共识的一致性 table: shown at pre-pivotal and pre-NDA only."""
    from dossier.citation import Citation

    citation = Citation(source=SEED_002, section=SECTION).text(lang)
    if not applies(d):
        return {"rows": [], "citation": citation}
    shown = []
    for row in rows(d):
        agreed = _in_lang(row.agreement, "text", lang)
        if row.agreement.value is not None:
            agreed = _joined(agreed, f" [{row.shown(lang)[0]}]")
        shown.append(
            {
                "meeting": meeting_name(row.meeting, lang),
                "element": row.element.label(lang),
                "agreed": agreed,
                "current": row.shown(lang)[1],
                "status": row.status,
                "changed": row.status == CHANGED,
                "reason": _in_lang(row.agreement, "deviation_reason", lang) or "",
            }
        )
    return {"rows": shown, "citation": citation}
