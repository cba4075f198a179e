"""Claim families: a ruling follows its claim into other articles (simplified, traditional, reworded),
while a near miss (the same words with another figure or another place) stays apart."""

from __future__ import annotations

from datetime import timedelta

from bot.articles.read import article_from_text
from bot.desk.export import claim_reviews
from bot.desk.service import Desk
from bot.digest.content import Period
from bot.slack.digest import digest_text
from bot.verdicts.labels import Label

RULED = (
    "海滨市火车站调整退票规则\n\n"
    "海滨市铁路局宣布，自3月1日起，海滨火车站所有车票在开车前24小时内退票将收取20%的手续费。\n\n"
    "铁路局表示，新规则旨在减少恶意囤票。\n"
)
TRADITIONAL = (
    "退票新規\n\n海濱市鐵路局宣布，自3月1日起，海濱火車站所有車票在開車前24小時內退票將收取20%的手續費。\n"
)
REWORDED = (
    "网传退票要收手续费\n\n"
    "有网友转发称，从3月1日开始，海滨火车站的车票开车前24小时内退票，铁路局要收取20%手续费。\n"
)
OTHER_FIGURE = (
    "退票手续费再传新说法\n\n"
    "海滨市铁路局宣布，自3月1日起，海滨火车站所有车票在开车前24小时内退票将收取30%的手续费。\n"
)
OTHER_PLACE = (
    "山城退票新规\n\n"
    "山城市铁路局宣布，自3月1日起，山城火车站所有车票在开车前24小时内退票将收取20%的手续费。\n"
)


async def ingest(desk: Desk, article_id: str, text: str) -> list[str]:
    await desk.library.ingest_article(article_from_text(text, {"id": article_id}, article_id))
    return [c.claim_id for c in await desk.claims(article_id)]


async def fee_claim(desk: Desk, article_id: str) -> str:
    [claim] = [c for c in await desk.claims(article_id) if "24" in c.text]
    return claim.claim_id


