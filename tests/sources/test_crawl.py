"""The crawler against a real local server: feeds, sitemaps, state, resumption, politeness."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from legation.sources.base import RawInput
from legation.sources.crawl import Crawler, CrawlOptions
from legation.sources.http import FetchOptions
from legation.sources.state import CrawlState
from legation.store.sqlite import SQLiteStore
from tests.sources import pages
from tests.sources.server import LocalServer, Reply

FAST = FetchOptions(user_agent="LegationTest/1.0", timeout=2.0, backoff=0.05, max_retries=2)


class Collect:
    """A handler that keeps what it is handed (and can fail after ``fail_after`` items)."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.raws: list[RawInput] = []
        self.fail_after = fail_after

    def __call__(self, batch: Sequence[RawInput]) -> None:
        if self.fail_after is not None and len(self.raws) + len(batch) > self.fail_after:
            raise RuntimeError("interrupted on purpose")
        self.raws.extend(batch)

    @property
    def urls(self) -> list[str]:
        return [r.url or "" for r in self.raws]


def _options(**changes: object) -> CrawlOptions:
    base = {"delay": 0.0, "concurrency": 2, "batch_size": 1, "fetch": FAST}
    base.update(changes)
    return CrawlOptions(**base)  # type: ignore[arg-type]


def _site(server: LocalServer, n: int, *, feed: bytes | None = None) -> list[str]:
    links = [server.url(f"/a/{i}") for i in range(n)]
    for i in range(n):
        server.routes[f"/a/{i}"] = Reply(body=pages.article(i), etag=f'"a{i}"')
    server.routes["/feed.xml"] = Reply(
        body=feed or pages.rss(links), content_type="application/rss+xml", etag='"feed1"'
    )
    return links


def _crawl(store: SQLiteStore, handle: Collect, **changes: object) -> object:
    with Crawler(store, handle, _options(**changes)) as crawler:
        return crawler.run()


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "library.sqlite3")


def test_feed_items_fetched_once_and_handed_on(server: LocalServer, store: SQLiteStore) -> None:
    links = _site(server, 5)
    CrawlState(store).add_source(server.url("/feed.xml"), "feed")
    handle = Collect()
    report = _crawl(store, handle)
    assert sorted(handle.urls) == sorted(links)
    assert all(r.content_type and r.content_type.startswith("text/html") for r in handle.raws)
    assert handle.raws[0].data.startswith(b"<!doctype html>")
    assert report.fetched == 5  # type: ignore[attr-defined]
    assert server.count("/robots.txt") == 1
    assert all(h.headers["user-agent"] == "LegationTest/1.0" for h in server.hits)
    # Second run: the feed answers 304, nothing is fetched again.
    again = Collect()
    report = _crawl(store, again)
    assert again.raws == []
    assert report.listings_unchanged == 1  # type: ignore[attr-defined]
    assert all(server.count(f"/a/{i}") == 1 for i in range(5))
    feed_hits = [h for h in server.hits if h.path == "/feed.xml"]
    assert feed_hits[1].headers.get("if-none-match") == '"feed1"'
