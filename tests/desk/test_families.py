"""Claim families: a ruling follows its claim into other articles (simplified, traditional, reworded),
while a near miss (the same words with another figure or another place) stays apart."""

from __future__ import annotations

from datetime import timedelta

from bot.articles.read import article_from_text
from bot.claims.extract import extract_claims, prepare_article
from bot.claims.models import Claim
from bot.desk.export import claim_reviews
from bot.desk.families import worded_alike
from bot.desk.same_assertion import contradicts
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


# --- one article: its title and the body sentence restating it are one assertion ----------------------

TITLED = (
    "湖滨大桥五月起封闭维修三个月\n\n"
    "市交通局表示，湖滨大桥将于五月一日起封闭维修，工期约三个月。\n\n"
    "维修期间，过江车辆需绕行北环隧道。\n"
)
TITLED_HANT = (
    "湖濱大橋五月起封閉維修三個月\n\n"
    "市交通局表示，湖濱大橋將於五月一日起封閉維修，工期約三個月。\n\n"
    "維修期間，過江車輛需繞行北環隧道。\n"
)
REPEATED = (
    "夜市延长营业\n\n"
    "河东夜市今年起每晚营业到凌晨两点。\n\n"
    "摊主们说客流明显增加。\n\n"
    "河东夜市今年起每晚营业到凌晨两点。\n"
)
TITLE_OTHER_FIGURE = (
    "湖滨大桥封闭维修三个月\n\n市交通局表示，湖滨大桥将于五月一日起封闭维修，工期约六个月。\n"
)
TITLE_OTHER_PLACE = (
    "湖滨大桥将封闭维修三个月\n\n山城市交通局表示，山城大桥将于五月一日起封闭维修，工期约三个月。\n"
)


async def title_and_body(desk: Desk, article_id: str) -> tuple[str, str]:
    claims = await desk.claims(article_id)
    [title] = [c.claim_id for c in claims if c.paragraph == 0]
    [body] = [c.claim_id for c in claims if c.paragraph == 1]
    return title, body


async def test_a_title_and_the_body_sentence_restating_it_are_one_family(desk: Desk) -> None:
    for article_id, text in [("simplified", TITLED), ("traditional", TITLED_HANT)]:
        await ingest(desk, article_id, text)
        title, body = await title_and_body(desk, article_id)
        families = await desk.families.families_of([title, body])
        assert set(families) == {title, body} and families[title] == families[body]
        await desk.set_verdict(title, Label.FALSE, "交通局没有这个计划", "U1", local_operator=True)
        verdict = (await desk.verdicts([body]))[body]
        assert verdict.label is Label.FALSE and verdict.carried is not None
        assert verdict.carried.claim_id == title


async def test_a_title_does_not_join_a_body_sentence_with_another_figure_or_place(desk: Desk) -> None:
    for article_id, text in [("figure", TITLE_OTHER_FIGURE), ("place", TITLE_OTHER_PLACE)]:
        await ingest(desk, article_id, text)
        title, body = await title_and_body(desk, article_id)
        assert await desk.families.families_of([title, body]) == {}


async def test_a_sentence_repeated_in_one_article_is_one_family_and_a_check_answers_once(desk: Desk) -> None:
    await ingest(desk, "night", REPEATED)
    repeats = [c.claim_id for c in await desk.claims("night") if "凌晨两点" in c.text and c.paragraph]
    assert len(repeats) == 2
    families = await desk.families.families_of(repeats)
    assert len(set(families.values())) == 1 and set(families) == set(repeats)
    outcome = await desk.check("河东夜市每晚营业到凌晨两点")
    assert outcome.result.status == "matched"
    assert len([m for m in outcome.result.matches if m.claim.claim_id in repeats]) == 1


# --- across articles: a reworded headline finds the ruled family through any member, either way round ---

RULED_STUDY = (
    "研究称每天步行八千步可降低心脏病风险三成\n\n"
    "一项跟踪两万名成年人十年的研究显示，每天步行八千步以上的人患心脏病的风险比少动的人低三成。\n"
)
REPOST_STUDY = "每天走八千步，心脏病风险降三成\n\n专家提醒，运动要循序渐进。\n"
REPOST_STUDY_HANT = "每天走八千步，心臟病風險降三成\n\n專家提醒，運動要循序漸進。\n"
REPOST_OTHER_FIGURE = "每天走八千步，心脏病风险降五成\n\n专家提醒，运动要循序渐进。\n"


async def test_a_reworded_headline_carries_the_ruling_on_the_first_articles_title(desk: Desk) -> None:
    await ingest(desk, "study", RULED_STUDY)
    title, _ = await title_and_body(desk, "study")
    await desk.set_verdict(title, Label.FALSE, "研究结论被夸大", "U1", local_operator=True)
    for article_id, text in [
        ("repost", REPOST_STUDY),
        ("hant", REPOST_STUDY_HANT),
        ("other", REPOST_OTHER_FIGURE),
    ]:
        await ingest(desk, article_id, text)
    carried = {}
    for article_id in ("repost", "hant", "other"):
        headline = [c for c in await desk.claims(article_id) if c.paragraph == 0]
        verdicts = await desk.verdicts(c.claim_id for c in headline)
        carried[article_id] = {
            c.text: verdicts[c.claim_id].label for c in headline if verdicts[c.claim_id].carried is not None
        }
    assert "心脏病风险降三成" in carried["repost"] and "心臟病風險降三成" in carried["hant"]
    assert set(carried["repost"].values()) | set(carried["hant"].values()) == {Label.FALSE}
    assert "心脏病风险降五成" not in carried["other"]  # another figure: not the ruled assertion


