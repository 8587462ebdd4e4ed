"""`legation export`: the library (or a search's results) as RIS, BibTeX or CSL-JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from legation.errors import LegationError
from legation.serve.cli import settings_of
from legation.serve.formats.base import EXPORT_FORMATS, get_exporter

if TYPE_CHECKING:
    from legation.model import Document
    from legation.settings import Settings

__all__ = ["export"]

_PAGE = 500  # search results fetched per round while collecting matching ids


def _all_documents(settings: Settings) -> Iterator[Document]:
    from legation.store.sqlite import SQLiteStore

    store = SQLiteStore(settings.db_path)
    try:
        yield from store.iter_documents()
    finally:
        store.close()


def _matching_documents(settings: Settings, query: str) -> Iterator[Document]:
    from legation.index.fulltext import SearchRequest
    from legation.pipeline import Library

    with Library.open(settings) as library:
        page, seen = 1, 0
        while True:
            request = SearchRequest(query=query, page=page, per_page=_PAGE)
            result = library.index.search(request)
            for hit in result.hits:
                doc = library.store.get(hit.id)
                if doc is not None:  # the index may lag a deletion; the store is the truth
                    yield doc
            seen += len(result.hits)
            if not result.hits or seen >= result.total:
                return
            page += 1


@click.command()
@click.argument("query", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="Reference format (what Zotero imports).",
)
@click.pass_context
def export(ctx: click.Context, query: tuple[str, ...], fmt: str) -> None:
    """Write references to standard output: every document, or those matching QUERY.

    QUERY is a search in the query language of `legation search`; results come in
    rank order. Example: `legation export --format bibtex "arms control" > refs.bib`.
    """
    settings = settings_of(ctx)
    if not settings.db_path.is_file():
        raise click.UsageError(f"no library at {settings.data} (run `legation ingest` first)")
    text = " ".join(query).strip()
    docs = _matching_documents(settings, text) if text else _all_documents(settings)
    out = sys.stdout
    try:
        count = get_exporter(fmt).write(docs, out)
    except LegationError as exc:
        raise click.ClickException(str(exc)) from None
    out.flush()
    click.echo(f"exported {count} documents as {fmt}", err=True)
