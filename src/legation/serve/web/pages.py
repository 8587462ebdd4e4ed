"""The HTML pages: a search page in the shape of a research-database listing, and documents."""

# No `from __future__ import annotations`: FastAPI must see the route annotations as
# objects, and they refer to a dependency defined at run time.

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from legation.index.fulltext import SearchRequest
from legation.index.search import search_json
from legation.pipeline import Library
from legation.serve.web.highlight import body_paragraphs

__all__ = ["pages_router"]

PER_PAGE_CHOICES = (10, 20, 50, 100)
_FACET_LABELS = {
    "content_type": "Content type",
    "section": "Section",
    "institution": "Institution",
    "topic": "Topic",
    "geography": "Political geography",
    "person": "People",
    "organisation": "Organisations",
    "year": "Year",
}
_MAX_PAGE_LINKS = 9


def _page_links(page: int, pages: int) -> list[int]:
    start = max(1, min(page - _MAX_PAGE_LINKS // 2, pages - _MAX_PAGE_LINKS + 1))
    return list(range(start, min(pages, start + _MAX_PAGE_LINKS - 1) + 1))


def _search_context(library: Library, request: SearchRequest) -> dict[str, Any]:
    data = search_json(library, request)
    q, page, per_page, sort = request.query, request.page, request.per_page, request.sort
    facet = [f"{name}={value}" for name, value in request.facets]
    pages = max(1, -(-data["total"] // per_page))
    base = {"q": q, "per_page": per_page, "sort": sort}

    def url(**changes: Any) -> str:
        params: list[tuple[str, Any]] = list((base | changes).items())
        facets = changes.pop("facets", facet)
        params = [(k, v) for k, v in params if k != "facets"]
        params += [("facet", f) for f in facets]
        return "/?" + urlencode(params)

    return {
        "data": data,
        "q": q,
        "sort": sort,
        "active": facet,
        "per_page": per_page,
        "per_page_choices": PER_PAGE_CHOICES,
        "page": page,
        "pages": pages,
        "page_links": _page_links(page, pages),
        "facet_labels": _FACET_LABELS,
        "url": url,
    }


def pages_router(
    library: Library, templates: Jinja2Templates, params: Callable[..., SearchRequest]
) -> APIRouter:
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse)
    def search_page(
        request: Request, search: Annotated[SearchRequest, Depends(params)]
    ) -> HTMLResponse:
        return templates.TemplateResponse(request, "search.html", _search_context(library, search))

    @router.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        doc = library.store.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id}")
        enrichment = library.store.get_enrichment(doc_id) or {}
        work = library.dedup.work_of(doc_id)
        others = [d for d in library.dedup.members(work) if d != doc_id] if work else []
        context = {
            "doc": doc,
            "same_work": [o for o in (library.store.get(d) for d in others) if o is not None],
            "record": doc.to_json(),
            "enrichment": enrichment,
            "paragraphs": body_paragraphs(doc, enrichment),
        }
        return templates.TemplateResponse(request, "document.html", context)

    return router
