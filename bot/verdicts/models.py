"""Verdict dataclasses shared by the engine, the store, the desk and the renderers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.verdicts.labels import Label


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact used by a signal, always with where it comes from."""

    statement: str
    source_name: str
    url: str | None = None
    fact_id: str | None = None  # id in seeds/evidence, or a claim id for internal evidence


@dataclass(frozen=True, slots=True)
class Signal:
    """One observation about a claim. ``effect`` says which way it pushes the verdict.

    effect: "supports" | "contradicts" | "unsourced" | "unverifiable" | "opinion" | "info"
    """

    code: str
    effect: str
    weight: float
    message_zh: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Carried:
    """Where a carried ruling was made: another appearance of the same assertion (its claim family)."""

    family_id: int
    claim_id: str  # the claim the reviewer ruled on
    article_id: str
    check_id: int | None = None  # the check whose Slack thread holds the ruling, when there is one
    channel_id: str | None = None
    thread_ts: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verdict on a claim: automated (``source == "auto"``) or a reviewer's."""

    claim_id: str
    label: Label
    confidence: float
    rationale_zh: str
    rationale_en: str
    signals: tuple[Signal, ...] = ()
    source: str = "auto"  # "auto" | "reviewer"
    author: str | None = None
    engine_version: str | None = None
    created_at: datetime | None = None
    evidence_url: str | None = None
    verdict_id: int | None = None
    carried: Carried | None = None  # a family member's ruling shown as this claim's (bot/desk/families.py)


def unchecked(claim_id: str) -> Verdict:
    """The honest state of a claim nobody (no rule, no person) has rated yet."""
    return Verdict(claim_id, Label.UNCHECKED, 0.0, "尚无核查信号。", "No signal yet.")
