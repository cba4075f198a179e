"""End-to-end load, chaos and crash benchmark: the real `factbot serve` over HTTP against a fake Slack.

    uv run python bench/load.py                      # 2,000 signed /checkclaim, concurrency 50
    uv run python bench/load.py --fail-rate 0.3      # the fake answers 30% of Web API calls 429 or 500
    uv run python bench/load.py --crash              # kill -9 the server mid-run, restart, audit
    uv run python bench/load.py --chaos              # every failure shape, slow answers, kill -9, audit
    uv run python bench/load.py --smoke              # a small chaos run (the test suite runs it)

The chaos run: 30% of Web API calls (--fail-rate) fail in every shape the fake Slack knows (429, JSON
500, a text or HTML body, an empty 502, truncated JSON, a reset mid-answer, an answer slower than the
client's timeout, an unknown ok:false; half of them after Slack did the work), the server is killed
with kill -9 half-way and restarted, and the failures end when the last request was sent. It audits that
every acknowledged check was posted exactly once (card and reply) and how long after the end of the
failures the last message arrived.

The server runs as a subprocess through the same ``serve()`` as `factbot serve` (HTTP mode, bound to
127.0.0.1, a free port); the fake Slack (tests/support/fake_slack.py) and the load client run here, on
loopback only. Everything is bounded in time (``--deadline``) and the server is always stopped.
The audit reads the database and what the fake received: every acknowledged request stored once, every
check with its card and verdict reply, every outbox item posted exactly once (counted by its
``factbot-outbox-<id>`` block id), nothing left in the intake, and PRAGMA integrity_check. The crash run
counts an acknowledged request that never became a check as a problem: the server stores each request
(the intake) before it acknowledges it.

What the rates mean:
  requests_per_s   acknowledged requests per second while the client sends (the ack rate)
  intake_per_s     requests durably stored (intake table) per second while the client sends: with the
                   intake, every ack follows its commit, so it equals the ack rate
  checks_per_s     checks *answered* (looked up, stored with their card and reply queued) per second,
                   from the first request until the last check is stored: the target's figure
  unanswered_at_send_end   acknowledged requests still waiting for their answer when the client stops
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support")]

from fake_slack import FakeSlack, SpecChecker  # noqa: E402

HOST = "127.0.0.1"  # loopback only, always
BOT_TOKEN = "xoxb-bench-token"
SECRET = "bench-signing-secret"
CHANNELS = tuple(f"C0LOAD{i:02d}" for i in range(10))
MARKER = re.compile(r"^factbot-outbox-(\d+)$")
QUERIES = ROOT / "bench" / "queries" / "eval.jsonl"
TARGETS = {"ack_max_s": 3.0, "ack_p99_ms": 100.0, "checks_per_s": 300.0}
CHAOS_RECOVERY_S = 60.0  # every post within a minute of the end of the failures (issue 14)


def queries(path: Path = QUERIES) -> list[str]:
    """The evaluation queries: matching paraphrases, numbers, traditional, English, Slack markup, no-match."""
    return [json.loads(line)["query"] for line in path.read_text(encoding="utf-8").splitlines() if line]


def sign(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


# --- the server subprocess ----------------------------------------------------------------------------


def child() -> None:
    """Run `factbot serve`'s code path in HTTP mode on loopback; print the port once it listens. It
    exits when the bench that started it is gone (killed by a timeout, say), never left running."""
    import logging
    import threading

    parent = os.getppid()

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=orphaned, daemon=True, name="bench-parent-watch").start()

    from bot.config import Settings
    from bot.slack.serve import serve

    settings = Settings.from_env(dotenv=False)
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    from bot.slack.deliver import DeliveryPolicy

    slots = int(os.environ.get("FACTBOT_BENCH_DELIVERY_SLOTS") or DeliveryPolicy().concurrency)
    timeout = float(os.environ.get("FACTBOT_BENCH_TIMEOUT") or DeliveryPolicy().timeout)
    policy = DeliveryPolicy(concurrency=slots, timeout=timeout)
    run = serve(settings, host=HOST, policy=policy, on_ready=lambda port: print(f"READY {port}", flush=True))
    profile = os.environ.get("FACTBOT_BENCH_PROFILE")
    if not profile:
        asyncio.run(run)
        return
    import cProfile

    with cProfile.Profile() as prof:
        asyncio.run(run)
    prof.dump_stats(profile)


@dataclass
class Server:
    """`factbot serve` in a subprocess; ``kill()`` is kill -9, ``stop()`` is SIGTERM."""

    db_path: Path
    api_url: str
    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[str] | None = None
    port: int = 0
    starts: int = 0

    def env(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FACTBOT_"))}
        return {
            **keep,
            "FACTBOT_DB": str(self.db_path),
            "FACTBOT_PORT": "0",
            "FACTBOT_LOG_LEVEL": "WARNING",
            "FACTBOT_REVIEWERS": "UREVIEWER",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": self.api_url,
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    async def start(self, timeout: float = 120.0) -> int:
        self.starts += 1
        log = (self.workdir / f"server-{self.starts}.log").open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child"],
            cwd=self.workdir,  # no stray .env
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        line = await asyncio.wait_for(asyncio.to_thread(self.proc.stdout.readline), timeout)  # type: ignore[union-attr]
        if not line.startswith("READY"):
            self.kill()
            raise RuntimeError(f"server did not start: {self.log_text()[-2000:]}")
        self.port = int(line.split()[1])
        return self.port

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/slack/events"

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self, timeout: float = 30.0) -> int | None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode if self.proc else None

    def cpu_seconds(self) -> float:
        """User + system CPU time the server and its lookup workers have used so far (Linux /proc)."""
        if not self.proc or self.proc.poll() is not None:
            return float("nan")
        return _cpu(self.proc.pid) + sum(_cpu(pid) for pid in _children(self.proc.pid))

    def log_text(self) -> str:
        return "".join(p.read_text(encoding="utf-8") for p in sorted(self.workdir.glob("server-*.log")))


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in task.read_text().split()]
    return found


# --- the load client ------------------------------------------------------------------------------------


@dataclass
class Sent:
    index: int
    query: str
    status: int | None = None  # None: no answer (connection refused or reset)
    latency: float = 0.0
    body: str = ""


def command_body(index: int, query: str, response_url: str) -> str:
    form = {
        "token": "legacy-verification-token",
        "team_id": "T0NEWS",
        "team_domain": "newsroom",
        "channel_id": CHANNELS[index % len(CHANNELS)],
        "channel_name": "factcheck",
        "user_id": f"ULOAD{index % 37:03d}",
        "user_name": "reporter",
        "command": "/checkclaim",
        "text": query,
        "api_app_id": "A0FACT",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{int(time.time())}.{index}.bench",
    }
    return urlencode(form)


async def send_load(
    url: str,
    fake: FakeSlack,
    count: int,
    concurrency: int,
    texts: list[str],
    deadline: float,
    start_at: int = 0,
    stop_after: asyncio.Event | None = None,
) -> list[Sent]:
    """``count`` signed /checkclaim requests through ``concurrency`` keep-alive connections; each has a
    unique response_url (``r<index>``) so the audit can find its check. Stops at ``deadline`` (monotonic).

    The client speaks plain HTTP/1.1 over asyncio streams rather than through aiohttp's client: it
    shares the two cores with the server, and this costs less CPU per request (client and fake Slack
    together: about 2.5 instead of 3.0 CPU-s per 2,000-request run)."""
    sent = [Sent(i, texts[i % len(texts)]) for i in range(start_at, start_at + count)]
    queue: Iterator[Sent] = iter(sent)
    split = urlsplit(url)
    host, port, path = split.hostname or HOST, split.port or 80, split.path

    async def worker() -> None:
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        for item in queue:
            if time.monotonic() > deadline or (stop_after is not None and stop_after.is_set()):
                break
            body = command_body(item.index, item.query, fake.response_url(f"r{item.index}")).encode()
            head = "".join(f"{k}: {v}\r\n" for k, v in sign(body.decode()).items())
            request = (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
                f"{head}\r\n"
            ).encode() + body
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.open_connection(host, port)
                item.status, item.body = await asyncio.wait_for(_exchange(*conn, request), 10)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
                item.status = None
                if conn is not None:
                    conn[1].close()
                conn = None
            item.latency = time.perf_counter() - started
        if conn is not None:
            conn[1].close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return sent


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, str]:
    """One request on a keep-alive connection: (status, body). Bolt's answers carry Content-Length."""
    writer.write(request)
    status = int((await reader.readuntil(b"\r\n")).split(b" ", 2)[1])
    length = 0
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, (await reader.readexactly(length)).decode() if length else ""


