"""Sitemaps: url sets, indexes, gzip, text lists, and the guards."""

from __future__ import annotations

import gzip

import pytest

from legation.errors import ParseError
from legation.sources.sitemaps import gunzip, looks_like_sitemap, parse_sitemap
from tests.sources import pages

BASE = "http://site.test/sitemap.xml"


def test_urlset_with_lastmod() -> None:
    listing = parse_sitemap(pages.sitemap(["http://site.test/a", "http://site.test/b"]), BASE)
    assert [(i.url, i.published) for i in listing.items] == [
        ("http://site.test/a", "2024-01-01"),
        ("http://site.test/b", "2024-01-01"),
    ]
    assert listing.sitemaps == ()


def test_index_and_gzip() -> None:
    index = parse_sitemap(pages.sitemap_index(["http://site.test/s1.xml.gz"]), BASE)
    assert [s.url for s in index.sitemaps] == ["http://site.test/s1.xml.gz"]
    assert index.items == ()
    packed = pages.sitemap(["http://site.test/z"], gz=True)
    assert looks_like_sitemap(packed)
    assert [i.url for i in parse_sitemap(packed, BASE).items] == ["http://site.test/z"]


def test_text_sitemap() -> None:
    data = b"http://site.test/1\n\nhttp://site.test/2\n"
    assert looks_like_sitemap(data)
    assert [i.url for i in parse_sitemap(data, BASE).items] == [
        "http://site.test/1",
        "http://site.test/2",
    ]


def test_other_hosts_dropped() -> None:
    data = pages.sitemap(["http://site.test/mine", "http://elsewhere.test/theirs"])
    assert [i.url for i in parse_sitemap(data, BASE).items] == ["http://site.test/mine"]


def test_broken_inputs() -> None:
    with pytest.raises(ParseError, match="not a sitemap"):
        parse_sitemap(b"<urlset><url><loc>http://site.test/a", BASE)
    with pytest.raises(ParseError, match="root element is html"):
        parse_sitemap(b"<html><body/></html>", BASE)
    with pytest.raises(ParseError, match="broken gzip"):
        parse_sitemap(b"\x1f\x8b\x08garbage", BASE)
    assert not looks_like_sitemap(pages.rss(["http://site.test/a"]))


def test_gzip_bomb_refused() -> None:
    bomb = gzip.compress(b"0" * 200_000)
    with pytest.raises(ParseError, match="over 100000 bytes"):
        gunzip(bomb, limit=100_000)
