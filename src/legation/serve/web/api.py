"""The JSON API: the same search and records the pages show, for programs."""

# No `from __future__ import annotations`: FastAPI must see the route annotations as
# objects, and they refer to a dependency defined at run time.

import io
import mimetypes
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from legation.index.fulltext import FACETS, QueryError, SearchRequest
from legation.index.search import parse_facet_args, search_json
from legation.pipeline import Library
from legation.serve.formats.base import get_exporter
from legation.settings import Settings

__all__ = ["api_router", "search_params"]

_EXPORT_PAGE = 500
_MAX_EXPORT = 5000  # a larger export is a job for `legation export`
_SUFFIXES = {"ris": "ris", "bibtex": "bib", "csljson": "json"}


def search_params(settings: Settings) -> Callable[..., SearchRequest]:
    """A dependency reading the search query parameters (bad ones answer 400)."""

    def params(
        q: str = "",
        facet: Annotated[list[str] | None, Query()] = None,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=500)] = settings.per_page,
        sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    ) -> SearchRequest:
        try:
            facets = parse_facet_args(facet or [])
        except ValueError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        unknown = [name for name, _ in facets if name not in FACETS]
        if unknown:
            detail = f"unknown facet {unknown[0]!r} (facets: {', '.join(FACETS)})"
            raise HTTPException(status_code=400, detail=detail)
        return SearchRequest(query=q, facets=facets, page=page, per_page=per_page, sort=sort)

    return params


def api_router(library: Library, params: Callable[..., SearchRequest]) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/search")
    def api_search(search: Annotated[SearchRequest, Depends(params)]) -> dict[str, Any]:
        try:
            return search_json(library, search)
        except QueryError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None

    @router.get("/documents/{doc_id}")
    def api_document(doc_id: str) -> dict[str, Any]:
        doc = library.store.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id}")
        return doc.to_json() | {"enrichment": library.store.get_enrichment(doc_id)}

    @router.get("/documents/{doc_id}/raw")
    def api_raw(doc_id: str) -> Response:
        """The bytes the document was read from, exactly as they came in."""
        doc = library.store.get(doc_id)
        data = library.store.get_raw(doc.source.sha256) if doc is not None else None
        if doc is None or data is None:
            raise HTTPException(status_code=404, detail=f"no raw input for {doc_id}")
        name = (doc.source.path or doc.source.url or doc_id).rsplit("/", 1)[-1].rsplit("!", 1)[-1]
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name) or "input"
        headers = {"Content-Disposition": f'attachment; filename="{safe}"'}
        return Response(data, media_type=media, headers=headers)

    @router.get("/export")
    def api_export(
        search: Annotated[SearchRequest, Depends(params)],
        format: Annotated[str, Query(pattern="^(ris|bibtex|csljson)$")] = "ris",
    ) -> Response:
        """Every result of a search (up to a limit) as references for Zotero."""
        exporter = get_exporter(format)
        ids: list[str] = []
        page = 1
        while len(ids) < _MAX_EXPORT:
            request = replace(search, page=page, per_page=_EXPORT_PAGE)
            hits = library.index.search(request).hits
            ids += [h.id for h in hits]
            if len(hits) < _EXPORT_PAGE:
                break
            page += 1
        docs = [d for d in (library.store.get(i) for i in ids[:_MAX_EXPORT]) if d is not None]
        out = io.StringIO()
        exporter.write(docs, out)
        filename = f"legation-export.{_SUFFIXES[format]}"
        return Response(
            out.getvalue(),
            media_type=exporter.media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @router.get("/facets")
    def api_facets() -> dict[str, Any]:
        return {"facets": list(FACETS)}

    return router
