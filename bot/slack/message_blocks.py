"""Block Kit for a message's check (long text answered claim by claim): pure functions like blocks.py.

The card says what the message holds (how many checkable claims, which are known with their verdicts
and a link to the thread where each was checked, which are new, and whether the whole is a version of
an ingested text); the thread reply gives each known claim's rationale. Reviewing happens in each
claim's own thread, so the reply carries no buttons.
"""

from __future__ import annotations

from bot.desk.message_view import MessageLine, MessageView
from bot.desk.review import CheckView
from bot.messages import t
from bot.slack.blocks import Block, badge, bullets, clip, context, escape, fit, link, rationale, section

QUOTE_CHARS = 600  # of the message quoted on the card: enough to recognise it
CLAIM_CHARS = 300
RATIONALE_CHARS = 500


def _message(view: CheckView) -> MessageView:
    assert view.message is not None, "a message's card needs the message"
    return view.message


def _summary(message: MessageView, locale: str) -> str:
    counts = {"checkable": message.checkable, "known": len(message.known), "new": len(message.new)}
    return t("message_summary", locale, **counts)


def _known_line(line: MessageLine, message: MessageView, locale: str) -> str:
    assert line.claim is not None and line.verdict is not None
    text = f"• {badge(line.verdict.label, locale)}  {escape(clip(line.text, CLAIM_CHARS))}"
    url = message.links.get(line.thread) if line.thread else None
    return text + (f"  {link(url, t('slack_message_thread', locale))}" if url else "")


def card(view: CheckView, locale: str, marker: str | None = None) -> list[Block]:
    """The parent card of a message's check."""
    message = _message(view)
    asker = f"<@{view.check.user_id}>" if view.check.user_id else "?"
    quoted = escape(clip(" ".join(view.check.query.split()), QUOTE_CHARS))
    blocks = [section(t("slack_asked_by", locale, user=asker) + "\n>" + quoted, marker)]
    blocks.append(section(_summary(message, locale)))
    if message.version_title is not None and message.version_similarity is not None:
        similarity = message.version_similarity
        blocks.append(
            context(t("message_version", locale, title=escape(message.version_title), similarity=similarity))
        )
    if message.known:
        lines = [_known_line(line, message, locale) for line in message.known]
        blocks.append(bullets(t("slack_message_known", locale), lines, locale))
    if message.new:
        lines = [f"• {escape(clip(line.text, CLAIM_CHARS))}" for line in message.new]
        blocks.append(bullets(t("slack_message_new", locale), lines, locale))
    if not message.checkable:
        blocks.append(section(t("message_none", locale)))
    return fit(blocks)


def card_text(view: CheckView, locale: str) -> str:
    """The notification text that goes with the card."""
    message = _message(view)
    return t("slack_message_fallback", locale, known=len(message.known), new=len(message.new))


def reply(view: CheckView, locale: str, marker: str | None = None) -> list[Block]:
    """The thread reply: each known claim with its verdict and why; then the new ones."""
    message = _message(view)
    blocks: list[Block] = [section(_summary(message, locale), marker)]
    for line in message.known:
        assert line.claim is not None and line.verdict is not None
        why = escape(clip(rationale(line.verdict, locale), RATIONALE_CHARS))
        text = f"{_known_line(line, message, locale)}\n{t('slack_matched_claim', locale, text=escape(clip(line.claim.text, CLAIM_CHARS)))}"
        blocks.append(section(text + "\n" + t("slack_rationale", locale, text=why)))
    if message.new:
        lines = [f"• {escape(clip(line.text, CLAIM_CHARS))}" for line in message.new]
        blocks.append(bullets(t("slack_message_new", locale), lines, locale))
    return fit(blocks)