async def test_a_ruling_follows_its_claim_but_not_a_near_miss(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    ruled = await fee_claim(desk, "ruled")
    await desk.set_verdict(
        ruled, Label.FALSE, "铁路局没有发布这项规定", "U1", "https://example.org/r", local_operator=True
    )
    for article_id, text in [
        ("hant", TRADITIONAL),
        ("reworded", REWORDED),
        ("figure", OTHER_FIGURE),
        ("place", OTHER_PLACE),
    ]:
        await ingest(desk, article_id, text)
    verdicts = {
        a: (await desk.verdicts([await fee_claim(desk, a)])) for a in ["hant", "reworded", "figure", "place"]
    }
    for article_id in ["hant", "reworded"]:
        [verdict] = verdicts[article_id].values()
        assert verdict.label is Label.FALSE
        assert verdict.carried is not None and verdict.carried.claim_id == ruled
        assert verdict.author == "U1" and verdict.evidence_url == "https://example.org/r"
    for article_id in ["figure", "place"]:
        verdict = next(iter(verdicts[article_id].values()))
        assert verdict.carried is None and verdict.source == "auto"


async def test_verbatim_copies_form_a_family_at_ingest_across_scripts(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await ingest(desk, "hant", TRADITIONAL)
    await ingest(desk, "figure", OTHER_FIGURE)
    original, copy = await fee_claim(desk, "ruled"), await fee_claim(desk, "hant")
    families = await desk.families.families_of([original, copy, await fee_claim(desk, "figure")])
    assert set(families) == {original, copy}
    family = await desk.families.family(families[original])
    assert {m.article_id for m in family.members} == {"ruled", "hant"}
    assert [e.event for e in family.events] == ["joined", "joined"]
    assert family.ruling is None


async def test_an_appearance_ruled_on_its_own_keeps_its_ruling(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await ingest(desk, "hant", TRADITIONAL)
    original, copy = await fee_claim(desk, "ruled"), await fee_claim(desk, "hant")
    await desk.set_verdict(copy, Label.MISLEADING, "只适用于部分车次", "U2", local_operator=True)
    await desk.set_verdict(original, Label.FALSE, "没有这项规定", "U1", local_operator=True)
    current = await desk.verdicts([original, copy])
    assert current[copy].label is Label.MISLEADING and current[copy].carried is None
    assert current[original].label is Label.FALSE and current[original].carried is None


async def test_a_later_ruling_on_any_member_updates_the_family_with_history(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await ingest(desk, "hant", TRADITIONAL)
    await ingest(desk, "reworded", REWORDED)
    original, copy, reworded = [await fee_claim(desk, a) for a in ("ruled", "hant", "reworded")]
    await desk.set_verdict(original, Label.FALSE, "没有这项规定", "U1", local_operator=True)
    assert (await desk.verdicts([reworded]))[reworded].carried is not None  # found when ruled
    await desk.set_verdict(copy, Label.MISLEADING, "部分车次如此", "U2", local_operator=True)
    current = await desk.verdicts([original, copy, reworded])
    assert current[reworded].label is Label.MISLEADING and current[reworded].carried is not None
    assert current[reworded].carried.claim_id == copy
    assert current[original].label is Label.FALSE  # its own ruling: never overwritten by a carried one
    family_id = (await desk.families.families_of([original]))[original]
    ruled = [
        (e.claim_id, e.actor) for e in (await desk.families.family(family_id)).events if e.event == "ruled"
    ]
    assert ruled == [(original, "U1"), (copy, "U2")]
    assert [v.label for v in await desk.history(original)][-1] is Label.FALSE


async def test_a_claim_split_out_no_longer_carries_and_stays_out(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await ingest(desk, "hant", TRADITIONAL)
    original, copy = await fee_claim(desk, "ruled"), await fee_claim(desk, "hant")
    await desk.set_verdict(original, Label.FALSE, "没有这项规定", "U1", local_operator=True)
    family_id = await desk.families.split(copy, "U3")
    assert (await desk.verdicts([copy]))[copy].carried is None
    await desk.families.link([copy])
    assert copy not in await desk.families.families_of([copy])
    events = [(e.event, e.claim_id, e.actor) for e in (await desk.families.family(family_id)).events]
    assert ("split", copy, "U3") in events


FEE_QUERY = "海滨火车站开车前24小时内退票收取20%手续费"


async def test_a_check_on_copies_of_one_claim_answers_once_with_the_ruled_appearance(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await ingest(desk, "hant", TRADITIONAL)
    original, copy = await fee_claim(desk, "ruled"), await fee_claim(desk, "hant")
    await desk.set_verdict(copy, Label.FALSE, "没有这项规定", "U1", local_operator=True)
    outcome = await desk.check(FEE_QUERY)
    assert outcome.result.status == "matched"
    assert outcome.result.best is not None and outcome.result.best.claim.claim_id == copy
    assert original not in [m.claim.claim_id for m in outcome.result.matches]
    assert outcome.verdict_for(copy).label is Label.FALSE


async def test_a_carried_ruling_does_not_wait_in_the_review_queue(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await ingest(desk, "hant", TRADITIONAL)
    outcome = await desk.check(FEE_QUERY)
    assert outcome.result.best is not None
    asked = outcome.result.best.claim.claim_id
    assert asked in [e.claim.claim_id for e in (await desk.review.review_queue()).unreviewed]
    other = next(c for c in (await fee_claim(desk, "ruled"), await fee_claim(desk, "hant")) if c != asked)
    await desk.set_verdict(other, Label.FALSE, "没有这项规定", "U1", local_operator=True)
    queue = await desk.review.review_queue()
    assert asked not in [e.claim.claim_id for e in queue.unreviewed]
    assert queue.counts["unreviewed"] == 0


async def test_export_writes_one_claim_review_per_family_with_every_appearance(desk: Desk) -> None:
    for article_id, text in [("ruled", RULED), ("hant", TRADITIONAL), ("reworded", REWORDED)]:
        await ingest(desk, article_id, text)
    original = await fee_claim(desk, "ruled")
    await desk.set_verdict(
        original, Label.FALSE, "没有这项规定", "U1", "https://example.org/r", local_operator=True
    )
    claims = await desk.claims()
    families = await desk.families.families_of(c.claim_id for c in claims)
    reviews = claim_reviews(
        claims,
        {a.article_id: a for a in await desk.articles()},
        await desk.verdicts(c.claim_id for c in claims),
        include_auto=False,
        families=families,
    )
    [review] = reviews
    assert review["identifier"] == f"family-{families[original]}"
    assert review["claimReviewed"] == next(c.text for c in claims if c.claim_id == original)
    headlines = {a["headline"] for a in review["itemReviewed"]["appearance"]}
    assert headlines == {"海滨市火车站调整退票规则", "退票新規", "网传退票要收手续费"}


async def test_the_digest_lists_ruled_claims_that_reappeared(desk: Desk) -> None:
    await ingest(desk, "ruled", RULED)
    await desk.set_verdict(
        await fee_claim(desk, "ruled"), Label.FALSE, "没有这项规定", "U1", local_operator=True
    )
    await ingest(desk, "reworded", REWORDED)
    now = desk.clock()
    digest = await desk.digests.build(Period(now - timedelta(days=1), now + timedelta(days=1)))
    assert await fee_claim(desk, "reworded") in {r.claim_id for r in digest.reappeared}
    for again in digest.reappeared:  # the re-post split the assertion in two claims: both carry it
        assert (
            again.label is Label.FALSE
            and again.author == "U1"
            and again.article_title == "网传退票要收手续费"
        )
    assert "已裁定的说法再次出现" in digest_text(digest, "zh-Hans", "UTC", slack=False)
