"""Crawl state in the library store: the sources followed and every URL's fetch state.

Tables come from migration 0004_sources.sql. All writes go through the store's single
writer (``execute_write``); the crawler makes them from one thread only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legation.sources.http import FetchResult
    from legation.sources.listing import ListedItem
    from legation.store.sqlite import SQLiteStore

__all__ = ["CrawlState", "QueueRow", "SourceRow"]

KINDS = ("feed", "sitemap", "page")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    id: int
    url: str
    kind: str
    title: str | None
    institution: str | None
    enabled: bool
    added_at: str
    last_crawled: str | None

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueRow:
    url: str
    source_id: int
    status: str
    etag: str | None
    last_modified: str | None
    final_url: str | None
    content_type: str | None
    sha256: str | None
    attempts: int


# The columns are the records' fields, in order: one place to add a column.
_SOURCE_FIELDS = tuple(f.name for f in fields(SourceRow))
_QUEUE_FIELDS = tuple(f.name for f in fields(QueueRow))
_SOURCE_COLUMNS = ", ".join(_SOURCE_FIELDS)
_QUEUE_COLUMNS = ", ".join(_QUEUE_FIELDS)


def _source(row: tuple[Any, ...]) -> SourceRow:
    values = dict(zip(_SOURCE_FIELDS, row, strict=True))
    return SourceRow(**values | {"enabled": bool(values["enabled"])})


def _queue(row: tuple[Any, ...]) -> QueueRow:
    return QueueRow(**dict(zip(_QUEUE_FIELDS, row, strict=True)))


class CrawlState:
    """Read and write the ``sources`` and ``crawl_queue`` tables."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    # -- sources --------------------------------------------------------------

    def add_source(
        self,
        url: str,
        kind: str,
        *,
        title: str | None = None,
        institution: str | None = None,
        enabled: bool = True,
    ) -> tuple[SourceRow, bool]:
        """The source for ``url`` and whether it is new (an existing one is left as it is)."""
        if kind not in KINDS:
            raise ValueError(f"unknown source kind {kind!r}")
        existing = self.source_by_url(url)
        if existing is not None:
            return existing, False
        self.store.execute_write(
            "INSERT INTO sources (url, kind, title, institution, enabled, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (url, kind, title, institution, int(enabled), now()),
        )
        added = self.source_by_url(url)
        assert added is not None  # noqa: S101 - just inserted through the same writer
        return added, True

    def source_by_url(self, url: str) -> SourceRow | None:
        row = self.store._reader.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE url = ?", (url,)
        ).fetchone()
        return _source(row) if row else None

    def source(self, source_id: int) -> SourceRow | None:
        row = self.store._reader.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        return _source(row) if row else None

    def sources(self, *, enabled_only: bool = False) -> list[SourceRow]:
        where = " WHERE enabled = 1" if enabled_only else ""
        rows = self.store._reader.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources{where} ORDER BY id"
        ).fetchall()
        return [_source(r) for r in rows]

    def remove_source(self, source_id: int) -> bool:
        """Forget a source and its fetch state (documents already stored stay)."""
        return (
            self.store.execute_write("DELETE FROM sources WHERE id = ?", (source_id,)).rowcount > 0
        )

    def set_enabled(self, source_id: int, enabled: bool) -> bool:
        cur = self.store.execute_write(
            "UPDATE sources SET enabled = ? WHERE id = ?", (int(enabled), source_id)
        )
        return cur.rowcount > 0

    def mark_crawled(self, source_id: int) -> None:
        self.store.execute_write(
            "UPDATE sources SET last_crawled = ? WHERE id = ?", (now(), source_id)
        )

    def set_title(self, source_id: int, title: str) -> None:
        self.store.execute_write(
            "UPDATE sources SET title = ? WHERE id = ? AND title IS NULL", (title, source_id)
        )

    # -- listings -------------------------------------------------------------

    def row(self, url: str) -> QueueRow | None:
        found = self.store._reader.execute(
            f"SELECT {_QUEUE_COLUMNS} FROM crawl_queue WHERE url = ?", (url,)
        ).fetchone()
        return _queue(found) if found else None

    def listing_fetched(self, url: str, source_id: int, result: FetchResult) -> None:
        """Remember a listing's validators, only once its items are safely queued."""
        self.store.execute_write(
            """INSERT INTO crawl_queue (url, source_id, role, status, etag, last_modified,
                   final_url, content_type, fetched_at, attempts, error, added_at)
               VALUES (?, ?, 'listing', 'done', ?, ?, ?, ?, ?, 0, NULL, ?)
               ON CONFLICT(url) DO UPDATE SET status='done',
                   etag=coalesce(excluded.etag, crawl_queue.etag),
                   last_modified=coalesce(excluded.last_modified, crawl_queue.last_modified),
                   final_url=excluded.final_url, content_type=excluded.content_type,
                   fetched_at=excluded.fetched_at, attempts=0, error=NULL""",
            (
                url,
                source_id,
                result.etag,
                result.last_modified,
                result.final_url,
                result.content_type,
                now(),
                now(),
            ),
        )

    def enqueue(self, source_id: int, items: Iterable[ListedItem]) -> int:
        """Queue the listed item URLs not known yet; returns how many are new.

        A known item whose listed date changed (sitemap lastmod) is queued again; its
        validators make the refetch a cheap conditional GET when nothing changed.
        """
        added = 0
        stamp = now()
        with self.store.transaction():
            for item in items:
                cur = self.store.execute_write(
                    "INSERT OR IGNORE INTO crawl_queue (url, source_id, role, listed_at, added_at) "
                    "VALUES (?, ?, 'item', ?, ?)",
                    (item.url, source_id, item.published, stamp),
                )
                added += cur.rowcount
                if cur.rowcount == 0 and item.published:
                    self.store.execute_write(
                        "UPDATE crawl_queue SET status = 'pending', listed_at = ? "
                        "WHERE url = ? AND role = 'item' AND status = 'done' "
                        "AND listed_at IS NOT NULL AND listed_at != ?",
                        (item.published, item.url, item.published),
                    )
        return added

    def requeue(self, url: str) -> None:
        """Ask for a conditional refetch of a done item (a page source, each crawl)."""
        self.store.execute_write(
            "UPDATE crawl_queue SET status = 'pending' WHERE url = ? AND status = 'done'", (url,)
        )

    # -- items ----------------------------------------------------------------

    def pending(
        self, source_ids: Iterable[int], *, max_attempts: int, limit: int | None = None
    ) -> list[QueueRow]:
        """Items to fetch now: never fetched, or failed fewer than ``max_attempts`` times."""
        ids = list(source_ids)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        sql = (
            f"SELECT {_QUEUE_COLUMNS} FROM crawl_queue WHERE role = 'item' "
            f"AND source_id IN ({marks}) AND (status = 'pending' OR "
            "(status = 'failed' AND attempts < ?)) ORDER BY rowid"
        )
        params: list[Any] = [*ids, max_attempts]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_queue(r) for r in self.store._reader.execute(sql, params).fetchall()]

    def fetched_not_handed(self) -> list[QueueRow]:
        """Items fetched and kept but not yet handed on (the run before was interrupted)."""
        rows = self.store._reader.execute(
            f"SELECT {_QUEUE_COLUMNS} FROM crawl_queue WHERE status = 'fetched' ORDER BY rowid"
        ).fetchall()
        return [_queue(r) for r in rows]

    def item_fetched(self, url: str, result: FetchResult, sha256: str) -> None:
        """Keep the bytes and mark the item fetched, in one commit."""
        with self.store.transaction():
            self.store.put_raw(sha256, result.data)
            self.store.execute_write(
                "UPDATE crawl_queue SET status = 'fetched', etag = ?, last_modified = ?, "
                "final_url = ?, content_type = ?, sha256 = ?, fetched_at = ?, error = NULL "
                "WHERE url = ?",
                (
                    result.etag,
                    result.last_modified,
                    result.final_url,
                    result.content_type,
                    sha256,
                    now(),
                    url,
                ),
            )

    def items_done(self, urls: Iterable[str]) -> None:
        with self.store.transaction():
            for url in urls:
                self.store.execute_write(
                    "UPDATE crawl_queue SET status = 'done', attempts = 0, error = NULL "
                    "WHERE url = ?",
                    (url,),
                )

    def item_unchanged(self, url: str) -> None:
        self.store.execute_write(
            "UPDATE crawl_queue SET status = 'done', fetched_at = ?, attempts = 0, error = NULL "
            "WHERE url = ?",
            (now(), url),
        )

    def item_failed(self, url: str, status: str, reason: str) -> None:
        """``status`` is 'failed' (try again on a later crawl), 'refused' or 'gone'."""
        self.store.execute_write(
            "UPDATE crawl_queue SET status = ?, attempts = attempts + 1, error = ?, "
            "fetched_at = ? WHERE url = ?",
            (status, reason[:300], now(), url),
        )

    def counts(self) -> dict[str, int]:
        rows = self.store._reader.execute(
            "SELECT status, count(*) FROM crawl_queue WHERE role = 'item' GROUP BY status"
        ).fetchall()
        return dict(rows)

    def source_counts(self) -> dict[int, dict[str, int]]:
        rows = self.store._reader.execute(
            "SELECT source_id, status, count(*) FROM crawl_queue WHERE role = 'item' "
            "GROUP BY source_id, status"
        ).fetchall()
        result: dict[int, dict[str, int]] = {}
        for source_id, status, n in rows:
            result.setdefault(source_id, {})[status] = n
        return result
