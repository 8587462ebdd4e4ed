"""RSS, Atom and JSON Feed: the item links a feed lists.

feedparser reads RSS and Atom; it does not know JSON Feed (jsonfeed.org), which is
small enough to read by hand here.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urljoin

from legation.errors import ParseError
from legation.sources.listing import ListedItem, Listing

__all__ = ["looks_like_feed", "parse_feed", "parse_json_feed"]

_JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf ")


def _head(data: bytes) -> bytes:
    return data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def _is_json_feed(data: bytes) -> bool:
    head = _head(data)
    return head.startswith(b"{") and b"jsonfeed.org/version" in data[:4096]


def looks_like_feed(data: bytes) -> bool:
    """A cheap sniff: a JSON Feed, or XML whose root is rss, feed (Atom) or rdf (RSS 1.0)."""
    if _is_json_feed(data):
        return True
    head = _head(data)
    return any(root in head for root in _FEED_ROOTS)


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> Listing:
    """The items of an RSS, Atom or JSON feed; ParseError when it is none of them."""
    if _is_json_feed(data):
        return parse_json_feed(data, url)
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed found"
        raise ParseError(f"not a feed: {url}: {str(reason).splitlines()[0]}")
    items = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link:
            items.append(
                ListedItem(
                    url=urljoin(url, link),
                    title=_clean(entry.get("title")),
                    published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                )
            )
    return Listing(kind="feed", title=_clean(parsed.feed.get("title")), items=tuple(items))


def _entry_link(entry: Any) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    link = entry.get("link") or entry.get("id")
    if isinstance(link, str) and link.startswith(("http://", "https://", "/")):
        return link
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _iso(value: Any) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)


def parse_json_feed(data: bytes, url: str) -> Listing:
    """A JSON Feed (versions 1 and 1.1)."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"not a JSON Feed: {url}: {exc}") from None
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(
        _JSON_FEED_VERSION
    ):
        raise ParseError(f"not a JSON Feed: {url}: no jsonfeed.org version")
    items = []
    for entry in feed.get("items") or []:
        if not isinstance(entry, dict):
            continue
        link = entry.get("url") or entry.get("external_url")
        if not isinstance(link, str) or not link.strip():
            continue
        published = entry.get("date_published") or entry.get("date_modified")
        items.append(
            ListedItem(
                url=urljoin(url, link.strip()),
                title=_clean(entry.get("title")),
                published=published if isinstance(published, str) else None,
            )
        )
    return Listing(kind="feed", title=_clean(feed.get("title")), items=tuple(items))
