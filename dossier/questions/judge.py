"""Judge a question's ask: its kind, its object, the proposals it covers, and what is weak.

002 三（三）: a question must be clear, specific and targeted, state the applicant's position and
its basis, and avoid general questions such as 临床试验方案是否可行. Read as CDE reads it, an ask is
weak when

* it is **open** — a request for advice (有何建议 / please advise) or for CDE's expectations
  (有何要求 / what would the Agency expect): CDE is asked to design, not to agree;
* its **object** is a whole document, programme or discipline (方案（V2.0）第5章, the CMC package),
  not a design element with the applicant's proposal for it;
* it is a yes/no on **feasibility** or adequacy (是否合理 / is … adequate) of an element for
  which no proposal is stated anywhere: there is nothing for CDE to agree with;
* it covers **several proposals** joined under one ask (并将 / 同时 / and that / "agree with A
  and B"); items inside one proposal (a DLT definition's events, inclusion criteria, time points)
  are one proposal.

A back-reference (该设计 / 上述方案 / this approach) is about the proposal stated in the lead-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.questions.lexicon import Lexicon
from dossier.questions.parse import Parsed, parse
from dossier.questions.text import PHASE, substantive

# Weaknesses, and the part of the question each one is about.
VAGUE, WHOLE, OPEN, EXPECTATION, FEASIBILITY, COMPOUND = (
    "vague",
    "whole-object",
    "open-ask",
    "expectation",
    "feasibility",
    "compound",
)

_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)|【[^【】]*】|\[[^\[\]]*\]")
_LOCATOR = re.compile(
    r"\b[Vv](?:ersion\s*)?\d+(?:\.\d+)*\b|第\s*[0-9一二三四五六七八九十]+(?:\s*[至到\-–~、]\s*[0-9一二三四五六七八九十]+)?\s*(?:章|节|条|部分)"
    r"|[0-9]+(?:\.[0-9]+)*(?:\s*[至到\-–~]\s*[0-9]+(?:\.[0-9]+)*)?\s*[章节条]"
    r"|\b(?:section|sections|chapter|chapters|appendix|annex|module|modules|table|figure)s?\s*[0-9A-Z]+(?:\.[0-9]+)*(?:\s*(?:to|through|-|–|and)\s*[0-9]+(?:\.[0-9]+)*)?"
    r"|(?:模块|附件|附录|表|图)\s*[0-9]+(?:\s*[至到\-–~]\s*[0-9]+)?",
    re.IGNORECASE,
)
_PURPOSE_ZH = re.compile(r"(?:能否|是否能够|是否足以|是否|足以|可以|以便|用于|以)(?:支持|满足)(?!性).*$")
_PURPOSE_EN = re.compile(
    r"\b(?:to\s+(?:support|enable|allow|permit|justify|proceed|initiate|start|meet)|in\s+support\s+of|for\s+(?:the\s+)?(?:registration|approval|licensure|submission|initiation|filing|ind|nda|bla|marketing)|under\s+conditional)\b.*$",
    re.IGNORECASE,
)
_AGENCY = re.compile(
    r"请问|请教|烦请|敬请|恳请|(?<![申邀提聘])请(?!求)|药审中心|贵中心|审评老师|审评专家|审评团队|CDE|\bthe\s+agency(?:'s)?\b|\bagency(?:'s)?\b|\bFDA\b|\bNMPA\b",
    re.IGNORECASE,
)
_VALUE = re.compile(r"\d")
_ZH_YES_NO = re.compile(r"是否|能否|可否|吗")
# "Could the Agency clarify what …", "please let us know which …": a wh-question inside a request
_EN_WH_OBJECT = re.compile(
    r"\b(?:clarify|know|advise|indicate|specify|tell\s+us)\s+(?:what|which|how)\b", re.I
)
_ENUM = re.compile(
    r"(?:^|(?<=[\s：:；;，,。?？]))(?:[（(]\s*(?:[1-9]|[a-h]|i{1,3}|iv|[一二三四五六])\s*[）)]|[1-9][.、)）](?!\d)|[a-h][)）]|[①②③④⑤⑥⑦⑧⑨])",
    re.IGNORECASE,
)
_ZH_WEAK_JOIN = re.compile(r"以及|、|和|及|与")
_ZH_PREDICATE = re.compile(r"是否|能否|可否|吗|[？?]")
_ZH_JUDGEMENT_TAIL = re.compile(r"(可以|可行|合理|可接受|接受|同意|认可|恰当|合适|适当|充分|足够|行|对|好)+$")
_EN_CUT = re.compile(
    r"\b(?:of|for|in|at|with|from|on|to|that|which|who|is|are|be|will|would|should|can|could|"
    r"during|by|per|including)\b|[,(]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Weakness:
    """One weak point: its code, the part it sits in (ask, lead-in, question), and details."""

    code: str
    part: str
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class Judgement:
    """What a question asks, about what, how many proposals, and what is weak in it."""

    parsed: Parsed
    kind: str
    object: str
    refers_back: bool
    proposal: str
    proposals: tuple[str, ...]
    compound_reason: str
    weaknesses: tuple[Weakness, ...]

    def has(self, code: str) -> Weakness | None:
        return next((w for w in self.weaknesses if w.code == code), None)


def ask_kind(ask: str, lang: str, lexicon: Lexicon) -> str:
    """agreement, advice, expectation, feasibility, closed (another yes/no) or none.

    An open request for advice wins over everything; a wh-question (what / which / 哪些 / 多长)
    asks for the Agency's expectations when it has an expectation word (require / 需要 / 要求),
    else for advice; then agreement, then a yes/no on adequacy, then any other yes/no.
    """
    if not ask:
        return "none"
    found = {m.term for m in lexicon.asks.finditer(ask)}
    if "advice" in found:
        return "advice"
    if lang == "en":
        wh = lexicon.asks.find(ask.lstrip())
        if (wh is not None and wh.term == "wh" and wh.start == 0) or _EN_WH_OBJECT.search(ask):
            return "expectation" if "expectation" in found else "advice"
        if "agreement" in found:
            return "agreement"
        return "feasibility" if found & {"feasibility", "expectation"} else "closed"
    if "expectation" in found:
        return "expectation"
    if "wh" in found:
        return "expectation" if "expectation-verb" in found else "advice"
    if "agreement" in found:
        return "agreement"
    if "feasibility" in found:
        return "feasibility"
    return "closed" if _ZH_YES_NO.search(ask) else "advice"


def content(text: str, lang: str, lexicon: Lexicon, keep_brackets: bool = False) -> str:
    """The ask without the words that only ask: markers, the agency, locators, and brackets
    (kept with ``keep_brackets``, for the proposals a rewrite quotes)."""
    if not keep_brackets:
        text = _PARENS.sub(" ", text)
    text = lexicon.asks.remove(text)
    text = _AGENCY.sub(" ", text)
    return _LOCATOR.sub(" ", text)


def without_purpose(text: str, lang: str) -> str:
    """The object without a purpose clause (能否支持开展I期 / to support the IND)."""
    return (_PURPOSE_EN if lang == "en" else _PURPOSE_ZH).sub(" ", text)


def specific(text: str, lexicon: Lexicon) -> list[str]:
    """What is specific in ``text``: not generic, not a whole document/programme/discipline."""
    return substantive(text, lexicon.generic, lexicon.objects)


def _whole(text: str, lexicon: Lexicon) -> bool:
    return any("whole" in lexicon.objects.terms[m.term].tags for m in lexicon.objects.finditer(text))


def _back_reference(text: str, lexicon: Lexicon) -> bool:
    return lexicon.anaphora.find(text) is not None


def lead_in_proposal(lead_in: str, lang: str, lexicon: Lexicon) -> str:
    """The part of the lead-in that states the applicant's proposal: from its first intent on."""
    intent = lexicon.proposals.tagged("intent")
    for match in lexicon.proposals.finditer(lead_in):
        if match.term in intent:
            start = _clause_start(lead_in, match.start)
            return lead_in[start:].strip()
    return ""


