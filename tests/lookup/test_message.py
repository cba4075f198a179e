"""Long text is a message: its claims are found and looked up one by one, and it is answered once.

Every text here was written for these tests (the seed article's claims retold, a made-up article).
"""

from __future__ import annotations

import sqlite3

import pytest

from bot.articles.read import article_from_text
from bot.claims.forwarded import blank_forwarding
from bot.desk.service import Desk
from bot.errors import InputError
from bot.lookup.message import MAX_MESSAGE_CHARS, MessageResult, is_message, read_message
from bot.store import versions as version_store

FORWARDED = (
    "08:41 老张 网传：\n"
    "1. 12月18日北京西站日均退票量达1.2万张，比政策实施前增长了320%！\n"
    "2. 第三方评估说，政策实施后北京日增病例数在两周内下降了62%。\n"
    "3. 海港市下周起地铁全线停运一个月，请大家转告亲友提前安排出行。\n"
    "https://example.com/a/12345"
)
UNRELATED = (
    "转发：临河县城南菜市场本周六上午举办旧衣回收活动，每交五件旧衣可换一袋大米。\n"
    "活动由县妇联和三家超市联合主办，回收的衣物将送往山区学校。\n"
    "请带好身份证，现场排队领取兑换券。"
)
# A made-up local news story; its version below is re-punctuated, re-broken, partly in traditional
# characters, with a chat header in front and its last paragraph trimmed.
STORY = """青石市启用智能垃圾分类站

青石市城市管理局3月2日宣布，全市首批120座智能垃圾分类站正式投入使用，覆盖主城区45个社区。

市民投放厨余垃圾后可获得积分，每公斤积2分，积分可在社区超市兑换日用品。试运行一个月内，厨余垃圾分出量比去年同期增加了38%。

管理局负责人表示，今年年底前分类站将增加到500座，并在郊区试点上门回收。

部分居民反映夜间分类站照明不足，管理局称将在两周内完成整改。
"""
STORY_VERSION = (
    "Amy > 青石市城市管理局3月2日宣布 全市首批120座智能垃圾分類站正式投入使用,覆蓋主城区45个社区\n"
    "市民投放厨余垃圾后可获得积分  每公斤积2分 积分可在社区超市兑换日用品 试运行一个月内 "
    "厨余垃圾分出量比去年同期增加了38%!!\n管理局负责人表示 今年年底前分类站将增加到500座 并在郊区试点上门回收"
)


def _message(outcome: object) -> MessageResult:
    message = getattr(outcome, "message", None)
    assert isinstance(message, MessageResult)
    return message


async def test_a_forwarded_chain_message_is_answered_once_with_known_and_new_claims(desk: Desk) -> None:
    outcome = await desk.check(FORWARDED)
    message = _message(outcome)
    assert len(message.checkable) == 3
    known = {c.text: c.best for c in message.known}
    assert len(known) == 2 and all(
        m and m.claim.article_id == "beijing-travel-rules-2022-12" for m in known.values()
    )
    assert any("退票量达1.2万张" in m.claim.text for m in known.values() if m)
    assert any("下降62%" in m.claim.text for m in known.values() if m)
    [new] = message.new
    assert new.text.startswith("海港市下周起地铁全线停运")
    # the header, the forward label, the list markers and the link are no claims
    assert not any(c.text.startswith(("08:41", "老张", "网传", "1.", "2.", "http")) for c in message.claims)
    assert outcome.result.status == "matched" and outcome.result.best is not None
    conn = sqlite3.connect(desk.settings.db_path)
    kind, claim_id = conn.execute(
        "SELECT kind, claim_id FROM checks WHERE check_id = ?", (outcome.check_id,)
    ).fetchone()
    rows = conn.execute(
        "SELECT status, claim_id FROM message_claims WHERE check_id = ?", (outcome.check_id,)
    ).fetchall()
    conn.close()
    assert kind == "message" and claim_id == outcome.result.best.claim.claim_id
    assert sorted(s for s, _ in rows) == ["matched", "matched", "no_match"]


async def test_a_repunctuated_trimmed_version_of_an_article_is_recognised_as_one(desk: Desk) -> None:
    await desk.library.ingest_article(article_from_text(STORY, {"id": "qingshi-sorting"}, "qingshi-sorting"))
    message = _message(await desk.check(STORY_VERSION))
    assert message.version is not None and message.version.article_id == "qingshi-sorting"
    assert message.version.similarity >= 0.8
    assert message.status == "matched"
    assert message.summary().best is not None and message.summary().best.claim.article_id == "qingshi-sorting"


async def test_an_unrelated_message_matches_nothing(desk: Desk) -> None:
    await desk.library.ingest_article(article_from_text(STORY, {"id": "qingshi-sorting"}, "qingshi-sorting"))
    message = _message(await desk.check(UNRELATED))
    assert message.status == "no_match" and message.version is None
    assert len(message.new) == len(message.checkable) >= 2
    assert (await desk.check(UNRELATED)).result.status == "no_match"


