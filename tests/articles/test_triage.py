"""Triage: red flags first (contradiction, legal citation, anonymous source), then ruled claims, then
the most check-worthy; at most eight, each with its reason. On the real analysis of a test article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from articlekit import ARTICLE, TITLE

from bot.articles.analyse import index_article
from bot.articles.read import article_from_text
from bot.articles.triage import ANONYMOUS, CONTRADICTION, LEGAL, MAX_PICKS, RULED, WORTHY, triage
from bot.claims.models import Claim, ClaimKind
from bot.verdicts.engine import assess_article
from bot.verdicts.evidence_files import load_evidence
from bot.verdicts.labels import Label
from bot.verdicts.models import Verdict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def analysed() -> tuple[list[Claim], dict[str, Verdict]]:
    article = article_from_text(ARTICLE, {"title": TITLE}, "triage-test")
    claims = [c.claim for c in index_article(article)]
    return claims, assess_article(article, claims, load_evidence(SEEDS / "evidence"))


def test_red_flags_come_first_in_order_with_the_signal_that_raised_them(
    analysed: tuple[list[Claim], dict[str, Verdict]],
) -> None:
    claims, verdicts = analysed
    picks = triage(claims, verdicts)
    reasons = [p.reason for p in picks]
    assert reasons[:5] == [CONTRADICTION, CONTRADICTION, LEGAL, ANONYMOUS, ANONYMOUS]
    assert {"91%" in picks[0].claim.text, "87%" in picks[1].claim.text} == {True}
    assert picks[0].signal is not None and picks[0].signal.code == "internal.metric_mismatch"
    assert (
        "第85条" in picks[2].claim.text and picks[2].signal and picks[2].signal.code == "legal.article_beyond"
    )
    assert "不愿透露姓名" in picks[3].claim.text
    assert all(p.red_flag for p in picks[:5]) and not any(p.red_flag for p in picks[5:])
    assert set(reasons[5:]) <= {WORTHY}


def test_an_opinion_without_a_flag_is_not_picked(analysed: tuple[list[Claim], dict[str, Verdict]]) -> None:
    claims, verdicts = analysed
    picked = {p.claim.text for p in triage(claims, verdicts)}
    assert not any("干净多了" in text for text in picked)


def test_at_most_eight_best_worthiness_first_and_reading_order_on_ties() -> None:
    claims = [
        Claim(f"c{i}", "a", f"说法{i}", 0, 3, ClaimKind.STATISTIC, worthiness=0.3 + (i % 3) / 10)
        for i in range(20)
    ]
    picks = triage(claims, {})
    assert len(picks) == MAX_PICKS
    worthiness = [p.claim.worthiness for p in picks]
    assert worthiness == sorted(worthiness, reverse=True)
    assert [p.claim.claim_id for p in picks][:3] == ["c2", "c5", "c8"]


def test_a_reviewer_ruling_outranks_worthiness_but_not_a_red_flag(
    analysed: tuple[list[Claim], dict[str, Verdict]],
) -> None:
    claims, verdicts = analysed
    plain = next(c for c in claims if "45万吨" in c.text)
    ruled = dict(verdicts)
    ruled[plain.claim_id] = replace(verdicts[plain.claim_id], source="reviewer", label=Label.TRUE)
    picks = triage(claims, ruled)
    assert [p.reason for p in picks][5] == RULED and picks[5].claim.claim_id == plain.claim_id
