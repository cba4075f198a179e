"""Article intake: who may, one path for every way in, refusals that change nothing, duplicates and
edited versions, and requests a restart finishes. A real desk and database; pages from a local server."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from articlekit import ARTICLE, PARAGRAPHS, TITLE, PageServer, page_html, page_server

from bot.config import Settings
from bot.desk.articles import TRIAGE, ArticleIntake, LoadedFile, triage_view
from bot.desk.service import Desk
from bot.errors import IngestRefused, NotAuthorised
from bot.store.article_requests import ArticleRequest
from bot.store.outbox import Announce
from bot.verdicts.labels import Label

REVIEWER, INGESTER, STRANGER = "UREVIEWER", "UINGESTER", "USTRANGER"
CHANNEL = "C0NEWS"


class Recorder:
    """The edge's side: files it would load from Slack, refusals it would tell, deliverer kicks."""

    def __init__(self) -> None:
        self.files: dict[str, LoadedFile] = {}
        self.refused: list[tuple[int, IngestRefused]] = []
        self.kicks = 0

    async def load(self, file_id: str) -> LoadedFile:
        if file_id not in self.files:
            raise IngestRefused("ingest_file_unreadable")
        return self.files[file_id]

    async def refuse(self, request: ArticleRequest, error: IngestRefused) -> None:
        self.refused.append((request.request_id, error))

    def kick(self) -> None:
        self.kicks += 1


