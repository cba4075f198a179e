"""Article text -> claims. Generic: boilerplate out, clauses grouped, each claim fully described."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from bot.claims import clauses as cl
from bot.claims.boilerplate import Block, split_blocks
from bot.claims.classify import EVALUATIVE, classify, worthiness
from bot.claims.forwarded import list_markers
from bot.claims.models import Article, Claim, ClaimKind, Entity, Source, SourceKind
from bot.claims.sources import SPEECH, SURNAMES, find_source, find_works, is_law_title
from bot.text import segment
from bot.text.dates import parse_dates
from bot.text.normalize import fold_article
from bot.text.numbers import parse_quantities
from bot.text.terms import without_spans
from bot.text.types import DateSpan, Quantity

MIN_CLAIM_CHARS = 6
OPENING_CHARS = 400  # where an undated text states its own year (its title, dateline, first paragraph)
_BARE_DAY = re.compile(r"[今昨前]?[（(]?[\d一二三四五六七八九十]{1,3}[)）]?[日号]")
TITLE_PARAGRAPH = 0  # the paragraph number of the claims of an article's title
TITLE_MAX = 80  # a longer first line is a paragraph, whatever it is called
_WORDS = re.compile(r"[\W_]+")
_POS_ENTITY = {"ns": "place", "nt": "organisation", "nr": "person", "nrt": "person"}
_PERSON_AFTER_ROLE = re.compile(
    r"(?:专家|学者|研究员|教授|官员|志愿者|居民|医生|护士|程序员|司机|员工|主任|局长|市长|院长|经理|记者)"
    r"([\u4e00-\u9fff]{2,3}?)(?=的|表示|指出|说|称|认为|介绍|坦言|[，。：“\"])"
)
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# The first clause of a claim, after a connective such as 不过/但是/此外.
_BUT = "但是|但|不过|然而|而"
_OPENING = re.compile(rf"\s*(?:(?:{_BUT}|此外|同时|另外)\s*，\s*)?([^，。；]*)")
_TURNS_TO = re.compile(_BUT)  # a last clause that hands over to another speaker
_POINTS_BACK = re.compile(r"其中|其[^他它余次实]|该")
# An open question asserts nothing ("有记者提问：外贸形势是否已经触底？"): a clause ending in a question
# mark with a question word. "X吗？" stays a claim: tipline messages ask about a claim that way.
_OPEN_QUESTION = re.compile(r"是否|为什么|为何|如何|怎么|怎样|什么|谁|哪|多少|几时|能否|可否|是不是|有没有")
_QUESTION_MARK = re.compile(r"\s*[？?]")
_ASKED = re.compile(r"\s*(?:问|Q)\s*[：:]")
# A release of figures, or what a reporter learned from a source ("记者从市公安局获悉，…"): the sentences
# after it in its paragraph go on with it ("…公布最新的劳动人口统计数字。失业率…").
_RELEASES = re.compile(r"(公布|发布|披露)[^，。；]{0,16}(数据|数字|统计|报告|结果)|获悉|了解到|得知")
# A claim starting like this begins a new turn of the sentence rather than continuing a report.
_NEW_TURN = re.compile(r"^(?:面对|随着|在|从|对于|为了|由于|如何|这|那|此|正如|与此同时)")


def prepare_article(article: Article, folded: str | None = None) -> Article:
    """Fill metadata the text itself gives: editorial notes and the data cut-off date.

    ``folded`` is ``fold_article(article.text)`` when the caller has it (one fold serves both)."""
    blocks = split_blocks(article.text, folded)
    notes = tuple(article.text[b.start : b.end] for b in blocks if b.kind == "note")
    cutoff = article.data_cutoff
    for note in notes:
        if "截至" in note or "截止" in note:
            spans = parse_dates(fold_article(note), article.date_context)
            if spans:
                cutoff = spans[0].last
    return replace(article, notes=notes, data_cutoff=cutoff)


def year_of_text(folded: str) -> date | None:
    """An undated text's year, for its dates that leave it out ("三月至五月" after "二○二三年二月至四月"):
    the latest year its opening states outright (a release's own date or period), or None. Bare days
    ("20日") stay unread: the month is not guessed."""
    stated = [d for d in parse_dates(folded[:OPENING_CHARS]) if not d.year_inferred]
    if not stated:
        return None
    return date(max(d.first.year for d in stated), 1, 1)


def claim_id(article_id: str, folded: str, occurrence: int) -> str:
    """Stable id: the article, the claim's folded text (spaces out) and which occurrence it is."""
    key = f"{article_id}\x1f{folded}\x1f{occurrence}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Extracted:
    """A claim and the words of its text (numbers and dates left out) for the search index."""

    claim: Claim
    words: tuple[str, ...]
    search_text: str  # folded, lower case, no spaces, numbers and dates blanked out


class _View:
    """The article analysed once: folded text, part-of-speech tokens, quantities and dates.

    Segmenting and parsing the whole article in one pass (rather than clause by clause) is what
    keeps ingest fast; spans then pick their share by offset.
    """

    def __init__(self, article: Article, folded: str | None) -> None:
        self.folded = fold_article(article.text) if folded is None else folded
        self.tokens = segment.pos_tokens(self.folded)
        self.token_starts = [t.start for t in self.tokens]
        # "3.最大限度…": an item number, not a figure
        markers = {at for a, b in list_markers(self.folded) for at in range(a, b)}
        self.quantities = [q for q in parse_quantities(self.folded) if q.start not in markers]
        self.by_start = sorted(self.quantities, key=lambda q: q.start)
        self.quantity_starts = [q.start for q in self.by_start]
        year = year_of_text(self.folded) if article.date_context is None else None
        self.dates = parse_dates(self.folded, article.date_context or year)
        if year is not None:  # the year only: a bare day ("20日") would take the month of a guess
            self.dates = [d for d in self.dates if not _BARE_DAY.fullmatch(d.text)]

    def tokens_in(self, start: int, end: int) -> list[segment.Token]:
        first = max(bisect_right(self.token_starts, start) - 1, 0)
        last = bisect_left(self.token_starts, end, lo=first)
        return [t for t in self.tokens[first:last] if t.start + len(t.word) > start]

    def quantities_in(self, start: int, end: int) -> tuple[Quantity, ...]:
        return tuple(q.shifted(start) for q in self.quantities if start <= q.start and q.end <= end)

    def dates_in(self, start: int, end: int) -> tuple[DateSpan, ...]:
        return tuple(d.shifted(start) for d in self.dates if start <= d.start and d.end <= end)

    def has_quantity(self, span: cl.Span) -> bool:
        for q in self.by_start[bisect_left(self.quantity_starts, span.start) :]:
            if q.start >= span.end:
                return False
            if q.end <= span.end:
                return True
        return False

    def first_pos(self, span: cl.Span) -> str:
        tokens = self.tokens_in(span.start, span.start + 1)
        return tokens[0].flag if tokens else "x"


def extract(article: Article, folded: str | None = None) -> list[Extracted]:
    """Every claim of the article, in reading order, with its index words (``folded``: as for
    :func:`prepare_article`)."""
    view = _View(article, folded)
    found: list[Extracted] = []
    seen: Counter[str] = Counter()
    paragraph = 0
    titled = False
    for block in split_blocks(article.text, view.folded):
        # The title is the article's first assertion: other outlets' headlines and re-posts repeat it.
        # A section heading ("健康代價：每年約1,580人過早死亡") only restates its paragraph.
        title = not titled and paragraph == 0 and _is_title(article, block)
        if title:
            titled, at = True, TITLE_PARAGRAPH
        elif block.kind == "headline":
            titled = True
            continue
        elif block.kind == "body":
            paragraph = at = paragraph + 1
            if _ASKED.match(view.folded, block.start):
                continue  # an explainer's "问：…" asks; its answer makes the claims
        else:
            continue
        speaker: Source | None = None
        release: Source | None = None  # who released the figures the paragraph goes on to give
        # A title is read whole: "研究：每天喝三杯含糖饮料 糖尿病风险升高26%" has no heading to skip.
        for sentence in cl.clauses(view.folded, block.start, block.end, article.text if title else None):
            context = (sentence[0].start, sentence[-1].end)
            # Who the sentence reports, for its later claims; the previous sentence's speaker only
            # carries over to a sentence that points back at it ("其中，…") or that a semicolon joins to
            # it ("其中，出口增长4.2%；进口下降3.8%": both halves are the same release's figures).
            joined = _after_semicolon(view.folded, sentence[0].start)
            if not (joined or _POINTS_BACK.match(view.folded, sentence[0].start)):
                speaker = release
            for span in cl.group(view.folded, sentence, view.has_quantity, view.first_pos):
                text = article.text[span.start : span.end]
                if len(_CJK.findall(text)) < MIN_CLAIM_CHARS or _asks(view.folded, span):
                    continue
                key = "".join(view.folded[span.start : span.end].split())
                seen[key] += 1
                cid = claim_id(article.article_id, key, seen[key])
                extracted = _describe(article, view, span, at, context, cid, speaker)
                found.append(extracted)
                speaker = _reported_by(extracted.claim, view.folded[span.start : span.end], speaker)
                if extracted.claim.source is not None and _RELEASES.search(view.folded, span.start, span.end):
                    # "统计处今日公布最新的劳动人口统计数字。" then the figures, sentence after sentence
                    release = extracted.claim.source
    claims = _attribute_quotes([e.claim for e in found])
    return [Extracted(claim, e.words, e.search_text) for claim, e in zip(claims, found, strict=True)]


def _is_title(article: Article, block: Block) -> bool:
    """The article's first line is its title when it reads as a headline, or when it is the title the
    article was given even if it exclaims ("好消息！…"), but not a sentence that ends in 。."""
    if block.kind == "headline":
        return True
    line = article.text[block.start : block.end]
    return (
        block.kind == "body"
        and len(line) <= TITLE_MAX
        and not line.rstrip().endswith("。")
        and _WORDS.sub("", line) == _WORDS.sub("", article.title)
    )


def _after_semicolon(folded: str, start: int) -> bool:
    """Does the text before ``start`` end (spaces aside) with a semicolon?"""
    at = start - 1
    while at >= 0 and folded[at].isspace():
        at -= 1
    return at >= 0 and folded[at] in "；;"


def _asks(folded: str, span: cl.Span) -> bool:
    """An open question (a question mark right after the clause, a question word inside it)."""
    return bool(_QUESTION_MARK.match(folded, span.end)) and bool(
        _OPEN_QUESTION.search(folded, span.start, span.end)
    )


def extract_claims(article: Article) -> list[Claim]:
    """Every claim of the article, in reading order."""
    return [e.claim for e in extract(article)]


def _describe(
    article: Article,
    view: _View,
    span: cl.Span,
    paragraph: int,
    context: tuple[int, int],
    cid: str,
    speaker: Source | None,
) -> Extracted:
    """The claim of one span. ``speaker`` is who the sentence so far reports (see _reported_by): in
    "业内人士认为，A，B" B is still the insiders' view, so it is B's source unless B names its own or
    starts something new (a frame such as 面对…, a demonstrative, an evaluation)."""
    text = article.text[span.start : span.end]
    norm = view.folded[span.start : span.end]
    quantities = view.quantities_in(span.start, span.end)
    dates = view.dates_in(span.start, span.end)
    tokens = view.tokens_in(span.start, span.end)
    source = find_source(norm)
    if source is None and speaker is not None and _continues_report(norm):
        source = speaker
    entities = _entities(norm, tokens)
    kind = classify(norm, quantities, dates, source)
    score, reasons = worthiness(norm, kind, quantities, dates, entities, source)
    claim = Claim(
        claim_id=cid,
        article_id=article.article_id,
        text=text,
        start=span.start,
        end=span.end,
        kind=kind,
        quantities=quantities,
        dates=dates,
        entities=entities,
        source=source,
        worthiness=score,
        worthiness_reasons=reasons,
        paragraph=paragraph,
        context=article.text[context[0] : context[1]],
    )
    taken = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    covered = bytearray(len(norm))
    for a, b in taken:
        covered[a:b] = b"\x01" * (b - a)
    words = tuple(
        t.word.lower()
        for t in tokens
        if 1 not in covered[max(t.start - span.start, 0) : t.start - span.start + len(t.word)]
    )
    return Extracted(claim, words, "".join(without_spans(norm, taken).lower().split()))


def _continues_report(folded: str) -> bool:
    """A claim with no source of its own goes on with the sentence's report unless it starts a new
    turn (面对…, 这…), evaluates, or attributes something itself (to a source not recognised)."""
    return not (_NEW_TURN.match(folded) or EVALUATIVE.search(folded) or SPEECH.search(folded))


def _reported_by(claim: Claim, folded: str, speaker: Source | None) -> Source | None:
    """Who the rest of the sentence reports after ``claim`` (``folded``: its folded text): a speaker
    its last clause turns to (…，但专家解释), else its source when its first clause names it ("气象部门数据显示，…",
    "不过，有专家指出，…", "发表在《某刊》上的研究显示，…"), else whoever was reported before."""
    tail = folded.rsplit("，", 1)[-1].strip()
    last = find_source(tail) if tail != folded and _TURNS_TO.match(tail) else None
    if last is not None and last.kind is not SourceKind.LAW:
        return last  # "有网友称…，但气象专家解释，…": the expert speaks on
    source = claim.source
    if source is None and _NEW_TURN.match(folded):
        return None  # "…，面对X的现实，北京选择…": the report ended where the sentence took a new turn
    if source is None or source.kind is SourceKind.LAW:
        return speaker
    opening = _OPENING.match(folded)
    if opening is not None and source.name in opening.group(1):
        return source
    # "最近，一则消息疯传：某医学专家称，A": the source leads in to the claim's last clause
    lead_in = folded.rsplit("，", 1)[0] if "，" in folded else ""
    return source if source.name in lead_in else speaker


def _entities(text: str, tokens: list[segment.Token]) -> tuple[Entity, ...]:
    found: dict[str, Entity] = {}
    for title in find_works(text):
        found.setdefault(title, Entity(title, "law" if is_law_title(title) else "work"))
    common = segment.common_words_tagged_as_places(tokens)
    for token in tokens:
        kind = _POS_ENTITY.get(token.flag)
        if kind and len(token.word) >= 2 and _plausible(token.word, kind) and token.word not in common:
            found.setdefault(token.word, Entity(token.word, kind))
    for match in _PERSON_AFTER_ROLE.finditer(text):
        if match.group(1)[0] in SURNAMES:  # not 记者+会上 in "在记者会上说"
            found.setdefault(match.group(1), Entity(match.group(1), "person"))
    return tuple(found.values())


def _plausible(word: str, kind: str) -> bool:
    """jieba tags some common nouns ns/nr (城市, 严峻考验): keep real places and names only."""
    if kind == "place":
        return word not in segment.GENERIC_PLACES
    if kind == "person":
        return len(word) <= 3 and word[0] in SURNAMES
    return True


def _attribute_quotes(claims: list[Claim]) -> list[Claim]:
    """A quote with no speaker of its own is attributed to the person introduced just before it."""
    out: list[Claim] = []
    for claim in claims:
        if claim.kind is ClaimKind.QUOTE and claim.source is None:
            speaker = _previous_person(out, claim.paragraph)
            if speaker is not None:
                claim = replace(claim, source=speaker)
        out.append(claim)
    return out


def _previous_person(claims: list[Claim], paragraph: int) -> Source | None:
    for earlier in reversed(claims[-3:]):
        if earlier.paragraph != paragraph:
            break
        if earlier.source is not None and earlier.source.kind is SourceKind.PERSON:
            # the same speaker goes on: 「…」黄家明说。「…」, or 教练表示，A，"B"
            return earlier.source
        for entity in earlier.entities:
            if entity.type == "person":
                return Source(entity.text, SourceKind.PERSON)
    return None
