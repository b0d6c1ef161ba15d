"""Suggest a rewrite of a weak question from its own words.

The rewrite keeps what the applicant wrote (the lead-in and its proposal) and replaces what is
weak: an open ask becomes 请问药审中心是否同意上述……？ / "Does the Agency agree with the proposed
…?"; a compound ask becomes one question per proposal; where no proposal is stated, a bracketed
placeholder asks the author for it (002 三（三）: the applicant's position and its basis).
"""

from __future__ import annotations

import re

from dossier.questions.judge import _AGENCY, COMPOUND, EXPECTATION, FEASIBILITY, OPEN, VAGUE, WHOLE, Judgement
from dossier.questions.lexicon import Lexicon
from dossier.questions.text import substantive

_ZH_EDGE = re.compile(
    r"^(?:[\s，,。：:？?]|对于|对(?!照)|就|关于|针对|有关|上述|以上|该|此|这一|本品的|本品|我司的|我司|申请人的|的)+"
    r"|(?:[\s，,。：:？?]|的设置|的设定|的选择|方面|的|设置|设定|还|等)+$"
)
_EN_EDGE = re.compile(
    r"^(?:\s|please|kindly|on|about|regarding|for|the|a|an|this|these|our|its|is|are|does|do|whether|any|"
    r"proposed|planned|sponsor's|,|\.)+\b|(?:[\s,.?]|\bappropriate|\badequate|\breasonable|\bfeasible|\bsufficient)+$",
    re.IGNORECASE,
)


_ZH_ABOUT = re.compile(
    r"(?:对于|对(?!照)|就|关于|针对)(.+?)(?:给予|有何|有哪些|还有哪些|提出|提供|的意见|的建议|的要求|的期望|方面)"
)
_ZH_WH_NOUN = re.compile(r"(?:哪些|什么|多长时间的|多少|何种|怎样的)([^？?。，,]+?)[？?。]?$")
_EN_ABOUT = re.compile(r"\b(?:on|regarding|about|concerning)\s+(.+?)\s*[?.]*$", re.IGNORECASE)
_EN_WH_NOUN = re.compile(
    r"\b(?:what|which)\s+(.+?)\s+(?:would|does|do|will|should|could|might|it|the\s+agency|cde)\b",
    re.IGNORECASE,
)


def element(j: Judgement, lexicon: Lexicon) -> str:
    """The design element the ask is about, in the question's words ('' when it names none).

    It is the topic clause (关于X，……), the X of 对X给予建议 / guidance on X, the noun after a
    wh-word (需要提交哪些稳定性研究 / what comparability data would …), or the words before the
    ask's marker (X是否合理), else after it (是否同意X).
    """
    lang = j.parsed.lang
    ask = re.sub(r"[？?。.]+$", "", j.parsed.ask)
    about = (_ZH_ABOUT, _ZH_WH_NOUN) if lang == "zh" else (_EN_ABOUT, _EN_WH_NOUN)
    candidates = [j.parsed.topic] if j.parsed.topic else []
    candidates += [m.group(1) for pattern in about if (m := pattern.search(ask))]
    marker = lexicon.asks.find(ask)
    candidates += [ask] if marker is None else [ask[: marker.start], ask[marker.end :]]
    for text in candidates:
        name = _trim(_AGENCY.sub(" ", text), lang)
        if name and not _generic_only(name, lexicon) and (lang == "zh" or len(name.split()) <= 8):
            return name
    return ""


def _generic_only(name: str, lexicon: Lexicon) -> bool:
    """A name made only of generic words (具体要求, the Sponsor) names no element."""
    return not substantive(name, lexicon.generic)


def _trim(text: str, lang: str) -> str:
    """``text`` without the asking and linking words at its edges."""
    edge = _ZH_EDGE if lang == "zh" else _EN_EDGE
    text = re.sub(r"\s+", " ", text).strip()
    if lang == "zh":
        text = re.sub(r"(?:是否|能否|可否|还需要|还需|还有|需要|哪些|有何|给予|提供|可以吗|吗).*$", "", text)
    else:
        text = re.sub(
            r"\b(?:would|could|does|do|will|should)\s+(?:the\s+)?(?:agency|cde|fda)?\s*$",
            "",
            text,
            flags=re.I,
        )
        text = re.sub(r"^\s*(?:what|which|how\s+\w+)\b", "", text, flags=re.I)
    previous = None
    while previous != text:
        previous, text = text, edge.sub("", text).strip()
    return re.sub(r"\s+", "", text) if lang == "zh" else text


def _lead(j: Judgement) -> str:
    """The lead-in as written, ending as a sentence."""
    lead = j.parsed.lead_in.strip().rstrip("，,：:；;")
    if lead and j.parsed.lang == "zh" and not lead.endswith(("。", "！", "？")):
        lead += "。"
    return lead


def suggest(j: Judgement, code: str, lexicon: Lexicon) -> tuple[str, str]:
    """(Chinese, English) suggestion for one weakness.

    A rewrite is made of the question's own words, so it is in the question's language in both
    fields; only the advice for a whole-object or empty ask, which quotes nothing, is bilingual.
    """
    zh, en = _suggest(j, code, lexicon)
    if code == WHOLE or (code == VAGUE and not element(j, lexicon)):
        return zh, en
    return (en, en) if j.parsed.lang == "en" else (zh, zh)


