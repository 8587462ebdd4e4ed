"""`legation tag`: enrichment of files as JSON; `legation retag`: re-enrich the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from legation.errors import LegationError
from legation.parse.registry import parse_raw
from legation.serve.cli import settings_of
from legation.serve.options import format_option, workers_option
from legation.sources.base import RawInput, Skipped
from legation.sources.locations import LocationSource

__all__ = ["retag", "tag"]


def _tag_text(text: str, source: str) -> dict[str, Any]:
    from legation.enrich.run import analyse_text, enrichment_to_json

    out = enrichment_to_json(analyse_text(text))
    out["source"] = source
    return out


def _tag_input(item: RawInput | Skipped, fmt: str) -> list[dict[str, Any]]:
    from legation.enrich.run import enrich, enrichment_to_json

    if isinstance(item, Skipped):
        return [{"source": item.locator, "error": item.reason}]
    try:
        docs = parse_raw(item, fmt)
    except LegationError as exc:
        return [{"source": item.locator, "error": str(exc).splitlines()[0]}]
    out = []
    for doc in docs:
        try:
            result = enrichment_to_json(enrich(doc))
        except Exception as exc:  # one bad document must not stop the others
            out.append({"source": item.locator, "id": doc.id, "error": f"enrich: {exc}"})
            continue
        out.append({"source": item.locator, "id": doc.id, "title": doc.title, **result})
    return out


def _read_text(path: str) -> str:
    from legation.parse.decode import decode_text

    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return decode_text(data)


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the only output form).")
@click.option("--text", "plain", is_flag=True, help="Each FILE (or -) is one plain-text document.")
@format_option
@click.option("--indent", type=int, default=None, help="Pretty-print with this indent.")
@click.pass_context
def tag(
    ctx: click.Context,
    files: tuple[str, ...],
    as_json: bool,
    plain: bool,
    fmt: str,
    indent: int | None,
) -> None:
    """Enrich FILES and print {"documents": [...]}: geography, topics, people,
    organisations and quotes of each document.

    Without --text each FILE is parsed like `legation parse`; with --text each FILE,
    or - for standard input, is one plain-text document whose offsets the mentions
    point into exactly.
    """
    del as_json  # JSON is the only output; the switch keeps the documented call working
    documents: list[dict[str, Any]] = []
    if plain:
        for name in files:
            try:
                documents.append(_tag_text(_read_text(name), name))
            except (OSError, LegationError) as exc:
                documents.append({"source": name, "error": str(exc).splitlines()[0]})
    else:
        for item in LocationSource(files, settings_of(ctx)):
            documents.extend(_tag_input(item, fmt))
    json.dump({"documents": documents}, sys.stdout, ensure_ascii=False, indent=indent)
    sys.stdout.write("\n")


@click.command()
@workers_option
@click.pass_context
def retag(ctx: click.Context, workers: int | None) -> None:
    """Re-run enrichment over every stored document (after the vocabularies change).

    The search index is rebuilt afterwards so facets follow the new tags.
    """
    from legation.pipeline import IngestOptions, Library
    from legation.serve.progress import progress_bar

    settings = settings_of(ctx)
    options = IngestOptions(workers=workers or settings.workers, batch_size=settings.batch_size)
    with Library.open(settings) as library, progress_bar(_stderr_console()) as progress:
        task = progress.add_task("Retagging", total=library.store.count(), current="")
        done, failed = library.retag(options, lambda n: progress.update(task, completed=n))
        indexed = library.index.count()
    click.echo(json.dumps({"retagged": done, "failed": failed, "indexed": indexed}))


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)