def acked_checks(sent: list[Sent]) -> list[Sent]:
    """Requests Slack saw acknowledged with an empty 200 (a check was promised, not a usage answer)."""
    return [s for s in sent if s.status == 200 and not s.body]


# --- the audit ------------------------------------------------------------------------------------------


@dataclass
class Audit:
    integrity: str
    checks: int
    outbox: Counter[str]
    open_items: int
    half_written: list[int]
    orphan_items: list[int]
    stored_per_request: Counter[int]
    posted_per_item: Counter[int]
    unposted: list[int]
    not_in_db: list[int]
    ts_mismatch: list[int]
    wrong_thread: list[int]
    intake: Counter[str] = field(default_factory=Counter)

    @property
    def duplicated_checks(self) -> list[int]:
        return [i for i, n in self.stored_per_request.items() if n > 1]

    @property
    def duplicated_posts(self) -> list[int]:
        return [i for i, n in self.posted_per_item.items() if n > 1]

    def problems(self, acked: list[Sent] | None = None, lost_ok: set[int] | None = None) -> list[str]:
        """Everything that breaks "stored once, posted once"; ``lost_ok``: acked requests a crash may
        have lost (acked, then killed before the check was committed)."""
        out: list[str] = []
        if self.integrity != "ok":
            out.append(f"integrity_check: {self.integrity}")
        for name in ("half_written", "orphan_items", "unposted", "not_in_db", "ts_mismatch", "wrong_thread"):
            if values := getattr(self, name):
                out.append(f"{name}: {values[:10]} ({len(values)})")
        if self.duplicated_checks:
            out.append(f"requests stored twice: {self.duplicated_checks[:10]}")
        if self.duplicated_posts:
            out.append(f"outbox items posted twice: {self.duplicated_posts[:10]}")
        if self.open_items:
            out.append(f"outbox items still open: {self.open_items}")
        if self.outbox.get("failed"):
            out.append(f"outbox items failed: {self.outbox['failed']}")
        if self.intake.get("pending") or self.intake.get("refused"):
            out.append(f"requests not answered: {dict(self.intake)}")
        if acked is not None:
            missing = [s.index for s in acked if s.index not in self.stored_per_request]
            missing = [i for i in missing if i not in (lost_ok or set())]
            if missing:
                out.append(f"acknowledged but not stored: {missing[:10]} ({len(missing)})")
        return out


