"""Split a meeting question into its lead-in (context and proposal) and its ask.

The ask is the interrogative clause CDE must answer; it decides what answer the applicant gets
(002 三（三）), so the rules judge it and read the lead-in only for the proposal it states. A
follow-up that only asks for CDE's reason if it disagrees (如不同意，请说明理由 / "If not, please
explain why") is kept apart: it is not a second ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.questions.lexicon import Lexicon
from dossier.questions.text import is_latin

_LABEL = re.compile(
    r"^\s*(?:问题\s*[0-9０-９一二三四五六七八九十]+\s*[：:.、．]?|Question\s*\d+\s*[:.]|Q\d+\s*[:.])\s*",
    re.IGNORECASE,
)
_ZH_SENTENCE = re.compile(r"(?<=[。？！?!])")
_EN_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z(\"“])")
_ZH_CLAUSE = re.compile(r"(?<=[，,：:；;])")
_ZH_ASK = re.compile(
    r"是否|能否|可否|是不是|有没有|吗[？?。]?$|请问|请药审中心|请贵中心|请审评|请CDE|请予|请给予|请提供|请确认|请说明|请告知|请解释|请给出|有何|哪些|如何|怎样|什么|多长|多少|何种|[？?]"
)
_EN_ASK = re.compile(
    r"^\s*(?:is|are|does|do|did|can|could|would|will|should|shall|may|has|have|what|which|how|whether|please|kindly|we\s+would|we\s+seek|we\s+request|the\s+sponsor\s+(?:seeks|requests|would))\b|\?\s*$|\bplease\b",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(
    r"^\s*(?:如|若|如果|假如|倘若|否则|if\s+not|if\s+so|if\s+(?:the\s+)?(?:agency|cde|fda)|otherwise|in\s+case|should\s+(?:the\s+)?(?:agency|cde)\s+(?:not|disagree))",
    re.IGNORECASE,
)
_NO_SUBJECT = re.compile(r"^\s*(?:是否|能否|可否|是不是|可以吗|可行吗|合理吗)")
_TOPIC = re.compile(r"^\s*(?:关于|对于|针对|就|有关)")


@dataclass(frozen=True)
class FollowUp:
    """An ask after the main one: only a reason request, or a further ask."""

    text: str
    conditional: bool
    reason_only: bool


@dataclass(frozen=True)
class Parsed:
    """A question in parts. ``topic`` is a clause such as 关于目标值的设定 that names the subject."""

    text: str
    lang: str
    lead_in: str
    topic: str
    ask: str
    follow_ups: tuple[FollowUp, ...] = ()
    lead_part: str = ""  # the lead-in clauses in the ask's own sentence

    @property
    def has_ask(self) -> bool:
        return bool(self.ask)


def strip_label(text: str) -> str:
    """The question without a leading 问题2： / Question 3: label."""
    return _LABEL.sub("", text.strip(), count=1).strip()


def sentences(text: str, lang: str) -> list[str]:
    """The sentences of a question, end punctuation kept."""
    splitter = _EN_SENTENCE if lang == "en" else _ZH_SENTENCE
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in splitter.split(line) if s.strip()]
    return out


def is_ask(sentence: str, lang: str) -> bool:
    """Whether a sentence (or clause) asks something of CDE."""
    if lang == "en":
        return bool(_EN_ASK.search(sentence))
    plain = re.sub(r"申请|邀请|提请|聘请|请求", "", sentence)
    return bool(_ZH_ASK.search(plain))


def _reason_only(sentence: str, lexicon: Lexicon) -> bool:
    """A follow-up that asks only for CDE's reason (如不同意，请说明理由)."""
    return any("reason" in lexicon.asks.terms[m.term].tags for m in lexicon.asks.finditer(sentence))


def _split_ask_sentence(sentence: str, lang: str) -> tuple[str, str, str]:
    """(lead-in part, topic, ask) of the sentence holding the main ask (Chinese clauses only).

    "本品拟扩展至儿童患者，请问……有何期望？": the first clause is lead-in. "关于目标值的设定，请……给予
    意见。": the first clause is the ask's topic.
    """
    if lang == "en":
        return "", "", sentence
    clauses = [c for c in _ZH_CLAUSE.split(sentence) if c]
    for index, clause in enumerate(clauses):
        if is_ask(clause, lang):
            if index and _NO_SUBJECT.match(clause):
                # "以……作为主要疗效分析，是否满足上市申请要求？": the clauses before are the subject
                topic = clauses[0] if _TOPIC.match(clauses[0]) and index > 1 else ""
                return "", topic.strip("，,：: "), "".join(clauses[1 if topic else 0 :])
            before = clauses[:index]
            topic = ""
            if before and _TOPIC.match(before[-1]):
                topic = before.pop()
            return "".join(before), topic.strip("，,：: "), "".join(clauses[index:])
    return "", "", sentence


def _cut_conditional(ask: str, lang: str) -> tuple[str, str]:
    """The ask without a trailing conditional clause (……，如不同意请说明理由), and that clause."""
    if lang == "en":
        match = re.search(
            r"[,;]\s*(?:or\s+)?(?=if\s+not\b|if\s+the\s+agency\s+(?:does\s+not|disagrees))", ask, re.I
        )
    else:
        match = re.search(r"[，,；;](?=\s*(?:如|若|如果|否则)(?:不|否|药审中心不|贵中心不|不同意))", ask)
    if not match:
        return ask, ""
    return ask[: match.start()].strip() + ("?" if lang == "en" else "？"), ask[match.end() :].strip()


def parse(text: str, lexicon: Lexicon) -> Parsed:
    """Read a question into lead-in, topic, ask and follow-ups (the ask is empty when none is found)."""
    body = strip_label(text)
    lang = "en" if is_latin(body) else "zh"
    parts = sentences(body, lang)
    main = next(
        (i for i, s in enumerate(parts) if is_ask(s, lang) and not (_CONDITIONAL.match(s) and i > 0)),
        None,
    )
    if main is None:
        return Parsed(text, lang, body, "", "")
    lead_part, topic, ask = _split_ask_sentence(parts[main], lang)
    ask, tail = _cut_conditional(ask, lang)
    lead_in = "".join(parts[:main]) if lang == "zh" else " ".join(parts[:main])
    lead_in = (lead_in + (" " if lang == "en" and lead_in else "") + lead_part).strip()
    follow_ups = []
    for sentence in ([tail] if tail else []) + parts[main + 1 :]:
        if not is_ask(sentence, lang):
            continue
        conditional = bool(_CONDITIONAL.match(sentence))
        follow_ups.append(FollowUp(sentence, conditional, _reason_only(sentence, lexicon)))
    return Parsed(text, lang, lead_in, topic, ask.strip(), tuple(follow_ups), lead_part.strip())
