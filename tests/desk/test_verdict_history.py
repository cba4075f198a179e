"""Verdict history: every verdict is a row; reviewers outrank automation; recomputes never overwrite."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.desk.service import Desk
from bot.errors import NotAuthorised
from bot.verdicts import engine
from bot.verdicts.labels import Label


async def _refund_claim(desk: Desk) -> str:
    outcome = await desk.check("北京西站日均退票1.2万张")
    assert outcome.result.best is not None
    return outcome.result.best.claim.claim_id


async def test_every_claim_has_an_automated_verdict_with_signals(desk: Desk) -> None:
    claims = await desk.claims()
    verdicts = await desk.verdicts(c.claim_id for c in claims)
    assert set(verdicts) == {c.claim_id for c in claims}
    refund = verdicts[await _refund_claim(desk)]
    assert refund.source == "auto" and refund.engine_version == engine.ENGINE_VERSION
    assert refund.label in (Label.MISLEADING, Label.FALSE, Label.UNSUPPORTED)
    assert refund.signals and refund.rationale_zh and refund.rationale_en


async def test_a_reviewer_verdict_becomes_current_and_history_keeps_both(desk: Desk) -> None:
    desk.settings = replace(desk.settings, reviewers=("U_REVIEWER",))
    claim_id = await _refund_claim(desk)
    previous, new = await desk.set_verdict(
        claim_id, Label.FALSE, "西站并无此数据", "U_REVIEWER", "https://example.org/x"
    )
    assert previous.source == "auto" and new.source == "reviewer"
    current = (await desk.verdicts([claim_id]))[claim_id]
    assert (current.label, current.author, current.evidence_url) == (
        Label.FALSE,
        "U_REVIEWER",
        "https://example.org/x",
    )
    history = await desk.history(claim_id)
    assert [v.source for v in history] == ["auto", "reviewer"]
    assert all(v.created_at is not None for v in history)


async def test_a_non_reviewer_cannot_change_a_verdict(desk: Desk) -> None:
    claim_id = await _refund_claim(desk)
    with pytest.raises(NotAuthorised):
        await desk.set_verdict(claim_id, Label.TRUE, "looks fine", "U_STRANGER")
    assert [v.source for v in await desk.history(claim_id)] == ["auto"]


async def test_group_members_passed_by_the_edge_may_rule(desk: Desk) -> None:
    claim_id = await _refund_claim(desk)
    await desk.set_verdict(claim_id, Label.MISLEADING, "单日数据", "U_GROUP", group_members={"U_GROUP"})
    assert (await desk.verdicts([claim_id]))[claim_id].source == "reviewer"


async def test_a_new_engine_version_recomputes_but_never_overwrites_reviewers(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.settings = replace(desk.settings, reviewers=("U_REVIEWER",))
    claim_id = await _refund_claim(desk)
    await desk.set_verdict(claim_id, Label.FALSE, "核实为不实", "U_REVIEWER")
    assert await desk.refresh_verdicts() == 0  # nothing stale: nothing written
    monkeypatch.setattr("bot.desk.service.ENGINE_VERSION", "test-next")
    monkeypatch.setattr(engine, "ENGINE_VERSION", "test-next")
    written = await desk.refresh_verdicts()
    assert written == len(await desk.claims())
    history = await desk.history(claim_id)
    assert [v.source for v in history] == ["auto", "reviewer", "auto"]
    current = (await desk.verdicts([claim_id]))[claim_id]
    assert current.source == "reviewer" and current.label is Label.FALSE
