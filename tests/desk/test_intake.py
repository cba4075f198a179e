"""The check intake: a received query is stored before anyone acknowledges it, answered once in the
background, and what a crash leaves pending is answered at the next start, exactly once."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from bot.config import Settings
from bot.desk import intake as intake_module
from bot.desk.intake import CheckIntake
from bot.desk.service import Desk
from bot.errors import FactbotError, InputError
from bot.lookup.match import LookupResult
from bot.store.intake import PendingCheck
from bot.store.outbox import Announce

MATCHED = "北京西站日均退票量达1.2万张"
WHERE = Announce("C0NEWS", None, "http://127.0.0.1:1/response/r1")


def rows(settings: Settings, sql: str) -> list[sqlite3.Row]:
    """Read the database file as an auditor would: a second connection."""
    conn = sqlite3.connect(settings.db_path)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


class Recorder:
    def __init__(self) -> None:
        self.answered: list[int] = []
        self.refused: list[tuple[int, str]] = []

    def on_answered(self, check_id: int) -> None:
        self.answered.append(check_id)

    async def on_refused(self, pending: PendingCheck, error: FactbotError) -> None:
        self.refused.append((pending.intake_id, str(error)))


def intake_for(desk: Desk, recorder: Recorder) -> CheckIntake:
    return CheckIntake(desk, recorder.on_answered, recorder.on_refused, workers=2)


async def test_a_received_query_is_committed_before_receive_returns_and_has_no_check_yet(
    desk: Desk, settings: Settings
) -> None:
    pending = await desk.receive(MATCHED, origin="slack", user_id="UASKER", announce=WHERE)
    [row] = rows(settings, "SELECT * FROM intake")
    assert (row["intake_id"], row["query"], row["status"], row["check_id"]) == (
        pending.intake_id,
        MATCHED,
        "pending",
        None,
    )
    assert rows(settings, "SELECT * FROM checks") == [] and rows(settings, "SELECT * FROM outbox") == []


async def test_receive_refuses_what_cannot_be_a_claim_without_storing_it(
    desk: Desk, settings: Settings
) -> None:
    with pytest.raises(InputError):
        await desk.receive("   ", origin="slack", user_id="UASKER", announce=WHERE)
    assert rows(settings, "SELECT * FROM intake") == []


async def test_answering_stores_the_check_and_its_two_posts_once_even_if_asked_twice(
    desk: Desk, settings: Settings
) -> None:
    pending = await desk.receive(MATCHED, origin="slack", user_id="UASKER", announce=WHERE)
    check_id = await desk.answer(pending)
    assert check_id is not None and await desk.answer(pending) is None
    [check] = rows(settings, "SELECT * FROM checks")
    assert (check["check_id"], check["status"], check["channel_id"]) == (check_id, "matched", "C0NEWS")
    assert check["created_at"] == pending.received_at.isoformat(timespec="seconds")
    items = rows(settings, "SELECT kind, check_id, reply_url FROM outbox ORDER BY item_id")
    assert [(i["kind"], i["check_id"], i["reply_url"]) for i in items] == [
        ("card", check_id, WHERE.reply_url),
        ("verdict", check_id, WHERE.reply_url),
    ]
    [row] = rows(settings, "SELECT status, check_id FROM intake")
    assert (row["status"], row["check_id"]) == ("answered", check_id)


async def test_the_intake_answers_every_received_query_in_the_background(
    desk: Desk, settings: Settings
) -> None:
    recorder = Recorder()
    intake = intake_for(desk, recorder)
    await intake.start()
    try:
        for n in range(6):
            await intake.receive(f"{MATCHED} {n}", origin="slack", user_id="UASKER", announce=WHERE)
        await intake.wait_idle()
    finally:
        await intake.stop()
    assert len(recorder.answered) == 6 and recorder.refused == []
    assert len(rows(settings, "SELECT * FROM checks")) == 6
    assert rows(settings, "SELECT * FROM intake WHERE status != 'answered'") == []


async def test_a_pending_check_left_by_a_crash_is_answered_at_start_up_exactly_once(
    settings: Settings,
) -> None:
    first = await Desk.open(settings)
    await first.receive(MATCHED, origin="slack", user_id="UASKER", announce=WHERE)
    await first.close()  # the process died after the ack, before the answer

    for _ in range(2):  # a second restart finds nothing left to answer
        desk = await Desk.open(settings)
        recorder = Recorder()
        intake = intake_for(desk, recorder)
        try:
            await intake.start()
            await intake.wait_idle()
        finally:
            await intake.stop()
            await desk.close()
    assert len(rows(settings, "SELECT * FROM checks")) == 1
    assert len(rows(settings, "SELECT * FROM outbox WHERE kind = 'card'")) == 1
    assert [r["status"] for r in rows(settings, "SELECT status FROM intake")] == ["answered"]


async def test_a_query_that_cannot_be_answered_is_refused_once_and_the_asker_is_told(
    desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(query: str) -> LookupResult:
        raise RuntimeError("lookup worker died")

    monkeypatch.setattr(desk, "_lookup", broken)
    recorder = Recorder()
    intake = intake_for(desk, recorder)
    await intake.start()
    try:
        pending = await intake.receive(MATCHED, origin="slack", user_id="UASKER", announce=WHERE)
        await intake.wait_idle()
    finally:
        await intake.stop()
    assert recorder.refused == [(pending.intake_id, "internal_error")] and recorder.answered == []
    [row] = rows(settings, "SELECT status, error FROM intake")
    assert (row["status"], row["error"]) == ("refused", "internal_error")
    assert rows(settings, "SELECT * FROM checks") == []


async def test_waiting_queries_are_answered_in_bounded_batches_by_a_bounded_number_of_workers(
    desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    running, most, sizes = 0, 0, []
    real = desk._lookup_many

    async def counted(queries: list[str]) -> list[LookupResult | Exception]:
        nonlocal running, most
        running += 1
        most = max(most, running)
        sizes.append(len(queries))
        await asyncio.sleep(0.01)
        try:
            return await real(queries)
        finally:
            running -= 1

    monkeypatch.setattr(desk, "_lookup_many", counted)
    intake = CheckIntake(desk, Recorder().on_answered, Recorder().on_refused, workers=2, batch=3)
    await intake.start()
    try:
        await asyncio.gather(
            *(
                intake.receive(f"{MATCHED} {n}", origin="slack", user_id=None, announce=WHERE)
                for n in range(10)
            )
        )
        await intake.wait_idle()
    finally:
        await intake.stop()
    assert most <= 2 and max(sizes) <= 3 and sum(sizes) == 10
    assert len(rows(settings, "SELECT * FROM checks")) == 10


class Timeline(Recorder):
    """A recorder that also notes when each answer arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.answered_at: list[float] = []

    def on_answered(self, check_id: int) -> None:
        super().on_answered(check_id)
        self.answered_at.append(time.monotonic())


