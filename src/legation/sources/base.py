"""Stage 1 contract: a source yields raw inputs (bytes plus where they came from)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from legation.model import Provenance

__all__ = ["RawInput", "Skipped", "Source"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True, kw_only=True)
class RawInput:
    """The bytes of one input and its locator; parsers decide what it is."""

    data: bytes
    name: str  # file name or last URL segment, used for format hints
    path: str | None = None  # a stable path (archive members: "archive.tar.xz!member")
    url: str | None = None
    content_type: str | None = None  # as declared by a server, when fetched
    read_at: str = field(default_factory=_now)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def locator(self) -> str:
        return self.url or self.path or self.name

    def provenance(self, fmt: str) -> Provenance:
        """Where a document parsed from these bytes came from, as the model records it."""
        return Provenance(
            format=fmt, sha256=self.sha256, read_at=self.read_at, path=self.path, url=self.url
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input a source passed over, with the reason.

    ``failed`` marks bad input (recorded as a failure); otherwise the input was
    simply not a document (a corpus README, an OS file) and is only reported.
    """

    locator: str
    reason: str
    failed: bool = False


class Source(Protocol):
    """Anything that yields raw inputs (or skips) for the pipeline."""

    def __iter__(self) -> Iterator[RawInput | Skipped]: ...
