"""`legation sources ...` (the feeds, sitemaps and pages followed) and `legation crawl`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from legation.errors import LegationError
from legation.serve.cli import settings_of
from legation.serve.progress import progress_bar
from legation.settings import Settings
from legation.sources.state import CrawlState, SourceRow
from legation.store.sqlite import SQLiteStore

__all__ = ["crawl", "sources"]

_MAX_LISTED_ERRORS = 15


def _err() -> Console:
    return Console(stderr=True, highlight=False)


@contextmanager
def _state(settings: Settings) -> Iterator[CrawlState]:
    settings.data.mkdir(parents=True, exist_ok=True)
    store = SQLiteStore(settings.db_path)
    try:
        yield CrawlState(store)
    finally:
        store.close()


@click.group()
def sources() -> None:
    """The feeds, sitemaps and sites the library follows; `legation crawl` fetches them."""


@sources.command("add")
@click.argument("url")
@click.option(
    "--kind",
    type=click.Choice(["auto", "feed", "sitemap", "page"]),
    default="auto",
    show_default=True,
    help="auto fetches the URL and decides; a home page leads to the feed it advertises.",
)
@click.option("--title", help="A name for the source (default: the feed's or page's title).")
@click.option("--institution", help="Who publishes it (think tank, magazine, journal).")
@click.option("--disabled", is_flag=True, help="Add it switched off.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored source as JSON.")
@click.pass_context
def add(
    ctx: click.Context,
    url: str,
    kind: str,
    title: str | None,
    institution: str | None,
    disabled: bool,
    as_json: bool,
) -> None:
    """Follow a feed (RSS, Atom, JSON Feed), a sitemap, or a site's home page."""
    settings = settings_of(ctx)
    console = _err()
    note = None
    if kind == "auto":
        from legation.sources.discovery import detect
        from legation.sources.http import Fetcher, FetchOptions
        from legation.sources.politeness import Politeness

        polite = Politeness(settings.crawl_delay, settings.crawl_concurrency)
        try:
            with Fetcher(FetchOptions.from_settings(settings), politeness=polite) as fetcher:
                found = detect(fetcher, url)
        except LegationError as exc:
            raise click.ClickException(f"cannot add {url}: {exc}") from None
        url, kind, note = found.url, found.kind, found.note
        title = title or found.title
    with _state(settings) as state:
        row, new = state.add_source(
            url, kind, title=title, institution=institution, enabled=not disabled
        )
    if as_json:
        click.echo(json.dumps(row.as_dict(), ensure_ascii=False))
    verb = "added" if new else "already followed as"
    console.print(f"{verb} source {row.id}: {row.kind} {row.url}" + (f" ({note})" if note else ""))
    if row.title:
        console.print(f"  {row.title}")


def _table(rows: list[SourceRow], counts: dict[int, dict[str, int]]) -> Table:
    table = Table(box=None, pad_edge=False)
    for name in ("id", "on", "kind", "done", "queued", "failed", "last crawled", "title / url"):
        table.add_column(name, no_wrap=name != "title / url")
    for row in rows:
        mine = counts.get(row.id, {})
        table.add_row(
            str(row.id),
            "yes" if row.enabled else "no",
            row.kind,
            str(mine.get("done", 0)),
            str(mine.get("pending", 0) + mine.get("fetched", 0)),
            str(mine.get("failed", 0) + mine.get("refused", 0) + mine.get("gone", 0)),
            (row.last_crawled or "never")[:16],
            f"{row.title or ''}\n{row.url}" if row.title else row.url,
        )
    return table


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the sources as JSON lines.")
@click.pass_context
def list_sources(ctx: click.Context, as_json: bool) -> None:
    """Show the sources followed, with their crawl state."""
    with _state(settings_of(ctx)) as state:
        rows = state.sources()
        counts = state.source_counts()
    if as_json:
        for row in rows:
            click.echo(json.dumps({**row.as_dict(), "items": counts.get(row.id, {})}))
        return
    if not rows:
        _err().print("no sources yet: `legation sources add URL` or `legation sources starter`")
        return
    if sys.stdout.isatty():
        Console(highlight=False).print(_table(rows, counts))
        return
    for row in rows:  # piped: one tab-separated line per source, never cut
        mine = counts.get(row.id, {})
        fields = (row.id, int(row.enabled), row.kind, mine.get("done", 0), row.url, row.title or "")
        click.echo("\t".join(str(f) for f in fields))


@sources.command("remove")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.pass_context
def remove(ctx: click.Context, ids: tuple[int, ...]) -> None:
    """Stop following sources and forget their crawl state (stored documents stay)."""
    _each(ctx, ids, "removed", lambda state, i: state.remove_source(i))


@sources.command("enable")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.pass_context
def enable(ctx: click.Context, ids: tuple[int, ...]) -> None:
    """Switch sources on for `legation crawl`."""
    _each(ctx, ids, "enabled", lambda state, i: state.set_enabled(i, True))


@sources.command("disable")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.pass_context
def disable(ctx: click.Context, ids: tuple[int, ...]) -> None:
    """Switch sources off (kept, with their crawl state)."""
    _each(ctx, ids, "disabled", lambda state, i: state.set_enabled(i, False))