def _clause_start(text: str, index: int) -> int:
    """Where the sentence holding ``index`` starts."""
    cut = max(text.rfind(p, 0, index) for p in ("。", "！", "？", ". ", "; ", "；"))
    return cut + (2 if text[cut : cut + 2] in (". ", "; ") else 1) if cut >= 0 else 0


def _states_value(text: str, lexicon: Lexicon) -> bool:
    """Whether the ask itself states a value or a choice (28天, 20%, 以X作为, waive, may be …)."""
    plain = PHASE.sub(" ", _LOCATOR.sub(" ", text))
    if _VALUE.search(plain):
        return True
    setting = lexicon.proposals.tagged("setting")
    return any(m.term in setting for m in lexicon.proposals.finditer(plain))


def _states_proposal(parsed: Parsed, lexicon: Lexicon) -> bool:
    """Whether the ask's own sentence states the proposal it judges.

    A value in the ask (以28天 / a 28-day window) or in a clause of the same sentence (以……目标值35%
    的单臂设计，其统计学假设是否合理), or a proposal word with its content in brackets (申请人拟定的
    DLT定义（纳入CRS、ICANS……）) states it; "Is the proposed endpoint reasonable?" does not.
    """
    if _states_value(parsed.ask, lexicon) or (parsed.lead_part and _states_value(parsed.lead_part, lexicon)):
        return True
    intent = lexicon.proposals.tagged("intent")
    has_intent = any(m.term in intent for m in lexicon.proposals.finditer(parsed.ask)) or "拟定" in parsed.ask
    brackets = " ".join(m.group(0) for m in _PARENS.finditer(parsed.ask))
    return has_intent and bool(specific(brackets, lexicon))


