"""`legation serve`: the web pages and JSON API on a local port."""

from __future__ import annotations

import click

from legation.serve.cli import settings_of

__all__ = ["serve"]


@click.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option(
    "--crawl-every",
    type=click.FloatRange(min=1),
    default=None,
    metavar="MINUTES",
    help="Also crawl the enabled sources now and then every MINUTES.",
)
@click.pass_context
def serve(
    ctx: click.Context, host: str | None, port: int | None, crawl_every: float | None
) -> None:
    """Serve the search and document pages (and /api/...) over HTTP.

    With --crawl-every, the enabled sources (`legation sources list`) are crawled
    in the background on that schedule while the pages are served.
    """
    import uvicorn

    from legation.serve.web.app import create_app

    settings = settings_of(ctx)
    app = create_app(settings, crawl_every=crawl_every * 60 if crawl_every else None)
    host = host or settings.host
    port = port or settings.port
    click.echo(f"Legation is serving {settings.data} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
