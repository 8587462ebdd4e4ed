"""What a URL is: feed, sitemap, or a home page that leads to its feed or sitemap."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from legation.sources.discovery import detect, discover_feeds
from legation.sources.http import Fetcher, FetchOptions
from tests.sources import pages
from tests.sources.server import LocalServer, Reply


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchOptions(user_agent="LegationTest/1.0", timeout=2.0)) as live:
        yield live


def test_discover_feeds_from_link_alternate() -> None:
    html = (
        b'<html><head><base href="http://site.test/en/">'
        b'<link rel="alternate" type="application/rss+xml" href="feed.xml">'
        b'<link rel="Alternate" type="application/atom+xml" href="/atom.xml">'
        b'<link rel="alternate" type="application/rss+xml" href="feed.xml">'
        b'<link rel="alternate" type="application/json+oembed" href="/oembed">'
        b'<link rel="alternate" type="application/json" href="/wp-json/page/1">'
        b'<link rel="alternate" type="application/feed+json" href="/feed.json">'
        b'<link rel="stylesheet" type="text/css" href="/s.css"></head></html>'
    )
    assert discover_feeds(html, "http://site.test/") == [
        "http://site.test/en/feed.xml",
        "http://site.test/atom.xml",
        "http://site.test/feed.json",
    ]


def test_detect_feed_sitemap_and_json_feed(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/rss"] = Reply(body=pages.rss([]), content_type="application/rss+xml")
    server.routes["/sm.xml"] = Reply(body=pages.sitemap([]), content_type="application/xml")
    server.routes["/f.json"] = Reply(body=pages.json_feed([]), content_type="application/json")
    assert detect(fetcher, server.url("/rss")).kind == "feed"
    assert detect(fetcher, server.url("/rss")).title == "Test RSS"
    assert detect(fetcher, server.url("/sm.xml")).kind == "sitemap"
    assert detect(fetcher, server.url("/f.json")).kind == "feed"


def test_detect_home_page_follows_its_first_working_feed(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/"] = Reply(
        body=pages.home([("application/rss+xml", "/dead.xml"), ("application/atom+xml", "/a")])
    )
    server.routes["/a"] = Reply(body=pages.atom([]), content_type="application/atom+xml")
    found = detect(fetcher, server.url("/"))
    assert (found.kind, found.url) == ("feed", server.url("/a"))
    assert found.title == "Test Atom"
    assert found.note == f"feed of {server.url('/')}"


def test_detect_home_page_without_feed(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/"] = Reply(body=pages.home([], title="No Feeds Here"))
    found = detect(fetcher, server.url("/"))
    assert (found.kind, found.url, found.title) == ("page", server.url("/"), "No Feeds Here")
    server.routes["/robots.txt"] = Reply(body=f"Sitemap: {server.url('/sm.xml')}\n".encode())
    with Fetcher(FetchOptions(user_agent="LegationTest/1.0")) as fresh:
        found = detect(fresh, server.url("/"))
    assert (found.kind, found.url) == ("sitemap", server.url("/sm.xml"))
