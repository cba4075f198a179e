"""Ingest through the desk: idempotent, edits keep the ids of unchanged claims, bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.articles.read import MAX_ARTICLE_BYTES
from bot.desk.service import Desk
from bot.errors import IngestError

ARTICLE = """测试城市公布去年经济数据

测试城市统计局3月5日发布公报，去年全市地区生产总值达1.2万亿元，较上年增长5.1%。
全市常住人口为2184.3万人，比上年末减少4.3万人。
有关专家认为，这一增速体现了经济的韧性。
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_ingesting_the_same_article_twice_changes_nothing(desk: Desk, tmp_path: Path) -> None:
    path = _write(tmp_path, "city-economy.txt", ARTICLE)
    first = await desk.library.ingest_path(path)
    assert first.status == "new" and first.claims >= 3
    rows_before = await desk.db.conn.execute_fetchall("SELECT claim_id, rowid FROM claims ORDER BY rowid")
    verdicts_before = await desk.db.conn.execute_fetchall("SELECT count(*) FROM verdicts")
    second = await desk.library.ingest_path(path)
    assert second.status == "unchanged" and second.claims == first.claims
    assert (
        await desk.db.conn.execute_fetchall("SELECT claim_id, rowid FROM claims ORDER BY rowid")
        == rows_before
    )
    assert await desk.db.conn.execute_fetchall("SELECT count(*) FROM verdicts") == verdicts_before


async def test_an_edited_article_keeps_the_ids_of_unchanged_claims(desk: Desk, tmp_path: Path) -> None:
    path = _write(tmp_path, "city-economy.txt", ARTICLE)
    await desk.library.ingest_path(path)
    before = {c.text: c.claim_id for c in await desk.claims("city-economy")}
    edited = ARTICLE.replace("比上年末减少4.3万人", "比上年末减少5万人")
    path.write_text(edited, encoding="utf-8")
    report = await desk.library.ingest_path(path)
    assert report.status == "updated" and report.retired == 1 and report.added == 1
    after = {c.text: c.claim_id for c in await desk.claims("city-economy")}
    kept = [text for text in before if text in after]
    assert kept and all(before[t] == after[t] for t in kept)
    # the retired claim no longer answers a lookup
    outcome = await desk.check("常住人口比上年末减少4.3万人")
    assert all("4.3万" not in m.claim.text for m in outcome.result.matches)


async def test_seeds_load_once(desk: Desk) -> None:
    reports = await desk.ensure_seeds()
    assert reports and all(r.status == "unchanged" for r in reports)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\xff\xfe\x00\x01binary\x00data", "binary"),
        ("北京".encode("gbk") * 10, "not UTF-8"),
    ],
)
async def test_bad_files_are_refused_with_a_clear_message(
    desk: Desk, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    count = await desk.db.conn.execute_fetchall("SELECT count(*) FROM claims")
    with pytest.raises(IngestError, match=message):
        await desk.library.ingest_path(path)
    assert await desk.db.conn.execute_fetchall("SELECT count(*) FROM claims") == count


async def test_missing_and_huge_files(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        await desk.library.ingest_path(tmp_path / "nope.txt")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    assert huge.stat().st_size > MAX_ARTICLE_BYTES
    with pytest.raises(IngestError, match="too large"):
        await desk.library.ingest_path(huge)


async def test_a_malformed_sidecar_names_the_file_and_line(desk: Desk, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", ARTICLE)
    (tmp_path / "a.meta.json").write_text('{\n  "title": "x",\n  "published": \n}', encoding="utf-8")
    with pytest.raises(IngestError, match=r"a\.meta\.json:4"):
        await desk.library.ingest_path(path)


async def test_term_frequencies_follow_ingests_and_edits(desk: Desk, tmp_path: Path) -> None:
    """term_df (kept by save_articles) always equals what the FTS index itself counts."""
    path = _write(tmp_path, "city-economy.txt", ARTICLE)
    await desk.library.ingest_path(path)
    path.write_text(ARTICLE.replace("比上年末减少4.3万人", "比上年末减少5万人"), encoding="utf-8")
    await desk.library.ingest_path(path)
    kept = dict(await desk.db.conn.execute_fetchall("SELECT term, df FROM term_df WHERE df > 0"))
    truth = dict(await desk.db.conn.execute_fetchall("SELECT term, doc FROM claim_terms_vocab"))
    assert kept == truth


async def test_a_batch_ingest_on_every_core_stores_each_article_once(desk: Desk, tmp_path: Path) -> None:
    """Enough files for the worker pool and batched transactions: a second run with some files edited
    updates those, leaves the rest alone, and the index and verdicts stay exact."""
    paths = [
        _write(
            tmp_path,
            f"city-{i:02d}.txt",
            ARTICLE.replace("5.1%", f"{i + 1}.5%").replace("测试城市", f"第{i}测试市"),
        )
        for i in range(20)
    ]
    first = await desk.library.ingest_paths(paths)
    assert [getattr(r, "status", r) for r in first] == ["new"] * 20
    for path in paths[:5]:
        path.write_text(
            path.read_text(encoding="utf-8").replace("减少4.3万人", "减少5万人"), encoding="utf-8"
        )
    second = await desk.library.ingest_paths(paths)
    assert [getattr(r, "status", r) for r in second] == ["updated"] * 5 + ["unchanged"] * 15
    assert all(getattr(r, "retired", 0) == 1 and getattr(r, "added", 0) == 1 for r in second[:5])
    kept = dict(await desk.db.conn.execute_fetchall("SELECT term, df FROM term_df WHERE df > 0"))
    truth = dict(await desk.db.conn.execute_fetchall("SELECT term, doc FROM claim_terms_vocab"))
    assert kept == truth
    active = await desk.db.conn.execute_fetchall(
        "SELECT count(*) FROM claims WHERE active = 1 AND article_id LIKE 'city-%'"
    )
    assert active[0][0] == sum(r.claims for r in second if not isinstance(r, Exception))
    # One automated verdict per claim ever stored: unchanged claims got no second verdict.
    per_claim = await desk.db.conn.execute_fetchall(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM verdicts WHERE source = 'auto' GROUP BY claim_id)"
    )
    assert per_claim[0][0] == 1
