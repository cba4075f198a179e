"""Fetch one web page for ingest, safely: a URL from a chat message is untrusted input.

Only http(s); every address a host resolves to must be public (no loopback, private, link-local,
CGNAT, multicast or cloud-metadata range) unless ``allow_private`` (tests, on-premises sites), checked
again for every redirect hop by the resolver the connection itself uses (so a name that changes its
answer between a check and the connect cannot slip through). No cookies, no credentials, no proxy or
.netrc from the environment; a User-Agent that says who is asking. Limits: 5 redirects, 10 s in all,
5 MB of body, ``text/html`` or ``text/plain`` only.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from bot.articles.extract import decode, page_charset
from bot.errors import IngestRefused

USER_AGENT = "factbot/0.1 (newsroom fact-checking bot; fetches one article on an editor's request)"
ACCEPTED_TYPES = ("text/html", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """What one fetch may cost. The values are the issue's (17): 5 redirects, 10 s, 5 MB."""

    max_redirects: int = 5
    timeout: float = 10.0
    max_bytes: int = 5_000_000


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the URL it finally came from, its media type and its decoded text."""

    url: str
    media_type: str
    charset: str
    text: str


AddressPolicy = Callable[[str], bool]  # may factbot connect to this IP address?


class PrivateAddress(Exception):
    """Raised by the resolver: the host resolves to an address factbot must not reach."""


def is_public(address: str) -> bool:
    """A globally routable unicast address (IPv4-mapped IPv6 judged as the IPv4 it maps)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def address_policy(allow_private: bool) -> AddressPolicy:
    """Public addresses only, or (FACTBOT_FETCH_ALLOW_PRIVATE=1) any address."""
    return (lambda _address: True) if allow_private else is_public


class GuardedResolver(AbstractResolver):
    """The system resolver, refusing names that resolve to an address the policy forbids."""

    def __init__(self, policy: AddressPolicy) -> None:
        self._inner = ThreadedResolver()
        self.policy = policy

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        if not all(self.policy(r["host"]) for r in found):
            raise PrivateAddress(host)
        return found

    async def close(self) -> None:
        await self._inner.close()


def check_url(url: str, policy: AddressPolicy) -> str:
    """The URL if factbot may ask for it (before any connection): http(s), a host, no credentials,
    and not a literal private address (literals never reach the resolver)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        _ = parts.port  # a malformed port raises here
    except ValueError as exc:
        raise IngestRefused("ingest_bad_url") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise IngestRefused("ingest_bad_url")
    if parts.username or parts.password:
        raise IngestRefused("ingest_url_credentials")
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None and not policy(str(literal)):
        raise IngestRefused("ingest_private_address")
    return parts._replace(fragment="").geturl()


async def fetch_page(url: str, policy: AddressPolicy, limits: FetchLimits | None = None) -> Page:
    """GET ``url`` (following at most ``limits.max_redirects`` redirects, each checked) and decode it."""
    limits = limits or FetchLimits()
    connector = aiohttp.TCPConnector(resolver=GuardedResolver(policy), use_dns_cache=False, limit=1)
    try:
        async with (
            asyncio.timeout(limits.timeout),
            aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"},
                trust_env=False,
            ) as session,
        ):
            return await _follow(session, check_url(url, policy), policy, limits)
    except TimeoutError as exc:
        raise IngestRefused("ingest_timeout") from exc
    except PrivateAddress as exc:
        raise IngestRefused("ingest_private_address") from exc
    except aiohttp.ClientConnectorDNSError as exc:
        raise IngestRefused("ingest_dns") from exc
    except (aiohttp.ClientError, OSError) as exc:
        raise IngestRefused("ingest_unreachable") from exc


async def _follow(
    session: aiohttp.ClientSession, url: str, policy: AddressPolicy, limits: FetchLimits
) -> Page:
    for _hop in range(limits.max_redirects + 1):
        async with session.get(url, allow_redirects=False, auto_decompress=True) as resp:
            if resp.status in REDIRECTS and "Location" in resp.headers:
                url = check_url(urljoin(url, resp.headers["Location"]), policy)
                continue
            if resp.status in (404, 410):
                raise IngestRefused("ingest_not_found", status=resp.status)
            if resp.status >= 400:
                raise IngestRefused("ingest_http_error", status=resp.status)
            media_type = resp.content_type.lower()
            if media_type not in ACCEPTED_TYPES:
                raise IngestRefused("ingest_not_text", media_type=media_type or "?")
            body = await _read_capped(resp, limits.max_bytes)
            charset = page_charset(resp.charset, body)
            return Page(str(resp.url), media_type, charset, decode(body, charset))
    raise IngestRefused("ingest_too_many_redirects", limit=limits.max_redirects)


async def _read_capped(resp: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    if (resp.content_length or 0) > max_bytes:
        raise IngestRefused("ingest_too_large", limit=max_bytes // 1_000_000)
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(65536):
        size += len(chunk)
        if size > max_bytes:  # a body longer than it said, or one that never said
            raise IngestRefused("ingest_too_large", limit=max_bytes // 1_000_000)
        chunks.append(chunk)
    body = b"".join(chunks)
    if b"\x00" in body[:65536]:
        raise IngestRefused("ingest_binary")
    return body
