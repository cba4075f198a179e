"""Internal arithmetic: numbers that cannot add up against what they are numbers of.

A per-capita rate against a total of the same thing (with a population from the evidence base), one
value used both as a rate and as a total, percentages past 100%, a daily average over a single day and
a window that opens before the event it is said to measure.
"""

from __future__ import annotations

import re

from bot.claims.models import Claim
from bot.text.types import DateSpan, Quantity
from bot.verdicts import lexicon as lx
from bot.verdicts.models import Signal
from bot.verdicts.signals._common import (
    CJK,
    SignalContext,
    article_places,
    claim_places,
    clause_before,
    clause_of,
    fact_evidence,
    fmt_number,
    fmt_quantity,
    has_any,
    internal_evidence,
    locate,
    make_signal,
)

W_PER_CAPITA = 0.65
W_REUSED = 0.55
W_DAILY = 0.5
W_WINDOW = 0.5
W_ARITHMETIC = 0.85


def _others(ctx: SignalContext, claim: Claim) -> list[Claim]:
    return [c for c in ctx.claims if c.claim_id != claim.claim_id]


def per_capita_scale(clause: str) -> tuple[str, int] | None:
    return next(((m, n) for m, n in lx.PER_CAPITA if m in clause), None)


def is_rate(claim: Claim, q: Quantity) -> bool:
    clause = clause_of(claim, q)
    return per_capita_scale(clause) is not None or any(w in clause for w in lx.RATE_WORDS)