def audit(db_path: Path, fake: FakeSlack) -> Audit:
    """Read the database (read-only, as an auditor) and compare it with what Slack received."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        integrity = "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
        checks = conn.execute("SELECT count(*) FROM checks").fetchone()[0]
        outbox = Counter(dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall()))
        intake = intake_counts(conn)
        # A check announced in Slack owns exactly one card and one verdict reply, written with it.
        half = [
            r[0]
            for r in conn.execute(
                """SELECT c.check_id FROM checks c WHERE c.origin LIKE 'slack%' AND (
                       SELECT count(*) FROM outbox o WHERE o.check_id = c.check_id AND o.kind = 'card') != 1
                    OR c.origin LIKE 'slack%' AND (SELECT count(*) FROM outbox o
                       WHERE o.check_id = c.check_id AND o.kind = 'verdict') < 1"""
            )
        ]
        orphans = [
            r[0]
            for r in conn.execute(
                """SELECT o.item_id FROM outbox o LEFT JOIN checks c ON c.check_id = o.check_id
                   WHERE o.check_id IS NOT NULL AND c.check_id IS NULL"""
            )
        ]
        per_request: Counter[int] = Counter()
        for (url,) in conn.execute("SELECT reply_url FROM outbox WHERE kind = 'card'"):
            if url and (m := re.search(r"/response/r(\d+)$", url)):
                per_request[int(m.group(1))] += 1
        posts = {
            r[0]: (r[1], r[2], r[3], r[4])
            for r in conn.execute(
                """SELECT o.item_id, o.status, o.delivered_ts, o.kind, c.thread_ts FROM outbox o
                   LEFT JOIN checks c ON c.check_id = o.check_id
                   WHERE o.kind IN ('card', 'verdict', 'notice')"""
            )
        }
    finally:
        conn.close()
    posted: Counter[int] = Counter()
    where: dict[int, dict[str, Any]] = {}
    for messages in fake.messages.values():
        for message in messages:
            for block in message.get("blocks") or []:
                if m := MARKER.match(str(block.get("block_id") or "")):
                    posted[int(m.group(1))] += 1
                    where[int(m.group(1))] = message
    unposted = [i for i, (status, *_rest) in posts.items() if status == "delivered" and not posted[i]]
    mismatch = [
        i
        for i, (status, ts, *_rest) in posts.items()
        if status == "delivered" and i in where and where[i]["ts"] != ts
    ]
    # A verdict reply lives in its check's thread (the card's, for /checkclaim).
    wrong_thread = [
        i
        for i, (_s, _ts, kind, thread_ts) in posts.items()
        if kind == "verdict" and i in where and where[i].get("thread_ts") != thread_ts
    ]
    return Audit(
        integrity=integrity,
        checks=checks,
        outbox=outbox,
        open_items=outbox.get("pending", 0) + outbox.get("sending", 0),
        half_written=half,
        orphan_items=orphans,
        stored_per_request=per_request,
        posted_per_item=posted,
        unposted=unposted,
        not_in_db=[i for i in posted if i not in posts],
        ts_mismatch=mismatch,
        wrong_thread=wrong_thread,
        intake=intake,
    )


def open_items(db_path: Path) -> tuple[int, int]:
    """(checks, outbox items pending or being sent plus requests not yet answered), read without
    disturbing the server."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        checks = conn.execute("SELECT count(*) FROM checks").fetchone()[0]
        pending = conn.execute(
            "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
        ).fetchone()[0]
        return int(checks), int(pending) + intake_counts(conn).get("pending", 0)
    finally:
        conn.close()


