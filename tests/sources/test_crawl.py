"""The crawler against a real local server: feeds, sitemaps, state, resumption, politeness."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
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


def _statuses(store: SQLiteStore) -> dict[str, str]:
    rows = store._reader.execute("SELECT url, status FROM crawl_queue WHERE role = 'item'")
    return dict(rows.fetchall())


def test_sitemap_index_with_gzipped_child(server: LocalServer, store: SQLiteStore) -> None:
    links = [server.url(f"/s/{i}") for i in range(4)]
    for i in range(4):
        server.routes[f"/s/{i}"] = Reply(body=pages.article(i))
    server.routes["/sitemap.xml"] = Reply(
        body=pages.sitemap_index([server.url("/sm1.xml.gz"), server.url("/sm2.xml")]),
        content_type="application/xml",
    )
    server.routes["/sm1.xml.gz"] = Reply(
        body=pages.sitemap(links[:2], gz=True), content_type="application/gzip"
    )
    server.routes["/sm2.xml"] = Reply(body=pages.sitemap(links[2:]), content_type="text/xml")
    CrawlState(store).add_source(server.url("/sitemap.xml"), "sitemap")
    handle = Collect()
    report = _crawl(store, handle)
    assert sorted(handle.urls) == links
    assert report.new_urls == 4  # type: ignore[attr-defined]
    assert report.listings == 3  # type: ignore[attr-defined]


def test_politeness_gaps_measured_at_the_server(server: LocalServer, store: SQLiteStore) -> None:
    _site(server, 6)
    CrawlState(store).add_source(server.url("/feed.xml"), "feed")
    _crawl(store, Collect(), delay=0.2, concurrency=2)
    times = sorted(h.at for h in server.hits)
    assert len(times) == 8  # robots.txt, the feed, six articles
    gaps = sorted(b - a for a, b in itertools.pairwise(times))
    # Arrival times carry the server's own scheduling jitter (tens of ms on a busy
    # 2-core machine), so single gaps get a margin; the median and the span do not.
    assert gaps[0] >= 0.15, gaps
    assert gaps[len(gaps) // 2] >= 0.195, gaps
    assert times[-1] - times[0] >= 7 * 0.2 - 0.02


def test_concurrency_limit_per_host(server: LocalServer, store: SQLiteStore) -> None:
    links = _site(server, 8)
    for i in range(8):
        server.routes[f"/a/{i}"] = Reply(body=pages.article(i), delay=0.25)
    CrawlState(store).add_source(server.url("/feed.xml"), "feed")
    handle = Collect()
    started = time.monotonic()
    _crawl(store, handle, delay=0.0, concurrency=2)
    assert sorted(handle.urls) == sorted(links)
    assert server.max_in_flight == 2
    assert time.monotonic() - started < 8 * 0.25  # two at a time, not one


def test_interrupted_run_resumes_without_refetch_or_loss(
    server: LocalServer, store: SQLiteStore
) -> None:
    links = _site(server, 8)
    CrawlState(store).add_source(server.url("/feed.xml"), "feed")
    first = Collect(fail_after=3)
    with pytest.raises(RuntimeError, match="interrupted on purpose"):
        _crawl(store, first, concurrency=1)
    assert len(first.raws) == 3
    second = Collect()
    report = _crawl(store, second)
    handed = first.urls + second.urls
    assert sorted(handed) == sorted(links)  # nothing lost, nothing handed twice
    # The item whose hand-off failed, and any fetch that finished meanwhile, come from the
    # kept bytes; the rest are fetched now.
    assert report.resumed >= 1  # type: ignore[attr-defined]
    assert report.resumed + report.fetched == 5  # type: ignore[attr-defined]
    assert all(server.count(f"/a/{i}") == 1 for i in range(8))  # nothing fetched twice
    assert set(_statuses(store).values()) == {"done"}


def test_bad_items_recorded_and_the_crawl_goes_on(server: LocalServer, store: SQLiteStore) -> None:
    good = [server.url(f"/a/{i}") for i in range(2)]
    for i in range(2):
        server.routes[f"/a/{i}"] = Reply(body=pages.article(i))
    bad = {
        "/gone": None,
        "/big": Reply(body=b"x" * 20_000),
        "/img": Reply(body=b"\x89PNG", content_type="image/png"),
        "/loop": Reply(status=302, headers={"Location": "/loop2"}),
        "/loop2": Reply(status=302, headers={"Location": "/loop"}),
        "/down": Reply(status=500),
        "/private/x": Reply(body=pages.article(9)),
        "/busy": Reply(status=429, headers={"Retry-After": "999"}),
    }
    for path, reply in bad.items():
        if reply is not None:
            server.routes[path] = reply
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private\n")
    listed = good + [server.url(p) for p in bad if p != "/loop2"]
    server.routes["/feed.xml"] = Reply(body=pages.rss(listed), content_type="application/rss+xml")
    CrawlState(store).add_source(server.url("/feed.xml"), "feed")
    small = replace(FAST, max_bytes=10_000)
    handle = Collect()
    report = _crawl(store, handle, fetch=small)
    assert sorted(handle.urls) == good
    statuses = _statuses(store)
    assert {p: statuses[server.url(p)] for p in bad if p != "/loop2"} == {
        "/gone": "gone",
        "/big": "refused",
        "/img": "refused",
        "/loop": "refused",
        "/down": "failed",
        "/private/x": "refused",
        "/busy": "failed",
    }
    assert server.count("/private/x") == 0
    assert (report.gone, report.refused, report.failed) == (1, 4, 2)  # type: ignore[attr-defined]
    # A later crawl tries the failed ones again, and only those.
    before = {p: server.count(p) for p in bad}
    _crawl(store, Collect(), fetch=small)
    assert {p for p in bad if server.count(p) > before[p]} == {"/down", "/busy"}


def test_changed_lastmod_means_conditional_refetch(server: LocalServer, store: SQLiteStore) -> None:
    links = [server.url(f"/a/{i}") for i in range(3)]
    for i in range(3):
        server.routes[f"/a/{i}"] = Reply(body=pages.article(i), etag=f'"a{i}"')
    server.routes["/sm.xml"] = Reply(body=pages.sitemap(links, lastmod="2024-01-01"))
    CrawlState(store).add_source(server.url("/sm.xml"), "sitemap")
    _crawl(store, Collect())
    server.routes["/sm.xml"] = Reply(body=pages.sitemap(links, lastmod="2024-02-01"))
    server.routes["/a/1"] = Reply(body=pages.article(1, "Article 1, revised"), etag='"a1-v2"')
    handle = Collect()
    report = _crawl(store, handle)
    assert handle.urls == [links[1]]  # only the page that really changed is handed on
    assert b"revised" in handle.raws[0].data
    assert report.not_modified == 2  # type: ignore[attr-defined]
    refetches = [h for h in server.hits if h.path == "/a/0"]
    assert refetches[-1].headers.get("if-none-match") == '"a0"'


def test_page_source_checked_each_crawl(server: LocalServer, store: SQLiteStore) -> None:
    server.routes["/report"] = Reply(body=pages.article(1), etag='"r1"')
    CrawlState(store).add_source(server.url("/report"), "page")
    first, second = Collect(), Collect()
    _crawl(store, first)
    _crawl(store, second)
    assert first.urls == [server.url("/report")]
    assert second.urls == []
    assert server.count("/report") == 2
    assert server.hits[-1].headers.get("if-none-match") == '"r1"'


def test_max_items_and_disabled_sources(server: LocalServer, store: SQLiteStore) -> None:
    _site(server, 5)
    state = CrawlState(store)
    row, _ = state.add_source(server.url("/feed.xml"), "feed")
    state.set_enabled(row.id, False)
    handle = Collect()
    _crawl(store, handle)
    assert handle.raws == []
    assert server.hits == []
    state.set_enabled(row.id, True)
    _crawl(store, handle, max_items=2)
    assert len(handle.raws) == 2
    _crawl(store, handle, max_items=2)
    _crawl(store, handle)
    assert len(set(handle.urls)) == len(handle.urls) == 5


def test_cancel_stops_early_and_keeps_state(server: LocalServer, store: SQLiteStore) -> None:
    _site(server, 20)
    CrawlState(store).add_source(server.url("/feed.xml"), "feed")
    cancel = threading.Event()
    handle = Collect()

    def stop_soon(batch: Sequence[RawInput]) -> None:
        handle(batch)
        if len(handle.raws) >= 3:
            cancel.set()

    with Crawler(store, stop_soon, _options(delay=0.05, concurrency=1), cancel=cancel) as c:
        c.run()
    assert 3 <= len(handle.raws) < 20
    assert sum(1 for s in _statuses(store).values() if s == "done") == len(handle.raws)
    rest = Collect()
    _crawl(store, rest)
    assert sorted(handle.urls + rest.urls) == sorted(server.url(f"/a/{i}") for i in range(20))
