"""Fetching a page for ingest, against a real HTTP server on loopback: charsets, redirects, limits,
dead links, and the address checks that keep a pasted link from reaching internal services."""

from __future__ import annotations

import opencc
import pytest
from articlekit import PARAGRAPHS, TRADITIONAL, page_html, page_server

from bot.articles.fetch import (
    USER_AGENT,
    FetchLimits,
    GuardedResolver,
    address_policy,
    check_url,
    fetch_page,
    is_public,
)
from bot.errors import IngestRefused

ANY = address_policy(allow_private=True)  # FACTBOT_FETCH_ALLOW_PRIVATE=1: the test server is loopback
PUBLIC_ONLY = address_policy(allow_private=False)


def only(address: str):  # type: ignore[no-untyped-def]
    """A policy allowing one address: the test server counts as "public", every other address not."""
    return lambda ip: ip == address


async def refused(url: str, policy=ANY, limits: FetchLimits | None = None) -> IngestRefused:  # type: ignore[no-untyped-def]
    with pytest.raises(IngestRefused) as caught:
        await fetch_page(url, policy, limits)
    return caught.value


async def test_a_utf8_page_is_fetched_with_a_clear_user_agent_and_no_cookies() -> None:
    async with page_server() as server:
        page = await fetch_page(server.url("/set-cookie"), ANY)
    assert page.url.endswith("/article.html") and page.media_type == "text/html"
    assert PARAGRAPHS[0] in page.text
    sent = server.headers[-1]
    assert sent["User-Agent"] == USER_AGENT
    assert "Cookie" not in sent and "Authorization" not in sent  # the cookie set on the hop is not sent


@pytest.mark.parametrize("label", ["gbk", "gb2312", "GB18030"])
async def test_a_gbk_page_is_decoded_from_its_header(label: str) -> None:
    html = page_html(charset=label)
    async with page_server() as server:
        url = server.serve("/gbk.html", html.encode("gb18030"), f"text/html; charset={label}")
        page = await fetch_page(url, ANY)
    assert PARAGRAPHS[1] in page.text and page.charset == "gb18030"


async def test_a_gb2312_page_without_a_header_charset_is_decoded_from_its_meta() -> None:
    html = page_html(charset="gb2312")
    async with page_server() as server:
        url = server.serve("/meta.html", html.encode("gb2312"), "text/html")
        page = await fetch_page(url, ANY)
    assert PARAGRAPHS[2] in page.text


async def test_a_big5_page_is_decoded_from_its_header_and_its_meta() -> None:
    page = page_html(title="海灣市新建四座圖書館", paragraphs=TRADITIONAL, charset="big5", site="海灣日報")
    html = opencc.OpenCC("s2t").convert(page)  # the page's navigation and footer too
    async with page_server() as server:
        with_header = server.serve("/big5.html", html.encode("big5"), "text/html; charset=big5")
        meta_only = server.serve("/big5-meta.html", html.encode("big5"), "text/html")
        pages = [await fetch_page(with_header, ANY), await fetch_page(meta_only, ANY)]
    assert all(TRADITIONAL[1] in page.text for page in pages)


async def test_an_unlabelled_gbk_page_falls_back_to_gb18030() -> None:
    async with page_server() as server:
        url = server.serve("/plain.txt", "\n".join(PARAGRAPHS).encode("gbk"), "text/plain")
        page = await fetch_page(url, ANY)
    assert page.media_type == "text/plain" and PARAGRAPHS[3] in page.text


async def test_redirects_are_followed_up_to_five_and_no_further() -> None:
    async with page_server() as server:
        page = await fetch_page(server.url("/hop/4"), ANY)  # five redirects
        error = await refused(server.url("/hop/5"))  # six
    assert page.url.endswith("/article.html")
    assert error.key == "ingest_too_many_redirects" and error.values == {"limit": 5}


async def test_without_allow_private_loopback_is_refused_before_any_request() -> None:
    async with page_server() as server:
        literal = await refused(server.url("/article.html"), PUBLIC_ONLY)
        by_name = await refused(f"http://localhost:{server.port}/article.html", PUBLIC_ONLY)
    assert literal.key == by_name.key == "ingest_private_address"
    assert server.hits == {}


@pytest.mark.parametrize(
    "target",
    [
        "http://10.1.2.3/admin",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[::1]:8080/",
        "http://127.0.0.2/",
        "http://[::ffff:192.168.1.1]/",
        "http://100.64.0.1/",  # carrier-grade NAT
    ],
)
async def test_a_redirect_to_a_private_address_is_refused(target: str) -> None:
    async with page_server() as server:
        error = await refused(server.url(f"/to?url={target}"), only("127.0.0.1"))
    assert error.key == "ingest_private_address"
    assert server.hits == {"/to": 1}


async def test_the_resolver_refuses_a_name_that_resolves_to_loopback() -> None:
    resolver = GuardedResolver(PUBLIC_ONLY)
    with pytest.raises(Exception, match="localhost"):
        await resolver.resolve("localhost", 80)
    await resolver.close()


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("ftp://example.org/a.txt", "ingest_bad_url"),
        ("file:///etc/passwd", "ingest_bad_url"),
        ("javascript:alert(1)", "ingest_bad_url"),
        ("http://", "ingest_bad_url"),
        ("http://user:pass@example.org/", "ingest_url_credentials"),
        ("http://127.0.0.1/", "ingest_private_address"),
        ("http://0.0.0.0/", "ingest_private_address"),
    ],
)
def test_urls_are_checked_before_any_connection(url: str, key: str) -> None:
    with pytest.raises(IngestRefused) as caught:
        check_url(url, PUBLIC_ONLY)
    assert caught.value.key == key


def test_public_addresses_are_public() -> None:
    assert is_public("93.184.215.14") and is_public("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert not is_public("192.168.0.1") and not is_public("fd00:ec2::254") and not is_public("fe80::1")


async def test_dead_links_say_why() -> None:
    async with page_server() as server:
        missing = await refused(server.url("/missing"))
        slow = await refused(server.url("/slow"), limits=FetchLimits(timeout=0.3))
    unresolvable = await refused("http://no-such-host.invalid/article")
    assert (missing.key, missing.values) == ("ingest_not_found", {"status": 404})
    assert slow.key == "ingest_timeout"
    assert unresolvable.key == "ingest_dns"


async def test_binary_and_oversized_bodies_are_refused() -> None:
    async with page_server() as server:
        image = server.serve("/photo.jpg", b"\xff\xd8\xff\xe0" + bytes(200), "image/jpeg")
        disguised = server.serve("/fake.html", b"<html>" + bytes(100), "text/html")
        big = server.serve("/big.txt", b"a" * 2_000, "text/plain")
        errors = [
            await refused(image),
            await refused(disguised),
            await refused(server.url("/huge")),
            await refused(big, limits=FetchLimits(max_bytes=1_000)),
        ]
    assert [e.key for e in errors] == [
        "ingest_not_text",
        "ingest_binary",
        "ingest_too_large",
        "ingest_too_large",
    ]
    assert errors[0].values == {"media_type": "image/jpeg"}
