"""Body and metadata extraction on the Zyte pages: Legation's HTML importer vs trafilatura.

Run from the repository root:

    PYTHONPATH=src:. python bench/extraction.py [--shared ../shared] [--passes 3]

Body: F1/precision/recall by the benchmark's shingle metric (bench/zyte.py) and pages per
second on one core, files read from disk and gunzipped inside the timed loop, for
Legation's HTMLParser.parse (metadata included) and trafilatura's plain
``extract(html, include_comments=False)``. Each side runs ``--passes`` times, interleaved,
and the fastest pass is reported (the machine is a shared VM; the median is shown too).

Metadata: exact-match accuracy per field against two hand-written gold files (read from the
pages' HTML), for Legation and for trafilatura's ``bare_extraction`` metadata:
bench/data/metadata_gold.json (the first 43 pages in id order, the set the rules were tuned
on, so in-sample) and bench/data/metadata_gold_heldout.json (the next 40, held out).
Titles and publishers compare as lower-cased word sequences (publishers without a leading
"the"), authors as sets of such names,
dates at the precision the gold gives.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.zyte import gold_bodies, page_paths, read_page, score_bodies
from legation.errors import LegationError
from legation.parse.html import HTMLParser
from legation.sources.base import RawInput

GOLD_META = {
    "in-sample": Path(__file__).parent / "data" / "metadata_gold.json",
    "held-out": Path(__file__).parent / "data" / "metadata_gold_heldout.json",
}
_WORD = re.compile(r"\w+")
FIELDS = ("title", "authors", "published", "publisher")


def legation_pass(
    paths: dict[str, Path],
) -> tuple[dict[str, str], dict[str, dict[str, Any]], float]:
    parser = HTMLParser()
    bodies: dict[str, str] = {}
    meta: dict[str, dict[str, Any]] = {}
    start = time.perf_counter()
    for key, path in paths.items():
        raw = RawInput(data=path.read_bytes(), name=path.name, path=str(path))
        try:
            doc = parser.parse(raw, None)[0]
        except LegationError:
            bodies[key], meta[key] = "", {}
            continue
        bodies[key] = doc.body
        meta[key] = {
            "title": doc.title,
            "authors": list(doc.authors),
            "published": doc.published.isoformat() if doc.published else None,
            "publisher": doc.publisher,
        }
    return bodies, meta, time.perf_counter() - start


def trafilatura_pass(paths: dict[str, Path]) -> tuple[dict[str, str], float]:
    import trafilatura

    bodies: dict[str, str] = {}
    start = time.perf_counter()
    for key, path in paths.items():
        bodies[key] = trafilatura.extract(read_page(path), include_comments=False) or ""
    return bodies, time.perf_counter() - start


def trafilatura_meta(paths: dict[str, Path], keys: list[str]) -> dict[str, dict[str, Any]]:
    import trafilatura

    out: dict[str, dict[str, Any]] = {}
    for key in keys:
        doc = trafilatura.bare_extraction(read_page(paths[key]), with_metadata=True)
        if doc is None:
            out[key] = {}
            continue
        authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
        out[key] = {
            "title": doc.title,
            "authors": authors,
            "published": doc.date,
            "publisher": doc.sitename,
        }
    return out


def _words(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))


def field_match(name: str, guess: Any, gold: Any) -> bool:
    if name == "authors":
        return {_words(a) for a in guess or []} == {_words(a) for a in gold or []}
    if name == "published":
        if not gold:
            return not guess
        return bool(guess) and str(guess)[: len(gold)] == gold
    if name == "publisher":  # "The Wall Street Journal" and "Wall Street Journal" name one outlet
        return _words(guess).removeprefix("the ") == _words(gold).removeprefix("the ")
    return _words(guess) == _words(gold)


def meta_accuracy(
    predicted: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]]
) -> dict[str, float]:
    return {
        name: sum(
            field_match(name, predicted.get(k, {}).get(name), g.get(name)) for k, g in gold.items()
        )
        / len(gold)
        for name in FIELDS
    }


def report_meta(
    label: str,
    gold_path: Path,
    paths: dict[str, Path],
    leg_meta: dict[str, dict[str, Any]],
    *,
    misses: bool,
) -> None:
    meta_gold: dict[str, dict[str, Any]] = json.loads(gold_path.read_text(encoding="utf-8"))[
        "pages"
    ]
    traf_meta = trafilatura_meta(paths, list(meta_gold))
    leg_acc, traf_acc = meta_accuracy(leg_meta, meta_gold), meta_accuracy(traf_meta, meta_gold)
    print(f"\nMetadata exact-match accuracy, {label}: {len(meta_gold)} hand-checked pages")
    for name in FIELDS:
        print(f"{name:22}{leg_acc[name]:>22.3f}{traf_acc[name]:>24.3f}")
    if not misses:
        return
    for key, g in meta_gold.items():
        for name in FIELDS:
            ours, theirs = leg_meta.get(key, {}).get(name), traf_meta[key].get(name)
            if not field_match(name, ours, g.get(name)):
                print(f"  {key[:8]} {name}: gold={g.get(name)!r} ours={ours!r} traf={theirs!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = (
        os.environ.get("LEGATION_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
    )
    parser.add_argument("--shared", type=Path, default=Path(default_shared))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--misses", action="store_true", help="list metadata mismatches")
    args = parser.parse_args()
    root = args.shared / "data" / "extraction" / "zyte"
    if not root.exists():
        print(f"needs {root}", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)  # trafilatura logs each page it discards
    gold = gold_bodies(root)
    paths = page_paths(root)
    leg_times, traf_times = [], []
    for _ in range(args.passes):
        leg_bodies, leg_meta, seconds = legation_pass(paths)
        leg_times.append(seconds)
        traf_bodies, seconds = trafilatura_pass(paths)
        traf_times.append(seconds)
    n = len(paths)
    leg, traf = score_bodies(leg_bodies, gold), score_bodies(traf_bodies, gold)
    print(
        f"Zyte article benchmark: {n} pages, one core, "
        f"best of {args.passes} passes (median in brackets)"
    )
    print(f"{'':22}{'Legation':>22}{'trafilatura extract()':>24}")
    print(f"{'body F1':22}{leg.f1:>22.4f}{traf.f1:>24.4f}")
    print(f"{'body precision':22}{leg.precision:>22.4f}{traf.precision:>24.4f}")
    print(f"{'body recall':22}{leg.recall:>22.4f}{traf.recall:>24.4f}")
    leg_rate = f"{n / min(leg_times):.1f} ({n / statistics.median(leg_times):.1f})"
    traf_rate = f"{n / min(traf_times):.1f} ({n / statistics.median(traf_times):.1f})"
    print(f"{'pages/s':22}{leg_rate:>22}{traf_rate:>24}")
    empty = sum(1 for b in leg_bodies.values() if not b)
    print(
        f"{'pages with no body':22}{empty:>22}{sum(1 for b in traf_bodies.values() if not b):>24}"
    )
    for label, gold_path in GOLD_META.items():
        if gold_path.exists():
            report_meta(label, gold_path, paths, leg_meta, misses=args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
