"""Delivers the outbox to Slack: renders each item from the database as it is now, posts, records the ts.

Every failure is classified (bot/slack/failures.py), never raised: transient ones (429 with
Retry-After, 5xx, unreadable answers, timeouts, connection errors, unknown errors) are retried with
back-off up to ``max_attempts``, then the item fails (visible on /healthz and App Home); permanent ones
(not_in_channel, channel_not_found, ...) fail it at once and, for a card, the asker hears why through
the command's response_url. An item whose earlier attempt may have reached Slack is looked for in the
channel (its first block carries the outbox id) before it is posted again.

Each attempt holds a lease on its item and is cut off at half the lease, so a lease only expires when
its attempt died without an outcome; an exception anywhere in one item's attempt (a bug included)
touches that item only.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.desk.articles import TRIAGE
from bot.desk.review import CheckView
from bot.desk.service import Desk
from bot.digest.content import Thread
from bot.messages import t
from bot.slack import blocks, message_blocks
from bot.slack.digest import permalinks, send_digest
from bot.slack.failures import Permanent, Transient, classify, marker, where
from bot.slack.triage import send_triage
from bot.store.outbox import OutboxItem

log = logging.getLogger(__name__)
TELL_ASKER = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}
LOOKUP_PAGE, MAX_LOOKUP_PAGES = 200, 50  # look back through at most 10,000 messages before re-posting


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """Back-off of the outbox (attempt n waits base_delay * 2**(n-1), capped) and of the Web API client.

    ``lease``: how long an item being sent is held; an attempt is cut off at half of it (a look-up of
    many pages plus a post at ``timeout`` each fits), so only a dead attempt lets its lease expire."""

    # Back-off capped at 30 s so that delivery resumes within half a minute of Slack coming back (the
    # chaos bench's target is every post within 60 s of the end of the failures); 24 attempts still
    # retry for about ten minutes (2+4+8+16 s, then 30 s each) before an item fails for good.
    base_delay: float = 2.0
    max_delay: float = 30.0
    max_attempts: int = 24
    concurrency: int = 8
    client_retries: int = 2
    client_backoff: float = 0.5
    timeout: float = 30.0
    lease: float = 240.0

    @property
    def attempt_timeout(self) -> float:
        return self.lease / 2


DISPATCH_BATCH = 200  # due items read per look at the queue
GroupKey = int | tuple[str, int]  # a check's id, or ("item", id) for an item of no check


class Deliverer:
    """One background task starting the outbox's deliveries; ``kick()`` wakes it when something was
    queued (or a delivery finished)."""

    def __init__(self, desk: Desk, client: AsyncWebClient, policy: DeliveryPolicy) -> None:
        self.desk, self.client, self.policy = desk, client, policy
        self.locale = desk.settings.locale
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._slots = asyncio.Semaphore(policy.concurrency)
        # Checks (or lone items) whose delivery task has not ended: their other items wait for it, so a
        # reply is never sent beside its card.
        self._dispatched: set[GroupKey] = set()
        self._deliveries: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Recover items a crash left mid-delivery, then deliver everything pending in the background."""
        recovered = await self.desk.outbox.recover()
        if recovered:
            log.warning("%d outbox items were interrupted; they will be checked before re-posting", recovered)
        self._task = asyncio.create_task(self._run(), name="factbot-outbox")
        self.kick()

    async def stop(self) -> None:
        """Stop the loop and the deliveries in flight (an item cut off mid-post is recovered, looked up
        first, at the next start)."""
        tasks = [t for t in (self._task, *self._deliveries) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None

    def kick(self) -> None:
        self._wake.set()

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until nothing is pending or being sent (tests and shutdown use it)."""
        async with asyncio.timeout(timeout):
            while await self.desk.outbox.open_count():
                await asyncio.sleep(0.01)

    async def _run(self) -> None:
        """Start each due item's delivery as soon as it is due, never waiting for a whole batch: with a
        pass per batch, one answer that took the client's full timeout held every other item of its
        batch (the chaos bench posted a sixth as fast). A delivery that ends wakes the loop."""
        while True:
            self._wake.clear()
            delay = 1.0
            try:
                await self._dispatch()
                upcoming = await self.desk.outbox.next_due_at()
                delay = 60.0 if upcoming is None else max(0.0, upcoming - self.desk.clock().timestamp())
            except Exception:
                log.exception("outbox pass failed; retrying shortly")
            if delay == 0.0 and self._dispatched:  # due now means dispatched: their end wakes us
                delay = 1.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=min(delay, 60.0))

    async def _dispatch(self) -> None:
        """Hand the due items of each check no task holds yet to a task of their own (which waits for a
        delivery slot)."""
        due = await self.desk.outbox.due(limit=DISPATCH_BATCH)
        for group in _by_check([i for i in due if _key(i) not in self._dispatched]):
            key = _key(group[0])
            self._dispatched.add(key)
            task = asyncio.create_task(self._guarded(group), name="factbot-delivery")
            self._deliveries.add(task)
            task.add_done_callback(functools.partial(self._ended, key=key))

    def _ended(self, task: asyncio.Task[None], key: GroupKey) -> None:
        self._deliveries.discard(task)
        self._dispatched.discard(key)
        self.kick()

    async def deliver_due(self) -> int:
        """Deliver every item due now, in order within each check; returns how many were attempted."""
        done = 0
        while items := await self.desk.outbox.due(limit=DISPATCH_BATCH):
            await asyncio.gather(*(self._guarded(group) for group in _by_check(items)))
            done += len(items)
        return done

    async def _guarded(self, group: list[OutboxItem]) -> None:
        """A check's due items one after the other (card, then its reply), on one rendering of the check;
        a failure leaves the rest for later, in order. Whatever goes wrong stays inside this group: an
        item whose bookkeeping itself failed keeps its lease and falls due again when it expires."""
        async with self._slots:
            views: dict[int, CheckView] = {}
            for item in group:
                try:
                    if not await self._deliver(item, views):
                        return
                except Exception as exc:
                    log.error(
                        "outbox item %d (%s): %s at %s; it is retried when its lease expires",
                        item.item_id,
                        item.kind,
                        type(exc).__name__,
                        where(exc),
                    )
                    return

    async def deliver(self, item: OutboxItem) -> None:
        await self._deliver(item, {})

    async def _deliver(self, item: OutboxItem, views: dict[int, CheckView]) -> bool:
        """Post one item; True when it is delivered. ``views`` caches the check's rendering."""
        taken = await self.desk.outbox.begin(item, self.policy.lease)
        if taken is None:
            return False
        try:
            async with asyncio.timeout(self.policy.attempt_timeout):
                ts = await self._send(taken, views)
        except Exception as exc:
            outcome = classify(exc)
            if outcome.code.startswith("unknown:"):  # a shape nobody foresaw, or a bug: say where
                log.warning("outbox item %d: %s at %s", taken.item_id, outcome.code, where(exc))
            await self._failed(taken, outcome)
            return False
        await self.desk.outbox.finish(taken, ts)
        view = views.get(taken.check_id or 0)
        if taken.kind == "card" and ts and view is not None:
            check = replace(view.check, message_ts=ts, thread_ts=view.check.thread_ts or ts)
            views[view.check.check_id] = replace(view, check=check)
        return True

    async def _failed(self, item: OutboxItem, outcome: Transient | Permanent) -> None:
        """``item`` as taken by ``begin`` (its attempts count this one)."""
        error = item.error_after(outcome.code)
        if isinstance(outcome, Transient) and item.attempts < self.policy.max_attempts:
            backoff = min(self.policy.max_delay, self.policy.base_delay * 2 ** (item.attempts - 1))
            delay = max(outcome.delay or 0.0, backoff)
            log.info("outbox item %d (%s): %s, retry in %.2fs", item.item_id, item.kind, error, delay)
            if not await self.desk.outbox.postpone(item, delay, error):
                log.warning("outbox item %d: its lease was lost during the attempt", item.item_id)
            return
        log.warning("outbox item %d (%s) failed: %s", item.item_id, item.kind, error)
        if not await self.desk.outbox.fail(item, error):
            log.warning("outbox item %d: its lease was lost during the attempt", item.item_id)
            return
        if item.kind in ("card", TRIAGE) and item.reply_url and outcome.code in TELL_ASKER:
            await self.tell_asker(item.reply_url, t("slack_cannot_post", self.locale, error=outcome.code))

    async def tell_asker(self, url: str, text: str) -> None:
        """An ephemeral answer through a command's response_url (no retry: a courtesy, not a record)."""
        try:
            await AsyncWebhookClient(url, timeout=int(self.policy.timeout)).send(
                text=text, response_type="ephemeral", replace_original=False
            )
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.warning("could not answer through response_url: %s", type(exc).__name__)

    async def _send(self, item: OutboxItem, views: dict[int, CheckView]) -> str | None:
        if item.kind == "digest":  # a period, not a check: bot/slack/digest.py renders and posts it
            return await send_digest(self.desk, self.client, item, self._already_posted)
        if item.kind == TRIAGE:  # an ingested article's triage post: bot/slack/triage.py
            return await send_triage(self.desk, self.client, item, self.locale, self._already_posted)
        if item.check_id is None:
            raise Permanent(f"unknown_kind:{item.kind}")
        view = views.get(item.check_id) or await self._linked(
            await self.desk.review.check_view(item.check_id)
        )
        views[item.check_id] = view
        channel = item.channel_id or view.check.channel_id
        if channel is None:
            raise Permanent("no_channel")
        if item.kind == "card_update":
            if view.check.message_ts is None:
                raise Permanent("no_card")
            resp = await self.client.chat_update(
                channel=channel,
                ts=view.check.message_ts,
                text=_kit(view).card_text(view, self.locale),
                blocks=_kit(view).card(view, self.locale),
            )
            return str(resp.get("ts") or view.check.message_ts)
        thread = item.thread_ts if item.kind == "card" else view.check.thread_ts
        if item.kind != "card" and thread is None:
            raise Permanent("no_thread")
        text, body = await self._render(item, view)
        if item.uncertain and (found := await self._already_posted(item, channel, thread)):
            log.info("outbox item %d was already posted (ts %s)", item.item_id, found)
            return found
        resp = await self.client.chat_postMessage(channel=channel, thread_ts=thread, text=text, blocks=body)
        return str(resp["ts"])

    async def _render(self, item: OutboxItem, view: Any) -> tuple[str, list[blocks.Block]]:
        mark = marker(item)
        if item.kind == "card":
            return _kit(view).card_text(view, self.locale), _kit(view).card(view, self.locale, mark)
        if item.kind == "verdict" and view.message is not None:
            return message_blocks.card_text(view, self.locale), message_blocks.reply(view, self.locale, mark)
        if item.kind == "verdict":
            return blocks.card_text(view, self.locale), blocks.verdict_reply(view, self.locale, mark)
        if item.kind == "notice":
            verdict = await self.desk.review.verdict_by_id(item.verdict_id) if item.verdict_id else None
            text = blocks.notice_text(item.payload, verdict, self.locale)
            return text, blocks.notice(text, mark)
        raise Permanent(f"unknown_kind:{item.kind}")

    async def _linked(self, view: CheckView) -> CheckView:
        """A message's view with a permalink for each thread where one of its known claims was checked."""
        if view.message is None or not view.message.threads:
            return view
        found = await permalinks(self.client, {Thread(c, ts) for c, ts in view.message.threads})
        links = {(where.channel_id, where.ts): url for where, url in found.items()}
        return replace(view, message=replace(view.message, links=links))

    async def _already_posted(self, item: OutboxItem, channel: str, thread: str | None) -> str | None:
        """The ts of a message carrying this item's marker, if an earlier attempt did reach Slack.

        A busy channel holds more than one page of messages since the item was queued: read them all
        (Slack's cursor pagination), or a card posted 201 messages ago would be posted a second time.
        """
        wanted = marker(item)
        cursor: str | None = None
        for _ in range(MAX_LOOKUP_PAGES):
            if thread:
                resp = await self.client.conversations_replies(
                    channel=channel, ts=thread, limit=LOOKUP_PAGE, cursor=cursor
                )
            else:
                resp = await self.client.conversations_history(
                    channel=channel, oldest=f"{item.created_at - 60:.6f}", limit=LOOKUP_PAGE, cursor=cursor
                )
            for message in resp.get("messages") or []:
                if any(b.get("block_id") == wanted for b in message.get("blocks") or []):
                    return str(message["ts"])
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if not resp.get("has_more") or not cursor:
                return None
        raise Transient("uncertain:lookup_too_long")


def _kit(view: CheckView) -> Any:
    """The card's renderer: a message's check has its own (bot/slack/message_blocks.py)."""
    return message_blocks if view.message is not None else blocks


def _key(item: OutboxItem) -> GroupKey:
    return item.check_id if item.check_id is not None else ("item", item.item_id)


def _by_check(items: list[OutboxItem]) -> list[list[OutboxItem]]:
    """Items grouped by check, in order (an item of no check is a group of its own)."""
    groups: dict[GroupKey, list[OutboxItem]] = {}
    for item in items:
        groups.setdefault(_key(item), []).append(item)
    return list(groups.values())
