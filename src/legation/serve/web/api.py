"""The JSON API: the same search and records the pages show, for programs."""

# No `from __future__ import annotations`: FastAPI must see the route annotations as
# objects, and they refer to a dependency defined at run time.

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from legation.index.fulltext import FACETS, QueryError, SearchRequest
from legation.index.search import parse_facet_args, search_json
from legation.pipeline import Library
from legation.settings import Settings

__all__ = ["api_router", "search_params"]


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

    @router.get("/facets")
    def api_facets() -> dict[str, Any]:
        return {"facets": list(FACETS)}

    return router
