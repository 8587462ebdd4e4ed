"""`legation search`, `legation show`, `legation stats`: reading the library."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from legation.index.fulltext import FACETS, QueryError, SearchRequest
from legation.index.search import parse_facet_args, search_json
from legation.pipeline import Library
from legation.serve.cli import settings_of

__all__ = ["remove", "search", "show", "stats"]


def _print_results(console: Console, data: dict[str, Any]) -> None:
    total, page, per_page = data["total"], data["page"], data["per_page"]
    first = (page - 1) * per_page + 1
    last = first + len(data["results"]) - 1
    console.print(f"[bold]{total}[/] results" + (f", {first}-{last} shown" if total else ""))
    for row in data["results"]:
        meta = " · ".join(
            str(x)
            for x in (
                ", ".join(row["authors"]),
                row["published"],
                row["content_type"],
                row["institution"],
            )
            if x
        )
        console.print(f"\n[bold]{row['rank']}. {escape(row['title'])}[/]  [dim]{row['id']}[/]")
        if meta:
            console.print(f"   {escape(meta)}", style="cyan")
        if row["snippet"]:
            console.print(f"   {escape(row['snippet'])}")
    for name, values in data["facets"].items():
        if values:
            shown = ", ".join(f"{v['value']} ({v['count']})" for v in values[:8])
            console.print(f"\n[dim]{name}:[/] {escape(shown)}", highlight=False)


@click.command()
@click.argument("query", nargs=-1)
@click.option(
    "--facet",
    "facets",
    multiple=True,
    metavar="NAME=VALUE",
    help=f"Filter on a facet value (repeatable). Facets: {', '.join(FACETS)}.",
)
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, 500), default=None, help="Results per page.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    facets: tuple[str, ...],
    page: int,
    per_page: int | None,
    sort: str,
    as_json: bool,
) -> None:
    """Search the library.

    QUERY uses the query language of the index: words (all fields), "exact
    phrases", field:word (title, subtitle, authors, abstract, body), AND, OR, -word.
    An empty query lists everything, newest first.
    """
    settings = settings_of(ctx)
    try:
        request = SearchRequest(
            query=" ".join(query),
            facets=parse_facet_args(facets),
            page=page,
            per_page=per_page or settings.per_page,
            sort=sort,
        )
        with Library.open(settings) as library:
            data = search_json(library, request)
    except (ValueError, QueryError) as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_results(Console(), data)


@click.command()
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.pass_context
def show(ctx: click.Context, doc_id: str, as_json: bool) -> None:
    """Show one document: its record, body and related teasers."""
    with Library.open(settings_of(ctx)) as library:
        doc = library.store.get(doc_id)
        enrichment = library.store.get_enrichment(doc_id)
    if doc is None:
        raise click.ClickException(f"no document with id {doc_id!r}")
    record = doc.to_json() | {"enrichment": enrichment}
    if as_json:
        json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    console = Console()
    console.print(f"[bold]{escape(doc.title)}[/]")
    if doc.subtitle:
        console.print(escape(doc.subtitle), style="italic")
    keys = ("authors", "published", "content_type", "section", "institution", "journal", "url")
    for key in (*keys, "topics", "geography"):
        value = record[key]
        if value:
            shown = ", ".join(value) if isinstance(value, list) else value
            console.print(f"[dim]{key}:[/] {escape(str(shown))}")
    _print_enrichment(console, enrichment or {})
    console.print()
    console.print(escape(doc.abstract or ""))
    console.print(escape(doc.body))
    for ref in doc.related:
        console.print(f"\n[bold]Related:[/] {escape(ref.title)} [dim]({ref.section})[/]")


def _print_enrichment(console: Console, enrichment: dict[str, Any]) -> None:
    """What tagging found: places it is about, topics, people, organisations, quotes."""
    rows = {
        "about": enrichment.get("geography", {}).get("about", []),
        "tagged topics": [
            t if isinstance(t, str) else t["name"] for t in enrichment.get("topics", [])
        ],
        "people": enrichment.get("people", []),
        "organisations": enrichment.get("organisations", []),
    }
    for label, values in rows.items():
        if values:
            console.print(f"[dim]{label}:[/] {escape(', '.join(map(str, values)))}")
    for quote in enrichment.get("quotes", []):
        who = ", ".join(x for x in (quote.get("speaker"), quote.get("affiliation")) if x)
        console.print(f"[dim]quote:[/] “{escape(quote['text'])}” [dim]— {escape(who or '?')}[/]")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts: documents by type, raw inputs kept, failures, index size."""
    with Library.open(settings_of(ctx)) as library:
        data = library.store.stats() | {"indexed": library.index.count()}
        failures = [f"{f.locator}: {f.reason}" for f in library.store.failures(10)]
    if as_json:
        json.dump(data | {"recent_failures": failures}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    console = Console()
    console.print(f"[bold]{data['documents']}[/] documents, {data['indexed']} indexed")
    for kind, count in data["by_content_type"].items():
        console.print(f"  {kind}: {count}")
    console.print(f"{data['raw_inputs']} raw inputs kept ({data['raw_bytes'] / 1e6:.1f} MB)")
    console.print(f"{data['failures']} failed inputs")
    for line in failures:
        console.print(f"  [red]{escape(line)}[/]")


@click.command()
@click.argument("doc_ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def remove(ctx: click.Context, doc_ids: tuple[str, ...]) -> None:
    """Remove documents from the library (store, index, linked works).

    The raw input bytes are kept, so ingesting the same input again brings a
    document back.
    """
    with Library.open(settings_of(ctx)) as library:
        removed = library.remove(doc_ids)
    missing = [d for d in doc_ids if d not in removed]
    click.echo(f"removed {len(removed)} document(s)", err=True)
    if missing:
        raise click.ClickException(f"no document with id {', '.join(missing)}")
