"""The command line: ingest, claims, check, export, serve, digest, manifest. Errors -> exit codes."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot import render
from bot.config import Settings
from bot.desk.export import claim_reviews
from bot.desk.service import Desk
from bot.errors import ConfigError, FactbotError, IngestRefused
from bot.messages import CATALOG, t
from bot.verdicts.labels import parse_label

log = logging.getLogger("bot.cli")
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factbot", description="Newsroom fact-checking for Chinese news.")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="ingest article files (UTF-8 text, optional NAME.meta.json)")
    ingest.add_argument("paths", nargs="+", type=Path)

    claims = sub.add_parser("claims", help="list the claims of the ingested articles")
    claims.add_argument("--article", help="only this article id")
    claims.add_argument(
        "--family", type=int, metavar="ID", help="one claim family: its ruling, appearances and history"
    )
    claims.add_argument("--json", action="store_true", help="one JSON object per line")
    claims.add_argument("--verdicts", action="store_true", help="show each claim's current verdict")
    claims.add_argument(
        "--markdown", action="store_true", help="a Markdown table with verdicts and top signal"
    )

    check = sub.add_parser("check", help="find the claim a text refers to and show its verdict")
    check.add_argument("query", nargs="*", help="the text to check (each argument is one query)")
    read = check.add_mutually_exclusive_group()
    read.add_argument("--stdin", action="store_true", help="read one query per line from stdin")
    read.add_argument(
        "--message", action="store_true", help="read all of stdin as one text: a message as it was pasted"
    )
    check.add_argument("--json", action="store_true", help="one JSON object per query and line")

    export = sub.add_parser(
        "export",
        help="export verdicts as schema.org ClaimReview JSON-LD, or the stored 'did you mean' picks",
    )
    export.add_argument(
        "--format",
        choices=["claimreview", "picks"],
        default="claimreview",
        help="claimreview: reviewed verdicts (JSON-LD); picks: one JSON line per 'did you mean' pick "
        "(query, claim_id, claim, user, when, kind), evaluation data for the lookup",
    )
    export.add_argument("--out", type=Path, help="file to write (default: stdout)")
    export.add_argument("--include-auto", action="store_true", help="also automated verdicts")

    verdict = sub.add_parser("verdict", help="record a reviewer verdict as a local operator")
    verdict.add_argument("claim_id")
    verdict.add_argument("label")
    verdict.add_argument("rationale")
    verdict.add_argument("--author", default="cli")
    verdict.add_argument("--evidence-url")

    sub.add_parser("serve", help="run the Slack app (Socket Mode if SLACK_APP_TOKEN is set, else HTTP)")
    digest = sub.add_parser("digest", help="render (or post) the digest of a period")
    digest.add_argument("--since", help="ISO time; default: the end of the previous digest")
    digest.add_argument("--json", action="store_true")
    digest.add_argument("--post", action="store_true", help="post it to FACTBOT_DIGEST_CHANNEL")
    manifest = sub.add_parser("manifest", help="print the Slack app manifest (JSON)")
    manifest.add_argument("--http", metavar="URL", help="HTTP mode: requests go to URL/slack/events")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except FactbotError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    standalone = STANDALONE.get(args.command)
    if standalone is not None:
        return standalone(settings, args)
    handler = COMMANDS.get(args.command)
    if handler is None:
        return _extension(args, settings)
    try:
        return asyncio.run(_with_desk(settings, lambda desk: handler(desk, args)))
    except FactbotError as exc:
        print(f"factbot: {explain(exc, settings.locale)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def explain(exc: FactbotError, locale: str) -> str:
    """A catalog message when the error carries a catalog key, else its own (safe) text."""
    if isinstance(exc, IngestRefused):  # a page refused by the extractor: its values fill the message
        return t(exc.key, locale, **exc.values)
    key = str(exc)
    if key in CATALOG:
        return t(key, locale, limit=2000, label="", what="")
    return key


async def _with_desk(settings: Settings, body: Callable[[Desk], Awaitable[int]]) -> int:
    desk = await Desk.open(settings)
    try:
        return await body(desk)
    finally:
        await desk.close()


async def _ingest(desk: Desk, args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths
    failures = 0
    for index, result in enumerate(await desk.library.ingest_paths(paths), 1):
        if isinstance(result, FactbotError):
            failures += 1
            print(f"factbot: {explain(result, desk.settings.locale)}", file=sys.stderr)
            continue
        prefix = f"[{index}/{len(paths)}] " if len(paths) > 1 else ""
        print(prefix + t("cli_ingested", desk.settings.locale, **report_fields(result)))
    return EXIT_ERROR if failures else EXIT_OK


def report_fields(report: Any) -> dict[str, Any]:
    return {
        "article_id": report.article_id,
        "status": report.status,
        "claims": report.claims,
        "added": report.added,
        "kept": report.kept,
        "retired": report.retired,
        "seconds": report.seconds,
    }


async def _claims(desk: Desk, args: argparse.Namespace) -> int:
    if args.family is not None:
        family = await desk.families.family(args.family)
        as_json = json.dumps(render.family_json(family), ensure_ascii=False)
        print(as_json if args.json else render.family_text(family, desk.settings.locale))
        return EXIT_OK
    claims = await desk.claims(args.article)
    verdicts = await desk.verdicts(c.claim_id for c in claims) if (args.verdicts or args.json) else {}
    if args.json:
        families = await desk.families.families_of(c.claim_id for c in claims)
        for claim in claims:
            row = render.claim_json(claim, verdicts.get(claim.claim_id), families.get(claim.claim_id))
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    if not claims:
        print(t("cli_no_claims", desk.settings.locale))
        return EXIT_OK
    if args.markdown:
        verdicts = await desk.verdicts(c.claim_id for c in claims)
        print(render.claims_markdown(claims, verdicts, desk.settings.locale))
        return EXIT_OK
    print(render.claims_table(claims, verdicts if args.verdicts else None, desk.settings.locale))
    return EXIT_OK


async def _check(desk: Desk, args: argparse.Namespace) -> int:
    queries: list[str] = list(args.query)
    if args.stdin:
        queries += [line.rstrip("\n") for line in sys.stdin if line.strip()]
    if args.message and (pasted := sys.stdin.read()).strip():
        queries.append(pasted)
    if not queries:
        print(t("empty_query", desk.settings.locale), file=sys.stderr)
        return EXIT_USAGE
    failures = 0
    for query in queries:
        try:
            outcome = await desk.check(query, origin="cli")
        except FactbotError as exc:
            failures += 1
            if args.json:
                print(
                    json.dumps(
                        {"query": query, "error": explain(exc, desk.settings.locale)}, ensure_ascii=False
                    )
                )
            else:
                print(f"factbot: {explain(exc, desk.settings.locale)}", file=sys.stderr)
            continue
        if outcome.message is not None:  # long text: answered claim by claim, still one line of JSON
            as_json, as_text = render.message_json, render.message_text
        else:
            as_json, as_text = render.outcome_json, render.outcome_text
        if args.json:
            print(json.dumps(as_json(outcome), ensure_ascii=False))
        else:
            print(as_text(outcome, desk.settings.locale))
    return EXIT_ERROR if failures else EXIT_OK


async def _export(desk: Desk, args: argparse.Namespace) -> int:
    if args.format == "picks":
        return await _export_picks(desk, args)
    claims = await desk.claims()
    articles = {a.article_id: a for a in await desk.articles()}
    verdicts = await desk.verdicts(c.claim_id for c in claims)
    families = await desk.families.families_of(c.claim_id for c in claims)
    reviews = claim_reviews(claims, articles, verdicts, include_auto=args.include_auto, families=families)
    payload = json.dumps(reviews, ensure_ascii=False, indent=2)
    if args.out is None:
        print(payload)
    else:
        args.out.write_text(payload + "\n", encoding="utf-8")
        print(t("cli_exported", desk.settings.locale, count=len(reviews), path=args.out))
    return EXIT_OK


async def _export_picks(desk: Desk, args: argparse.Namespace) -> int:
    """JSON Lines, oldest first: what people said a query meant, to become evaluation pairs."""
    lines = [json.dumps(render.pick_json(row), ensure_ascii=False) for row in await desk.picks.export()]
    if args.out is None:
        for line in lines:
            print(line)
    else:
        args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(t("cli_exported_picks", desk.settings.locale, count=len(lines), path=args.out))
    return EXIT_OK


async def _verdict(desk: Desk, args: argparse.Namespace) -> int:
    """A local operator's ruling (whoever can run the CLI on the server is trusted)."""
    label = parse_label(args.label)
    if label is None:
        print(f"factbot: {t('bad_label', desk.settings.locale, label=args.label)}", file=sys.stderr)
        return EXIT_USAGE
    await desk.set_verdict(
        args.claim_id, label, args.rationale, f"cli:{args.author}", args.evidence_url, local_operator=True
    )
    return EXIT_OK


