"""Pick the best-scoring parser for an input; formats are registered here by name.

New formats add one line to ``_BUILT_IN``, come from another package's
``legation.parsers`` entry point, or are registered at run time. Modules are imported
only when needed, so `legation --help` stays fast and a heavy parser never slows the
others.
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from legation.errors import UnsupportedInput
from legation.parse.decode import decode_text

if TYPE_CHECKING:
    from legation.model import Document
    from legation.parse.base import Parser
    from legation.sources.base import RawInput

__all__ = [
    "ENTRY_POINT_GROUP",
    "formats",
    "get_parser",
    "parse_raw",
    "register_parser",
    "unregister_parser",
]

# Other packages add formats through this entry-point group: name = "module:Class".
ENTRY_POINT_GROUP = "legation.parsers"

# name -> "module:Class"
_BUILT_IN: dict[str, str] = {
    "pagetext": "legation.parse.pagetext:PageTextParser",
    "listing": "legation.parse.listing:ListingParser",
    "ungd": "legation.parse.ungd:UNGDParser",
    "html": "legation.parse.html:HTMLParser",
    "pdf": "legation.parse.pdf:PDFParser",
    "ris": "legation.parse.ris:RISParser",
    "bibtex": "legation.parse.bibtex:BibTeXParser",
    "csljson": "legation.parse.csljson:CSLJSONParser",
}

_MIN_SCORE = 0.05
_REGISTERED: dict[str, str] = {}


@cache
def _parsers() -> dict[str, str]:
    """Built-in formats, then plugins' (a plugin cannot replace a built-in)."""
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {**found, **_REGISTERED, **_BUILT_IN}


def register_parser(name: str, target: str) -> None:
    """Add a format at run time: ``target`` is ``"module:Class"``."""
    _REGISTERED[name] = target
    _parsers.cache_clear()
    get_parser.cache_clear()


def unregister_parser(name: str) -> None:
    _REGISTERED.pop(name, None)
    _parsers.cache_clear()
    get_parser.cache_clear()


def formats() -> tuple[str, ...]:
    return tuple(_parsers())


@cache
def get_parser(name: str) -> Parser:
    parsers = _parsers()
    try:
        target = parsers[name]
    except KeyError:
        raise UnsupportedInput(f"unknown format {name!r} (known: {', '.join(parsers)})") from None
    module_name, _, cls_name = target.partition(":")
    parser: Parser = getattr(importlib.import_module(module_name), cls_name)()
    return parser


def _text_or_none(raw: RawInput) -> str | None:
    try:
        return decode_text(raw.data)
    except UnsupportedInput:
        return None


def parse_raw(raw: RawInput, fmt: str = "auto") -> list[Document]:
    """Parse with the named format, or with the best-scoring one when ``fmt`` is "auto"."""
    if not raw.data.strip():
        raise UnsupportedInput("empty input")
    text = _text_or_none(raw)
    if fmt != "auto":
        return get_parser(fmt).parse(raw, text)
    scored = [(get_parser(name).match(raw, text), name) for name in _parsers()]
    score, best = max(scored)
    if score < _MIN_SCORE:
        if text is None:
            raise UnsupportedInput("binary or undecodable content, no parser for it")
        raise UnsupportedInput("no recognisable document in this input")
    return get_parser(best).parse(raw, text)
