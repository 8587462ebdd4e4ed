"""Small made-up feeds, sitemaps and article pages for the crawler tests (no real text)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence

__all__ = ["article", "atom", "home", "json_feed", "rss", "sitemap", "sitemap_index"]


def article(n: int, title: str | None = None) -> bytes:
    title = title or f"Article {n}"
    words = " ".join(f"word{(n * 7 + i) % 97}" for i in range(120))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta name="date" content="2024-03-{(n % 28) + 1:02d}"></head>'
        f"<body><article><h1>{title}</h1><p>Paragraph about topic {n}. {words}</p>"
        "</article></body></html>"
    ).encode()


def rss(links: Sequence[str], title: str = "Test RSS") -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link>"
        f"<pubDate>Mon, 0{i % 9 + 1} Jan 2024 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>{items}</channel></rss>"
    ).encode()


def atom(links: Sequence[str], title: str = "Test Atom") -> bytes:
    entries = "".join(
        f'<entry><title>Entry {i}</title><link rel="alternate" href="{link}"/>'
        f"<id>tag:test,2024:{i}</id><updated>2024-02-0{i % 9 + 1}T00:00:00Z</updated></entry>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>tag:test,2024:feed</id>"
        f"<updated>2024-02-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def json_feed(links: Sequence[str], title: str = "Test JSON Feed") -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "items": [
            {"id": str(i), "url": link, "title": f"Post {i}", "date_published": "2024-01-02"}
            for i, link in enumerate(links)
        ],
    }
    return json.dumps(feed).encode()


def sitemap(links: Sequence[str], lastmod: str = "2024-01-01", gz: bool = False) -> bytes:
    urls = "".join(f"<url><loc>{link}</loc><lastmod>{lastmod}</lastmod></url>" for link in links)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()
    return gzip.compress(body) if gz else body


def sitemap_index(links: Sequence[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{link}</loc></sitemap>" for link in links)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'
    ).encode()


def home(feed_hrefs: Sequence[tuple[str, str]], title: str = "Test Institute") -> bytes:
    """A home page advertising feeds: (type, href) pairs."""
    links = "".join(
        f'<link rel="alternate" type="{kind}" href="{href}" title="{title} feed">'
        for kind, href in feed_hrefs
    )
    return (
        f"<!doctype html><html><head><title>{title}</title>{links}</head>"
        "<body><h1>Welcome</h1></body></html>"
    ).encode()
