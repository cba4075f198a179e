"""Slack events being handled: claimed at arrival on a short lease, then done or released.

Slack delivers an event again (same event_id) when it thinks we missed it, sometimes while the first
delivery is still running. The claim makes the second delivery a no-op; a first run that fails releases
its claim so that Slack's next retry runs it again, and a crashed run's claim simply expires. Done events
join ``seen_events`` (the table whose row some listeners write with their effect, in one transaction).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from bot.store.db import Database

RUN, SEEN, BUSY = "run", "seen", "busy"
STALE = 3600.0


def claim(conn: sqlite3.Connection, event_id: str, now: float, lease: float) -> str:
    """RUN when this delivery may handle the event; SEEN when it was handled; BUSY when another delivery
    holds a live claim on it."""
    if conn.execute("SELECT 1 FROM seen_events WHERE event_id = ?", (event_id,)).fetchone():
        return SEEN
    # Claims nobody settled (a process died, an event no listener took) are kept an hour, for the record.
    conn.execute("DELETE FROM event_claims WHERE lease_until < ?", (now - STALE,))
    cursor = conn.execute(
        """INSERT INTO event_claims (event_id, lease_until, claimed_at) VALUES (?, ?, ?)
           ON CONFLICT (event_id) DO UPDATE SET lease_until = excluded.lease_until,
               claimed_at = excluded.claimed_at
           WHERE event_claims.lease_until <= excluded.claimed_at""",
        (event_id, now + lease, now),
    )
    return RUN if cursor.rowcount == 1 else BUSY


def done(conn: sqlite3.Connection, event_id: str, now: float) -> None:
    """The event was handled: later deliveries of it are ignored for good."""
    stamp = datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds")
    conn.execute("INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)", (event_id, stamp))
    conn.execute("DELETE FROM event_claims WHERE event_id = ?", (event_id,))


def release(conn: sqlite3.Connection, event_id: str) -> None:
    """The run failed: the next delivery of the event runs it again."""
    conn.execute("DELETE FROM event_claims WHERE event_id = ?", (event_id,))


async def held(db: Database, event_id: str) -> float | None:
    """The lease expiry of a claim on the event, if one is held (tests and diagnostics)."""
    rows = list(
        await db.conn.execute_fetchall("SELECT lease_until FROM event_claims WHERE event_id = ?", (event_id,))
    )
    return float(rows[0][0]) if rows else None
