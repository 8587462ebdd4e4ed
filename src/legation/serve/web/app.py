"""The FastAPI application: search and document pages, and the same data as JSON.

Templates autoescape every value; no asset is fetched from outside the server.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from legation.index.fulltext import FACETS, QueryError, SearchRequest
from legation.index.search import parse_facet_args, search_json
from legation.pipeline import Library
from legation.settings import Settings

__all__ = ["create_app"]

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


def _web_dir() -> Path:
    return Path(str(resources.files("legation.serve.web")))


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


def create_app(settings: Settings, crawl_every: float | None = None) -> FastAPI:
    """The web application; with ``crawl_every`` (seconds) it also crawls on a schedule."""
    library = Library.open(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        crawler = None
        if crawl_every:
            from legation.sources.schedule import run_periodically

            crawler = threading.Thread(
                target=run_periodically,
                args=(settings, crawl_every, stop),
                kwargs={"library": library},
                name="legation-crawl",
                daemon=True,
            )
            crawler.start()
        yield
        stop.set()
        if crawler is not None:
            crawler.join(timeout=30)
        library.close()

    app = FastAPI(title="Legation", version="0.1.0", docs_url="/api/docs", lifespan=lifespan)
    web = _web_dir()
    templates = Jinja2Templates(directory=str(web / "templates"))
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    app.state.library = library

    @app.get("/", response_class=HTMLResponse)
    def search_page(
        request: Request,
        q: str = "",
        facet: Annotated[list[str] | None, Query()] = None,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=500)] = settings.per_page,
        sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    ) -> HTMLResponse:
        try:
            search = SearchRequest(
                query=q,
                facets=parse_facet_args(facet or []),
                page=page,
                per_page=per_page,
                sort=sort,
            )
            context = _search_context(library, search)
        except (ValueError, QueryError) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        return templates.TemplateResponse(request, "search.html", context)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        doc = library.store.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id}")
        context = {
            "doc": doc,
            "record": doc.to_json(),
            "enrichment": library.store.get_enrichment(doc_id) or {},
            "paragraphs": [p for p in doc.body.split("\n\n") if p.strip()],
        }
        return templates.TemplateResponse(request, "document.html", context)

    @app.get("/api/search")
    def api_search(
        q: str = "",
        facet: Annotated[list[str] | None, Query()] = None,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=500)] = settings.per_page,
        sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    ) -> dict[str, Any]:
        try:
            request = SearchRequest(
                query=q,
                facets=parse_facet_args(facet or []),
                page=page,
                per_page=per_page,
                sort=sort,
            )
            return search_json(library, request)
        except (ValueError, QueryError) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> dict[str, Any]:
        doc = library.store.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id}")
        return doc.to_json() | {"enrichment": library.store.get_enrichment(doc_id)}

    @app.get("/api/facets")
    def api_facets() -> dict[str, Any]:
        return {"facets": list(FACETS)}

    return app
