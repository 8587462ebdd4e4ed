"""PDF text extraction speed on a 200-page report built from UN General Debate speeches.

The report (a cover naming an institute, then speeches as chapters) is generated with
reportlab in a temporary folder; ``PDFParser`` then reads it as ingest would: text per
page, page spans, cover metadata. Target: under 5 s for 200 pages. Seeded.

    LEGATION_SHARED=/path/to/shared PYTHONPATH=src python bench/pdf.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from bench._corpus import load_speeches
from legation.parse.pdf import PDFParser
from legation.sources.base import RawInput

SEED = 1946
PAGES = 200
TARGET_SECONDS = 5.0
RUNS = 3


def build_report(
    path: Path, speeches: dict[tuple[str, int], str], keys: list[tuple[str, int]], budget: int
) -> tuple[int, int]:
    """Write the report with about ``budget`` characters of speeches; (pages, characters)."""
    styles = getSampleStyleSheet()
    story = [
        Paragraph("Voices of the General Assembly", styles["Title"]),
        Paragraph("Selected statements from the general debate", styles["Heading2"]),
        Paragraph("By Research Staff", styles["Normal"]),
        Paragraph("Institute for Multilateral Studies", styles["Normal"]),
        Paragraph("September 2024", styles["Normal"]),
        PageBreak(),
    ]
    used = 0
    for country, year in keys:
        if used >= budget:
            break
        story.append(Paragraph(f"{country}, {year}", styles["Heading1"]))
        for para in speeches[(country, year)].split("\n"):
            if para.strip():
                story.append(Paragraph(escape(para.strip()), styles["BodyText"]))
                used += len(para)
    pages: list[int] = []
    SimpleDocTemplate(str(path), pagesize=A4, title="", author="").build(
        story, onLaterPages=lambda _canvas, doc: pages.append(doc.page)
    )
    return len(pages) + 1, used


def main() -> None:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible test set, not secrets
    speeches = load_speeches(limit=800)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        started = time.perf_counter()
        keys = sorted(speeches)
        rng.shuffle(keys)
        # First a guess, then the budget scaled so the report comes out at 200 pages.
        pages, used = build_report(path, speeches, keys, PAGES * 2500)
        pages, _ = build_report(path, speeches, keys, int(used * (PAGES + 2) / pages))
        built = time.perf_counter() - started
        raw = RawInput(data=path.read_bytes(), name=path.name, path=str(path))
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        (doc,) = PDFParser().parse(raw, None)
        timings.append(time.perf_counter() - started)
    best, worst = min(timings), max(timings)
    print(f"report: {pages} pages, {len(raw.data) / 1e6:.1f} MB (built in {built:.1f} s)")
    print(f"parsed: {len(doc.pages)} pages, {len(doc.body):,} characters of text")
    print(f"cover: title={doc.title!r} institution={doc.institution!r} date={doc.published}")
    print(f"extraction: best {best:.2f} s, worst {worst:.2f} s over {RUNS} runs")
    print(
        f"speed: {len(doc.pages) / best:.0f} pages/s (target: {PAGES} pages < {TARGET_SECONDS} s)"
    )
    ok = len(doc.pages) >= PAGES and worst < TARGET_SECONDS
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
