"""`legation parse`: files to Document JSON, nothing stored."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from legation.errors import LegationError
from legation.parse.registry import parse_raw
from legation.serve.cli import settings_of
from legation.serve.options import format_option
from legation.sources.base import RawInput, Skipped
from legation.sources.locations import LocationSource

__all__ = ["parse"]


def _parse_input(item: RawInput | Skipped, fmt: str) -> list[dict[str, Any]]:
    if isinstance(item, Skipped):
        return [{"source": item.locator, "error": item.reason}]
    try:
        return [doc.to_json() for doc in parse_raw(item, fmt)]
    except LegationError as exc:
        return [{"source": item.locator, "error": str(exc).splitlines()[0]}]
    except Exception as exc:
        return [{"source": item.locator, "error": f"{exc.__class__.__name__}: {exc}"}]


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE_OR_URL...")
@format_option
@click.option("--indent", type=int, default=None, help="Pretty-print with this indent.")
@click.pass_context
def parse(ctx: click.Context, files: tuple[str, ...], fmt: str, indent: int | None) -> None:
    """Parse FILES and print {"documents": [...]} as JSON, storing nothing.

    Each input's documents appear in the order given; an input that cannot be
    parsed appears at its place as {"source": PATH, "error": REASON}.
    """
    documents: list[dict[str, Any]] = []
    for item in LocationSource(files, settings_of(ctx)):
        documents.extend(_parse_input(item, fmt))
    json.dump({"documents": documents}, sys.stdout, ensure_ascii=False, indent=indent)
    sys.stdout.write("\n")
