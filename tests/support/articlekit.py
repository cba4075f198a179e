"""Articles written for the tests and a local web server that serves them every way a site does (and
every way a site fails): charsets, redirects, dead links, binary and oversized bodies, slow answers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

TITLE = "河湾市今年新建三座污水处理厂"
# A red flag of each kind: an internal contradiction (91% and 87%), a legal citation of an article the
# law does not have (the emergency-response law in seeds/evidence has 70), anonymous sources.
ARTICLE = f"""{TITLE}

河湾市水务局12月1日发布消息称，今年全市新建污水处理厂3座，日处理能力合计提高到45万吨。
水务局局长李明表示，今年全市污水处理率达到91%。
一位不愿透露姓名的业内人士透露，其中一座处理厂的设备采购价格比市场价高出三成。
据统计，全市今年在污水治理上的投入达到18.6亿元，同比增长12%。
该局同日公布的年报显示，今年全市污水处理率为87%。
有关部门表示，《突发事件应对法》第85条规定，城市供水企业必须储备三十天的应急用水。
市民王女士说，家门口的河道比去年干净多了。
"""
PARAGRAPHS = [line for line in ARTICLE.splitlines()[2:] if line]
NAV = "首页 | 新闻 | 体育 | 财经 | 登录"
SHARE = "分享到微信 分享到微博 复制链接"
RELATED = "相关阅读：邻市自来水厂扩建工程开工"
FOOTER = "版权所有 河湾日报社 京ICP备00000000号"


def page_html(
    title: str = TITLE, paragraphs: list[str] | None = None, charset: str = "utf-8", site: str = "河湾日报"
) -> str:
    """A news page as sites write them: navigation, share bar, related links and footer around the
    article; title, site and date in og:* tags and JSON-LD."""
    body = "".join(f"<p>{p}</p>\n" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2026-12-01T08:30:00+08:00",
        "publisher": {"@type": "Organization", "name": site},
    }
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>{title}_{site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<style>p {{ line-height: 1.8 }}</style></head>
<body><header><nav><a href="/">{NAV}</a></nav></header>
<div class="share-bar"><a href="#">{SHARE}</a></div>
<article><h1>{title}</h1>
<div class="article-body">{body}</div></article>
<aside class="related"><h3>相关阅读</h3><ul><li><a href="/r1">{RELATED}</a></li></ul></aside>
<footer><p>{FOOTER}</p></footer></body></html>"""


TRADITIONAL = [
    "海灣市政府今天公布，今年全市新建公共圖書館四座，館藏圖書合計增加到一百二十萬冊。",
    "文化局局長陳志明表示，全市圖書借閱量比去年增加百分之十五，市民反應熱烈。",
]


@dataclass
class PageServer:
    """Serves the test pages on 127.0.0.1; ``hits`` counts requests per path, ``headers`` keeps each
    request's headers (to see what factbot sends)."""

    port: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    headers: list[dict[str, str]] = field(default_factory=list)
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> (body, Content-Type)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve ``body`` at ``path`` (replacing what was there: an edited article); returns its URL."""
        self.pages[path] = (body.encode("utf-8") if isinstance(body, str) else body, content_type)
        return self.url(path)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.hits[path] = self.hits.get(path, 0) + 1
        self.headers.append(dict(request.headers))
        if path in self.pages:
            body, content_type = self.pages[path]
            return web.Response(body=body, headers={"Content-Type": content_type})
        if path.startswith("/hop/"):  # /hop/3 -> /hop/2 -> … -> /hop/0 -> the article
            left = int(path.rsplit("/", 1)[1])
            target = f"/hop/{left - 1}" if left > 0 else "/article.html"
            raise web.HTTPFound(target)
        if path == "/to":  # a redirect wherever the test says
            raise web.HTTPFound(request.query["url"])
        if path == "/slow":
            await asyncio.sleep(5)
            return web.Response(text="太慢了", content_type="text/plain")
        if path == "/huge":  # chunked, no Content-Length: only counting the bytes finds out
            response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
            await response.prepare(request)
            chunk = ("<p>" + "很长的网页" * 2000 + "</p>").encode()
            for _ in range(6_000_000 // len(chunk) + 2):
                await response.write(chunk)
            return response
        if path == "/set-cookie":
            response = web.HTTPFound("/article.html")
            response.set_cookie("session", "secret-session")
            raise response
        raise web.HTTPNotFound()


@asynccontextmanager
async def page_server() -> AsyncIterator[PageServer]:
    server = PageServer()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    server.serve("/article.html", page_html())
    try:
        yield server
    finally:
        await runner.cleanup()
