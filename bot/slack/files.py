"""Slack files for ingest: files.info for a file's private URL, then that URL with the bot token."""

from __future__ import annotations

from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.desk.articles import FILE_SUFFIXES, MAX_FILE_BYTES, FileLoader, LoadedFile
from bot.errors import IngestRefused

FILE_TIMEOUT = 10.0  # the same bound as a fetched page (bot/articles/fetch.py)


def file_loader(client: AsyncWebClient, settings: Settings) -> FileLoader:
    """Read a Slack file: files.info for its private URL, then that URL with the bot token. The token
    is only ever sent to Slack's own hosts (the API's, files.slack.com)."""
    allowed = {urlsplit(settings.slack_api_url).hostname, "files.slack.com"}

    async def load(file_id: str) -> LoadedFile:
        try:
            info = (await client.files_info(file=file_id)).get("file") or {}
        except SlackApiError as exc:
            raise IngestRefused("ingest_file_unreadable") from exc
        name = str(info.get("name") or file_id)
        if not name.lower().endswith(FILE_SUFFIXES):
            raise IngestRefused("ingest_file_type", name=name)
        if int(info.get("size") or 0) > MAX_FILE_BYTES:
            raise IngestRefused("ingest_too_large", limit=MAX_FILE_BYTES // 1_000_000)
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        if urlsplit(url).hostname not in allowed:
            raise IngestRefused("ingest_file_unreadable")
        return LoadedFile(name, await _download(url, settings.slack_bot_token))

    return load


async def _download(url: str, token: str) -> bytes:
    headers = {"Authorization": f"Bearer {token}"}
    timeout = aiohttp.ClientTimeout(total=FILE_TIMEOUT)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as session,
            session.get(url, headers=headers, allow_redirects=False) as resp,
        ):
            if resp.status != 200:
                raise IngestRefused("ingest_file_unreadable")
            chunks: list[bytes] = []
            size = 0
            async for chunk in resp.content.iter_chunked(65536):
                size += len(chunk)
                if size > MAX_FILE_BYTES:  # larger than files.info said
                    raise IngestRefused("ingest_too_large", limit=MAX_FILE_BYTES // 1_000_000)
                chunks.append(chunk)
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise IngestRefused("ingest_file_unreadable") from exc
    return b"".join(chunks)
