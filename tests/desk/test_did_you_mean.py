"""Did you mean: a pick among an ambiguous check's claims is stored and answers the same or a near query
for everyone; "none of these" makes it no_match; refusals change nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.desk.picks import NEAR_SIMILARITY, jaccard, normal_form, numbers, probe, shingles
from bot.desk.service import Desk
from bot.errors import InputError, NotAuthorised

AMBIGUOUS = "政策执行效率提升40%以上"  # two claims of the seed article say it
ASKER, OTHER, REVIEWER = "UASKER", "UOTHER", "UREVIEWER"


async def _ambiguous_check(desk: Desk, query: str = AMBIGUOUS) -> tuple[int, list[str]]:
    outcome = await desk.check(query, origin="slack", user_id=ASKER)
    assert outcome.result.status == "ambiguous" and outcome.pick is None
    return outcome.check_id, [m.claim.claim_id for m in outcome.result.matches]


async def _rows(desk: Desk, sql: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in await desk.db.conn.execute_fetchall(sql)]


def test_the_normal_form_drops_markup_width_script_punctuation_and_question_framing() -> None:
    plain = normal_form("政策执行效率提升40%以上")
    assert normal_form("<@U0ABC> 政策執行效率提升４０％以上，是真的嗎？") == plain
    assert normal_form("「政策执行效率提升40%以上」吗") == plain
    assert normal_form("Beijing  West, station!") == "beijing west station"


def test_near_queries_share_most_shingles_and_the_same_numbers() -> None:
    a = normal_form("北京西站日均退票量比政策实施前涨了三倍多")
    b = normal_form("北京西站的日均退票量比政策实施前涨了三倍多")
    ga, gb = shingles(a), shingles(b)
    assert jaccard(len(ga & gb), len(ga), len(gb)) >= NEAR_SIMILARITY
    assert numbers(a) == numbers(b)
    assert numbers(a) != numbers(normal_form("北京西站日均退票量比政策实施前涨了五倍多"))
    assert numbers(normal_form("北京两周内日增病例下降六成")) != numbers(
        normal_form("北京两周内日增病例下降九成")
    )


@given(
    a=st.frozensets(st.text("北京西站日均退票量涨了三倍多", min_size=2, max_size=2), min_size=1, max_size=30),
    b=st.frozensets(st.text("北京西站日均退票量涨了三倍多", min_size=2, max_size=2), min_size=1, max_size=30),
)
def test_the_probe_meets_every_set_similar_enough(a: frozenset[str], b: frozenset[str]) -> None:
    df = {g: len(g.encode()) % 7 for g in a}  # any frequencies: the probe's guarantee holds for all
    if jaccard(len(a & b), len(a), len(b)) >= NEAR_SIMILARITY:
        assert set(probe(a, df)) & b
    assert len(probe(a, df)) <= len(a)


async def test_a_pick_repoints_the_check_and_is_stored_with_who_what_and_when(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    chosen = offered[1]
    record = await desk.picks.choose(check_id, chosen, ASKER)
    assert record.claim_id == chosen and record.pick_id is not None
    assert offered[0] in record.alternatives  # the old claim stays reachable
    [pick] = await desk.picks.export()
    assert (pick.pick.user_id, pick.pick.query, pick.pick.claim_id, pick.pick.kind) == (
        ASKER,
        AMBIGUOUS,
        chosen,
        "this_one",
    )
    assert pick.pick.normalized == normal_form(AMBIGUOUS) and pick.pick.check_id == check_id
    assert pick.claim_text and "40%以上" in pick.claim_text
    assert pick.pick.created_at is not None


@pytest.mark.parametrize(
    "later",
    [AMBIGUOUS, "政策執行效率提升40%以上，是真的嗎？", "<@U0X> *政策执行效率提升40%以上*!!"],
)
async def test_the_same_or_a_near_query_then_matches_the_picked_claim_for_everyone(
    desk: Desk, later: str
) -> None:
    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, offered[1], ASKER)
    outcome = await desk.check(later, origin="slack", user_id=OTHER)
    assert outcome.result.status == "matched"
    shown = [m.claim.claim_id for m in outcome.result.matches]
    assert shown[0] == offered[1] and offered[0] in shown[1:]  # the lookup's others stay reachable
    assert outcome.pick is not None and outcome.pick.user_id == ASKER
    record = await desk.get_check(outcome.check_id)
    assert (record.status, record.claim_id, record.pick_id) == ("matched", offered[1], outcome.pick.pick_id)


async def test_a_query_with_another_number_is_left_to_the_lookup(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, offered[1], ASKER)
    outcome = await desk.check("政策执行效率提升60%以上", origin="slack", user_id=OTHER)
    assert outcome.pick is None
    assert all("pick:" not in " ".join(m.reasons) for m in outcome.result.matches)


async def test_none_of_these_makes_that_query_answer_no_match(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    record = await desk.picks.choose(check_id, None, ASKER)
    assert record.claim_id is None and set(offered) <= set(record.alternatives)
    outcome = await desk.check(AMBIGUOUS + "?", origin="cli")
    assert outcome.result.status == "no_match" and outcome.result.matches == ()
    assert outcome.pick is not None and outcome.pick.kind == "none"
    [row] = await desk.picks.export()
    assert (row.pick.claim_id, row.claim_text, row.pick.kind) == (None, None, "none")


async def test_a_later_pick_for_the_same_query_wins(desk: Desk) -> None:
    first, offered = await _ambiguous_check(desk)
    second, _ = await _ambiguous_check(desk)
    await desk.picks.choose(first, offered[0], ASKER)
    await desk.picks.choose(second, offered[1], REVIEWER, group_members=[REVIEWER])
    outcome = await desk.check(AMBIGUOUS)
    assert outcome.result.best is not None and outcome.result.best.claim.claim_id == offered[1]


async def test_a_pick_of_a_retired_claim_is_ignored(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, offered[1], ASKER)
    async with desk.db.transaction() as conn:
        await conn.execute("UPDATE claims SET active = 0 WHERE claim_id = ?", (offered[1],))
    outcome = await desk.check(AMBIGUOUS)
    assert outcome.pick is None


async def test_received_checks_are_answered_by_picks_too(desk: Desk) -> None:
    from bot.store.outbox import Announce

    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, offered[1], ASKER)
    received = await desk.receive(AMBIGUOUS, origin="slack", user_id=OTHER, announce=Announce("C1"))
    stored = await desk.answer(received)
    assert stored is not None
    record = await desk.get_check(stored)
    assert (record.status, record.claim_id) == ("matched", offered[1]) and record.pick_id is not None


async def test_refused_picks_change_nothing(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    matched = await desk.check("北京西站日均退票量达1.2万张", origin="slack", user_id=ASKER)
    before = await _rows(desk, "SELECT * FROM checks ORDER BY check_id")
    with pytest.raises(NotAuthorised):
        await desk.picks.choose(check_id, offered[1], OTHER)  # neither the asker nor a reviewer
    for bad_check, claim in (
        (check_id, "no-such-claim"),  # a claim the check never offered
        (999_999, offered[1]),  # no such check
        (matched.check_id, offered[1]),  # a check that was sure: nothing to pick
    ):
        with pytest.raises(InputError, match="pick_unknown"):
            await desk.picks.choose(bad_check, claim, ASKER)
    assert await _rows(desk, "SELECT * FROM checks ORDER BY check_id") == before
    assert await _rows(desk, "SELECT * FROM lookup_picks") == []
    assert await _rows(desk, "SELECT * FROM lookup_pick_shingles") == []


async def test_a_second_pick_on_the_same_check_is_stale(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, offered[1], ASKER)
    before = await _rows(desk, "SELECT * FROM checks ORDER BY check_id")
    with pytest.raises(InputError, match="pick_stale"):
        await desk.picks.choose(check_id, offered[0], ASKER)
    with pytest.raises(InputError, match="pick_stale"):
        await desk.picks.choose(check_id, None, ASKER)
    assert await _rows(desk, "SELECT * FROM checks ORDER BY check_id") == before
    assert len(await desk.picks.export()) == 1


async def test_a_wrong_pick_is_corrected_with_not_the_right_claim_for_everyone(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, offered[1], ASKER)
    answered = await desk.check(AMBIGUOUS, origin="slack", user_id=OTHER)
    record = await desk.get_check(answered.check_id)
    assert record.pick_id is not None and offered[0] in record.alternatives
    with pytest.raises(NotAuthorised):  # a third person may not correct it
        await desk.picks.repoint(answered.check_id, offered[0], "USTRANGER")
    corrected = await desk.picks.repoint(answered.check_id, offered[0], OTHER)
    assert corrected.claim_id == offered[0] and corrected.pick_id not in (None, record.pick_id)
    later = await desk.check(AMBIGUOUS + "？", origin="cli")
    assert later.result.best is not None and later.result.best.claim.claim_id == offered[0]
    assert later.pick is not None and later.pick.user_id == OTHER
    kinds = [(row.pick.user_id, row.pick.claim_id) for row in await desk.picks.export()]
    assert kinds == [(ASKER, offered[1]), (OTHER, offered[0])]  # both kept: who said what, when


async def test_a_wrong_none_of_these_is_corrected_by_picking_a_claim_it_set_aside(desk: Desk) -> None:
    check_id, offered = await _ambiguous_check(desk)
    await desk.picks.choose(check_id, None, ASKER)
    answered = await desk.check(AMBIGUOUS, origin="slack", user_id=OTHER)
    assert answered.result.status == "no_match" and answered.result.matches == ()
    record = await desk.get_check(answered.check_id)
    assert record.claim_id is None and set(offered) <= set(record.alternatives)  # still on offer
    with pytest.raises(NotAuthorised):
        await desk.picks.choose(answered.check_id, offered[0], "USTRANGER")
    with pytest.raises(InputError):
        await desk.picks.choose(answered.check_id, "not-a-claim-it-offered", OTHER)
    corrected = await desk.picks.choose(answered.check_id, offered[0], OTHER)
    assert corrected.claim_id == offered[0]
    later = await desk.check(AMBIGUOUS + "？", origin="cli")
    assert later.result.best is not None and later.result.best.claim.claim_id == offered[0]
    with pytest.raises(InputError):  # picked on once: a second pick there is stale
        await desk.picks.choose(answered.check_id, offered[1], OTHER)
    kinds = [(row.pick.user_id, row.pick.claim_id) for row in await desk.picks.export()]
    assert kinds == [(ASKER, None), (OTHER, offered[0])]
