"""Reading a meeting question as CDE would: what it asks, of what, and how many things at once.

Guideline 002 三(三) asks for questions that are clear, specific and targeted, and warns against
general ones such as 临床试验方案是否可行. The analysis here works on principles, not on a list of
known bad questions:

* A question is **vague** when, once the words that only name a whole document, programme or
  package (方案, 研发计划, data package …), generic judgements (是否可行, acceptable …) and function
  words are taken away, nothing specific is left in what it asks: no design element, number or
  named study. A short question about one named element (DLT定义是否合理？) is not vague.
* A question is **compound** when it holds more than one ask: several question sentences with
  their own object, a numbered list of sub-questions, or one judgement over two or more design
  elements joined by 和/及/、/and (入选标准和剂量设计是否合理).

The vocabularies come from the rule files, so a company can extend them without code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])|(?<=[.;；])\s+")
_ZH_CLAUSE = re.compile(r"[，,；;：:]|另外|此外|同时|并且|还有")
_EN_CLAUSE = re.compile(
    r";\s+|:\s+|,\s*(?:and\s+|or\s+|but\s+)?(?=(?:is|are|does|do|can|could|would|will|should|may|"
    r"whether|if|please|what|how|which)\b)|\s+(?:and|or)\s+(?=(?:whether|if|does|is|are|do|can|"
    r"could|would|will|should|please|what|how|which)\b)",
    re.IGNORECASE,
)
_ZH_MARKERS = ("是否", "能否", "可否", "吗", "请", "如何", "怎样", "哪些", "什么", "何种", "有何")
_NOT_ASKING = re.compile(r"申请|邀请|提请|聘请|请求")
_EN_AUX = re.compile(
    r"^\s*(is|are|does|do|did|can|could|would|will|should|shall|may|has|have|what|which|how|"
    r"whether|please|kindly)\b",
    re.IGNORECASE,
)
_EN_MARKERS = re.compile(r"\b(whether|please|advise|agree|comment|confirm)\b|\?", re.IGNORECASE)
_CONDITIONAL = re.compile(
    r"^\s*(如|若|如果|假如|如不|若不|否则|if\s+not|if\s+so|if\s+(the\s+)?(agency|cde|fda)|"
    r"otherwise|in\s+case|should\s+(the\s+)?(agency|cde)\s+(not|disagree))",
    re.IGNORECASE,
)
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)|【[^【】]*】|\[[^\[\]]*\]")
_ENUMERATION = re.compile(
    r"(?:^|[\s：:；;，,。?？])(?:[（(]\s*(?:[1-9]|[a-h]|i{1,3}|iv|[一二三四五六])\s*[）)]|"
    r"[1-9][.、)）](?!\d)|[a-h][)）]|[①②③④⑤⑥⑦⑧⑨])",
    re.IGNORECASE,
)
_CODE_LIKE = re.compile(r"^[a-z]{1,6}-?\d{1,5}[a-z]?$", re.IGNORECASE)
_EN_WORD = re.compile(r"[a-z0-9][a-z0-9+/×^.%'’-]*", re.IGNORECASE)
_PHASE = re.compile(
    r"\bphase\s*(?:i{1,3}|iv|[1-4])(?:\s*/\s*(?:i{1,3}|iv|[1-4]))?\b|[IⅠⅡⅢ1-4]+(?:/[IⅠⅡⅢ1-4]+)?期",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Vocabulary:
    """Words that carry no specific content in a question, by language, from a rule file."""

    zh: tuple[str, ...]
    en: frozenset[str]

    @classmethod
    def of(cls, zh: Iterable[str], en: Iterable[str], extra: Iterable[str] = ()) -> Vocabulary:
        extra = [e for e in extra if e]
        zh_terms = sorted({t for t in (*zh, *extra) if not t.isascii()}, key=lambda t: (-len(t), t))
        en_terms = frozenset(w.lower() for w in (*en, *extra) if w.isascii())
        return cls(tuple(zh_terms), en_terms)

    def strip_zh(self, text: str) -> str:
        """Replace generic Chinese terms by spaces, longest match first, scanning left to right."""
        out, i = [], 0
        while i < len(text):
            term = next((t for t in self.zh if text.startswith(t, i)), None)
            if term:
                out.append(" ")
                i += len(term)
            else:
                out.append(text[i])
                i += 1
        return "".join(out)


@dataclass(frozen=True)
class Ask:
    """One ask in a question: the clause that asks and what it asks about.

    ``follow_up`` marks a clause that only repeats the ask before it ("请予以确认").
    """

    clause: str
    about: str
    conditional: bool
    follow_up: bool = False
    statement: tuple[str, ...] = ()


def is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) / len(letters) > 0.6


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s and s.strip()]


def clauses(sentence: str) -> list[str]:
    splitter = _EN_CLAUSE if is_latin(sentence) else _ZH_CLAUSE
    parts = [p.strip(" ，,；;：:") for p in splitter.split(sentence)]
    return [p for p in parts if p]


def is_ask(clause: str) -> bool:
    if is_latin(clause):
        return bool(_EN_AUX.match(clause) or _EN_MARKERS.search(clause))
    plain = _NOT_ASKING.sub("", clause)
    return any(m in plain for m in _ZH_MARKERS) or clause.rstrip().endswith(("？", "?"))


def substantive(text: str, vocab: Vocabulary) -> list[str]:
    """The specific pieces left in ``text`` once generic words are taken away."""
    text = vocab.strip_zh(_PHASE.sub(" ", text))
    pieces = []
    for run in re.findall(rf"[{_CJK}]{{2,}}", text.replace("的", " ")):
        pieces.append(run)
    for word in _EN_WORD.findall(text):
        token = re.sub(r"['’]s$", "", word.lower()).strip(".-/")
        if not token or _generic_en(token, vocab) or _CODE_LIKE.match(token):
            continue
        if len(token) >= 2 or token.isdigit():
            pieces.append(token)
    return pieces


def _generic_en(token: str, vocab: Vocabulary) -> bool:
    forms = {token, token.rstrip("s"), token[:-3] + "y" if token.endswith("ies") else token}
    if "-" in token:
        forms |= {"-".join(p.rstrip("s") for p in token.split("-"))}
        if all(_generic_en(p, vocab) for p in token.split("-") if p):
            return True
    return any(f in vocab.en for f in forms)


def asks(text: str, vocab: Vocabulary) -> list[Ask]:
    """The asks in a question, each with the text it is about.

    A clause that asks without naming its own object ("CDE是否同意？", "Does the Agency agree?")
    is about the statement before it.
    """
    found: list[Ask] = []
    previous, previous_ask = "", None
    pending: list[str] = []
    all_clauses = [(c, bool(_CONDITIONAL.match(s))) for s in sentences(text) for c in clauses(s)]
    for clause, in_conditional in all_clauses:
        if is_ask(clause):
            own = bool(substantive(clause, vocab)) or _names_generic_object(clause, vocab)
            conditional = in_conditional or bool(_CONDITIONAL.match(clause))
            if own or not previous:
                ask = Ask(clause, clause, conditional)
            elif previous_ask is not None:
                ask = Ask(clause, previous_ask.about, conditional, follow_up=True)
            else:
                ask = Ask(
                    clause,
                    " ".join(pending + [clause]),
                    conditional,
                    statement=tuple(_proposal(pending)),
                )
            found.append(ask)
            previous_ask = ask
            pending = []
        else:
            previous_ask = None
            pending.append(clause)
        previous = clause
    if not found:
        found.append(Ask(text, text, False))
    return found


_PROPOSES = re.compile(r"拟|计划|打算|将|采用|propos|plan|intend|will\b|would\s+like", re.IGNORECASE)


def _proposal(statement: list[str]) -> list[str]:
    """The clauses that state the applicant's proposal: from the first that proposes on."""
    for index, clause in enumerate(statement):
        if _PROPOSES.search(clause):
            return statement[index:]
    return statement[-1:]