def intake_counts(conn: sqlite3.Connection) -> Counter[str]:
    """Stored requests by status (pending, answered, refused); empty before the intake existed."""
    try:
        return Counter(dict(conn.execute("SELECT status, count(*) FROM intake GROUP BY status").fetchall()))
    except sqlite3.OperationalError:  # no such table: a database from before the intake
        return Counter()


def stored_requests(db_path: Path) -> tuple[int, int]:
    """(requests in the intake, checks answered) right now."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        checks = conn.execute("SELECT count(*) FROM checks").fetchone()[0]
        return sum(intake_counts(conn).values()), int(checks)
    finally:
        conn.close()


async def drained(db_path: Path, expected_checks: int, deadline: float) -> tuple[float | None, float | None]:
    """Wait until ``expected_checks`` are stored and nothing is left to post: the monotonic times when
    the last check was stored and when the last message was posted (None: not before the deadline)."""
    stored_at = None
    while time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.OperationalError):
            checks, pending = open_items(db_path)
            if checks >= expected_checks and stored_at is None:
                stored_at = time.monotonic()
            if checks >= expected_checks and pending == 0:
                return stored_at, time.monotonic()
        await asyncio.sleep(0.02)
    return stored_at, None


# --- the runs -------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


async def template(workdir: Path, api_url: str) -> Path:
    """A database with the seeds ingested (the server does it on its first start)."""
    path = workdir / "template.db"
    server = Server(path, api_url, workdir)
    await server.start()
    server.stop()
    return path


def fresh_db(template_path: Path, workdir: Path, name: str) -> Path:
    target = workdir / name
    conn = sqlite3.connect(template_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    shutil.copy(template_path, target)
    return target


async def run_load(args: argparse.Namespace, workdir: Path) -> int:
    fake = FakeSlack(SpecChecker(), bot_token=BOT_TOKEN)
    await fake.start()
    try:
        base = await template(workdir, fake.api_url)
        fake.fail_rate, fake.retry_after = args.fail_rate, args.retry_after
        extra = {"FACTBOT_BENCH_PROFILE": str(args.profile.resolve())} if args.profile else {}
        extra["FACTBOT_BENCH_DELIVERY_SLOTS"] = str(args.delivery_slots or "")
        server = Server(fresh_db(base, workdir, "load.db"), fake.api_url, workdir, extra)
        await server.start()
        try:
            return await _measure(args, fake, server)
        finally:
            server.stop()
    finally:
        await fake.stop()


async def _measure(args: argparse.Namespace, fake: FakeSlack, server: Server) -> int:
    deadline = time.monotonic() + args.deadline
    cpu_server, cpu_here = server.cpu_seconds(), time.process_time()
    started = time.monotonic()
    sent = await send_load(server.url, fake, args.requests, args.concurrency, queries(), deadline)
    sent_done = time.monotonic()
    intake_at_end, answered_at_end = stored_requests(server.db_path)
    acked = acked_checks(sent)
    stored_at, posted_at = await drained(server.db_path, len(acked), deadline)
    if posted_at is not None:
        await asyncio.sleep(0.5)  # a late duplicate would show up here
    cpu_server, cpu_here = server.cpu_seconds() - cpu_server, time.process_time() - cpu_here
    result = audit(server.db_path, fake)
    latencies = [s.latency for s in sent if s.status is not None]
    elapsed = sent_done - started
    calls = Counter(c.method for c in fake.calls)
    failed_calls = Counter(c.method for c in fake.calls if c.failed)
    figures = {
        "requests": len(sent),
        "acked_200": sum(1 for s in sent if s.status == 200),
        "non_200": Counter(s.status for s in sent if s.status != 200),
        "acked_checks": len(acked),
        "requests_per_s": len(latencies) / elapsed,
        "intake_per_s": intake_at_end / elapsed,
        "unanswered_at_send_end": len(acked) - answered_at_end,
        "checks_stored": result.checks,
        "all_stored_s": (stored_at - started) if stored_at else None,
        "checks_per_s": result.checks / (stored_at - started) if stored_at else float("nan"),
        "ack_p50_ms": percentile(latencies, 50) * 1000,
        "ack_p99_ms": percentile(latencies, 99) * 1000,
        "ack_max_ms": max(latencies, default=float("nan")) * 1000,
        "send_s": elapsed,
        "all_posted_s": (posted_at - started) if posted_at else None,
        "cards_posted": _posted_kind(fake, thread=False),
        "thread_replies_posted": _posted_kind(fake, thread=True),
        "server_cpu_s": cpu_server,
        "client_and_fake_cpu_s": cpu_here,
        "outbox": dict(result.outbox),
        "intake": dict(result.intake),
        "web_api_calls": dict(calls),
        "web_api_failures_injected": dict(failed_calls),
    }
    _print(args, figures)
    problems = result.problems(acked)
    if figures["acked_checks"] != figures["requests"]:
        problems.append(f"only {figures['acked_checks']} of {figures['requests']} requests acknowledged")
    if result.checks != len(acked):
        problems.append(f"{result.checks} checks stored for {len(acked)} acknowledged requests")
    if figures["cards_posted"] != result.checks or figures["thread_replies_posted"] != result.checks:
        problems.append("cards or replies do not match the checks one to one")
    missed = _missed_targets(figures)
    for line in problems:
        print(f"PROBLEM  {line}")
    for line in missed:
        print(f"MISSED   {line}")
    if server_errors(server.log_text()):
        problems.append("the server logged an error (see server-*.log)")
        print("PROBLEM  the server logged an error:\n" + server.log_text()[-3000:])
    print("RESULT   " + ("ok" if not problems and not missed else "FAILED"))
    return 0 if not problems and not missed else 1


def server_errors(log: str) -> list[str]:
    """ERROR/CRITICAL lines and tracebacks in a server log."""
    return [line for line in log.splitlines() if line.startswith(("ERROR", "CRITICAL", "Traceback"))]


def _posted_kind(fake: FakeSlack, thread: bool) -> int:
    return sum(1 for msgs in fake.messages.values() for m in msgs if bool(m.get("thread_ts")) == thread)


def _missed_targets(f: dict[str, Any]) -> list[str]:
    out = []
    if f["ack_max_ms"] >= TARGETS["ack_max_s"] * 1000:
        out.append(f"an acknowledgement took {f['ack_max_ms']:.0f} ms (target < 3 s)")
    if f["ack_p99_ms"] > TARGETS["ack_p99_ms"]:
        out.append(f"ack p99 {f['ack_p99_ms']:.1f} ms (target <= 100 ms)")
    if not f["checks_per_s"] >= TARGETS["checks_per_s"]:
        out.append(f"{f['checks_per_s']:.0f} checks/s (target >= 300)")
    if f["all_posted_s"] is None:
        out.append("not every verdict was posted before the deadline")
    return out


def _print(args: argparse.Namespace, f: dict[str, Any]) -> None:
    print(
        f"factbot load: {args.requests} x /checkclaim, concurrency {args.concurrency}, "
        f"fail-rate {args.fail_rate:.0%}, {os.cpu_count()} CPUs"
    )
    for key, value in f.items():
        shown = f"{value:.1f}" if isinstance(value, float) else value
        print(f"  {key:28} {shown}")


# --- crash: kill -9 mid-run, restart, audit ---------------------------------------------------------------


@dataclass
class CrashReport:
    sent: list[Sent]
    audit: Audit
    lost_in_crash: list[int]
    recovered_log: str
    problems: list[str]


async def crash_run(
    workdir: Path,
    requests: int,
    concurrency: int,
    kill_after: int,
    fail_rate: float = 0.0,
    deadline_s: float = 120.0,
    base: Path | None = None,
    fake: FakeSlack | None = None,
) -> CrashReport:
    """Send load, kill -9 the server once ``kill_after`` requests were acknowledged, restart it on the same
    database, send the rest, wait for the outbox to drain and audit everything."""
    own_fake = fake is None
    fake = fake or FakeSlack(SpecChecker(), bot_token=BOT_TOKEN)
    if own_fake:
        await fake.start()
    try:
        base = base or await template(workdir, fake.api_url)
        fake.fail_rate = fail_rate
        server = Server(fresh_db(base, workdir, "crash.db"), fake.api_url, workdir)
        await server.start()
        deadline = time.monotonic() + deadline_s
        texts = queries()
        killed = asyncio.Event()

        async def killer() -> None:
            # kill -9 while requests are in flight and the outbox is busy (acks, lookups, posts).
            while (
                sum(1 for _ in fake.calls_to("chat.postMessage")) < kill_after and time.monotonic() < deadline
            ):
                await asyncio.sleep(0.005)
            server.kill()
            killed.set()

        kill_task = asyncio.create_task(killer())
        first = await send_load(server.url, fake, requests, concurrency, texts, deadline, stop_after=killed)
        await kill_task
        restart_sent = sum(1 for s in first if s.status is not None or s.latency)
        await server.start()
        rest = await send_load(
            server.url, fake, requests // 4, concurrency, texts, deadline, start_at=requests
        )
        sent = first + rest
        acked = acked_checks(sent)
        await _until_drained(server.db_path, deadline)
        await asyncio.sleep(0.3)
        server.stop()
        result = audit(server.db_path, fake)
        # Acked, then never answered: the intake stores every request before its ack, so none may be.
        lost = [s.index for s in acked if s.index < requests and s.index not in result.stored_per_request]
        problems = result.problems(acked)
        log = server.log_text()
        if errors := server_errors(log):
            problems.append(f"a server logged errors: {errors[:5]}")
        del restart_sent
        return CrashReport(sent, result, lost, log, problems)
    finally:
        if own_fake:
            await fake.stop()


async def _until_drained(db_path: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.OperationalError):
            if open_items(db_path)[1] == 0:
                return
        await asyncio.sleep(0.05)


async def run_crash(args: argparse.Namespace, workdir: Path) -> int:
    started = time.monotonic()
    report = await crash_run(
        workdir, args.requests, args.concurrency, args.requests // 2, args.fail_rate, args.deadline
    )
    a = report.audit
    print(f"factbot crash: {args.requests} x /checkclaim, kill -9 after ~{args.requests // 2} posts, restart")
    print(f"  requests sent                {len(report.sent)}")
    print(f"  refused while down           {sum(1 for s in report.sent if s.status is None)}")
    print(f"  acked checks                 {len(acked_checks(report.sent))}")
    print(f"  acked, lost in the crash     {len(report.lost_in_crash)} (acked, never answered)")
    print(f"  intake                       {dict(a.intake)}")
    print(f"  checks stored                {a.checks}")
    print(f"  integrity_check              {a.integrity}")
    print(f"  half-written checks          {len(a.half_written)}")
    print(f"  outbox items without check   {len(a.orphan_items)}")
    print(f"  outbox                       {dict(a.outbox)}")
    print(
        f"  messages posted              {sum(a.posted_per_item.values())} for {len(a.posted_per_item)} items"
    )
    print(f"  posted twice                 {len(a.duplicated_posts)}")
    print(
        f"  interrupted items recovered  {'yes' if 'interrupted' in report.recovered_log else 'none logged'}"
    )
    print(f"  seconds                      {time.monotonic() - started:.1f}")
    for line in report.problems:
        print(f"PROBLEM  {line}")
    print("RESULT   " + ("ok" if not report.problems else "FAILED"))
    return 0 if not report.problems else 1


# --- chaos: every failure shape, slow answers, kill -9 and restart ------------------------------------------


@dataclass
class ChaosReport:
    sent: list[Sent]
    audit: Audit
    lost: list[int]  # acknowledged, then never posted (card and reply)
    duplicated: list[int]  # outbox items posted more than once
    recovery_s: float | None  # end of the failures -> last message (None: not everything was posted)
    drained_s: float | None  # end of the failures -> nothing left open
    failures: Counter[str]
    problems: list[str]
    killed_after: int = 0  # requests sent before the kill -9


async def chaos_run(
    workdir: Path,
    requests: int,
    concurrency: int,
    fail_rate: float,
    client_timeout: float = 2.0,
    deadline_s: float = 600.0,
    tail_s: float = 30.0,
) -> ChaosReport:
    """Send ``requests`` /checkclaim while the fake fails ``fail_rate`` of the calls in every shape, kill -9
    the server once half the requests were answered, restart it and send the rest. The failures go on
    while the outbox works (``tail_s`` seconds after the last request, or until every message is in),
    then end; wait until everything is posted and audit."""
    fake = FakeSlack(SpecChecker(), bot_token=BOT_TOKEN)
    await fake.start()
    try:
        base = await template(workdir, fake.api_url)
        fake.chaos, fake.fail_rate, fake.slow_seconds = True, fail_rate, client_timeout + 1.0
        env = {"FACTBOT_BENCH_TIMEOUT": str(client_timeout)}
        server = Server(fresh_db(base, workdir, "chaos.db"), fake.api_url, workdir, env)
        fake.failing = False  # the server's first auth.test: a request is acknowledged only after it
        await server.start()
        deadline = time.monotonic() + deadline_s
        texts = queries()
        warm = await send_load(server.url, fake, 1, 1, texts, deadline)
        fake.failing = True
        killed = asyncio.Event()

        async def killer() -> None:  # kill -9 mid-load: half the requests received, answers and posts busy
            while stored_requests(server.db_path)[0] < requests // 2 and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            server.kill()
            killed.set()

        kill_task = asyncio.create_task(killer())
        first = await send_load(server.url, fake, requests, concurrency, texts, deadline, 1, killed)
        await kill_task
        done = [s for s in first if s.status is not None or s.latency]
        await server.start()
        rest = await send_load(
            server.url, fake, requests - len(done), concurrency, texts, deadline, 1 + requests
        )
        sent = warm + done + rest
        acked = acked_checks(sent)
        tail_end = min(deadline, time.monotonic() + tail_s)
        while time.monotonic() < tail_end and not _settled(server.db_path, len(acked)):
            await asyncio.sleep(0.05)
        failures_end = time.monotonic()
        fake.failing = False
        calls_while_failing = len(fake.calls)
        posted_while_failing = sum(map(len, fake.messages.values()))
        drained_at = await _drained_at(server.db_path, deadline)
        await asyncio.sleep(1.0)  # a late duplicate would show up here
        server.stop()
        result = audit(server.db_path, fake)
        posted = result.posted_per_item
        items = _items_by_request(server.db_path)
        lost = [s.index for s in acked if not all(posted[i] >= 1 for i in items.get(s.index, [-1]))]
        problems = result.problems(acked)
        if errors := server_errors(server.log_text()):
            problems.append(f"a server logged errors: {errors[:5]}")
        recovery = fake.last_post_at - failures_end if drained_at is not None else None
        drained = drained_at - failures_end if drained_at is not None else None
        failures = Counter(_shape(c.failed) for c in fake.calls if c.failed)
        failures["applied (Slack did the work)"] = sum(
            1 for c in fake.calls if (c.failed or "").startswith("applied")
        )
        failures["calls"] = len(fake.calls)
        failures["calls while failing"] = calls_while_failing
        failures["posted while failing"] = posted_while_failing
        report = ChaosReport(
            sent, result, lost, result.duplicated_posts, recovery, drained, failures, problems
        )
        report.killed_after = len(done)
        return report
    finally:
        await fake.stop()


def _shape(failed: str) -> str:
    """The shape of a recorded failure label ("applied-but-reset-200" -> "reset")."""
    label = failed.removeprefix("applied-but-")
    head = label.split("-")[0]
    return head if head in ("text", "html", "empty", "truncated", "reset", "slow", "unknown") else "json"


def _items_by_request(db_path: Path) -> dict[int, list[int]]:
    """The outbox items (card and reply) of each request, by the request's index."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        cards = conn.execute("SELECT check_id, reply_url FROM outbox WHERE kind = 'card'").fetchall()
        by_check: dict[int, list[int]] = {}
        for check_id, item_id in conn.execute(
            "SELECT check_id, item_id FROM outbox WHERE kind IN ('card', 'verdict')"
        ):
            by_check.setdefault(check_id, []).append(item_id)
    finally:
        conn.close()
    out: dict[int, list[int]] = {}
    for check_id, url in cards:
        if url and (m := re.search(r"/response/r(\d+)$", url)):
            out[int(m.group(1))] = by_check.get(check_id, [])
    return out


