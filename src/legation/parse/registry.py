"""Pick the best-scoring parser for an input; formats are registered here by name.

New formats add one line to ``_PARSERS``; modules are imported only when needed so
`legation --help` stays fast and a heavy parser never slows the others.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

from legation.errors import UnsupportedInput
from legation.parse.decode import decode_text

if TYPE_CHECKING:
    from legation.model import Document
    from legation.parse.base import Parser
    from legation.sources.base import RawInput

__all__ = ["FORMATS", "get_parser", "parse_raw"]

# name -> "module:Class"
_PARSERS: dict[str, str] = {
    "pagetext": "legation.parse.pagetext:PageTextParser",
    "listing": "legation.parse.listing:ListingParser",
    "ungd": "legation.parse.ungd:UNGDParser",
    "html": "legation.parse.html:HTMLParser",
    "pdf": "legation.parse.pdf:PDFParser",
    "ris": "legation.parse.ris:RISParser",
    "bibtex": "legation.parse.bibtex:BibTeXParser",
    "csljson": "legation.parse.csljson:CSLJSONParser",
}

FORMATS: tuple[str, ...] = tuple(_PARSERS)
_MIN_SCORE = 0.05


@cache
def get_parser(name: str) -> Parser:
    try:
        target = _PARSERS[name]
    except KeyError:
        raise UnsupportedInput(f"unknown format {name!r} (known: {', '.join(_PARSERS)})") from None
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
    scored = [(get_parser(name).match(raw, text), name) for name in _PARSERS]
    score, best = max(scored)
    if score < _MIN_SCORE:
        if text is None:
            raise UnsupportedInput("binary or undecodable content, no parser for it")
        raise UnsupportedInput("no recognisable document in this input")
    return get_parser(best).parse(raw, text)