def _names_generic_object(clause: str, vocab: Vocabulary) -> bool:
    """Whether the clause names a whole document or programme (方案, protocol …) itself."""
    objects_zh = (
        "方案",
        "计划",
        "资料",
        "数据",
        "研究",
        "试验",
        "设计",
        "策略",
        "产品",
        "本品",
        "项目",
    )
    objects_en = re.compile(
        r"\b(protocol|plan|package|data|study|trial|design|strategy|program|programme|product|"
        r"dossier|document|approach|development|pathway|results?|information)s?\b",
        re.IGNORECASE,
    )
    return any(o in clause for o in objects_zh) or bool(objects_en.search(clause))


def vague(text: str, vocab: Vocabulary) -> bool:
    """True when no ask of the question names anything specific."""
    main = [a for a in asks(text, vocab) if not a.conditional] or asks(text, vocab)
    return all(not substantive(a.about, vocab) for a in main)


@dataclass(frozen=True)
class CompoundVocabulary:
    """Head nouns of design elements, by language, from a rule file."""

    heads_zh: tuple[str, ...]
    heads_en: frozenset[str]
    protected_zh: tuple[str, ...]


_ZH_CONJ = re.compile(r"以及|、|和|及|与|或")
_EN_CONJ = re.compile(r",?\s+(?:and|as well as|or)\s+|,\s+", re.IGNORECASE)
_EN_CUT = re.compile(
    r"\b(?:of|for|in|at|with|from|on|to|that|which|who|is|are|be|will|would|should|can|could|"
    r"during|by|per|including)\b|[,(]",
    re.IGNORECASE,
)
_ZH_PREDICATE = re.compile(r"是否|能否|可否|吗|[？?]")
_ZH_JUDGEMENT_TAIL = re.compile(r"(可以|可行|合理|可接受|接受|同意|认可|恰当|合适|适当|充分|足够|行|对|好)+$")


