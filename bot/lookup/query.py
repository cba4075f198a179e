"""A /checkclaim text -> PreparedQuery: folded, question framing stripped, English phrases translated
through the glossary, numbers and dates parsed, and the index terms built as claims' are.

What the lookup (bot/lookup/match.py) then matches against the claims' index; pure, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from bot.claims.forwarded import list_markers
from bot.errors import InputError
from bot.text import segment
from bot.text.dates import parse_dates
from bot.text.glossary import Glossary
from bot.text.normalize import fold_query, printable_length
from bot.text.numbers import parse_quantities
from bot.text.terms import build_terms, without_spans
from bot.text.types import DateSpan, Quantity

MAX_QUERY_CHARS = 2000
_NO_YEAR = date(1900, 1, 1)  # context for query dates: a bare "12月18日" keeps no year
_QUESTION = re.compile(r"(是真的吗|是真的么|真的吗|是否属实|属实吗|对吗|是吗|吗|么|呢|[?？!！。，,]+)\s*$")
# A headline's framing, not its claim: a tag exclaimed before it ("太震撼！", "好暖！") and a rhetorical
# question after it ("，这样的春运谁能想到？", "！谁来管管？"). Cut only when a claim-sized text remains.
_EXCLAIMED_TAG = re.compile(r"^\s*[^\s，。！？!?：:0-9]{1,4}[！!]+\s*")
_RHETORICAL_TAIL = re.compile(
    r"(?<=[，,；;。！!])[^，,；;。！!？?]*(?:怎能|怎么|怎样|为什么|为何|凭什么|谁|哪|什么|难道|岂)"
    r"[^，,；;。！!？?]*[？?]+\s*$"
)
MIN_FRAMED_CLAIM = 6  # Chinese characters that must remain once the framing is cut
# A headline often joins several assertions ("A，B", "A B", "A+B"); a lead-in ("…称", "…之前") belongs
# to the assertion after it.
_ASSERTION_GAP = re.compile(r"[，,：:；;！!？?+＋|｜/／。]+|(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])")
_LEADS_IN = re.compile(
    r"(称|声称|表示|显示|指出|报道|发现|认为|说|宣布|透露|警告|强调|之前|以前|之后|以后|以来|期间|之际|时)$"
)
MIN_ASSERTION_UNITS = 8  # a shorter piece is a label or a fragment ("重磅", "太难了"), not a claim
MAX_ASSERTIONS = 6  # parts looked up at most (a lookup each: ~2-4 ms at a million claims)
_UNIT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*")
_EN_YEAR = re.compile(
    r"\b(in|by|since|before|after|until|from|of|between|and|to|through)\s+((?:19|20)\d{2})\b"
)
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")  # "Hong Kong's" -> "Hong Kong": the glossary's phrase
_EN_SMALL = "one two three four five six seven eight nine ten eleven twelve".split()
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_NUMBER_WORDS = {w: i for i, w in enumerate(_EN_SMALL, 1)} | _EN_TENS
# Only before a unit: "seven times" is 7倍, while "one of the" must not become a number.
_EN_NUMBER_BEFORE_UNIT = re.compile(
    r"(?i)\b(" + "|".join(_EN_NUMBER_WORDS) + r")(?=[\s-]+(?:times|fold|percent|per cent|percentage points?"
    r"|tons?|tonnes?|thousand|million|billion|trillion)\b)"
)
_CITED = re.compile(r"(法|法典|条例|》|第)\s*$")  # "刑法20条" cites an article: no quantity
_BARE_DAY = re.compile(r"\d{1,2}\s*[日号]")  # "8日" without a month is a duration more often than a date
_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    text: str  # folded Chinese text used for character overlap
    terms: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateSpan, ...]
    places: tuple[str, ...] = ()
    scored_terms: tuple[str, ...] = ()  # the terms coverage is measured on
    untranslated: frozenset[str] = frozenset()  # English content words the glossary could not carry
    # Terms of each English phrase the glossary translated: its alternatives (世卫|世界卫生组织) are one
    # concept, counted once, met when the claim uses any of them. Weights are set by lookup().
    groups: tuple[frozenset[str], ...] = ()
    group_weights: tuple[float, ...] = ()
    # The terms of the word the query itself wrote, per group (empty for a translated English phrase):
    # a synonym group weighs as that word, so a rare synonym does not inflate a common word.
    group_heads: tuple[frozenset[str], ...] = ()
    loose_groups: frozenset[int] = frozenset()  # groups that are one English word's dictionary senses
    organisations: tuple[frozenset[str], ...] = ()  # bodies named by a short name, each with its names

    @property
    def bigrams(self) -> frozenset[str]:
        return bigrams(self.text)


def validate_query(raw: str) -> str:
    """Refuse what cannot be a claim: empty/emoji-only text and text longer than MAX_QUERY_CHARS."""
    if raw is None or printable_length(raw) == 0:
        raise InputError("empty_query")
    if len(raw) > MAX_QUERY_CHARS:
        raise InputError("query_too_long")
    return raw


def prepare(raw: str, glossary: Glossary) -> PreparedQuery:
    """Fold, strip question framing, translate English phrases, and build the query's terms."""
    for start, end in list_markers(raw)[:1]:  # "1. 每天喝三杯…" pasted from a list: the item, not a 1
        if not raw[:start].strip() and any(ch.isdigit() for ch in raw[start:end]):  # not *bold*
            raw = raw[end:]
    cased = fold_query(raw, lower=False)
    cased = _POSSESSIVE.sub("", cased)
    cased = _EN_NUMBER_BEFORE_UNIT.sub(lambda m: str(_EN_NUMBER_WORDS[m.group(1).lower()]), cased)
    cased = _without_framing(cased)
    previous = None
    while previous != cased:
        previous, cased = cased, _QUESTION.sub("", cased).strip()
    quantities = tuple(
        q for q in parse_quantities(cased) if not _CITED.search(cased, 0, q.start) or q.unit != "条"
    )
    dates = tuple(d for d in parse_dates(cased, _NO_YEAR) if not _BARE_DAY.fullmatch(d.text))
    spans = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    text = cased.lower()
    wordy = without_spans(cased, spans).lower()
    tokens = segment.pos_tokens(wordy)  # one jieba pass gives the words and the places
    words = [token.word for token in tokens]
    organisations = tuple(glossary.organisations_in(words))
    chinese = "".join(ch for ch in wordy if not ch.isascii())
    translated, untranslated, loose = glossary.translate_marked(wordy)
    groups: list[frozenset[str]] = []
    heads: list[frozenset[str]] = []
    # A Chinese word with synonyms or aliases (the newsroom list, then the general dictionaries) counts
    # wherever the claim uses any of them.
    written = [(alternatives[0], alternatives) for alternatives in glossary.synonym_groups(wordy)]
    for head, alternatives in written + glossary.word_alternatives(words):
        alt_tokens, group = _alternatives(alternatives)
        words.extend(t.word for t in alt_tokens)
        if group:
            groups.append(group)
            heads.append(_word_terms(head) & group)
    loose_groups: set[int] = set()
    for alternatives, guessed in zip(translated, loose, strict=True):
        # Segmented as claims are, so "PM2.5" or "世界卫生组织" meet the index's own terms.
        alt_tokens, group = _alternatives(tuple(alt.lower() for alt in alternatives))
        words.extend(t.word for t in alt_tokens)
        tokens += alt_tokens
        chinese += alternatives[0]
        if group:
            if guessed:
                loose_groups.add(len(groups))
            groups.append(group)
            heads.append(frozenset())
    dates += tuple(_english_years(text))
    terms = build_terms(words, quantities, dates, query=True)
    foreign = tuple(w for w in untranslated if w not in terms)
    return PreparedQuery(
        chinese,
        terms + foreign,
        quantities,
        dates,
        tuple(glossary.expand_places(segment.places_in(tokens))),
        untranslated=frozenset(untranslated),
        groups=tuple(groups),
        group_heads=tuple(heads),
        loose_groups=frozenset(loose_groups),
        organisations=organisations,
    )


