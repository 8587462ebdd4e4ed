"""Crawl throughput against local HTTP servers (127.0.0.1), no internet.

Usage, from the repository root: PYTHONPATH=src python -m bench.crawl [PAGES]
(default 600 pages for the unthrottled runs).

Prints pages/s for:
  - delay 0 (politeness off), fetch + crawl state only, one host and four hosts;
  - delay 0 through the whole pipeline (parse, store, index; no enrichment);
  - the default politeness settings (1 request/s per host, 2 in flight), three hosts.
Each page is ~30 KB of HTML; every host is a separate server (a port is a host here).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.sources import pages  # the local server and page makers live with the tests
from tests.sources.server import LocalServer, Reply
from tests.sources.tinyhtml import install

from legation.pipeline import IngestOptions, Library
from legation.settings import Settings
from legation.sources.base import RawInput
from legation.sources.crawl import Crawler, CrawlOptions, CrawlReport
from legation.sources.http import FetchOptions
from legation.sources.schedule import crawl_library
from legation.sources.state import CrawlState
from legation.store.sqlite import SQLiteStore

PAD = b"<p>" + b"lorem ipsum dolor sit amet " * 1100 + b"</p>"  # ~30 KB a page


def _serve(server: LocalServer, n: int, prefix: str) -> None:
    links = [server.url(f"/{prefix}/{i}") for i in range(n)]
    for i in range(n):
        body = pages.article(i, f"Page {prefix} {i}").replace(b"</article>", PAD + b"</article>")
        server.routes[f"/{prefix}/{i}"] = Reply(body=body, etag=f'"{prefix}{i}"')
    server.routes[f"/{prefix}.xml"] = Reply(body=pages.sitemap(links), content_type="text/xml")


def _crawl(source_urls: Sequence[str], options: CrawlOptions) -> CrawlReport:
    """Crawl the sitemaps into a fresh store; items are only kept in memory."""
    handed: list[RawInput] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "library.sqlite3")
        state = CrawlState(store)
        for url in source_urls:
            state.add_source(url, "sitemap")
        with Crawler(store, handed.extend, options) as crawler:
            report = crawler.run()
        store.close()
    assert len(handed) == report.fetched
    return report


def _line(label: str, report: CrawlReport) -> None:
    rate = report.fetched / report.seconds if report.seconds else 0.0
    print(
        f"{label:<52} {report.fetched:>5} pages {report.seconds:>6.2f} s "
        f"{rate:>8.1f} pages/s  ({report.requests} requests, {report.failed} failed)"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    fetch = FetchOptions(user_agent="LegationBench/1.0", timeout=10.0)
    install()  # a tiny HTML parser, so the pipeline figure measures crawling, not parsing
    servers = [LocalServer().start() for _ in range(4)]
    try:
        _serve(servers[0], n, "one")
        for i, server in enumerate(servers):
            _serve(server, n // 4, f"four{i}")
            _serve(server, n // 4, f"pipe{i}")
            _serve(server, 8, f"polite{i}")
        print(f"crawl throughput, local servers, ~{len(PAD) // 1000} KB pages")
        free = CrawlOptions(delay=0.0, concurrency=2, fetch=fetch)
        _line("delay 0, concurrency 2, one host", _crawl([servers[0].url("/one.xml")], free))
        four = [s.url(f"/four{i}.xml") for i, s in enumerate(servers)]
        _line("delay 0, concurrency 2, four hosts", _crawl(four, free))
        with (
            tempfile.TemporaryDirectory() as tmp,
            Library.open(Settings(data=Path(tmp))) as library,
        ):
            state = CrawlState(library.store)
            for i, server in enumerate(servers):
                state.add_source(server.url(f"/pipe{i}.xml"), "sitemap")
            run = crawl_library(library, free, IngestOptions(enrich=False))
            _line("delay 0, four hosts, into the library (no enrich)", run.crawl)
            assert library.store.count() == run.crawl.fetched
        polite = CrawlOptions(fetch=fetch)  # the defaults: 1 s per host, 2 in flight
        polite_urls = [s.url(f"/polite{i}.xml") for i, s in enumerate(servers[:3])]
        report = _crawl(polite_urls, polite)
        _line("default politeness (1/s per host), three hosts", report)
        per_host = report.requests / len(polite_urls) / report.seconds
        print(
            f"  {per_host:.2f} requests/s per host (limit {1 / polite.delay:.2f}; robots.txt and "
            "the sitemap count too)"
        )
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