def judge(text: str, lexicon: Lexicon, names: tuple[str, ...] = (), position: str = "") -> Judgement:
    """Parse and judge one question.

    ``names`` are the product's own names (not specific). ``position`` is the applicant's position
    when the product file gives it beside the question (申请人观点, as in 002 四: "DLT 定义是否合
    理？" with the position stated): it states the proposal a yes/no on adequacy is about.
    """
    parsed = parse(_without_names(text, names), lexicon)
    lang = parsed.lang
    kind = ask_kind(parsed.ask, lang, lexicon)
    obj = content(without_purpose(parsed.ask, lang), lang, lexicon)
    own = bool(specific(obj, lexicon) or specific(parsed.topic, lexicon))
    proposal = lead_in_proposal(parsed.lead_in, lang, lexicon)
    back = _back_reference(obj, lexicon)
    weaknesses = []
    weakness = _ask_weakness(parsed, kind, obj, own, back, proposal, position, lexicon)
    if weakness:
        weaknesses.append(weakness)
    # the proposals are those the ask states, or the lead-in's when the ask refers back to it
    span = content(parsed.ask, lang, lexicon, keep_brackets=True) if own or not proposal else proposal
    proposals, reason = split_proposals(parsed, span, lexicon, raw=parsed.ask if own else "")
    if len(proposals) >= 2 or reason == "several-asks":
        weaknesses.append(Weakness(COMPOUND, "ask" if own or not proposal else "lead-in", (reason,)))
    about = (obj if own else proposal).strip()
    return Judgement(parsed, kind, about, back, proposal, tuple(proposals), reason, tuple(weaknesses))


def _without_names(text: str, names: tuple[str, ...]) -> str:
    """The question with the product's own names replaced by 本品 / the product (not specific)."""
    for name in names:
        if name and len(name) > 1:
            text = text.replace(name, "the product" if name.isascii() else "本品")
    return text


def _ask_weakness(
    parsed: Parsed,
    kind: str,
    obj: str,
    own: bool,
    back: bool,
    proposal: str,
    position: str,
    lexicon: Lexicon,
) -> Weakness | None:
    """What is weak in the ask itself, if anything (one weakness: the first that applies).

    No ask: vague. An open request for advice: open-ask when a proposal is stated (the lead-in
    or a value with a named element), else vague. A request for expectations: expectation. An
    ask with nothing specific of its own: whole-object when it names a whole document,
    programme or discipline (unless it refers back to a stated proposal), vague when no
    proposal is stated either. A yes/no on adequacy of a named element with no proposal stated
    in the lead-in, the ask's sentence or the position beside the question: feasibility.
    """
    if kind == "none":
        return Weakness(VAGUE, "question", ("no-ask",))
    if kind == "advice":
        stated = proposal or (own and _states_value(parsed.lead_in, lexicon))
        return Weakness(OPEN, "ask") if stated else Weakness(VAGUE, "ask", ("open-no-proposal",))
    if kind == "expectation":
        return Weakness(EXPECTATION, "ask")
    if not own:
        if _whole(obj, lexicon) and not (back and proposal):
            return Weakness(WHOLE, "ask")
        return None if proposal else Weakness(VAGUE, "ask", ("no-object",))
    if kind == "agreement" or proposal or position.strip() or _states_proposal(parsed, lexicon):
        return None
    return Weakness(FEASIBILITY, "ask")