def _bigrams(text: str) -> set[str]:
    chars = "".join(CJK.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _related(claim: Claim, q: Quantity, other: Claim, oq: Quantity) -> bool:
    """Two counts measure the same thing: a specific shared unit (例, 张) or shared metric words."""
    if q.unit != oq.unit:
        return False
    if q.unit not in lx.GENERIC_UNITS:
        return True
    return bool(
        _bigrams(clause_of(claim, q))
        & _bigrams(clause_of(other, oq)) - _bigrams("".join(m for m, _ in lx.PER_CAPITA))
    )


_CUMULATIVE = re.compile(r"累计|共计|总计|合计|总数")
_FLOW = re.compile(r"新增|日增|每日|每天|日均|单日|每周|每月")


def per_capita_total(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """A per-capita figure that cannot fit a total of the same thing given elsewhere, using the
    population of the place from the evidence base."""
    out: list[Signal] = []
    places = claim_places(ctx, claim) or article_places(ctx)
    on = ctx.article.date_context or ctx.article.published
    for q in claim.quantities:
        scale = per_capita_scale(clause_of(claim, q))
        if scale is None or q.unit == "%":
            continue
        for place in sorted(places):
            pop = ctx.base.population(place, on)
            if pop is None:
                continue
            population = dict(pop.values)["population"]
            implied = q.value * population / scale[1]
            # Cumulative totals first; daily flows (新增, 日均) are not totals of the same thing.
            others = sorted(_others(ctx, claim), key=lambda c: not _CUMULATIVE.search(c.text))
            for other in others:
                other_places = claim_places(ctx, other) or article_places(ctx)
                if place not in other_places:
                    continue
                for oq in other.quantities:
                    if is_rate(other, oq) or not _related(claim, q, other, oq) or oq.value <= 0:
                        continue
                    if _FLOW.search(clause_of(other, oq)):
                        continue
                    ratio = implied / oq.value
                    if 1 / 3 <= ratio <= 3:
                        continue
                    out.append(
                        make_signal(
                            "internal.per_capita_total",
                            "contradicts",
                            W_PER_CAPITA,
                            (internal_evidence(ctx, other), fact_evidence(pop)),
                            scale_zh=lx.SCALE_ZH[scale[1]],
                            scale_en=lx.SCALE_EN[scale[1]],
                            value=fmt_quantity(q),
                            other=fmt_quantity(oq),
                            place=place,
                            population=fmt_number(population),
                            implied=f"{fmt_number(implied)}{q.unit}",
                        )
                    )
                    return out
    return out


def stat_reused(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """A rate equal (value and unit) to a total elsewhere: one number used for two things."""
    out: list[Signal] = []
    for q in claim.quantities:
        if not is_rate(claim, q) or q.unit == "%" or (q.value < 100 and q.value == int(q.value)):
            continue
        for other in _others(ctx, claim):
            match = next(
                (
                    oq
                    for oq in other.quantities
                    if oq.unit == q.unit and oq.value == q.value and not is_rate(other, oq)
                ),
                None,
            )
            if match is not None:
                marker = (per_capita_scale(clause_of(claim, q)) or ("比率", 0))[0]
                out.append(
                    make_signal(
                        "internal.stat_reused",
                        "contradicts",
                        W_REUSED,
                        (internal_evidence(ctx, other),),
                        value=fmt_quantity(q),
                        this_use=f"比率（{marker}）",
                        other_use="总数",
                        this_use_en=f"a rate ({marker})",
                        other_use_en="a total",
                    )
                )
                break
    return out


def daily_average_single_day(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """日均 for one calendar day: an average needs a period."""
    markers = has_any(claim.text, lx.DAILY_AVERAGE)
    days = [d for d in claim.dates if d.first == d.last and d.granularity == "day"]
    if not markers or not claim.quantities or len(claim.dates) != 1 or len(days) != 1:
        return []
    rest = claim.text.replace(days[0].text, "")
    if has_any(rest, lx.PERIOD_WORDS):
        return []
    return [
        make_signal(
            "internal.daily_avg_single_day",
            "contradicts",
            W_DAILY,
            marker=markers[0],
            day=days[0].text or days[0].first.isoformat(),
        )
    ]


def _event_starts(claim: Claim) -> list[tuple[DateSpan, str]]:
    """Single-day dates directly followed by a start verb (…于12月16日启动…), with the object text."""
    found: list[tuple[DateSpan, str]] = []
    for d in claim.dates:
        if d.first != d.last or not d.text:
            continue
        pos = claim.text.find(d.text)
        after = claim.text[pos + len(d.text) : pos + len(d.text) + 6] if pos >= 0 else ""
        verb = next((v for v in lx.EVENT_START if v in after), None)
        if verb:
            tail = claim.text[pos + len(d.text) :]
            found.append((d, tail[tail.find(verb) + len(verb) :][:16]))
    return found


def _refers_back(ctx: SignalContext, event: Claim, claim: Claim) -> bool:
    """A claim between the event and this one refers back to it (此次…政策, 该政策): the section that
    follows measures the event, so its numbers are attributed to it."""
    return any(
        event.paragraph < c.paragraph <= claim.paragraph
        and c.start <= claim.start
        and has_any(c.text, lx.ANAPHORA)
        for c in ctx.claims
    )


def window_before_event(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """Numbers over a window that starts before the event they are said to measure."""
    windows = [d for d in claim.dates if d.first < d.last and d.granularity == "day"]
    if not windows or not claim.quantities:
        return []
    events = [(o, d, obj) for o in _others(ctx, claim) for d, obj in _event_starts(o)]
    out: list[Signal] = []
    for w in windows:
        for other, d, _obj in events:
            if not w.first < d.first <= w.last:
                continue
            text = claim.text + claim.context
            linked = bool(has_any(text, lx.ANAPHORA)) or _refers_back(ctx, other, claim)
            fields = {"window": w.text or f"{w.first}–{w.last}", "event_day": d.text or d.first.isoformat()}
            if linked:
                out.append(
                    make_signal(
                        "internal.window_before_event",
                        "contradicts",
                        W_WINDOW,
                        (internal_evidence(ctx, other),),
                        **fields,
                    )
                )
            else:
                out.append(
                    make_signal(
                        "internal.window_before_event_weak",
                        "info",
                        0.0,
                        (internal_evidence(ctx, other),),
                        **fields,
                    )
                )
            return out
    return out


def impossible_arithmetic(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """Shares above 100% and declines of more than 100% cannot be true."""
    out: list[Signal] = []
    for q in claim.quantities:
        if q.unit != "%" or max(q.value, q.upper or 0) <= 100:
            continue
        before = clause_before(claim.text, max(locate(claim, q), 0))
        if has_any(before, lx.DECLINE_WORDS):
            out.append(
                make_signal("internal.decline_over_100", "contradicts", W_ARITHMETIC, value=fmt_quantity(q))
            )
        elif has_any(before, lx.SHARE_WORDS) and not has_any(before, lx.GROWTH_WORDS):
            out.append(
                make_signal("internal.share_over_100", "contradicts", W_ARITHMETIC, value=fmt_quantity(q))
            )
    return out


SIGNALS = (
    per_capita_total,
    stat_reused,
    daily_average_single_day,
    window_before_event,
    impossible_arithmetic,
)
