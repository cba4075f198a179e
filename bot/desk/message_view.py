"""A message's check as it stands now, for rendering at delivery time: each claim found in it, the
known claim it matched with that claim's current verdict, and the thread where that claim was checked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from bot.claims.models import Claim
from bot.store import claims as claim_store
from bot.store import messages as message_store
from bot.store.db import Database
from bot.verdicts.models import Verdict, unchecked

Verdicts = Callable[[Iterable[str]], Awaitable[dict[str, Verdict]]]


@dataclass(frozen=True, slots=True)
class MessageLine:
    """A claim of the message: ``claim`` is the known claim it matched (None: new, or not checkable)."""

    text: str
    checkable: bool
    claim: Claim | None = None
    verdict: Verdict | None = None
    thread: tuple[str, str] | None = None  # (channel, ts) where the known claim was checked before


@dataclass(frozen=True, slots=True)
class MessageView:
    lines: tuple[MessageLine, ...]
    version_title: str | None = None
    version_similarity: float | None = None
    links: dict[tuple[str, str], str] = field(default_factory=dict)  # thread -> permalink (the edge's)

    @property
    def known(self) -> tuple[MessageLine, ...]:
        return tuple(line for line in self.lines if line.claim is not None)

    @property
    def new(self) -> tuple[MessageLine, ...]:
        return tuple(line for line in self.lines if line.checkable and line.claim is None)

    @property
    def checkable(self) -> int:
        return sum(line.checkable for line in self.lines)

    @property
    def threads(self) -> set[tuple[str, str]]:
        return {line.thread for line in self.lines if line.thread}


async def message_view(db: Database, verdicts: Verdicts, check_id: int) -> MessageView | None:
    """The message a check answered, with current verdicts; None for a check of a query."""
    stored = await db.run(message_store.get_message, check_id)
    if stored is None:
        return None
    ids = [p.claim_id for p in stored.parts if p.claim_id]
    claims = await claim_store.get_claims(db, ids)
    current = await verdicts(claims)
    threads = await db.run(message_store.threads_of, ids, check_id)
    lines = tuple(
        MessageLine(
            p.text,
            p.status is not None,
            claims.get(p.claim_id) if p.claim_id else None,
            (current.get(p.claim_id) or unchecked(p.claim_id)) if p.claim_id else None,
            threads.get(p.claim_id) if p.claim_id else None,
        )
        for p in stored.parts
    )
    return MessageView(lines, stored.version_title, stored.version_similarity)