def test_two_claims_sharing_a_figure_and_one_word_are_not_worded_alike() -> None:
    # 至少1.2亿人被感染 / 世卫组织将提供1.2亿次检测: the figure keys match, the words do not
    assert not worded_alike(
        {"至少": 1.0, "感染": 3.0}, {"世卫组织": 4.0, "提供": 2.0, "检测": 2.5, "感染": 3.0}
    )
    # 教皇接受新冠病毒检测 / 教皇方济各新冠病毒检测呈阴性
    assert worded_alike(
        {"教皇": 5.0, "接受": 1.5, "新冠": 2.0, "病毒": 1.8, "检测": 2.2},
        {"教皇": 5.0, "方济各": 6.0, "新冠": 2.0, "病毒": 1.8, "检测": 2.2, "阴性": 3.0},
    )


async def test_a_query_quoting_the_headline_is_answered_with_the_sentence_it_restates(desk: Desk) -> None:
    text = (
        "湖滨大桥五月起封闭维修三个月\u3000市民需绕行\n\n"
        "湖滨市交通局表示，湖滨大桥将于五月一日起封闭维修三个月，其间公交线路绕行东环路。\n"
    )
    await desk.library.ingest_article(article_from_text(text, {"id": "bridge"}, "bridge"))
    claims = {c.text: c for c in await desk.claims("bridge")}
    title = claims["湖滨大桥五月起封闭维修三个月"]
    [body] = [c for t, c in claims.items() if t.startswith("湖滨市交通局表示")]
    families = await desk.families.families_of([title.claim_id, body.claim_id])
    assert families[title.claim_id] == families[body.claim_id]  # one assertion: headline and sentence
    result = (await desk.check("湖滨大桥五月起封闭维修三个月")).result
    assert result.best is not None and result.best.claim.claim_id == body.claim_id
    assert "headline" in result.best.reasons
    assert title.claim_id not in [m.claim.claim_id for m in result.matches]


def test_words_count_as_shared_through_their_dictionary_alternatives() -> None:
    """改成 for 变成 (词林): a re-post's own wording of the ruled claim shares its words."""
    repost = {"酒店": 4.0, "改成": 3.0, "医院": 2.5}
    ruled = {"球星": 3.5, "酒店": 4.0, "变成": 2.0, "临时": 2.0, "医院": 2.5, "病人": 2.0}
    alts = {"改成": frozenset({"改成", "变成", "改为"}), "变成": frozenset({"改成", "变成", "改为"})}
    assert worded_alike(repost, ruled, alts) and not worded_alike({"酒店": 4.0, "改成": 3.0}, ruled)


RULED_HOTELS = (
    "球星把酒店变成临时医院\n\n"
    "据当地媒体报道，球星马克决定将他在滨海市拥有的两家酒店变成临时医院，免费接收病人。\n"
)
HOTELS_REPOST = (
    "暖心！马克将自家酒店改为临时医院 还自掏腰包为全体医护人员和后勤员工发放三个月奖金\n\n"
    "球迷纷纷点赞，称这是体育界的榜样。\n"
)
HOTELS_OTHER_PLACE = (
    "马克在山城将自家酒店改为临时医院 还自掏腰包为全体医护人员和后勤员工发放三个月奖金\n\n球迷纷纷点赞。\n"
)


async def test_a_headline_joining_two_assertions_carries_the_ruling_on_the_one_it_repeats(desk: Desk) -> None:
    await ingest(desk, "hotels", RULED_HOTELS)
    title, _ = await title_and_body(desk, "hotels")
    await desk.set_verdict(title, Label.FALSE, "没有这回事", "U1", local_operator=True)
    await ingest(desk, "repost", HOTELS_REPOST)
    await ingest(desk, "elsewhere", HOTELS_OTHER_PLACE)
    carried = {}
    for article_id in ("repost", "elsewhere"):
        [headline] = [c for c in await desk.claims(article_id) if c.paragraph == 0]
        carried[article_id] = (await desk.verdicts([headline.claim_id]))[headline.claim_id].carried
    assert carried["repost"] is not None and carried["repost"].claim_id == title
    assert carried["elsewhere"] is None  # 山城 is a place the ruled article never names


def test_figures_of_different_kinds_do_not_hide_another_place() -> None:
    """Two partial statements (三个月 / 两家) need not contradict, but another place still does."""

    def claim(text: str) -> Claim:
        [found] = extract_claims(prepare_article(article_from_text(text, {}, "c")))
        return found

    here = claim("马克决定将他在滨海市拥有的两家酒店变成临时医院。\n")
    elsewhere = claim("马克在山城将自家酒店改为临时医院并发放三个月奖金。\n")
    same_place = claim("马克在滨海市将自家酒店改为临时医院并发放三个月奖金。\n")
    assert contradicts(here, elsewhere) == "place"
    assert contradicts(here, same_place) is None
