"""Generic signals: pure functions ``(claim, ctx) -> list[Signal]`` grouped by area.

None of them knows a topic or an article; everything topic-specific comes from the evidence base.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.claims.models import Claim
from bot.verdicts.models import Signal
from bot.verdicts.signals import arithmetic, consistency, legal, opinion, reference, sourcing, timeline
from bot.verdicts.signals._common import SignalContext

SignalFn = Callable[[Claim, SignalContext], list[Signal]]

ALL_SIGNALS: tuple[SignalFn, ...] = (
    *consistency.SIGNALS,
    *arithmetic.SIGNALS,
    *sourcing.SIGNALS,
    *legal.SIGNALS,
    *timeline.SIGNALS,
    *reference.SIGNALS,
    *opinion.SIGNALS,
)


def collect_signals(
    claim: Claim, ctx: SignalContext, signals: Sequence[SignalFn] = ALL_SIGNALS
) -> list[Signal]:
    """Run every signal on one claim, in a fixed order so verdicts are deterministic."""
    out: list[Signal] = []
    for fn in signals:
        out.extend(fn(claim, ctx))
    return out


__all__ = ["ALL_SIGNALS", "SignalContext", "SignalFn", "collect_signals"]
