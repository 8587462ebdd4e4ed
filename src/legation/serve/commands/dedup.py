"""`legation dedup`: fingerprint stored documents and list works held under several sources."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from legation.serve.cli import settings_of
from legation.serve.progress import progress_bar

if TYPE_CHECKING:
    from legation.store.sqlite import SQLiteStore

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
    progress = progress_bar(console)
    try:
        with progress, store.transaction():
            task = progress.add_task("Fingerprinting", total=store.count(), current="")
            for doc in store.iter_documents():
                index.assign(doc)
                progress.advance(task)
        works = index.shared_works()
        data: list[dict[str, Any]] = [
            {"work": work, "documents": [_member(store, doc_id) for doc_id in ids]}
            for work, ids in works.items()
        ]
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{len(data)}[/] works with more than one document")
    out = Console(highlight=False)
    for work in data:
        out.print(f"[bold]{work['work']}[/]")
        for member in work["documents"]:
            out.print(f"  {member['id']}  {member['title']}  {member['url'] or ''}", markup=False)


def _member(store: SQLiteStore, doc_id: str) -> dict[str, str | None]:
    doc = store.get(doc_id)
    return {"id": doc_id, "title": doc.title if doc else None, "url": doc.url if doc else None}