async def test_a_short_forwarded_copy_no_claim_answers_is_still_found_as_a_version(desk: Desk) -> None:
    listing = "青石市首批120座智能垃圾分类站\n覆盖主城区45个社区\n每公斤积2分\n年底前增加到500座"
    story = article_from_text(STORY, {"id": "qingshi-sorting"}, "qingshi-sorting")
    await desk.library.ingest_article(story)
    message = _message(await desk.check(listing))
    assert message.version is not None and message.version.article_id == "qingshi-sorting"
    # a one-line text is a query or a headline: never measured as a version
    assert (await desk.check("青石市智能垃圾分类站试运行情况")).message is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("北京两周内日增病例下降了六成?", False),
        ("北京西站每天退票一万两千张？是真的吗", False),
        ("Lancet study: Beijing's GDP loss rate was 2.3 percentage points higher than Hong Kong's", False),
        (
            "北京西站日均退票量达1.2万张，较政策实施前增长320%。北京日增病例数在两周内下降62%，代价是每天损失约12亿元。",
            True,
        ),
        (UNRELATED, True),
        ("很长的一句话" * 25, True),  # no claim is 150 characters long
    ],
)
def test_a_text_is_a_message_when_it_holds_several_sentences_or_is_longer_than_any_claim(
    text: str, message: bool
) -> None:
    assert is_message(text) is message


def test_chat_headers_forward_labels_list_markers_and_links_are_not_claims() -> None:
    texts = [t for t, _ in read_message(FORWARDED)]
    assert texts[0].startswith("12月18日北京西站") and texts[-1].startswith("海港市")
    assert blank_forwarding("Gel Ni > 李大师说") == " " * 9 + "李大师说"
    assert blank_forwarding("轉貼～\n可信度如何").strip() == "可信度如何"
    # "1.18%" on a line of its own is a decimal; in a numbered list "１." is the item's number
    assert blank_forwarding("1.18%的利率") == "1.18%的利率"
    assert blank_forwarding("１.18%在6年内\n２.月退俸打6折").split("\n") == ["  18%在6年内", "  月退俸打6折"]


async def test_an_overlong_message_is_refused_and_nothing_is_stored(desk: Desk) -> None:
    with pytest.raises(InputError, match="message_too_long"):
        await desk.check("北京西站日均退票量达1.2万张。" * (MAX_MESSAGE_CHARS // 15 + 1))
    conn = sqlite3.connect(desk.settings.db_path)
    assert conn.execute("SELECT count(*) FROM checks").fetchone()[0] == 0
    conn.close()
    long_message = ("北京西站日均退票量达1.2万张。" + "临河县的旧衣回收活动本周六在城南菜市场举行。") * 60
    assert 2000 < len(long_message) <= MAX_MESSAGE_CHARS
    assert _message(await desk.check(long_message)).known


async def test_the_text_index_follows_an_edited_article_and_fills_in_what_it_lacks(desk: Desk) -> None:
    story = article_from_text(STORY, {"id": "qingshi-sorting"}, "qingshi-sorting")
    await desk.library.ingest_article(story)
    edited = article_from_text(STORY.replace("120座", "150座"), {"id": "qingshi-sorting"}, "qingshi-sorting")
    await desk.library.ingest_article(edited)

    def counts(conn: sqlite3.Connection) -> tuple[int, int]:
        rows = conn.execute(
            "SELECT count(*) FROM text_shingles WHERE article_id = 'qingshi-sorting'"
        ).fetchone()
        total = conn.execute("SELECT sum(df) FROM shingle_df").fetchone()
        return int(rows[0]), int(total[0])

    indexed, total = await desk.db.run(counts)
    expected = len(version_store.sampled(version_store.all_shingles(edited.text)))
    assert indexed == expected
    # an article changed behind the index's back is indexed afresh, not counted twice
    await desk.db.write(lambda conn: conn.execute("UPDATE articles SET shingled = 'stale'"))
    assert await desk.db.write(version_store.index_missing) >= 2  # the seed article and the story
    assert await desk.db.run(counts) == (indexed, total)

    def forget_all(conn: sqlite3.Connection) -> None:  # a database from before the index
        conn.execute("DELETE FROM text_shingles")
        conn.execute("DELETE FROM shingle_df")
        conn.execute("UPDATE articles SET shingled = NULL")

    await desk.db.write(forget_all)
    assert await desk.db.write(version_store.index_missing) >= 2
    assert await desk.db.run(counts) == (indexed, total)


HEALTH = """研究：每天喝三杯以上含糖饮料 糖尿病风险升高26%

近日发表的一项研究显示，每天饮用三杯以上含糖饮料的成年人，患2型糖尿病的风险比很少饮用者高26%。

研究还发现，用白开水替代每天一杯含糖饮料，可使糖尿病风险降低约10%。
"""
CHAIN = (
    "【转给家人看】医生朋友说的，一定要转！\n"
    "1. 每天喝三杯甜饮料，得糖尿病的风险高了四分之一！\n"
    "2. 喝白开水代替一杯饮料，糖尿病风险能降一成。\n"
    "3. 隔夜菜一口都不能吃，会致癌！\n"
    "看完记得转发到三个群，功德无量\n"
)


async def test_a_chain_messages_pleas_are_no_claims_and_an_action_keeps_its_figure(desk: Desk) -> None:
    assert "转给家人" not in blank_forwarding(CHAIN) and "功德无量" not in blank_forwarding(CHAIN)
    await desk.library.ingest_article(article_from_text(HEALTH, {"id": "sugar-drinks"}, "sugar-drinks"))
    message = _message(await desk.check(CHAIN))
    texts = [c.text for c in message.checkable]
    assert texts == [
        "得糖尿病的风险高了四分之一",
        "喝白开水代替一杯饮料，糖尿病风险能降一成",  # the action and the figure it brings: one claim
        "隔夜菜一口都不能吃，会致癌",
    ]
    known = {c.text: c.best.claim.text for c in message.known if c.best}
    assert known["喝白开水代替一杯饮料，糖尿病风险能降一成"].startswith("研究还发现，用白开水替代")
    assert "患2型糖尿病的风险比很少饮用者高26%" in known["得糖尿病的风险高了四分之一"]
