"""Contract for reference exporters, and the registry ``legation export`` reads.

An exporter streams Documents to a text stream, so exporting a large library never
holds it all in memory. Formats register with one line in ``_EXPORTERS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Protocol, TextIO

from legation.errors import UnsupportedInput

if TYPE_CHECKING:
    from legation.model import Document

__all__ = ["EXPORT_FORMATS", "Exporter", "get_exporter"]


class Exporter(Protocol):
    name: ClassVar[str]
    media_type: ClassVar[str]

    def write(self, docs: Iterable[Document], out: TextIO) -> int:
        """Write every document to ``out``; return how many were written."""


# name -> "module:Class"
_EXPORTERS: dict[str, str] = {
    "ris": "legation.serve.formats.ris:RISExporter",
    "bibtex": "legation.serve.formats.bibtex:BibTeXExporter",
    "csljson": "legation.serve.formats.csljson:CSLJSONExporter",
}
EXPORT_FORMATS: tuple[str, ...] = tuple(_EXPORTERS)


@cache
def get_exporter(name: str) -> Exporter:
    try:
        target = _EXPORTERS[name]
    except KeyError:
        known = ", ".join(_EXPORTERS)
        raise UnsupportedInput(f"unknown export format {name!r} (known: {known})") from None
    module_name, _, cls_name = target.partition(":")
    exporter: Exporter = getattr(importlib.import_module(module_name), cls_name)()
    return exporter
