"""Stage 3 contract: an enricher reads a Document and returns what it found in it.

Enrichment is derived data: it never changes the document, and it can be re-run
over the whole library (`legation retag`) whenever the vocabularies improve.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from legation.model import Document, Enrichment

__all__ = ["Enricher"]


class Enricher(Protocol):
    """Document in, annotations (with offsets into the document's text) out."""

    def __call__(self, doc: Document) -> Enrichment: ...
