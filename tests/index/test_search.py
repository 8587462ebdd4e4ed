"""Search results as people see them: record fields, and the page a PDF snippet stands on."""

from __future__ import annotations

from pathlib import Path

from legation.index.fulltext import SearchRequest
from legation.index.search import parse_facet_args, search_json
from legation.pipeline import IngestOptions, Library, ingest
from legation.settings import Settings
from legation.sources.base import RawInput
from tests.parse.test_pdf import _report


def test_pdf_snippets_cite_their_page(tmp_path: Path) -> None:
    with Library.open(Settings(data=tmp_path / "lib")) as library:
        raw = RawInput(data=_report(), name="calm.pdf", path="/in/calm.pdf")
        ingest([raw], library, IngestOptions(enrich=False))
        data = search_json(library, SearchRequest(query="radar"))
    assert data["total"] == 1
    hit = data["results"][0]
    assert hit["content_type"] == "Report"
    assert "radar" in hit["snippet"]
    assert hit["page"] == "3"


def test_facet_arguments() -> None:
    assert parse_facet_args(["geography=North Korea", "year = 2025"]) == (
        ("geography", "North Korea"),
        ("year", "2025"),
    )
