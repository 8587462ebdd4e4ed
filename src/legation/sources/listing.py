"""What a listing (feed or sitemap) gives the crawler: item URLs and child sitemaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ListedItem", "Listing", "read_listing"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListedItem:
    url: str
    title: str | None = None
    published: str | None = None  # as the listing gave it: feed date or sitemap lastmod


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    kind: Literal["feed", "sitemap"]
    title: str | None = None
    items: tuple[ListedItem, ...] = ()
    sitemaps: tuple[ListedItem, ...] = ()  # children of a sitemap index


def read_listing(data: bytes, url: str, content_type: str | None = None) -> Listing:
    """A feed or a sitemap, whichever the bytes are; ParseError when neither."""
    from legation.sources.feeds import looks_like_feed, parse_feed
    from legation.sources.sitemaps import looks_like_sitemap, parse_sitemap

    if looks_like_sitemap(data):
        return parse_sitemap(data, url)
    if looks_like_feed(data):
        return parse_feed(data, url, content_type)
    # Neither sniff matched: let feedparser have the last word (it reads odd feeds too).
    return parse_feed(data, url, content_type)