def rows(desk: Desk, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(desk.settings.db_path)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


@pytest.fixture
async def desk(slack_settings: Settings) -> AsyncIterator[Desk]:
    """A copy of the seeded database; loopback pages allowed (the test server), one named ingester."""
    settings = replace(slack_settings, fetch_allow_private=True, ingesters=(INGESTER,))
    opened = await Desk.open(settings, load_seeds=False)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def server() -> AsyncIterator[PageServer]:
    async with page_server() as running:
        yield running


def make(desk: Desk, recorder: Recorder) -> ArticleIntake:
    return ArticleIntake(desk, recorder.load, recorder.kick, recorder.refuse)


def now() -> datetime:
    return datetime.now(UTC)


def url_request(url: str, user: str = REVIEWER) -> ArticleRequest:
    return ArticleRequest(0, "url", user, CHANNEL, now(), url=url, reply_url="http://127.0.0.1:1/r")


async def test_a_link_becomes_an_article_whose_claims_checkclaim_finds_and_a_queued_triage_post(
    desk: Desk, server: PageServer
) -> None:
    recorder = Recorder()
    intake = make(desk, recorder)
    stored = await intake.receive(url_request(server.url("/article.html")))
    assert rows(desk, "SELECT status FROM article_requests")[0]["status"] == "pending"  # stored first
    await intake.process(stored)
    request = rows(desk, "SELECT * FROM article_requests")[0]
    assert (request["status"], request["outcome"], request["user_id"]) == ("done", "new", REVIEWER)
    article = rows(desk, "SELECT * FROM articles WHERE article_id = ?", (request["article_id"],))[0]
    assert (
        article["title"] == TITLE and article["source"] == "河湾日报" and article["published"] == "2026-12-01"
    )
    assert article["url"] == server.url("/article.html")
    item = rows(desk, "SELECT * FROM outbox WHERE item_id = ?", (request["triage_item"],))[0]
    assert item["kind"] == TRIAGE and item["channel_id"] == CHANNEL and recorder.kicks == 1
    outcome = await desk.check("一位不愿透露姓名的业内人士说设备采购价格比市场价高出三成")
    assert outcome.result.status == "matched" and outcome.result.best
    assert outcome.result.best.claim.article_id == request["article_id"]
    view = await triage_view(desk, stored.request_id)
    assert view.claims == request["claims"] and 5 <= len(view.picks) <= 8 and view.picks[0].red_flag


async def test_only_reviewers_and_ingesters_may_and_a_refusal_fetches_and_stores_nothing(
    desk: Desk, server: PageServer
) -> None:
    intake = make(desk, Recorder())
    with pytest.raises(NotAuthorised, match="ingest_not_allowed"):
        await intake.receive(url_request(server.url("/article.html"), STRANGER))
    assert server.hits == {} and rows(desk, "SELECT * FROM article_requests") == []
    assert intake.may_ingest(INGESTER) and intake.may_ingest(REVIEWER)
    assert intake.may_ingest("UGROUP", group_members=["UGROUP"]) and not intake.may_ingest(None)


@pytest.mark.parametrize(
    ("path", "body", "content_type", "key"),
    [
        ("/gone", None, None, "ingest_not_found"),
        (
            "/pic.html",
            "<html><body><article><img src='a.jpg'><img src='b.jpg'></article></body></html>",
            None,
            "ingest_image_only",
        ),
        (
            "/en.html",
            page_html(
                title="Plants",
                paragraphs=["Three new plants opened this year in the city."] * 6,
                site="Daily",
            ),
            None,
            "ingest_no_chinese",
        ),
        ("/doc.pdf", b"%PDF-1.7 binary", "application/pdf", "ingest_not_text"),
    ],
)
async def test_bad_pages_change_nothing_and_say_why(
    desk: Desk, server: PageServer, path: str, body: str | bytes | None, content_type: str | None, key: str
) -> None:
    recorder = Recorder()
    intake = make(desk, recorder)
    if body is not None:
        server.serve(path, body, content_type or "text/html; charset=utf-8")
    articles = len(rows(desk, "SELECT * FROM articles"))
    outbox = len(rows(desk, "SELECT * FROM outbox"))
    stored = await intake.receive(url_request(server.url(path)))
    await intake.process(stored)
    assert [e.key for _, e in recorder.refused] == [key]
    assert rows(desk, "SELECT status, error FROM article_requests")[0][:] == ("refused", key)
    assert (
        len(rows(desk, "SELECT * FROM articles")) == articles
        and len(rows(desk, "SELECT * FROM outbox")) == outbox
    )


async def test_refused_before_storing_what_cannot_be_an_article(desk: Desk) -> None:
    intake = make(desk, Recorder())
    for request, key in [
        (url_request("ftp://example.org/a"), "ingest_bad_url"),
        (ArticleRequest(0, "text", REVIEWER, CHANNEL, now(), text="Only English."), "ingest_no_chinese"),
        (ArticleRequest(0, "text", REVIEWER, CHANNEL, now(), text="   "), "ingest_empty"),
        (ArticleRequest(0, "file", REVIEWER, CHANNEL, now()), "ingest_no_file"),
    ]:
        with pytest.raises(IngestRefused) as caught:
            await intake.receive(request)
        assert caught.value.key == key
    assert rows(desk, "SELECT * FROM article_requests") == []


async def test_the_same_article_twice_is_a_duplicate_that_names_when_and_changes_nothing(
    desk: Desk, server: PageServer
) -> None:
    recorder = Recorder()
    intake = make(desk, recorder)
    first = await intake.receive(url_request(server.url("/article.html")))
    await intake.process(first)
    outbox = len(rows(desk, "SELECT * FROM outbox"))
    second = await intake.receive(url_request(server.url("/article.html"), INGESTER))
    await intake.process(second)
    [(request_id, error)] = recorder.refused
    assert request_id == second.request_id and error.key == "ingest_duplicate"
    assert error.values["channel_id"] == CHANNEL and error.values["when"] is not None
    assert len(rows(desk, "SELECT * FROM outbox")) == outbox


async def test_an_edited_version_is_ingested_again_and_unchanged_claims_keep_ids_verdicts_and_threads(
    desk: Desk, server: PageServer
) -> None:
    intake = make(desk, Recorder())
    first = await intake.receive(url_request(server.url("/article.html")))
    await intake.process(first)
    article_id = rows(desk, "SELECT article_id FROM article_requests")[0][0]
    before = {
        r["text"]: r["claim_id"]
        for r in rows(desk, "SELECT * FROM claims WHERE article_id = ?", (article_id,))
    }
    kept_id = next(cid for text, cid in before.items() if "45万吨" in text)
    check_id = await intake.check_claim(kept_id, REVIEWER, Announce(CHANNEL))
    edited = [p.replace("87%", "91%") for p in PARAGRAPHS]  # the correction removes the contradiction
    server.serve("/article.html", page_html(paragraphs=edited))
    second = await intake.receive(url_request(server.url("/article.html")))
    await intake.process(second)
    request = rows(desk, "SELECT * FROM article_requests WHERE request_id = ?", (second.request_id,))[0]
    assert (request["status"], request["outcome"], request["article_id"]) == ("done", "updated", article_id)
    after = {
        r["text"]: r["claim_id"]
        for r in rows(desk, "SELECT * FROM claims WHERE article_id = ? AND active = 1", (article_id,))
    }
    assert after[next(t for t in after if "45万吨" in t)] == kept_id
    assert rows(desk, "SELECT claim_id FROM checks WHERE check_id = ?", (check_id,))[0][0] == kept_id
    view = await triage_view(desk, second.request_id)
    assert view.request.outcome == "updated" and not any(p.reason == "contradiction" for p in view.picks)


async def test_a_request_left_pending_by_a_stop_is_finished_at_the_next_start(
    desk: Desk, server: PageServer
) -> None:
    first_run = make(desk, Recorder())
    await first_run.receive(url_request(server.url("/article.html")))  # stored, never processed
    recorder = Recorder()
    second_run = make(desk, recorder)
    assert await second_run.start() == 1
    await second_run.wait_idle()
    await second_run.stop()
    assert rows(desk, "SELECT status FROM article_requests")[0][0] == "done" and recorder.kicks == 1


async def test_a_file_in_gbk_and_pasted_text_take_the_same_path(desk: Desk) -> None:
    recorder = Recorder()
    recorder.files["F1"] = LoadedFile("water.txt", ARTICLE.encode("gbk"))
    recorder.files["F2"] = LoadedFile("scan.pdf", b"%PDF")
    intake = make(desk, recorder)
    from_file = await intake.receive(ArticleRequest(0, "file", INGESTER, CHANNEL, now(), file_id="F1"))
    await intake.process(from_file)
    pasted = await intake.receive(
        ArticleRequest(
            0,
            "text",
            REVIEWER,
            CHANNEL,
            now(),
            text=ARTICLE.replace(TITLE, "另一个标题"),
            source="河湾日报",
            published="2026-12-01",
        )
    )
    await intake.process(pasted)
    bad = await intake.receive(ArticleRequest(0, "file", REVIEWER, CHANNEL, now(), file_id="F2"))
    await intake.process(bad)
    done = rows(
        desk,
        "SELECT r.way, a.title, a.source, a.published FROM article_requests r JOIN articles a USING (article_id) ORDER BY request_id",
    )
    assert [tuple(r) for r in done] == [
        ("file", TITLE, None, None),
        ("text", "另一个标题", "河湾日报", "2026-12-01"),
    ]
    assert [e.key for _, e in recorder.refused] == ["ingest_file_type"]


async def test_a_claim_already_ruled_in_another_article_is_picked_as_ruled(desk: Desk) -> None:
    intake = make(desk, Recorder())
    first = await intake.receive(ArticleRequest(0, "text", REVIEWER, CHANNEL, now(), text=ARTICLE))
    await intake.process(first)
    [ruled] = [
        c
        for c in await desk.claims(rows(desk, "SELECT article_id FROM article_requests")[0][0])
        if "45万吨" in c.text
    ]
    await desk.set_verdict(ruled.claim_id, Label.TRUE, "水务局年报第3页。", REVIEWER)
    copy = (
        "河湾晚报转载：三座污水处理厂投用\n\n"
        + "\n".join(PARAGRAPHS[:1])
        + "\n市民表示期待河道变得更干净。\n"
    )
    second = await intake.receive(ArticleRequest(0, "text", INGESTER, CHANNEL, now(), text=copy))
    await intake.process(second)
    view = await triage_view(desk, second.request_id)
    [pick] = [p for p in view.picks if "45万吨" in p.claim.text]
    assert (
        pick.reason == "ruled" and pick.verdict.label is Label.TRUE and pick.claim.claim_id != ruled.claim_id
    )


async def test_a_request_processed_twice_is_ingested_and_announced_once(
    desk: Desk, server: PageServer
) -> None:
    recorder = Recorder()
    intake = make(desk, recorder)
    stored = await intake.receive(url_request(server.url("/article.html")))
    await intake.process(stored)
    await intake.process(stored)  # e.g. queued by receive and again by a start
    assert recorder.kicks == 1 and recorder.refused == [] and server.hits == {"/article.html": 1}
