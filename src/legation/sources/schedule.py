"""Crawling into the library: one run, or runs on a schedule (for `legation serve`).

The crawler itself only hands RawInputs on; here they go through the ingest pipeline
(parse, enrich, store, index) a batch at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from legation.pipeline import IngestOptions, IngestReport, Library, ingest
from legation.sources.crawl import Crawler, CrawlOptions, CrawlProgress, CrawlReport

if TYPE_CHECKING:
    import httpx

    from legation.settings import Settings
    from legation.sources.base import RawInput

__all__ = ["CrawlRun", "LibrarySink", "crawl_library", "run_periodically"]

log = logging.getLogger(__name__)


class LibrarySink:
    """A crawler handle that ingests each batch and adds up the ingest reports."""

    def __init__(self, library: Library, options: IngestOptions) -> None:
        self.library = library
        self.options = options
        self.report = IngestReport()

    def __call__(self, batch: Sequence[RawInput]) -> None:
        part = ingest(batch, self.library, self.options)
        self.report.inputs += part.inputs
        self.report.counts.update(part.counts)
        self.report.failures.extend(part.failures)
        self.report.skipped.extend(part.skipped)


@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlRun:
    crawl: CrawlReport
    ingest: IngestReport = field(default_factory=IngestReport)


def crawl_library(
    library: Library,
    options: CrawlOptions,
    ingest_options: IngestOptions | None = None,
    *,
    progress: CrawlProgress | None = None,
    transport: httpx.BaseTransport | None = None,
    cancel: threading.Event | None = None,
) -> CrawlRun:
    """Crawl the library's enabled sources once, ingesting what is new."""
    sink = LibrarySink(library, ingest_options or IngestOptions())
    with Crawler(
        library.store, sink, options, transport=transport, progress=progress, cancel=cancel
    ) as crawler:
        report = crawler.run()
    return CrawlRun(crawl=report, ingest=sink.report)


def run_periodically(
    settings: Settings,
    every_seconds: float,
    stop_event: threading.Event,
    *,
    library: Library | None = None,
) -> int:
    """Crawl now and then every ``every_seconds`` until ``stop_event`` is set.

    Meant for a background thread of `legation serve`. A failing run is logged and the
    schedule goes on. Pass the server's ``library`` to share its store and index;
    otherwise each run opens (and closes) its own. Returns the number of runs made.
    """
    runs = 0
    options = CrawlOptions.from_settings(settings)
    ingest_options = IngestOptions(enrich=settings.enrich, batch_size=settings.batch_size)
    while not stop_event.is_set():
        try:
            if library is not None:
                run = crawl_library(library, options, ingest_options, cancel=stop_event)
            else:
                with Library.open(settings) as own:
                    run = crawl_library(own, options, ingest_options, cancel=stop_event)
            log.info(
                "scheduled crawl: %d fetched, %d documents added",
                run.crawl.fetched,
                run.ingest.as_dict()["added"],
            )
        except Exception:  # the schedule must outlive one bad run
            log.exception("scheduled crawl failed")
        runs += 1
        stop_event.wait(every_seconds)
    return runs
