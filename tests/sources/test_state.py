"""Crawl state tables: sources, the queue, and what survives a source's removal."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.sources.listing import ListedItem
from legation.sources.state import CrawlState
from legation.store.sqlite import SQLiteStore


@pytest.fixture
def state(tmp_path: Path) -> CrawlState:
    return CrawlState(SQLiteStore(tmp_path / "library.sqlite3"))


def test_migration_adds_tables(state: CrawlState) -> None:
    assert state.store.schema_version() >= 2
    assert state.sources() == []


def test_sources_add_once_enable_remove(state: CrawlState) -> None:
    row, new = state.add_source("http://x.test/feed", "feed", title="X", institution="Inst")
    assert new
    assert (row.id, row.enabled, row.title, row.last_crawled) == (1, True, "X", None)
    again, new = state.add_source("http://x.test/feed", "sitemap")
    assert (again.id, again.kind, new) == (1, "feed", False)
    with pytest.raises(ValueError, match="unknown source kind"):
        state.add_source("http://x.test/other", "podcast")
    assert state.set_enabled(1, False)
    assert state.sources(enabled_only=True) == []
    assert not state.set_enabled(9, True)
    state.enqueue(1, [ListedItem(url="http://x.test/a")])
    assert state.counts() == {"pending": 1}
    assert state.remove_source(1)
    assert state.counts() == {}  # its queue went with it
    assert not state.remove_source(1)


def test_enqueue_counts_new_and_requeues_on_new_lastmod(state: CrawlState) -> None:
    source, _ = state.add_source("http://x.test/sitemap.xml", "sitemap")
    items = [ListedItem(url=f"http://x.test/{i}", published="2024-01-01") for i in range(3)]
    assert state.enqueue(source.id, items) == 3
    assert state.enqueue(source.id, items) == 0
    state.items_done(i.url for i in items)
    assert state.pending([source.id], max_attempts=3) == []
    state.enqueue(source.id, [ListedItem(url="http://x.test/1", published="2024-05-01")])
    assert [r.url for r in state.pending([source.id], max_attempts=3)] == ["http://x.test/1"]


def test_failed_items_retried_until_max_attempts(state: CrawlState) -> None:
    source, _ = state.add_source("http://x.test/feed", "feed")
    state.enqueue(source.id, [ListedItem(url="http://x.test/a")])
    for _ in range(2):
        state.item_failed("http://x.test/a", "failed", "HTTP 500")
    assert len(state.pending([source.id], max_attempts=3)) == 1
    state.item_failed("http://x.test/a", "failed", "HTTP 500")
    assert state.pending([source.id], max_attempts=3) == []
    assert state.row("http://x.test/a").attempts == 3  # type: ignore[union-attr]