def compound_reasons(text: str, vocab: Vocabulary, heads: CompoundVocabulary) -> list[str]:
    """Why a question holds more than one ask (empty when it holds one)."""
    reasons = []
    if len(_ENUMERATION.findall(text)) >= 2:
        reasons.append("enumeration")
    found = asks(text, vocab)
    main = [a for a in found if not a.conditional]
    own = [a for a in main if not a.follow_up and substantive(a.about, vocab)]
    # "如同意，是否可缩短至21天？" / "if so, with the escalation steps?": a conditional ask that
    # brings its own design element is a further ask; "如不同意，请给出建议" is not.
    own += [a for a in found if a.conditional and substantive(a.clause, vocab)]
    if len(own) >= 2:
        reasons.append("several-asks")
    for ask in main:
        proposed = [c for c in ask.statement if _has_head(c, heads)]
        if len(_joined_elements(ask.clause, heads)) >= 2 or len(proposed) >= 2:
            reasons.append("joined-elements")
            break
    return reasons


def _has_head(clause: str, heads: CompoundVocabulary) -> bool:
    """Whether a proposal clause sets a design element (剂量, 观察期, endpoint …)."""
    if is_latin(clause):
        return any(_head_en(w, heads) for w in clause.split())
    return any(h in clause for h in heads.heads_zh)


def _joined_elements(clause: str, heads: CompoundVocabulary) -> list[str]:
    """Design elements one judgement is asked over, when two or more are joined."""
    text = _PARENS.sub("", clause)
    if is_latin(text):
        return _joined_en(text, heads)
    for i, word in enumerate(heads.protected_zh):
        text = text.replace(word, f"\x00{i}\x01")
    best: list[str] = []
    for part in _ZH_PREDICATE.split(text):
        part = _ZH_JUDGEMENT_TAIL.sub("", part.strip())
        conjuncts = [c for c in _ZH_CONJ.split(part) if c.strip()]
        if len(conjuncts) < 2:
            continue
        with_head = [c for c in conjuncts if c.strip().endswith(heads.heads_zh)]
        if len(with_head) > len(best):
            best = with_head
    return best


def _joined_en(text: str, heads: CompoundVocabulary) -> list[str]:
    conjuncts = [c for c in _EN_CONJ.split(text.rstrip("?. ")) if c.strip()]
    if len(conjuncts) < 2:
        return []
    found = []
    for index, conjunct in enumerate(conjuncts):
        words = conjunct.split()
        if index < len(conjuncts) - 1:
            tail = re.split(_EN_CUT, conjunct)[-1].split()[-4:]
            head_words = tail
        else:
            head_words = re.split(_EN_CUT, conjunct)[0].split()[:6]
        if any(_head_en(w, heads) for w in head_words) and words:
            found.append(conjunct)
    return found


def _head_en(word: str, heads: CompoundVocabulary) -> bool:
    token = word.lower().strip(".,?;:'\"")
    return token in heads.heads_en or token.rstrip("s") in heads.heads_en


def mentions(text: str, terms: Iterable[str]) -> bool:
    """Whether any of the terms occurs in the text (case-insensitive, whole words for Latin)."""
    lowered = text.lower()
    for term in terms:
        term_l = term.lower()
        if term_l.isascii() and term_l[:1].isalnum():
            if re.search(rf"(?<![a-z]){re.escape(term_l)}", lowered):
                return True
        elif term_l in lowered:
            return True
    return False


def meaningful_length(text: str | None) -> int:
    """Characters that carry content: letters, digits and CJK, without punctuation or spaces."""
    if not text:
        return 0
    return sum(1 for c in text if c.isalnum())


def is_placeholder(text: str | None, placeholders: Iterable[str], min_chars: int) -> bool:
    """Empty, too short, or only a stand-in such as 见方案 / TBD."""
    if meaningful_length(text) < min_chars:
        return True
    stripped = re.sub(r"[\s。．.，,；;：:！!？?、\-—…]+", "", (text or "").lower())
    return stripped in {re.sub(r"[\s。．.，,；;：:！!？?、\-—…]+", "", p.lower()) for p in placeholders}