def units(text: str) -> int:
    """CJK characters plus Latin words and numbers: a comparable size for Chinese and English text."""
    return len(_UNIT.findall(text))


def assertions(raw: str) -> list[str]:
    """The claim-sized assertions of a text that joins several, each with its lead-in; [] for one."""
    found: list[str] = []
    lead = ""
    for piece in _ASSERTION_GAP.split(_without_framing(fold_query(raw, lower=False))):
        piece = piece.strip()
        if _LEADS_IN.search(piece):
            lead += piece + "："
        elif piece:
            found.append(lead + piece)
            lead = ""
    found = [piece for piece in found if units(piece) >= MIN_ASSERTION_UNITS]
    return found[:MAX_ASSERTIONS] if len(found) >= 2 else []


def _without_framing(text: str) -> str:
    """The headline without its exclaimed tag and rhetorical question, when a claim remains."""
    for pattern in (_EXCLAIMED_TAG, _RHETORICAL_TAIL):
        cut = pattern.sub("", text, count=1)
        if cut != text and len(_CJK_OR_DIGIT.findall(cut)) >= MIN_FRAMED_CLAIM:
            text = cut
    return text


@lru_cache(maxsize=8192)
def _alternatives(alternatives: tuple[str, ...]) -> tuple[tuple[segment.Token, ...], frozenset[str]]:
    """The tokens of a word's alternatives (synonyms, aliases, translations) and their index terms,
    remembered: the dictionaries give the same few thousand groups query after query, and a message's
    claims ask for about 800 of them (segmenting them again was a seventh of a message's lookup time).
    A process segments with one dictionary, the seeds' (configured before its first lookup), so an
    alternative's tokens stay what they were."""
    tokens = tuple(t for alternative in alternatives for t in segment.pos_tokens(alternative))
    return tokens, frozenset(build_terms([t.word for t in tokens], (), (), query=True))


@lru_cache(maxsize=8192)
def _word_terms(word: str) -> frozenset[str]:
    """The index terms of one word as written (itself and its dictionary sub-words), remembered."""
    return frozenset(build_terms([word], (), (), query=True))


def _english_years(text: str) -> list[DateSpan]:
    """ "by 2030", "in 2022": a year in an English query (numbers.py leaves bare years alone)."""
    return [
        DateSpan(
            date(int(m.group(2)), 1, 1), date(int(m.group(2)), 12, 31), m.group(0), m.start(), m.end(), "year"
        )
        for m in _EN_YEAR.finditer(text)
    ]


@lru_cache(maxsize=50_000)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese text, remembered: candidates recur from query to query."""
    chars = _CJK_OR_DIGIT.findall(text)
    return frozenset(a + b for a, b in pairwise(chars)) or frozenset(chars)
