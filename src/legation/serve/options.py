"""Command-line options several commands share, defined once."""

from __future__ import annotations

import click

from legation.parse.registry import formats

__all__ = ["format_option", "workers_option"]

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *formats()]),
    default="auto",
    show_default=True,
    help="Input format; auto picks the parser that matches best.",
)

workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for tagging (default: the workers setting, 2).",
)
