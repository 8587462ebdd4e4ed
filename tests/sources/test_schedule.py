"""Crawling into a real library (store + index) and on a schedule."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from legation.pipeline import IngestOptions, Library
from legation.settings import Settings
from legation.sources.crawl import CrawlOptions
from legation.sources.http import FetchOptions
from legation.sources.schedule import crawl_library, run_periodically
from legation.sources.state import CrawlState
from tests.sources import pages
from tests.sources.server import LocalServer, Reply
from tests.sources.tinyhtml import install

FAST = FetchOptions(user_agent="LegationTest/1.0", timeout=2.0, backoff=0.05, max_retries=1)
NO_ENRICH = IngestOptions(enrich=False)


@pytest.fixture(autouse=True)
def html_parser() -> Iterator[None]:
    from legation.parse import registry

    install()
    yield
    registry.unregister_parser("tinyhtml")


def _articles(server: LocalServer, n: int) -> list[str]:
    for i in range(n):
        server.routes[f"/a/{i}"] = Reply(body=pages.article(i), etag=f'"{i}"')
    return [server.url(f"/a/{i}") for i in range(n)]


def test_feed_and_sitemap_of_one_site_make_no_duplicates(
    server: LocalServer, tmp_path: Path
) -> None:
    links = _articles(server, 6)
    # The feed lists old http-style aliases that redirect to the canonical pages.
    for i in range(3):
        server.routes[f"/old/{i}"] = Reply(status=301, headers={"Location": f"/a/{i}"})
    feed_links = [server.url(f"/old/{i}") for i in range(3)] + links[3:]
    server.routes["/feed.xml"] = Reply(
        body=pages.rss(feed_links), content_type="application/rss+xml"
    )
    server.routes["/sitemap.xml"] = Reply(body=pages.sitemap(links), content_type="text/xml")
    settings = Settings(data=tmp_path / "lib")
    options = CrawlOptions(delay=0.0, fetch=FAST)
    with Library.open(settings) as library:
        state = CrawlState(library.store)
        state.add_source(server.url("/feed.xml"), "feed")
        state.add_source(server.url("/sitemap.xml"), "sitemap")
        run = crawl_library(library, options, NO_ENRICH)
        assert library.store.count() == 6
        assert run.ingest.as_dict()["added"] == 6
        again = crawl_library(library, options, NO_ENRICH)
        assert library.store.count() == 6
        assert again.crawl.fetched == 0
        urls = sorted(doc.url or "" for doc in library.store.iter_documents())
        assert urls == sorted(links)
        assert library.index.count() == 6


def test_unparsable_pages_still_leave_crawl_state(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/t.txt"] = Reply(body=b"\x00\x01\x02", content_type="text/plain")
    server.routes["/feed.xml"] = Reply(
        body=pages.rss([server.url("/t.txt")]), content_type="application/rss+xml"
    )
    with Library.open(Settings(data=tmp_path / "lib")) as library:
        CrawlState(library.store).add_source(server.url("/feed.xml"), "feed")
        run = crawl_library(library, CrawlOptions(delay=0.0, fetch=FAST), NO_ENRICH)
        assert run.ingest.as_dict()["failed"] == 1
        assert library.store.failures()[0].locator == server.url("/t.txt")
        assert CrawlState(library.store).counts() == {"done": 1}


def test_run_periodically_until_stopped(server: LocalServer, tmp_path: Path) -> None:
    links = _articles(server, 3)
    server.routes["/feed.xml"] = Reply(
        body=pages.rss(links), content_type="application/rss+xml", etag='"f"'
    )
    settings = Settings(data=tmp_path / "lib", crawl_delay=0.0, enrich=False)
    with Library.open(settings) as library:
        CrawlState(library.store).add_source(server.url("/feed.xml"), "feed")
    stop = threading.Event()
    runs: list[int] = []
    thread = threading.Thread(
        target=lambda: runs.append(run_periodically(settings, 0.2, stop)), daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while server.count("/feed.xml") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert runs[0] >= 3
    assert all(server.count(f"/a/{i}") == 1 for i in range(3))
    with Library.open(settings) as library:
        assert library.store.count() == 3
