"""The crawler: for each enabled source, find new item URLs, fetch them politely, hand them on.

One run has three steps:

1. items fetched by an interrupted run but never handed on are handed on from the kept
   bytes (no refetch);
2. each source's listing is fetched (conditional GET) and its new item URLs queued;
3. queued items are fetched, host by host in parallel (each host behind its politeness
   gate), kept in the store, and handed to ``handle`` in batches.

All store writes happen on the calling thread; worker threads only fetch.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

from legation.errors import FetchRefused, LegationError
from legation.sources.base import RawInput
from legation.sources.http import (
    ITEM_TYPES,
    LISTING_TYPES,
    Fetcher,
    FetchFailed,
    FetchOptions,
    FetchResult,
)
from legation.sources.listing import ListedItem, Listing, read_listing
from legation.sources.politeness import Politeness, host_of
from legation.sources.state import CrawlState, QueueRow, SourceRow

if TYPE_CHECKING:
    import httpx

    from legation.settings import Settings
    from legation.store.sqlite import SQLiteStore

__all__ = ["CrawlOptions", "CrawlProgress", "CrawlReport", "Crawler", "Handle", "raw_name"]

log = logging.getLogger(__name__)

# Receives fetched items, a batch at a time; when it returns they count as handed on.
Handle = Callable[[Sequence[RawInput]], None]
_MAX_INDEX_DEPTH = 2  # sitemap index -> sitemap index -> sitemap


class CrawlProgress(Protocol):
    def start(self, phase: str, total: int | None) -> None: ...

    def advance(self, url: str) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlOptions:
    delay: float = 1.0  # seconds between requests to one host
    concurrency: int = 2  # requests in flight to one host
    max_hosts: int = 8  # hosts fetched from at once
    max_items: int | None = None  # item fetches in this run (None: all queued)
    max_attempts: int = 5  # a failing item is tried on this many crawls, then left
    batch_size: int = 20  # items handed on together
    source_ids: tuple[int, ...] | None = None  # None: every enabled source
    fetch: FetchOptions = field(default_factory=FetchOptions)

    @classmethod
    def from_settings(cls, settings: Settings, **changes: Any) -> CrawlOptions:
        base = cls(
            delay=settings.crawl_delay,
            concurrency=settings.crawl_concurrency,
            fetch=FetchOptions.from_settings(settings),
        )
        return replace(base, **{k: v for k, v in changes.items() if v is not None})


@dataclass(slots=True, kw_only=True)
class CrawlReport:
    sources: int = 0
    listings: int = 0  # listing fetches that brought a (new) listing
    listings_unchanged: int = 0  # 304s
    new_urls: int = 0
    fetched: int = 0
    not_modified: int = 0
    resumed: int = 0  # handed on from an interrupted run's kept bytes
    handed: int = 0
    refused: int = 0
    failed: int = 0
    gone: int = 0
    requests: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__ if name != "errors"}
        data["errors"] = [{"url": u, "error": e} for u, e in self.errors]
        return data


def raw_name(url: str) -> str:
    """A file-like name for a URL (its last path segment, else its host) for format hints."""
    parts = urlsplit(url)
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    return segment or parts.hostname or url


@dataclass(frozen=True, slots=True)
class _Outcome:
    row: QueueRow
    result: FetchResult | None = None
    error: LegationError | None = None


class Crawler:
    """Crawls the enabled sources of one library store."""

    def __init__(
        self,
        store: SQLiteStore,
        handle: Handle,
        options: CrawlOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        progress: CrawlProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.options = options or CrawlOptions()
        # Set from outside to stop early (a server shutting down); state stays consistent.
        self.cancel = cancel or threading.Event()
        self.state = CrawlState(store)
        self.handle = handle
        self.progress = progress
        self.politeness = Politeness(self.options.delay, self.options.concurrency)
        self.fetcher = Fetcher(self.options.fetch, politeness=self.politeness, transport=transport)
        self._halt = threading.Event()  # tells workers to stop after their current fetch
        self._batch: list[tuple[str, RawInput]] = []

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Crawler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self) -> CrawlReport:
        report = CrawlReport()
        started = time.monotonic()
        self._batch = []  # anything left by a failed run is handed on again by _resume
        try:
            self._resume(report)
            sources = self._sources()
            report.sources = len(sources)
            self._read_listings(sources, report)
            rows = self.state.pending(
                [s.id for s in sources],
                max_attempts=self.options.max_attempts,
                limit=self.options.max_items,
            )
            self._fetch_items(rows, report)
            self._flush(report)
        finally:
            report.requests = self.fetcher.requests
            report.seconds = time.monotonic() - started
        return report

    def _sources(self) -> list[SourceRow]:
        sources = self.state.sources(enabled_only=self.options.source_ids is None)
        if self.options.source_ids is not None:
            sources = [s for s in sources if s.id in self.options.source_ids]
        return sources

    # -- step 1: an interrupted run's fetched items ----------------------------

    def _resume(self, report: CrawlReport) -> None:
        rows = self.state.fetched_not_handed()
        if not rows:
            return
        self._start("resuming", len(rows))
        for row in rows:
            data = self.state.store.get_raw(row.sha256) if row.sha256 else None
            if data is None:  # bytes lost: fetch again rather than lose the item
                self.state.item_failed(row.url, "failed", "kept bytes missing; will refetch")
                continue
            self._queue_handoff(row, data, report)
            report.resumed += 1
            self._advance(row.url)
        self._flush(report)

    # -- step 2: listings -------------------------------------------------------

    def _read_listings(self, sources: list[SourceRow], report: CrawlReport) -> None:
        self._start("listings", len(sources))
        for source in sources:
            if self.cancel.is_set():
                return
            if source.kind == "page":
                report.new_urls += self.state.enqueue(source.id, [ListedItem(url=source.url)])
                self.state.requeue(source.url)
            else:
                self._read_listing(source, source.url, report, depth=0)
            self.state.mark_crawled(source.id)
            self._advance(source.url)

    def _read_listing(self, source: SourceRow, url: str, report: CrawlReport, depth: int) -> None:
        known = self.state.row(url)
        try:
            result = self.fetcher.get(
                url,
                accept=LISTING_TYPES,
                etag=known.etag if known else None,
                last_modified=known.last_modified if known else None,
            )
            if result.not_modified:
                report.listings_unchanged += 1
                return
            listing = read_listing(result.data, result.final_url, result.content_type)
        except LegationError as exc:
            log.warning("listing %s: %s", url, exc)
            report.errors.append((url, str(exc)))
            return
        report.listings += 1
        if depth == 0 and listing.title:
            self.state.set_title(source.id, listing.title)
        self._take_listing(source, listing, report, depth)
        # Only now, with its items queued, may the listing's validators be kept: a crash
        # before this line means a full refetch of the listing, never a lost item.
        self.state.listing_fetched(url, source.id, result)

    def _take_listing(
        self, source: SourceRow, listing: Listing, report: CrawlReport, depth: int
    ) -> None:
        report.new_urls += self.state.enqueue(source.id, listing.items)
        if depth >= _MAX_INDEX_DEPTH:
            return
        for child in listing.sitemaps:
            if self.cancel.is_set():
                return
            self._read_listing(source, child.url, report, depth + 1)

    # -- step 3: items ------------------------------------------------------------

    def _fetch_items(self, rows: list[QueueRow], report: CrawlReport) -> None:
        if not rows:
            return
        self._start("items", len(rows))
        lanes: dict[str, deque[QueueRow]] = defaultdict(deque)
        for row in rows:
            lanes[host_of(row.url)].append(row)
        results: queue.Queue[_Outcome] = queue.Queue()
        per_host = self.options.concurrency
        workers = max(1, min(len(lanes), self.options.max_hosts) * per_host)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="legation-crawl")
        futures: list[Future[None]] = []
        try:
            for lane in lanes.values():
                lock = threading.Lock()
                futures.extend(
                    pool.submit(self._drain, lane, lock, results)
                    for _ in range(min(per_host, len(lane)))
                )
            for _ in range(len(rows)):
                outcome = self._next(results, futures)
                if outcome is None:
                    break
                self._record(outcome, report)
                self._advance(outcome.row.url)
        finally:
            self._halt.set()
            pool.shutdown(wait=True, cancel_futures=True)
            self._halt.clear()
            self._keep_finished(results, report)

    def _keep_finished(self, results: queue.Queue[_Outcome], report: CrawlReport) -> None:
        """Record fetches that finished while the run was being stopped, so none is redone.

        They are kept as 'fetched' (not handed on: the handler may be what failed) and the
        next run hands them on from the kept bytes.
        """
        while True:
            try:
                outcome = results.get_nowait()
            except queue.Empty:
                return
            self._record(outcome, report, hand_on=False)

    def _next(self, results: queue.Queue[_Outcome], futures: list[Future[None]]) -> _Outcome | None:
        """The next fetch outcome; None once cancelled and every worker has stopped."""
        # A timeout-loop rather than a bare get(), so Ctrl-C reaches this thread promptly.
        while True:
            try:
                return results.get(timeout=0.2)
            except queue.Empty:
                if self.cancel.is_set() and all(f.done() for f in futures):
                    return None

    def _drain(
        self, lane: deque[QueueRow], lock: threading.Lock, results: queue.Queue[_Outcome]
    ) -> None:
        while not (self._halt.is_set() or self.cancel.is_set()):
            with lock:
                if not lane:
                    return
                row = lane.popleft()
            results.put(self._fetch_one(row))

    def _fetch_one(self, row: QueueRow) -> _Outcome:
        try:
            result = self.fetcher.get(
                row.url, accept=ITEM_TYPES, etag=row.etag, last_modified=row.last_modified
            )
        except LegationError as exc:
            return _Outcome(row, error=exc)
        except Exception as exc:  # a fetcher bug must cost one URL, never the crawl
            log.exception("unexpected error fetching %s", row.url)
            return _Outcome(row, error=LegationError(f"{exc.__class__.__name__}: {exc}"))
        return _Outcome(row, result=result)

    def _record(self, outcome: _Outcome, report: CrawlReport, *, hand_on: bool = True) -> None:
        row, result, error = outcome.row, outcome.result, outcome.error
        if error is not None:
            status = _failure_status(error)
            setattr(report, status, getattr(report, status) + 1)
            report.errors.append((row.url, str(error)))
            self.state.item_failed(row.url, status, str(error))
            return
        assert result is not None  # noqa: S101 - an outcome has a result or an error
        if result.not_modified:
            report.not_modified += 1
            self.state.item_unchanged(row.url)
            return
        report.fetched += 1
        raw = self._raw(result)
        self.state.item_fetched(row.url, result, raw.sha256)
        if not hand_on:
            return
        self._batch.append((row.url, raw))
        if len(self._batch) >= self.options.batch_size:
            self._flush(report)

    def _queue_handoff(self, row: QueueRow, data: bytes, report: CrawlReport) -> None:
        url = row.final_url or row.url
        raw = RawInput(data=data, name=raw_name(url), url=url, content_type=row.content_type)
        self._batch.append((row.url, raw))
        if len(self._batch) >= self.options.batch_size:
            self._flush(report)

    @staticmethod
    def _raw(result: FetchResult) -> RawInput:
        url = result.final_url
        return RawInput(
            data=result.data, name=raw_name(url), url=url, content_type=result.content_type
        )

    def _flush(self, report: CrawlReport) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        self.handle([raw for _, raw in batch])
        # Marked done only after the handler returned: a crash in between hands them on
        # again next run, which the store absorbs as "unchanged".
        self.state.items_done(url for url, _ in batch)
        report.handed += len(batch)

    def _start(self, phase: str, total: int | None) -> None:
        if self.progress is not None:
            self.progress.start(phase, total)

    def _advance(self, url: str) -> None:
        if self.progress is not None:
            self.progress.advance(url)


def _failure_status(error: LegationError) -> str:
    if isinstance(error, FetchRefused):
        return "refused"
    if isinstance(error, FetchFailed) and error.gone:
        return "gone"
    return "failed"
