"""agreements: the current plan differs from a design element an earlier meeting agreed (002 二(二)4).

One hit per agreement whose structured value the current file does not keep to (a changed
population, endpoint or criteria, a sample size below the agreed number, a shorter follow-up).
``reason: missing`` fires where the agreement gives no ``deviation_reason``, ``reason: given``
where it does, so a company can rank the two differently. ``status: not-comparable`` fires
where an agreement gives a structured value but the current file states nothing comparable.
Free text is never compared.
"""

from __future__ import annotations

from typing import Literal

from dossier import consistency
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {
    "meeting_zh",
    "meeting_en",
    "element_zh",
    "element_en",
    "agreed",
    "agreed_zh",
    "agreed_en",
    "current",
    "current_zh",
    "current_en",
    "detail",
    "reason",
    "reason_zh",
    "reason_en",
    "field",
}
STANDALONE = False


class Params(Base):
    reason: Literal["missing", "given"] | None = None
    status: Literal["changed", "not-comparable"] = "changed"


def run(params: Params, ctx) -> list[Hit]:
    d = ctx.dossier
    if d is None or not consistency.applies(d):
        return []
    hits = []
    for row in consistency.rows(d):
        if params.status == "not-comparable":
            # an agreed value was given to be compared, but the file has nothing to set beside it
            if row.agreement.value is None or row.status != consistency.BY_HAND:
                continue
        elif row.status != consistency.CHANGED:
            continue
        elif params.reason is not None and bool(row.reason) != (params.reason == "given"):
            continue
        variables = {
            "meeting_zh": consistency.meeting_name(row.meeting, "zh"),
            "meeting_en": consistency.meeting_name(row.meeting, "en"),
            "element_zh": row.element.zh,
            "element_en": row.element.en,
            "agreed": row.agreed,
            "agreed_zh": row.agreed,
            "agreed_en": row.agreed_en,
            "current": row.current,
            "current_zh": row.current,
            "current_en": row.current_en,
            "detail": row.detail,
            "reason": row.reason or "",
            "reason_zh": row.agreement.in_lang("deviation_reason", "zh")[0] or "",
            "reason_en": row.agreement.in_lang("deviation_reason", "en")[0] or "",
            "field": row.element.field or "current",
        }
        hits.append(Hit(variables, location=row.location))
    return hits
