"""The data summary's facts: what the product file says that bears on one discipline's questions.

The procedure asks for a data summary ordered by discipline and by question; before each
discipline's questions the briefing lists the facts on file (vector, toxicities, dosing, DLT,
follow-up, pivotal design …) in the document's language, with units.
"""

from __future__ import annotations

from typing import Any

from dossier import formatting as fmt
from dossier.model import Discipline, Dossier
from dossier.present import join_raw, localized, paren, text_of


def discipline_facts(d: Dossier, discipline: Discipline | None, lang: str) -> list[str]:
    """The product-file facts that bear on one discipline's questions, as short sentences."""
    en = lang == "en"
    c, p = d.clinical, d.product
    facts: list[str] = []

    def add(zh: str, en_text: str, value: Any) -> None:
        if value not in (None, "", []):
            facts.append(join_raw([en_text + ": " if en else zh + "：", localized(value, lang)]))

    if discipline is Discipline.CMC:
        if p.vector:
            add("载体", "Vector", text_of(p.vector, "type", lang))
        add("外源基因", "Transgene", text_of(p, "transgene", lang))
        if p.gene_editing:
            add("基因编辑", "Gene editing", " ".join([p.gene_editing.tool, *p.gene_editing.targets]))
        for change in c.cmc_changes:
            timing = fmt.label("cmc_change.timing", change.timing, lang) if change.timing else None
            add(
                "药学变更",
                "CMC change",
                join_raw([text_of(change, "description", lang), paren(lang, timing) if timing else ""]),
            )
    elif discipline is Discipline.PHARM_TOX:
        for tox in c.nonclinical_toxicities:
            parts = [fmt.organ_text(tox.organ, lang)]
            if tox.finding:
                parts.append(text_of(tox, "finding", lang))
            if tox.onset_day is not None:
                parts.append(f"onset on day {tox.onset_day}" if en else f"第 {tox.onset_day} 天出现")
            if tox.duration_days is not None:
                days = fmt.number_text(tox.duration_days, lang, "days")
                parts.append(f"lasting {days}" if en else f"持续 {days}")
            sep = ", " if en else "，"
            add(
                "非临床毒性",
                "Nonclinical toxicity",
                join_raw([x for part in parts for x in (sep, part)][1:]),
            )
    elif discipline is Discipline.CLINICAL:
        add("既往治疗", "Prior therapy", text_of(d.indications[0], "line_of_therapy", lang))
        add("剂量递增", "Dose escalation", text_of(c.dosing, "dose_escalation", lang))
        if c.dosing.stagger_interval_days:
            add(
                "受试者间给药间隔",
                "Interval between subjects",
                fmt.number_text(c.dosing.stagger_interval_days, lang, "days"),
            )
        if c.dlt.window_days:
            add("DLT 观察期", "DLT window", fmt.number_text(c.dlt.window_days, lang, "days"))
        if c.dlt.organs:
            add(
                "DLT 涵盖",
                "DLT covers",
                fmt.organs_text(c.dlt.organs, lang),
            )
        if c.long_term_follow_up_years is not None:
            add(
                "长期随访", "Long-term follow-up", fmt.number_text(c.long_term_follow_up_years, lang, "years")
            )
        add("主要终点", "Primary endpoint", text_of(c.pivotal, "primary_endpoint", lang))
    elif discipline is Discipline.STATISTICS:
        if c.pivotal.design:
            add("关键试验设计", "Pivotal design", fmt.label("pivotal.design", c.pivotal.design, lang))
        if c.pivotal.sample_size:
            add("样本量", "Sample size", fmt.number_text(c.pivotal.sample_size, lang, "subjects"))
        add("统计假设", "Hypothesis", text_of(c.pivotal, "hypothesis", lang))
        add("目标值依据", "Basis of the target value", text_of(c.pivotal, "target_value_basis", lang))
        add("外部对照数据", "External control data", text_of(c.pivotal, "external_control_data", lang))
    return facts
