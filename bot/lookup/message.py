"""Long text is a message, not a query: its claims are extracted like an article's, each is looked up,
and the message is answered once (which claims are known, which are new, and whether the whole text is
a version of something already ingested).

A query names one claim; a forwarded message, a pasted paragraph or a long post carries several, and
as one long query it matches no single claim (cofacts-2017-dev: 0 of 31 re-forwarded versions found).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.extract import extract
from bot.claims.forwarded import blank_forwarding, has_link
from bot.claims.models import Article, ClaimKind
from bot.errors import InputError
from bot.lookup.match import LookupResult, Match, lookup
from bot.lookup.query import MAX_QUERY_CHARS, units, validate_query
from bot.lookup.versions import MIN_SHINGLES, Version, find_version, shingles
from bot.store.db import Database
from bot.text.glossary import Glossary
from bot.text.normalize import printable_length

# What makes a text a message. Sizes are counted in units: a CJK character or a Latin word / number.
# The longest query of bench/queries (eval + holdout, 200 queries) is 29 units of English, 32 of
# Chinese; 87% of the seed articles' claims are shorter than 60 and the longest is 118. So: two or more
# sentences of at least MIN_SENTENCE_UNITS once the text reaches MESSAGE_MIN_UNITS (a query with a
# question tacked on, "…？是真的吗", stays a query), or anything longer than QUERY_MAX_UNITS (no one
# claim is that long).
MESSAGE_MIN_UNITS = 40
QUERY_MAX_UNITS = 120
MIN_SENTENCE_UNITS = 8
# A fragment shorter than this says too little to name one claim: in cofacts-2017-dev every unrelated
# message reported as known was so through a 7-11 character fragment (火車是普悠瑪號, 教育為百年大計).
# The seed claims' worthiness calls text under 12 characters short for the same reason.
MIN_CHECKABLE_UNITS = 12
MAX_MESSAGE_CHARS = 5000  # a long forwarded chain (the longest in cofacts-2017-dev is 1,719)
KNOWN = frozenset({"matched", "ambiguous"})  # a lookup answer that names a known claim
_SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]+")
_OPEN_LINE = re.compile(r"(?<=[^\s。！？!?；;：:，,、])[ \t]*(?=\n|$)")
_MESSAGE_ID = "message"  # the pseudo-article a message is read as (never stored)


@dataclass(frozen=True, slots=True)
class MessageClaim:
    """One claim found in a message; ``result`` is its lookup (None: not checkable, not looked up)."""

    text: str
    kind: ClaimKind
    result: LookupResult | None

    @property
    def known(self) -> bool:
        return self.result is not None and self.result.status in KNOWN

    @property
    def best(self) -> Match | None:
        return self.result.best if self.known and self.result else None


@dataclass(frozen=True, slots=True)
class MessageResult:
    """A message answered once: its claims and, if it is one, the ingested text it is a version of."""

    text: str
    claims: tuple[MessageClaim, ...]
    version: Version | None = None

    @property
    def checkable(self) -> tuple[MessageClaim, ...]:
        return tuple(c for c in self.claims if c.result is not None)

    @property
    def known(self) -> tuple[MessageClaim, ...]:
        return tuple(c for c in self.claims if c.known)

    @property
    def new(self) -> tuple[MessageClaim, ...]:
        return tuple(c for c in self.checkable if not c.known)

    @property
    def status(self) -> str:
        return "matched" if self.known or self.version else "no_match"

    def summary(self) -> LookupResult:
        """The message as one lookup answer (what a check row stores): its known claims, best first,
        those of the text it is a version of ahead of the rest."""
        home = self.version.article_id if self.version else None
        best = [m for c in self.known if (m := c.best) is not None]
        unique: dict[str, Match] = {}
        for m in sorted(best, key=lambda m: (m.claim.article_id != home, -m.score)):
            unique.setdefault(m.claim.claim_id, m)
        return LookupResult(self.text, "matched" if unique else "no_match", tuple(unique.values()))


Answer = LookupResult | MessageResult


def is_message(raw: str) -> bool:
    """Whether a text is a message (answered claim by claim) rather than a query (one claim)."""
    size = units(raw)
    if size > QUERY_MAX_UNITS:
        return True
    sentences = [p for p in _SENTENCE_BREAK.split(blank_forwarding(raw)) if units(p) >= MIN_SENTENCE_UNITS]
    return size >= MESSAGE_MIN_UNITS and len(sentences) >= 2


def looks_forwarded(raw: str) -> bool:
    """Several lines or a link: forwarded text keeps its source's line breaks and links, where a typed
    query or a headline is one line (in crossfake-zh-dev unrelated one-line headlines share up to 0.62
    of their 3-grams with another story, so a one-line text is not measured as a version)."""
    return "\n" in raw.strip() or has_link(raw)


def validate_text(raw: str) -> str:
    """Refuse what cannot be checked: empty text, a query over MAX_QUERY_CHARS that is no message, a
    message over MAX_MESSAGE_CHARS."""
    if raw is None or printable_length(raw) == 0 or len(raw) <= MAX_QUERY_CHARS:
        return validate_query(raw)
    if len(raw) > MAX_MESSAGE_CHARS:
        raise InputError("message_too_long")
    return raw


def as_article_text(raw: str) -> str:
    """The message as an article's text: chat headers, forward labels, list markers and links blanked
    out, and every line ended as a sentence (a chat message has no headings: a line left open, "恭喜…
    使用", is a sentence, where an article's would be a title)."""
    return _OPEN_LINE.sub("。", blank_forwarding(raw))


def read_message(raw: str) -> list[tuple[str, ClaimKind]]:
    """The message's claims in reading order (text, kind), extracted as an article's are; repeats once."""
    article = Article(_MESSAGE_ID, "", as_article_text(raw), "")
    found = [(e.claim.text.strip(" 。"), e.claim.kind) for e in extract(article)]
    return list(dict.fromkeys(found))


def checkable(text: str, kind: ClaimKind) -> bool:
    """Worth a lookup of its own: no opinion, and long enough to name one claim."""
    return kind is not ClaimKind.OPINION and units(text) >= MIN_CHECKABLE_UNITS


async def check_message(db: Database, raw: str, glossary: Glossary) -> MessageResult:
    """Look up each checkable claim of a message, then ask whether the whole is a version of one of
    the articles those claims were found in."""
    claims: list[MessageClaim] = []
    for text, kind in read_message(raw):
        result = await lookup(db, text, glossary, by_parts=False) if checkable(text, kind) else None
        claims.append(MessageClaim(text, kind, result))
    articles = [m.claim.article_id for c in claims if c.result for m in c.result.matches]
    version = await db.run(find_version, raw, articles)
    return MessageResult(raw, tuple(claims), version)


async def answer(db: Database, raw: str, glossary: Glossary) -> Answer:
    """A query's lookup or a message's answer, whichever the text is."""
    validate_text(raw)
    if is_message(raw):
        return await check_message(db, raw, glossary)
    result = await lookup(db, raw, glossary)
    if result.status != "no_match" or not looks_forwarded(raw) or len(shingles(raw)) < MIN_SHINGLES:
        return result
    # A short forwarded text no claim answers (a list of short lines, a link) may still be a copy of
    # an ingested one: answered as a message when it is.
    version = await db.run(find_version, raw, ())
    if version is None:
        return result
    return MessageResult(raw, tuple(MessageClaim(t, k, None) for t, k in read_message(raw)), version)
