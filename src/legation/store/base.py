"""Stage 4 contract: the library of record.

The store is the source of truth: the index can always be rebuilt from it, and the
raw input bytes are kept content-addressed so every document can be re-parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from legation.model import Document

__all__ = ["Failure", "Outcome", "Store"]


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    locator: str
    reason: str
    at: str


class Store(Protocol):
    def put_raw(self, sha256: str, data: bytes) -> None: ...
    def get_raw(self, sha256: str) -> bytes | None: ...
    def upsert(self, doc: Document, enrichment: dict[str, Any] | None = None) -> Outcome: ...
    def get(self, doc_id: str) -> Document | None: ...
    def is_unchanged(self, doc: Document) -> bool: ...
    def get_enrichment(self, doc_id: str) -> dict[str, Any] | None: ...
    def set_enrichment(self, doc_id: str, enrichment: dict[str, Any]) -> None: ...
    def iter_documents(self) -> Iterator[Document]: ...
    def count(self) -> int: ...
    def record_failure(self, locator: str, reason: str) -> None: ...
    def clear_failure(self, locator: str) -> None: ...
    def failures(self, limit: int = 100) -> list[Failure]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...
