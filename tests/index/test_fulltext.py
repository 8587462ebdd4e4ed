from __future__ import annotations

from pathlib import Path

import pytest

from legation.index.fulltext import FullTextIndex, QueryError, SearchRequest
from legation.model import Document, PartialDate, Provenance, document_id


def _doc(n: int, title: str, body: str, **fields: object) -> Document:
    return Document(
        id=document_id(f"doc{n}"),
        title=title,
        body=body,
        source=Provenance(format="test", sha256=str(n) * 64, read_at="2026-01-01T00:00:00"),
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def index(tmp_path: Path) -> FullTextIndex:
    idx = FullTextIndex(tmp_path / "index")
    idx.add(
        _doc(
            1,
            "Sanctions on Iran",
            "The sanctions regime against Iran was tightened after the talks failed.",
            content_type="Analysis",
            geography=("Iran", "Middle East"),
            topics=("Sanctions",),
            published=PartialDate(year=2024, month=3),
        )
    )
    idx.add(
        _doc(
            2,
            "Arctic security",
            "Military activity in the Arctic is rising, and sanctions play a minor role.",
            content_type="Journal Article",
            geography=("Arctic",),
            published=PartialDate(year=2025),
        )
    )
    for n in range(3, 15):
        idx.add(_doc(n, f"Filler {n}", "Ordinary text about trade policy.", content_type="Speech"))
    idx.commit()
    return idx


def test_search_ranks_title_matches_and_highlights(index: FullTextIndex) -> None:
    result = index.search(SearchRequest(query="sanctions"))
    assert result.total == 2
    assert result.hits[0].title == "Sanctions on Iran"
    assert "<b>" in result.hits[0].snippet_html


def test_facet_counts_and_filters(index: FullTextIndex) -> None:
    result = index.search(SearchRequest(query=""))
    types = {v.value: v.count for v in result.facets["content_type"]}
    assert types == {"Speech": 12, "Analysis": 1, "Journal Article": 1}
    years = [v.value for v in result.facets["year"]]
    assert years == ["2025", "2024"]
    filtered = index.search(SearchRequest(query="sanctions", facets=(("geography", "Arctic"),)))
    assert [h.title for h in filtered.hits] == ["Arctic security"]
    by_year = index.search(SearchRequest(query="", facets=(("year", "2024"),)))
    assert by_year.total == 1


def test_pagination(index: FullTextIndex) -> None:
    pages = [index.search(SearchRequest(query="trade", page=p, per_page=5)) for p in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [5, 5, 2]
    ids = {h.id for p in pages for h in p.hits}
    assert len(ids) == 12


def test_update_replaces_and_bad_facet_is_clear(index: FullTextIndex) -> None:
    index.add(_doc(1, "Sanctions on Iran, revised", "Revised text about sanctions."))
    index.commit()
    assert index.count() == 14
    with pytest.raises(QueryError, match="unknown facet"):
        index.search(SearchRequest(facets=(("colour", "red"),)))


def test_enrichment_feeds_the_facets(tmp_path: Path) -> None:
    idx = FullTextIndex(tmp_path / "index")
    enrichment = {
        "geography": {"about": ["Japan", "Asia"]},
        "topics": ["Alliances"],
        "people": ["George Beebe"],
        "organisations": ["NATO"],
    }
    idx.add(
        _doc(1, "An office in Tokyo", "NATO plans an office.", geography=("Japan",)), enrichment
    )
    idx.add(_doc(2, "Other", "Nothing to see."))
    idx.commit()
    result = idx.search(SearchRequest(query=""))
    assert [(v.value, v.count) for v in result.facets["geography"]] == [("Asia", 1), ("Japan", 1)]
    assert [v.value for v in result.facets["person"]] == ["George Beebe"]
    assert [v.value for v in result.facets["organisation"]] == ["NATO"]
    assert [v.value for v in result.facets["topic"]] == ["Alliances"]
    by_person = idx.search(SearchRequest(facets=(("person", "George Beebe"),)))
    assert [h.title for h in by_person.hits] == ["An office in Tokyo"]