async def _digest(desk: Desk, args: argparse.Namespace) -> int:
    """Print the digest of the current period, or post it: claimed like a scheduled one, so never twice."""
    from bot.digest.content import to_json
    from bot.slack.digest import digest_text

    locale, tz = desk.settings.locale, desk.settings.tz
    try:
        since = datetime.fromisoformat(args.since) if args.since else None
    except ValueError:
        print(f"factbot: {t('digest_bad_since', locale, value=args.since)}", file=sys.stderr)
        return EXIT_USAGE
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=ZoneInfo(tz))  # a bare time is the newsroom's
    if args.post:
        return await _post_digest(desk, since)
    digest = await desk.digests.build(await desk.digests.current_period(since))
    if args.json:
        print(json.dumps(to_json(digest), ensure_ascii=False, indent=2))
    else:
        print(digest_text(digest, locale, tz, slack=False))
    return EXIT_OK


async def _post_digest(desk: Desk, since: datetime | None) -> int:
    """Claim the period up to now and deliver it at once; a failed post stays queued for ``serve``."""
    from bot.slack.app import build_client
    from bot.slack.deliver import Deliverer, DeliveryPolicy

    locale = desk.settings.locale
    if not desk.settings.slack_bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN is not set or malformed: a bot token starts with xoxb-")
    claimed = await desk.digests.claim(desk.digests.until_now(), origin="manual", since=since)
    if claimed.outbox_id is None:
        print(t("cli_digest_skipped" if claimed.status == "skipped_empty" else "cli_digest_taken", locale))
        return EXIT_OK
    policy = DeliveryPolicy()
    client = build_client(desk.settings, policy)
    queued = await desk.digests.outbox_item(claimed.outbox_id)
    if queued is not None:
        await Deliverer(desk, client, policy).deliver(queued)
    item = await desk.digests.outbox_item(claimed.outbox_id)
    if item is not None and item.status == "delivered":
        print(t("cli_digest_posted", locale, channel=item.channel_id, ts=item.delivered_ts))
        return EXIT_OK
    error = item.last_error if item else "?"
    key = "cli_digest_failed" if item is not None and item.status == "failed" else "cli_digest_queued"
    print(f"factbot: {t(key, locale, error=error)}", file=sys.stderr)
    return EXIT_ERROR


COMMANDS: dict[str, Callable[[Desk, argparse.Namespace], Awaitable[int]]] = {
    "ingest": _ingest,
    "claims": _claims,
    "check": _check,
    "export": _export,
    "verdict": _verdict,
    "digest": _digest,
}


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    """Run the Slack app; it opens its own desk once the tokens are known to be well formed."""
    from bot.slack.serve import serve

    try:
        asyncio.run(serve(settings))
    except FactbotError as exc:
        print(f"factbot: {explain(exc, settings.locale)}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return EXIT_OK


def _manifest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.slack.manifest import manifest

    print(json.dumps(manifest(args.http), ensure_ascii=False, indent=2))
    return EXIT_OK


# Commands that manage their own desk (or need none): imported lazily, they pull in Slack.
STANDALONE: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "serve": _serve,
    "manifest": _manifest,
}


def _extension(args: argparse.Namespace, settings: Settings) -> int:
    """Commands implemented in their own modules (imported lazily: they pull in Slack or the scheduler)."""
    print(f"factbot: '{args.command}' is not available yet", file=sys.stderr)
    return EXIT_USAGE
