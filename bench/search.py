"""Search latency on a library of the seeds and all UN General Debate speeches.

Usage: python bench/search.py [DATA_DIR]  (builds the library there when it is empty)

Prints the ingest time (when it builds) and the median and p95 latency of the 100
queries in bench/queries.txt, each timed inside this one process, plus the mean
number of results. Queries with `|` carry facet filters (NAME=VALUE).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from legation.index.fulltext import SearchRequest
from legation.index.search import parse_facet_args, search_json
from legation.pipeline import IngestOptions, Library, ingest
from legation.settings import Settings
from legation.sources.files import FileSource

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
UNGD = SHARED / "data" / "ungd" / "ungd-1946-2024.tar.xz"


def _queries() -> list[SearchRequest]:
    requests = []
    for line in (HERE / "queries.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, *facets = [part.strip() for part in line.split("|")]
        requests.append(SearchRequest(query=query, facets=parse_facet_args(facets), per_page=10))
    return requests


def _build(library: Library) -> None:
    if not UNGD.exists():
        sys.exit(f"needs {UNGD} (the UN General Debate corpus in ../shared)")
    started = time.perf_counter()
    report = ingest(FileSource([SHARED / "seeds", UNGD]), library, IngestOptions(enrich=False))
    seconds = time.perf_counter() - started
    added = report.as_dict()["added"]
    print(f"built library: {added} documents in {seconds:.1f} s (no enrichment)")


def main() -> None:
    data = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(tempfile.gettempdir()) / "legation-bench-search"
    )
    with Library.open(Settings(data=data)) as library:
        if library.store.count() < 10_000:  # the corpus holds 10,952 speeches
            _build(library)
        requests = _queries()
        search_json(library, requests[0])  # warm the caches once
        timings, totals = [], []
        for request in requests:
            started = time.perf_counter()
            result = search_json(library, request)
            timings.append((time.perf_counter() - started) * 1000)
            totals.append(result["total"])
        timings.sort()
        p95 = timings[round(0.95 * len(timings)) - 1]
        print(f"documents: {library.store.count()}  queries: {len(timings)}")
        print(f"search latency (ms): median {statistics.median(timings):.1f}  p95 {p95:.1f}")
        print(f"max {timings[-1]:.1f}  mean results per query {statistics.mean(totals):.0f}")


if __name__ == "__main__":
    main()
