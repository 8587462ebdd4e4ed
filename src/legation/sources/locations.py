"""What people type after `legation ingest|parse|tag`: file paths, folders, archives and URLs.

Inputs come out in the order given. A web address is fetched once with the polite
fetcher (robots.txt, size and type limits, retries); a failed fetch is a recorded
failure like any other bad input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from legation.errors import LegationError
from legation.sources.base import RawInput, Skipped
from legation.sources.files import FileSource, FileSourceOptions

if TYPE_CHECKING:
    from legation.settings import Settings
    from legation.sources.http import Fetcher

__all__ = ["LocationSource", "is_url"]


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


def _name_of(url: str) -> str:
    """A file-like name for a fetched page, so format hints (.pdf, .html) still work."""
    path = unquote(urlsplit(url).path).rstrip("/")
    return path.rsplit("/", 1)[-1] or urlsplit(url).netloc


class LocationSource:
    """Raw inputs from a mix of paths and URLs, in the order given."""

    def __init__(
        self,
        locations: Sequence[str],
        settings: Settings,
        files: FileSourceOptions | None = None,
    ) -> None:
        self.locations = locations
        self.settings = settings
        self.files = files or FileSourceOptions(max_bytes=settings.max_input_bytes)
        self._fetcher: Fetcher | None = None

    def __iter__(self) -> Iterator[RawInput | Skipped]:
        try:
            for location in self.locations:
                if is_url(location):
                    yield self._fetch(location)
                else:
                    yield from FileSource([Path(location)], self.files)
        finally:
            if self._fetcher is not None:
                self._fetcher.close()

    def _fetch(self, url: str) -> RawInput | Skipped:
        from legation.sources.http import Fetcher, FetchOptions
        from legation.sources.politeness import Politeness

        if self._fetcher is None:
            politeness = Politeness(self.settings.crawl_delay, self.settings.crawl_concurrency)
            self._fetcher = Fetcher(
                FetchOptions.from_settings(self.settings), politeness=politeness
            )
        try:
            result = self._fetcher.get(url)
        except LegationError as exc:
            return Skipped(locator=url, reason=str(exc).splitlines()[0], failed=True)
        return RawInput(
            data=result.data,
            name=_name_of(result.final_url),
            url=result.final_url,
            content_type=result.content_type,
        )
