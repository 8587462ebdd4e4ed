"""RSS, Atom and JSON Feed reading."""

from __future__ import annotations

import pytest

from legation.errors import ParseError
from legation.sources.feeds import looks_like_feed, parse_feed, parse_json_feed
from tests.sources import pages

BASE = "http://site.test/feed"


def test_rss_items_titles_and_dates() -> None:
    listing = parse_feed(pages.rss(["http://site.test/a", "/b"]), BASE)
    assert listing.kind == "feed"
    assert listing.title == "Test RSS"
    assert [i.url for i in listing.items] == ["http://site.test/a", "http://site.test/b"]
    assert listing.items[0].title == "Item 0"
    assert listing.items[0].published == "2024-01-01T10:00:00Z"


def test_atom_alternate_links() -> None:
    listing = parse_feed(pages.atom(["http://site.test/x", "http://site.test/y"]), BASE)
    assert [i.url for i in listing.items] == ["http://site.test/x", "http://site.test/y"]
    assert listing.title == "Test Atom"
    assert listing.items[1].published == "2024-02-02T00:00:00Z"


def test_json_feed_by_hand() -> None:
    data = pages.json_feed(["http://site.test/j1", "j2"])
    assert looks_like_feed(data)
    listing = parse_feed(data, BASE)
    assert [i.url for i in listing.items] == ["http://site.test/j1", "http://site.test/j2"]
    assert listing.items[0].published == "2024-01-02"
    assert listing.title == "Test JSON Feed"


def test_json_feed_skips_items_without_url() -> None:
    data = b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": "1"}, 3]}'
    assert parse_json_feed(data, BASE).items == ()


@pytest.mark.parametrize(
    "data",
    [b"<html><body>not a feed</body></html>", b"", b'{"version": "2"}', b"\x00\x01binary"],
)
def test_non_feeds_are_parse_errors(data: bytes) -> None:
    with pytest.raises(ParseError, match="not a"):
        parse_feed(data, BASE)


def test_sniffing() -> None:
    assert looks_like_feed(pages.rss([]))
    assert looks_like_feed(pages.atom([]))
    assert not looks_like_feed(pages.article(1))
    assert not looks_like_feed(pages.sitemap(["http://site.test/a"]))
