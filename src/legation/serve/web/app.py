"""The FastAPI application: search and document pages, and the same data as JSON.

Templates autoescape every value; no asset is fetched from outside the server.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from legation.pipeline import Library
from legation.serve.web.api import api_router, search_params
from legation.serve.web.pages import pages_router
from legation.settings import Settings

__all__ = ["create_app"]


def _web_dir() -> Path:
    return Path(str(resources.files("legation.serve.web")))


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

    @app.exception_handler(StarletteHTTPException)
    async def _error(request: Request, exc: StarletteHTTPException) -> Response:
        # Programs get JSON; people get a page in the site's own look.
        if request.url.path.startswith("/api"):
            return await http_exception_handler(request, exc)
        titles = {400: "That search could not be run", 404: "Not found"}
        context = {
            "status": exc.status_code,
            "title": titles.get(exc.status_code, "Something went wrong"),
            "detail": exc.detail,
        }
        return templates.TemplateResponse(
            request, "error.html", context, status_code=exc.status_code
        )

    app.include_router(pages_router(library, templates, search_params(settings)))
    app.include_router(api_router(library, search_params(settings)))
    return app
