"""kill -9 the real server mid-load, restart it on the same database: nothing half-written, and the
outbox posts every pending message exactly once (bench/load.py's crash run, small)."""

from __future__ import annotations

from pathlib import Path

from bench.load import crash_run


async def test_a_killed_server_restarts_and_posts_every_pending_message_exactly_once(tmp_path: Path) -> None:
    report = await crash_run(tmp_path, requests=160, concurrency=16, kill_after=80, deadline_s=90)
    audit = report.audit
    assert report.problems == []
    assert audit.integrity == "ok" and audit.half_written == [] and audit.orphan_items == []
    assert audit.open_items == 0 and audit.duplicated_posts == []
    assert audit.checks > 80 and sum(audit.posted_per_item.values()) == len(audit.posted_per_item)