# "如不同意，" / "If not," / "If so,": the condition a follow-up opens with says nothing new
_OPENER = re.compile(
    r"^\s*(?:(?:如|若|如果|假如|倘若)(?:药审中心|贵中心|审评)?(?:不同意|同意|不|否|是)[^，,]{0,6}[，,]|if\s+(?:not|so)\s*,?)",
    re.IGNORECASE,
)
_ZH_ASK_CLAUSE = re.compile(r"(?<=[，,；;])")
_EN_NEW_ASK = (
    r"(?:(?:is|are|does|do|can|could|would|will|should|may)\s+(?:the|a|an|this|these|it|there|its|our|your|cde|agency)\b"
    r"|whether\b|please\b|what\b|how\b|which\b)"
)
_EN_ASK_CLAUSE = re.compile(rf"[,;]\s*(?:and\s+|or\s+)?(?={_EN_NEW_ASK})|\s+and\s+(?={_EN_NEW_ASK})", re.I)
_CLAUSE_ASKS = re.compile(
    r"是否|能否|可否|确认|^\s*(?:is|are|does|do|can|could|would|will|should|may|whether|please)\b", re.I
)


def _further_proposal(follow_up, lang: str, lexicon: Lexicon) -> bool:
    """Whether a follow-up asks about a proposal of its own (a second ask).

    A reason request never does. A conditional follow-up (如不同意，/ If not, …) does only when it
    states a new value or choice (如同意，是否可缩短至21天？); asking for CDE's alternative ("If not,
    what schedule would the Agency recommend?") proposes nothing.
    """
    if follow_up.reason_only:
        return False
    body = _OPENER.sub("", follow_up.text)
    if follow_up.conditional:
        return _states_value(body, lexicon) and bool(specific(content(body, lang, lexicon), lexicon))
    return bool(specific(content(body, lang, lexicon), lexicon))


def _ask_clauses(ask: str, lang: str, lexicon: Lexicon) -> list[str]:
    """Clauses of the ask that each ask about an object of their own (……是否合理，……是否可接受)."""
    splitter = _EN_ASK_CLAUSE if lang == "en" else _ZH_ASK_CLAUSE
    clauses = [c for c in splitter.split(ask) if c and c.strip()]
    if len(clauses) < 2:
        return []
    own = [c for c in clauses if _CLAUSE_ASKS.search(c) and _names_object(c, lang, lexicon)]
    return own if len(own) >= 2 else []


def _names_object(clause: str, lang: str, lexicon: Lexicon) -> bool:
    """Whether an ask clause names an object of its own, specific or whole (not only a purpose)."""
    text = content(without_purpose(clause, lang), lang, lexicon)
    return bool(specific(text, lexicon)) or _whole(text, lexicon)


def split_proposals(parsed: Parsed, span: str, lexicon: Lexicon, raw: str = "") -> tuple[list[str], str]:
    """The distinct proposals an ask covers and the reason it covers several ('' for one).

    ``span`` is where the proposals are stated: the ask without its markers, or the lead-in's
    proposal when the ask refers back to it; ``raw`` is the ask as written, when it has its own
    object (English "agree with A and B" needs its verb).
    """
    further = [f for f in parsed.follow_ups if _further_proposal(f, parsed.lang, lexicon)]
    if further:
        return [parsed.ask, *(f.text for f in further)], "several-asks"
    clauses = _ask_clauses(parsed.ask, parsed.lang, lexicon)
    if clauses:
        return clauses, "several-asks"
    text = parsed.ask if _ENUM.search(parsed.ask) else span
    enumerated = _enumerated(text, parsed.lang, lexicon)
    if len(enumerated) >= 2:
        return enumerated, "enumeration"
    joined = _joined(span, parsed.lang, lexicon)
    if len(joined) >= 2:
        return joined, "joined-proposals"
    elements = _joined_elements(raw if parsed.lang == "en" and raw else span, parsed.lang, lexicon)
    if len(elements) >= 2:
        return elements, "joined-elements"
    return [span], ""