def _settled(db_path: Path, acked: int) -> bool:
    """Every acknowledged request answered and nothing left to post."""
    with contextlib.suppress(sqlite3.OperationalError):
        checks, open_count = open_items(db_path)
        return checks >= acked and open_count == 0
    return False


async def _drained_at(db_path: Path, deadline: float) -> float | None:
    """When nothing was left to answer or post (None: not before the deadline)."""
    while time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.OperationalError):
            if open_items(db_path)[1] == 0:
                return time.monotonic()
        await asyncio.sleep(0.05)
    return None


async def run_chaos(args: argparse.Namespace, workdir: Path) -> int:
    started = time.monotonic()
    fail_rate = args.fail_rate or 0.3
    report = await chaos_run(
        workdir, args.requests, args.concurrency, fail_rate, deadline_s=args.deadline, tail_s=args.chaos_tail
    )
    a = report.audit
    acked = acked_checks(report.sent)
    latencies = [s.latency for s in report.sent if s.status is not None]
    print(
        f"factbot chaos: {args.requests} x /checkclaim, concurrency {args.concurrency}, {fail_rate:.0%} of "
        f"Web API calls failing in every shape, kill -9 half-way and restart, {os.cpu_count()} CPUs"
    )
    rows = {
        "requests sent": len(report.sent),
        "kill -9 after (requests sent)": report.killed_after,
        "refused while down": sum(1 for s in report.sent if s.status is None),
        "acknowledged checks": len(acked),
        "checks stored": a.checks,
        "lost (acked, not posted)": len(report.lost),
        "duplicated posts": len(report.duplicated),
        "messages posted": sum(a.posted_per_item.values()),
        "outbox": dict(a.outbox),
        "Web API calls": report.failures.pop("calls", 0),
        "of which while failing": report.failures.pop("calls while failing", 0),
        "messages posted while failing": report.failures.pop("posted while failing", 0),
        "failures injected, by shape": dict(sorted(report.failures.items())),
        "last post after failures end s": report.recovery_s,
        "all settled after failures end s": report.drained_s,
        "ack p50 ms": percentile(latencies, 50) * 1000,
        "ack p99 ms": percentile(latencies, 99) * 1000,
        "ack max ms": max(latencies, default=float("nan")) * 1000,
        "integrity_check": a.integrity,
        "seconds": time.monotonic() - started,
    }
    for key, value in rows.items():
        print(f"  {key:34} {f'{value:.1f}' if isinstance(value, float) else value}")
    problems = list(report.problems)
    if report.lost:
        problems.append(f"acknowledged but not posted: {report.lost[:10]} ({len(report.lost)})")
    if report.recovery_s is None or report.recovery_s > CHAOS_RECOVERY_S:
        problems.append(f"last post {report.recovery_s} s after the failures ended (target <= 60 s)")
    missed = [] if rows["ack p99 ms"] <= TARGETS["ack_p99_ms"] else [f"ack p99 {rows['ack p99 ms']:.1f} ms"]
    for line in problems:
        print(f"PROBLEM  {line}")
    for line in missed:
        print(f"MISSED   {line} (target <= 100 ms)")
    print("RESULT   " + ("ok" if not problems and not missed else "FAILED"))
    return 0 if not problems else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--fail-rate", type=float, default=0.0, help="share of Web API calls answered 429/500"
    )
    parser.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds of an injected 429")
    parser.add_argument("--deadline", type=float, default=300.0, help="give up after this many seconds")
    parser.add_argument("--crash", action="store_true", help="kill -9 the server mid-run, restart, audit")
    parser.add_argument(
        "--chaos", action="store_true", help="every failure shape (30%% by default), kill -9, restart, audit"
    )
    parser.add_argument(
        "--chaos-tail", type=float, default=30.0, help="seconds the failures go on after the last request"
    )
    parser.add_argument("--smoke", action="store_true", help="a small chaos run: 60 requests (tests)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (databases, server logs)")
    parser.add_argument("--delivery-slots", type=int, help="outbox deliveries in flight (default: the app's)")
    parser.add_argument("--profile", type=Path, help="write the server's cProfile stats to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child()
        return 0
    if args.smoke:
        args.chaos, args.requests, args.concurrency, args.deadline, args.chaos_tail = True, 60, 6, 240.0, 5.0
    workdir = Path(tempfile.mkdtemp(prefix="factbot-load-"))
    try:
        run = run_chaos if args.chaos else run_crash if args.crash else run_load
        return asyncio.run(run(args, workdir))
    finally:
        if args.keep:
            print(f"work folder: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
