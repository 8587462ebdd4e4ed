"""Search as people and programs see it: index hits joined with their stored records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legation.index.fulltext import SearchRequest

if TYPE_CHECKING:
    from legation.model import Document
    from legation.pipeline import Library

__all__ = ["parse_facet_args", "search_json"]


def parse_facet_args(values: tuple[str, ...] | list[str]) -> tuple[tuple[str, str], ...]:
    """``["geography=China", "year=2025"]`` -> ``(("geography", "China"), ("year", "2025"))``."""
    pairs = []
    for value in values:
        name, sep, wanted = value.partition("=")
        if not sep or not name.strip() or not wanted.strip():
            raise ValueError(f"facet filter must be NAME=VALUE, got {value!r}")
        pairs.append((name.strip(), wanted.strip()))
    return tuple(pairs)


def search_json(library: Library, request: SearchRequest) -> dict[str, Any]:
    """The public search result: total, results with record fields and snippet, facets."""
    result = library.index.search(request)
    results = []
    for rank, hit in enumerate(result.hits, start=(request.page - 1) * request.per_page + 1):
        doc = library.store.get(hit.id)
        if doc is None:  # the index may lag a deletion; the store is the truth
            continue
        record = doc.to_json()
        enrichment = library.store.get_enrichment(doc.id) or {}
        results.append(
            {
                "rank": rank,
                "id": doc.id,
                "title": doc.title,
                "subtitle": doc.subtitle,
                "authors": record["authors"],
                "published": record["published"],
                "content_type": doc.content_type,
                "section": doc.section,
                "institution": doc.institution,
                "journal": doc.journal,
                "url": doc.url,
                "topics": record["topics"] or _names(enrichment.get("topics", [])),
                "geography": record["geography"]
                or list(enrichment.get("geography", {}).get("about", [])),
                "snippet": hit.snippet,
                "page": _page_label(doc, hit.body_offset),
                "snippet_html": hit.snippet_html,
                "score": round(hit.score, 4),
            }
        )
    return {
        "query": request.query,
        "total": result.total,
        "page": request.page,
        "per_page": request.per_page,
        "results": results,
        "facets": {
            name: [{"value": v.value, "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
    }


def _page_label(doc: Document, offset: int | None) -> str | None:
    """The page a body snippet stands on, for documents that have pages (PDF reports)."""
    if offset is None or not doc.pages:
        return None
    span = doc.page_of(offset)
    return None if span is None else span.label or str(span.number)


def _names(topics: list[Any]) -> list[str]:
    return [t["name"] if isinstance(t, dict) else str(t) for t in topics]