async def _burst(intake: CheckIntake, seconds: float, every: float = 0.01) -> float:
    """Receive a query every ``every`` seconds for ``seconds``; returns when the last one was received."""
    until, n = time.monotonic() + seconds, 0
    while time.monotonic() < until:
        await intake.receive(f"{MATCHED} {n}", origin="slack", user_id=None, announce=WHERE)
        n += 1
        await asyncio.sleep(every)
    return time.monotonic()


async def _answered_during(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, pause: float, seconds: float
) -> tuple[Timeline, float]:
    """A burst of ``seconds`` (a request every 10 ms, gap 50 ms) with BURST_PAUSE ``pause``, answered
    in full; returns the recorder and when the last request was received."""
    monkeypatch.setattr(intake_module, "BURST_GAP", 0.05)
    monkeypatch.setattr(intake_module, "BURST_PAUSE", pause)
    recorder = Timeline()
    intake = CheckIntake(desk, recorder.on_answered, recorder.on_refused, workers=2, batch=4)
    await intake.start()
    try:
        last = await _burst(intake, seconds)
        await intake.wait_idle()
    finally:
        await intake.stop()
    return recorder, last


async def test_during_a_burst_acknowledgements_go_first_and_answers_follow_when_it_pauses(
    desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, last = await _answered_during(desk, monkeypatch, pause=30.0, seconds=0.3)
    received = len(rows(settings, "SELECT * FROM intake"))
    assert received >= 10 and len(recorder.answered) == received
    assert min(recorder.answered_at) >= last  # nothing was answered while requests kept arriving


async def test_a_burst_that_never_pauses_still_gets_answers_at_least_every_burst_pause(
    desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, last = await _answered_during(desk, monkeypatch, pause=0.2, seconds=1.0)
    assert min(recorder.answered_at) < last  # answered during the burst, not starved until its end
    assert len(recorder.answered) == len(rows(settings, "SELECT * FROM intake"))


async def test_a_lone_request_is_answered_without_waiting_for_a_burst_pause(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_module, "BURST_PAUSE", 30.0)
    recorder = Timeline()
    intake = intake_for(desk, recorder)
    await intake.start()
    try:
        asked = time.monotonic()
        await intake.receive(MATCHED, origin="slack", user_id=None, announce=WHERE)
        await intake.wait_idle(timeout=5.0)
    finally:
        await intake.stop()
    assert recorder.answered_at and recorder.answered_at[0] - asked < 1.0
