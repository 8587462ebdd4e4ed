"""The `legation` command. Subcommands live one per module and load lazily.

Only JSON (or the requested output) goes to standard output; progress and logs go
to standard error, so `legation parse ... | jq` always works.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

import click

from legation.errors import LegationError
from legation.settings import Settings, load_settings

__all__ = ["main"]

# command name -> "module:attribute"; one line per command keeps merges trivial.
_COMMANDS: dict[str, str] = {
    "parse": "legation.serve.commands.parse:parse",
    "ingest": "legation.serve.commands.ingest:ingest",
    "reindex": "legation.serve.commands.ingest:reindex",
    "search": "legation.serve.commands.search:search",
    "show": "legation.serve.commands.search:show",
    "remove": "legation.serve.commands.search:remove",
    "stats": "legation.serve.commands.search:stats",
    "serve": "legation.serve.commands.web:serve",
    "sources": "legation.serve.commands.sources:sources",
    "crawl": "legation.serve.commands.sources:crawl",
    "export": "legation.serve.commands.export:export",
    "dedup": "legation.serve.commands.dedup:dedup",
    "tag": "legation.serve.commands.tag:tag",
    "retag": "legation.serve.commands.tag:retag",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attr = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        # Legation's own errors and the system's (a folder it cannot write) are one line
        # for the person at the terminal, not a traceback.
        try:
            return super().invoke(ctx)
        except LegationError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from exc


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Library folder (default ./legation-data, or $LEGATION_DATA).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log details to standard error.")
@click.version_option(package_name="legation")
@click.pass_context
def main(ctx: click.Context, data: Path | None, verbose: bool) -> None:
    """Legation: a self-hosted research library for international affairs.

    Gather articles, reports, listings and speeches; turn each into a clean,
    structured record; search, read and analyse them. Start with
    `legation ingest PATH...`, then `legation search QUERY` or `legation serve`.
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    overrides: dict[str, Any] = {"data": data}
    try:
        ctx.obj = load_settings(overrides)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def settings_of(ctx: click.Context) -> Settings:
    """The Settings the group built (commands call this, never load_settings)."""
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):
        raise click.UsageError("settings were not loaded")
    return settings