def _enumerated(text: str, lang: str, lexicon: Lexicon) -> list[str]:
    """Numbered items that are separate asks, not the internal list of one proposal."""
    marks = list(_ENUM.finditer(text))
    if len(marks) < 2:
        return []
    before = text[: marks[0].start()]
    introducers = lexicon.connectors.words("zh" if lang == "zh" else "en", "inside")
    tail = before[-16:].lower()
    for word in introducers:
        at = tail.rfind(word.lower())
        if word in ("、", "或", "or", "either") or at < 0:
            continue
        # 以下入选标准： opens one proposal's list; 以下事项： / the following points: opens asks
        if specific(tail[at + len(word) :], lexicon):
            return []
    if re.search(r"[：:]\s*$", before):
        # "入选标准：(1)…(2)…" lists one proposal; "是否同意：(1)…(2)…" asks about each item
        lead = re.split(r"[，,；;。？?]", before.rstrip("：: "))[-1]
        if specific(content(lead, lang, lexicon), lexicon):
            return []
    return [
        text[m.end() : (marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip(" ；;，,")
        for i, m in enumerate(marks)
    ]


def _joined(span: str, lang: str, lexicon: Lexicon) -> list[str]:
    """Proposals joined by a connector that joins decisions (并将 / 同时 / and that / as well as)."""
    text = _PARENS.sub(lambda m: "※" * len(m.group(0)), span)
    joins = lexicon.connectors.tagged("join")
    cuts = []
    for match in lexicon.connectors.finditer(text):
        if match.term not in joins:
            continue
        word = match.text
        if lang == "zh" and len(word) <= 2 and not word.startswith("并"):
            # 同时 / 以及 / 此外 / 另外 join decisions only after a clause break
            if not re.search(r"[，,；;]\s*$", text[: match.start]):
                continue
        if lang == "zh" and _inside_list(text[: match.start], lexicon):
            continue
        cuts.append(match)
    if not cuts:
        return []
    pieces, start = [], 0
    for match in cuts:
        pieces.append(span[start : match.start])
        keep = match.text[1:] if lang == "zh" and match.text.startswith("并") and len(match.text) == 2 else ""
        start = match.end - len(keep)
    pieces.append(span[start:])
    pieces = [p.strip(" ，,；;") for p in pieces]
    return [p for p in pieces if specific(p, lexicon) or _states_value(p, lexicon)]


def _inside_list(before: str, lexicon: Lexicon) -> bool:
    """Whether the text just before a connector opens a list (包括 / 以下 / the following)."""
    clause = re.split(r"[。；;]", before)[-1]
    introducers = [w for w in lexicon.connectors.words("zh", "inside") if len(w) > 1]
    return any(w in clause for w in introducers)


def _joined_elements(span: str, lang: str, lexicon: Lexicon) -> list[str]:
    """Two or more design elements under one judgement (剂量和主要终点 / the A and the B)."""
    text = _PARENS.sub("", span)
    if lang == "en":
        return _joined_elements_en(text, lexicon)
    for i, word in enumerate(lexicon.protected.words("zh")):
        text = text.replace(word, f"\x00{i}\x01")
    if _inside_list(text, lexicon):
        return []
    heads = tuple(lexicon.heads.words("zh"))
    best: list[str] = []
    for part in _ZH_PREDICATE.split(text):
        part = _ZH_JUDGEMENT_TAIL.sub("", part.strip(" ，,。？?"))
        conjuncts = [c for c in _ZH_WEAK_JOIN.split(part) if c.strip()]
        if len(conjuncts) < 2:
            continue
        with_head = [c for c in conjuncts if c.strip().endswith(heads)]
        if len(with_head) >= 2 and len(with_head) > len(best):
            best = with_head
    return best


def _joined_elements_en(text: str, lexicon: Lexicon) -> list[str]:
    """ "the 15-year LTFU duration and the proposed RCL testing schedule": two noun phrases."""
    match = re.search(r"\b(?:agree|concur)s?\s+with\s+(.*)$", text, re.IGNORECASE) or re.match(
        r"\s*(?:is|are|does|do)\s+(.*?)\s+(?:appropriate|adequate|acceptable|reasonable|sufficient|feasible|justified)\b",
        text,
        re.IGNORECASE,
    )
    if not match:
        return []
    phrase = match.group(1).rstrip("?. ")
    if re.search(r"\b(?:following|including|include|of)\b", phrase.split(" and ")[0], re.I):
        return []
    conjuncts = re.split(
        r",?\s+and\s+(?=(?:the|a|an|its|our|with)\b)|,\s+(?=(?:the|a|an)\b)", phrase, flags=re.IGNORECASE
    )
    heads = {w.lower() for w in lexicon.heads.words("en")}
    found = []
    for conjunct in conjuncts:
        head_words = re.split(_EN_CUT, conjunct)[0].split()[-4:]
        if any(w.lower().strip(".,?;:") in heads or w.lower().rstrip("s") in heads for w in head_words):
            found.append(conjunct)
    return found if len(found) >= 2 else []