def _suggest(j: Judgement, code: str, lexicon: Lexicon) -> tuple[str, str]:
    if code == COMPOUND:
        return _split(j)
    name = element(j, lexicon)
    lead = _lead(j)
    zh_name = f"上述{name}" if name else "上述拟定方案"
    en_name = f"the proposed {name}" if name else "this proposal"
    zh_slot = f"【写明拟定的{name}】" if name else "【写明拟定方案】"
    en_slot = f"[state the proposed {name}]" if name else "[state the proposal]"
    if code == OPEN and j.proposal:
        zh = f"{lead}请问药审中心是否同意{zh_name}？"
        en = f"{lead} Does the Agency agree with {en_name}?".strip()
    elif code in (OPEN, VAGUE, EXPECTATION, FEASIBILITY) and (name or code != VAGUE):
        zh = f"{lead}申请人拟{zh_slot}，依据为【写明依据】。请问药审中心是否同意{zh_name}？"
        en = (
            f"{lead} The Sponsor proposes {en_slot}, based on [state the basis]. "
            f"Does the Agency agree with {en_name}?"
        ).strip()
    else:  # WHOLE, or VAGUE with nothing named
        zh = (
            "请从所问的整体资料或计划中选出需要药审中心确认的具体设计要素，每个要素一个问题，例如："
            "申请人拟将【设计要素】设定为【拟定方案】，依据为【依据】。请问药审中心是否同意上述【设计要素】？"
        )
        en = (
            "Ask about one design element of the document or programme at a time, for example: "
            "The Sponsor proposes [design element] of [proposal], based on [basis]. "
            "Does the Agency agree with the proposed [design element]?"
        )
    return zh, en


def _split(j: Judgement) -> tuple[str, str]:
    """One question per proposal, in the question's own words."""
    lang = j.parsed.lang
    pieces = [_clean_piece(p) for p in j.proposals]
    pieces = [p for p in pieces if p]
    if lang == "en":
        pieces = _split_en(j.parsed.ask) or pieces
        verb = "that" if re.search(r"\b(?:agree|concur)s?\s+that\b", j.parsed.ask, re.I) else "with"
        asks = [p if p.endswith("?") else f"Does the Agency agree {verb} {p}?" for p in pieces]
        en = " / ".join(f"Question {i}: {a}" for i, a in enumerate(asks, 1))
        return en, "Split into: " + en
    if j.compound_reason == "several-asks" or any("是否" in p for p in pieces):
        pieces = [re.sub(r"^(?:另外|此外|同时|另|并且|以及)[，,]?", "", p) for p in pieces]
        asks = [p if re.search(r"[？?]$", p) else f"{p}？" for p in pieces]
    elif j.has(COMPOUND).part == "lead-in":
        prefix = re.match(r"^(.*?(?:拟|计划|建议))", pieces[0])
        head = prefix.group(1) if prefix else ""
        asks = [
            (p if i == 0 or not head else head + p) + "。请问药审中心是否同意？" for i, p in enumerate(pieces)
        ]
    else:
        bare = [re.sub(r"^\s*(?:请问|药审中心|是否同意|同意)+", "", p) for p in pieces]
        asks = [f"请问药审中心是否同意{p}？" for p in bare]
    zh = "拆分为：" + " / ".join(f"问题{i}：{a}" for i, a in enumerate(asks, 1))
    return zh, "Split into one question per proposal: " + zh[len("拆分为：") :]


def _clean_piece(piece: str) -> str:
    """A proposal cut from a compound ask, without its numbering and dangling connector."""
    piece = re.sub(r"^\s*(?:[（(]?\s*(?:[1-9]|[a-h]|i{1,3}|iv)\s*[)）.、]|[①②③④⑤⑥⑦⑧⑨])\s*", "", piece.strip())
    piece = re.sub(r"(?:\s+(?:and|or|as well as)|以及|和|及|并且|并)\s*$", "", piece.strip(" ，,；;。？?"))
    return piece.strip(" ，,；;。？?")


def _split_en(ask: str) -> list[str]:
    """'Does the Agency agree that A, and that B?' -> ['A', 'B'] (empty when not of that form)."""
    head = re.search(r"\b(?:agree|concur)s?\s+(?:that|with)\s+", ask, re.IGNORECASE)
    if not head:
        return []
    tail = ask[head.end() :].rstrip("?. ")
    parts = re.split(
        r",?\s+(?:and\s+that|as\s+well\s+as|and\s+whether|and\s+also)\s+|,?\s+and\s+(?=(?:the|a|an|its|our|with)\b)|\s*\([a-h1-9]\)\s*",
        tail,
        flags=re.IGNORECASE,
    )
    parts = [_clean_piece(p) for p in parts if p and p.strip(" ,")]
    parts = [p for p in parts if p]
    return parts if len(parts) >= 2 else []


__all__ = ["suggest", "element", "OPEN", "VAGUE", "WHOLE", "EXPECTATION", "FEASIBILITY", "COMPOUND"]
