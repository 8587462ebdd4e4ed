"""`legation ingest` and `legation reindex`: files into the library, and the index rebuilt."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.console import Console

from legation.pipeline import IngestOptions, IngestReport, Library
from legation.pipeline import ingest as run_ingest
from legation.serve.cli import settings_of
from legation.serve.options import format_option, workers_option
from legation.serve.progress import progress_bar
from legation.sources.files import FileSourceOptions, count_inputs
from legation.sources.locations import LocationSource

__all__ = ["ingest", "reindex"]

_MAX_LISTED_FAILURES = 20


def _summary(console: Console, report: IngestReport, seconds: float) -> None:
    data = report.as_dict()
    console.print(
        f"[bold]{data['inputs']}[/] inputs in {seconds:.1f} s: "
        f"[green]{data['added']} added[/], {data['updated']} updated, "
        f"{data['unchanged']} unchanged, [red]{data['failed']} failed[/], "
        f"{data['skipped']} skipped"
    )
    for source, reason in report.failures[:_MAX_LISTED_FAILURES]:
        console.print(f"  [red]failed[/] {source}: {reason}", highlight=False)
    if len(report.failures) > _MAX_LISTED_FAILURES:
        console.print(f"  ... and {len(report.failures) - _MAX_LISTED_FAILURES} more")
    for source, reason in report.skipped[:_MAX_LISTED_FAILURES]:
        console.print(f"  [yellow]skipped[/] {source}: {reason}", highlight=False)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH_OR_URL...")
@format_option
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Only inputs whose path (or archive member name) matches; repeatable.",
)
@workers_option
@click.option("--no-enrich", is_flag=True, help="Skip tagging (geography, topics, entities).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    include: tuple[str, ...],
    workers: int | None,
    no_enrich: bool,
    as_json: bool,
) -> None:
    """Add files, folders, archives (.tar.xz, .zip) and web pages (URLs) to the library.

    The format of each input is detected. Re-ingesting the same input changes
    nothing; a changed input updates its document. Inputs that cannot be read are
    recorded with a one-line reason and never stop the batch.
    """
    settings = settings_of(ctx)
    console = Console(stderr=True)
    options = IngestOptions(
        fmt=fmt,
        enrich=settings.enrich and not no_enrich,
        workers=workers or settings.workers,
        batch_size=settings.batch_size,
    )
    files = FileSourceOptions(max_bytes=settings.max_input_bytes, include=include)
    source = LocationSource(paths, settings, files)
    started = time.perf_counter()
    with Library.open(settings) as library, progress_bar(console) as progress:
        total = None if include else count_inputs(paths)
        task = progress.add_task("Ingesting", total=total, current="")

        def advance(locator: str) -> None:
            progress.update(
                task, advance=1, current=Path(locator.rsplit("!", maxsplit=1)[-1]).name[-40:]
            )

        report = run_ingest(source, library, options, on_input=advance)
    elapsed = time.perf_counter() - started
    _summary(console, report, elapsed)
    if as_json:
        json.dump(report.as_dict() | {"seconds": round(elapsed, 2)}, sys.stdout, indent=2)
        sys.stdout.write("\n")


@click.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index from the library store."""
    settings = settings_of(ctx)
    console = Console(stderr=True)
    started = time.perf_counter()
    with Library.open(settings) as library, progress_bar(console) as progress:
        task = progress.add_task("Indexing", total=library.store.count(), current="")
        count = library.reindex(lambda n: progress.update(task, completed=n))
    console.print(f"Indexed {count} documents in {time.perf_counter() - started:.1f} s")
