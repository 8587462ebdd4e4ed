"""The tantivy full-text index: fielded search, facet counts, pages, highlighted snippets.

The index is derived data: `legation reindex` rebuilds it from the store at any time.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from legation.errors import LegationError
from legation.model import Document

__all__ = ["FACETS", "FacetValue", "FullTextIndex", "Hit", "SearchRequest", "SearchResult"]

log = logging.getLogger(__name__)

_SCHEMA_VERSION = "4"  # bump when the schema changes: the index is then rebuilt from the store
TEXT_FIELDS = ("title", "subtitle", "authors", "abstract", "body")
_BOOSTS = {"title": 3.0, "subtitle": 1.5, "authors": 2.0, "abstract": 1.5, "body": 1.0}
# Facet name -> raw, fast field holding its values.
FACETS: tuple[str, ...] = (
    "content_type",
    "section",
    "institution",
    "topic",
    "geography",
    "person",
    "organisation",
    "year",
)
_STRING_FACETS = FACETS[:-1]
_WRITER_HEAP = 128_000_000
_SNIPPET_CHARS = 240
_MAX_FACET_VALUES = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchRequest:
    query: str = ""
    facets: tuple[tuple[str, str], ...] = ()  # (facet name, value) filters, ANDed
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"  # or "date"


@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    id: str
    score: float
    title: str
    snippet: str
    snippet_html: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult:
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)


class QueryError(LegationError):
    """The query could not be understood."""


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        builder.add_text_field(
            name, stored=name in ("title", "body", "abstract"), tokenizer_name="en_stem"
        )
    for name in _STRING_FACETS:
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw")
    builder.add_integer_field("year", stored=False, indexed=True, fast=True)
    builder.add_text_field("published", stored=False, fast=True, tokenizer_name="raw")
    return builder.build()


def facet_values(doc: Document, enrichment: dict[str, Any] | None) -> dict[str, list[str]]:
    """Facet values of a document: what the source gave plus what enrichment found."""
    topics = list(doc.topics)
    geography = list(doc.geography)
    people: list[str] = []
    organisations: list[str] = []
    if enrichment:
        people = [str(p) for p in enrichment.get("people", [])]
        organisations = [str(o) for o in enrichment.get("organisations", [])]
        geography += enrichment.get("geography", {}).get("about", [])
        topics += [
            t["name"] if isinstance(t, dict) else str(t) for t in enrichment.get("topics", [])
        ]
    values = {
        "content_type": [doc.content_type] if doc.content_type else [],
        "section": [doc.section] if doc.section else [],
        "institution": [doc.institution] if doc.institution else [],
        "topic": list(dict.fromkeys(topics)),
        "geography": list(dict.fromkeys(geography)),
        "person": list(dict.fromkeys(people)),
        "organisation": list(dict.fromkeys(organisations)),
    }
    return {k: [v for v in vs if v] for k, vs in values.items()}


class FullTextIndex:
    """One tantivy index in a folder, kept in step with the store by the pipeline."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.schema = _schema()
        self._writer: Any = None
        marker = path / "LEGATION_SCHEMA"
        if path.exists() and (not marker.exists() or marker.read_text() != _SCHEMA_VERSION):
            log.warning("index schema changed; rebuilding %s (run `legation reindex`)", path)
            shutil.rmtree(path)
        self.fresh = not path.exists()
        path.mkdir(parents=True, exist_ok=True)
        marker.write_text(_SCHEMA_VERSION)
        self.index = tantivy.Index(self.schema, path=str(path), reuse=True)

    # -- writing ---------------------------------------------------------------

    def _get_writer(self) -> Any:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=_WRITER_HEAP, num_threads=1)
        return self._writer

    def add(self, doc: Document, enrichment: dict[str, Any] | None = None) -> None:
        """Add or replace one document (takes effect at commit)."""
        writer = self._get_writer()
        writer.delete_documents_by_term("id", doc.id)
        fields: dict[str, Any] = {
            "id": doc.id,
            "title": doc.title,
            "subtitle": doc.subtitle or "",
            "authors": " ; ".join(doc.authors),
            "abstract": doc.abstract or "",
            "body": doc.body,
        }
        fields |= {name: vals for name, vals in facet_values(doc, enrichment).items() if vals}
        if doc.published:
            fields["year"] = doc.published.year
            fields["published"] = doc.published.isoformat()
        writer.add_document(tantivy.Document(**fields))

    def remove(self, doc_ids: Iterable[str]) -> None:
        writer = self._get_writer()
        for doc_id in doc_ids:
            writer.delete_documents_by_term("id", doc_id)

    def clear(self) -> None:
        self._get_writer().delete_all_documents()

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self.index.reload()

    # -- reading ---------------------------------------------------------------

    def count(self) -> int:
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def _query(self, request: SearchRequest) -> Any:
        text = request.query.strip()
        if text:
            parsed, errors = self.index.parse_query_lenient(
                text, default_field_names=list(TEXT_FIELDS), field_boosts=_BOOSTS
            )
            if errors:
                log.info("query parsed leniently: %s", errors)
        else:
            parsed = tantivy.Query.all_query()
        filters = []
        for name, value in request.facets:
            if name not in FACETS:
                raise QueryError(f"unknown facet {name!r} (facets: {', '.join(FACETS)})")
            if name == "year":
                try:
                    term = tantivy.Query.term_query(self.schema, "year", int(value))
                except ValueError:
                    raise QueryError(f"year must be a number, not {value!r}") from None
            else:
                term = tantivy.Query.term_query(self.schema, name, value)
            filters.append((tantivy.Occur.Must, term))
        if not filters:
            return parsed
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, parsed), *filters])

    def search(self, request: SearchRequest) -> SearchResult:
        query = self._query(request)
        searcher = self.index.searcher()
        offset = max(request.page - 1, 0) * request.per_page
        if request.sort == "date" or not request.query.strip():
            result = searcher.search(
                query, limit=request.per_page, offset=offset, order_by_field="year", count=True
            )
        else:
            result = searcher.search(query, limit=request.per_page, offset=offset, count=True)
        hits = self._hits(searcher, query, result.hits)
        total = int(getattr(result, "count", 0) or 0)  # `count` is missing from the stubs
        return SearchResult(total=total, hits=hits, facets=self._facets(searcher, query))

    def _hits(self, searcher: Any, query: Any, raw_hits: Sequence[Any]) -> tuple[Hit, ...]:
        if not raw_hits:
            return ()
        body_snippets = tantivy.SnippetGenerator.create(searcher, query, self.schema, "body")
        body_snippets.set_max_num_chars(_SNIPPET_CHARS)
        abstract_snippets = tantivy.SnippetGenerator.create(
            searcher, query, self.schema, "abstract"
        )
        abstract_snippets.set_max_num_chars(_SNIPPET_CHARS)
        hits = []
        for score, address in raw_hits:
            stored = searcher.doc(address)
            snippet = abstract_snippets.snippet_from_doc(stored)
            if not snippet.highlighted():
                body = body_snippets.snippet_from_doc(stored)
                if body.highlighted() or not snippet.fragment():
                    snippet = body
            fragment = snippet.fragment()
            if not fragment:
                text = (stored.get_first("abstract") or stored.get_first("body") or "").strip()
                fragment = text[:_SNIPPET_CHARS]
            hits.append(
                Hit(
                    id=stored.get_first("id"),
                    score=float(score) if isinstance(score, float) else 0.0,
                    title=stored.get_first("title") or "",
                    snippet=" ".join(fragment.split()),
                    snippet_html=snippet.to_html() if snippet.fragment() else _escape(fragment),
                )
            )
        return tuple(hits)

    def _facets(self, searcher: Any, query: Any) -> dict[str, tuple[FacetValue, ...]]:
        aggs = {name: {"terms": {"field": name, "size": _MAX_FACET_VALUES}} for name in FACETS}
        try:
            raw = searcher.aggregate(query, aggs)
        except ValueError as exc:  # an empty index has no fast-field columns yet
            log.debug("facet aggregation failed: %s", exc)
            return {}
        facets: dict[str, tuple[FacetValue, ...]] = {}
        for name in FACETS:
            buckets = raw.get(name, {}).get("buckets", [])
            values = [
                FacetValue(value=str(b["key"]).removesuffix(".0"), count=int(b["doc_count"]))
                for b in buckets
            ]
            if name == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            facets[name] = tuple(values)
        return facets


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
