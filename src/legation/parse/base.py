"""Stage 2 contract: a parser scores how well it matches a raw input, then parses it.

As in Aleph's ingest-file, the parser with the best score wins; there is no if-chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from legation.model import Document
    from legation.sources.base import RawInput

__all__ = ["Parser"]


class Parser(Protocol):
    """One input format."""

    name: ClassVar[str]

    def match(self, raw: RawInput, text: str | None) -> float:
        """0 when this parser cannot read the input, up to 1 when sure.

        ``text`` is the decoded text when the input decodes as text, else None.
        """

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        """Documents in source order; raises ParseError with a one-line reason."""
