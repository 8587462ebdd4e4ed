"""What kind of source a URL is: a feed, a sitemap, or a home page whose feeds we find.

Feeds are discovered the way browsers and feed readers do it, from
``<link rel="alternate" type="application/rss+xml" href="...">`` in the page head;
failing that, the sitemaps a site names in its robots.txt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from legation.errors import LegationError, ParseError
from legation.sources.feeds import looks_like_feed, parse_feed
from legation.sources.http import LISTING_TYPES, Fetcher, FetchResult
from legation.sources.sitemaps import looks_like_sitemap, parse_sitemap

__all__ = ["Detected", "detect", "discover_feeds"]

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Detected:
    url: str
    kind: Literal["feed", "sitemap", "page"]
    title: str | None = None
    note: str | None = None  # how it was found, for the user


def discover_feeds(html: bytes, base_url: str) -> list[str]:
    """Feed URLs a page advertises, in page order, without duplicates."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None and base_node.attributes.get("href"):
        base = urljoin(base_url, base_node.attributes["href"] or "")
    found: list[str] = []
    for node in tree.css("link[rel][href]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        media = (node.attributes.get("type") or "").split(";", 1)[0].strip().lower()
        if "alternate" not in rels or media not in _FEED_TYPES:
            continue
        if (
            media in ("application/json", "application/xml", "text/xml")
            and "feed"
            not in (
                (node.attributes.get("title") or "") + (node.attributes.get("href") or "")
            ).lower()
        ):
            continue  # generic JSON/XML alternates are often APIs (oEmbed), not feeds
        url = urljoin(base, (node.attributes.get("href") or "").strip())
        if url not in found:
            found.append(url)
    return found


def _page_title(html: bytes) -> str | None:
    from selectolax.lexbor import LexborHTMLParser

    node = LexborHTMLParser(html).css_first("title")
    title = " ".join(node.text().split()) if node is not None else ""
    return title or None


def _as_listing(result: FetchResult) -> Detected | None:
    data, url = result.data, result.final_url
    try:
        if looks_like_sitemap(data):
            listing = parse_sitemap(data, url)
            return Detected(url=result.url, kind="sitemap", title=listing.title)
        if looks_like_feed(data):
            listing = parse_feed(data, url, result.content_type)
            return Detected(url=result.url, kind="feed", title=listing.title)
    except ParseError:
        return None
    return None


def detect(fetcher: Fetcher, url: str) -> Detected:
    """Fetch ``url`` and say what source it is; a home page leads to its first feed."""
    result = fetcher.get(url, accept=LISTING_TYPES | {"application/xhtml+xml"})
    listing = _as_listing(result)
    if listing is not None:
        return listing
    title = _page_title(result.data)
    for feed_url in discover_feeds(result.data, result.final_url):
        try:
            feed = fetcher.get(feed_url, accept=LISTING_TYPES)
        except LegationError:  # a dead advertised feed: try the next one
            continue
        found = _as_listing(feed)
        if found is not None and found.kind == "feed":
            return Detected(
                url=feed_url, kind="feed", title=found.title or title, note=f"feed of {url}"
            )
    sitemaps = fetcher.robots.sitemaps(result.final_url)
    if sitemaps:
        note = f"sitemap named in robots.txt of {url}"
        return Detected(url=sitemaps[0], kind="sitemap", title=title, note=note)
    return Detected(url=url, kind="page", title=title, note="no feed or sitemap found")