def _each(ctx: click.Context, ids: tuple[int, ...], verb: str, action: Any) -> None:
    console = _err()
    missing = []
    with _state(settings_of(ctx)) as state:
        for source_id in ids:
            if action(state, source_id):
                console.print(f"{verb} source {source_id}")
            else:
                missing.append(str(source_id))
    if missing:
        raise click.ClickException(f"no source with id {', '.join(missing)}")


def starter_feeds() -> list[dict[str, str]]:
    """The starter list shipped with Legation (name, url, kind, institution)."""
    import yaml

    text = (resources.files("legation.sources") / "starter_feeds.yaml").read_text("utf-8")
    entries: list[dict[str, str]] = yaml.safe_load(text)["feeds"]
    return entries


@sources.command("starter")
@click.option("--enable", "enable_them", is_flag=True, help="Also switch them on.")
@click.option(
    "--only",
    multiple=True,
    metavar="TEXT",
    help="Only entries whose name or institution contains TEXT; repeatable.",
)
@click.pass_context
def starter(ctx: click.Context, enable_them: bool, only: tuple[str, ...]) -> None:
    """Install the shipped starter list of international-affairs feeds (off until enabled)."""
    console = _err()
    wanted = [
        e
        for e in starter_feeds()
        if not only
        or any(t.lower() in f"{e['name']} {e.get('institution', '')}".lower() for t in only)
    ]
    added = 0
    with _state(settings_of(ctx)) as state:
        for entry in wanted:
            row, new = state.add_source(
                entry["url"],
                entry.get("kind", "feed"),
                title=entry["name"],
                institution=entry.get("institution"),
                enabled=False,
            )
            added += new
            if enable_them:
                state.set_enabled(row.id, True)
    state_word = "enabled" if enable_them else "disabled; `legation sources enable ID` to use"
    console.print(
        f"{len(wanted)} starter sources ({added} new), {state_word}. See `legation sources list`."
    )


class _RichProgress:
    """The crawler's progress on standard error."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: Any = None

    def start(self, phase: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(phase, total=total, current="")

    def advance(self, url: str) -> None:
        self._progress.update(self._task, advance=1, current=url[-60:])


def _summary(console: Console, run: Any) -> None:
    crawl, ingested = run.crawl, run.ingest.as_dict()
    console.print(
        f"[bold]crawled {crawl.sources} sources[/] in {crawl.seconds:.1f} s "
        f"({crawl.requests} requests): {crawl.new_urls} new URLs, "
        f"{crawl.fetched} fetched, {crawl.not_modified} unchanged (304), "
        f"{crawl.resumed} resumed, [red]{crawl.failed} failed[/], {crawl.refused} refused, "
        f"{crawl.gone} gone"
    )
    console.print(
        f"documents: [green]{ingested['added']} added[/], {ingested['updated']} updated, "
        f"{ingested['unchanged']} unchanged, [red]{ingested['failed']} not parsed[/]"
    )
    errors = crawl.errors + [(s, r) for s, r in run.ingest.failures]
    for url, reason in errors[:_MAX_LISTED_ERRORS]:
        console.print(f"  [red]![/] {url}: {reason}")
    if len(errors) > _MAX_LISTED_ERRORS:
        console.print(f"  ... and {len(errors) - _MAX_LISTED_ERRORS} more")


@click.command()
@click.option("--delay", type=float, help="Seconds between requests to one host (default 1).")
@click.option("--concurrency", type=int, help="Requests in flight to one host (default 2).")
@click.option("--max-items", type=int, help="Fetch at most this many items in this run.")
@click.option("--source", "source_ids", type=int, multiple=True, help="Only this source id.")
@click.option("--no-enrich", is_flag=True, help="Skip tagging (geography, topics, entities).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.pass_context
def crawl(
    ctx: click.Context,
    delay: float | None,
    concurrency: int | None,
    max_items: int | None,
    source_ids: tuple[int, ...],
    no_enrich: bool,
    as_json: bool,
) -> None:
    """Fetch what is new from the enabled sources, politely, and add it to the library.

    robots.txt is obeyed; by default one request per second per host. An interrupted
    crawl resumes where it stopped without fetching anything twice.
    """
    from legation.pipeline import IngestOptions, Library
    from legation.sources.crawl import CrawlOptions
    from legation.sources.schedule import crawl_library

    settings = settings_of(ctx)
    console = _err()
    options = CrawlOptions.from_settings(
        settings,
        delay=delay,
        concurrency=concurrency,
        max_items=max_items,
        source_ids=source_ids or None,
    )
    ingest_options = IngestOptions(
        enrich=settings.enrich and not no_enrich, batch_size=settings.batch_size
    )
    bar = progress_bar(console)
    with Library.open(settings) as library, bar:
        run = crawl_library(library, options, ingest_options, progress=_RichProgress(bar))
    if as_json:
        click.echo(json.dumps({"crawl": run.crawl.as_dict(), "ingest": run.ingest.as_dict()}))
    _summary(console, run)
