"""Stage 5 contract: an index kept in step with the store, rebuildable from it at any time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from legation.index.fulltext import SearchRequest, SearchResult
    from legation.model import Document

__all__ = ["Index"]


class Index(Protocol):
    def add(self, doc: Document, enrichment: dict[str, Any] | None = None) -> None: ...
    def remove(self, doc_ids: Iterable[str]) -> None: ...
    def clear(self) -> None: ...
    def commit(self) -> None: ...
    def count(self) -> int: ...
    def search(self, request: SearchRequest) -> SearchResult: ...
