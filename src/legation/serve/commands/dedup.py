"""`legation dedup`: fingerprint stored documents and list works held under several sources."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from legation.serve.cli import settings_of

__all__ = ["dedup"]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the shared works as JSON.")
@click.pass_context
def dedup(ctx: click.Context, as_json: bool) -> None:
    """Link near-duplicate documents (syndicated copies, a PDF and its page) as one work.

    Documents already fingerprinted keep their work; new or changed ones are matched.
    Prints every work that has more than one document.
    """
    from legation.enrich.dedup import DedupIndex
    from legation.store.sqlite import SQLiteStore

    settings = settings_of(ctx)
    if not settings.db_path.is_file():
        raise click.UsageError(f"no library at {settings.data} (run `legation ingest` first)")
    store = SQLiteStore(settings.db_path)
    index = DedupIndex(store)
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]fingerprinting"), BarColumn(), MofNCompleteColumn(),
        console=console, transient=True,
    )  # fmt: skip
    try:
        with progress, store.transaction():
            task = progress.add_task("dedup", total=store.count())
            for doc in store.iter_documents():
                index.assign(doc)
                progress.advance(task)
        works = index.shared_works()
        titles = {doc_id: store.get(doc_id) for ids in works.values() for doc_id in ids}
    finally:
        store.close()
    if as_json:
        data = [
            {"work": work, "documents": [{"id": i, "title": titles[i].title if titles[i] else None,
                                          "url": titles[i].url if titles[i] else None} for i in ids]}
            for work, ids in works.items()
        ]  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{len(works)}[/] works with more than one document")
    out = Console()
    for work, ids in works.items():
        out.print(f"[bold]{work}[/]", highlight=False)
        for doc_id in ids:
            doc = titles[doc_id]
            out.print(f"  {doc_id}  {doc.title if doc else '?'}  {doc.url or '' if doc else ''}",
                      highlight=False, markup=False)  # fmt: skip
