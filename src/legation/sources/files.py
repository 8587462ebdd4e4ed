"""Files, folders and archives (.tar, .tar.gz, .tar.xz, .zip) as raw inputs.

Archive members get a stable path ``archive!member`` so re-ingesting an archive
finds the same documents again.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import partial
from pathlib import Path

from legation.sources.base import RawInput, Skipped

__all__ = ["FileSource", "FileSourceOptions", "count_inputs"]

_ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".zip")
# Files that are never documents: OS and tool droppings.
_JUNK_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")
_JUNK_PREFIXES = ("._", ".Rhistory", ".Rapp.history", ".DS_Store")
_README_NAMES = ("readme.txt", "readme.md", "readme", "license", "license.txt")


@dataclass(frozen=True, slots=True, kw_only=True)
class FileSourceOptions:
    max_bytes: int = 32 * 1024 * 1024
    include_hidden: bool = False
    include: tuple[str, ...] = ()  # glob patterns on paths (archive members too); empty: all


def _junk_reason(name: str, options: FileSourceOptions) -> str | None:
    base = name.rsplit("/", 1)[-1]
    if base in _JUNK_NAMES or base.startswith(_JUNK_PREFIXES):
        return "not a document (system or tool file)"
    if base.startswith(".") and not options.include_hidden:
        return "hidden file"
    if base.lower() in _README_NAMES:
        return "not a document (corpus README or licence)"
    return None


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(_ARCHIVE_SUFFIXES)


class FileSource:
    """Yield RawInput for every file under the given paths, expanding archives."""

    def __init__(self, paths: list[Path], options: FileSourceOptions | None = None) -> None:
        self.paths = paths
        self.options = options or FileSourceOptions()

    def __iter__(self) -> Iterator[RawInput | Skipped]:
        for path in self.paths:
            if not path.exists():
                yield Skipped(locator=str(path), reason="no such file or folder", failed=True)
            elif path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    yield from self._file(child)
            else:
                yield from self._file(path)

    def _selected(self, name: str) -> bool:
        return not self.options.include or any(fnmatch(name, p) for p in self.options.include)

    def _file(self, path: Path) -> Iterator[RawInput | Skipped]:
        locator = str(path.resolve())
        if not is_archive(path) and not self._selected(locator):
            return
        reason = _junk_reason(path.name, self.options)
        if reason:
            yield Skipped(locator=locator, reason=reason)
            return
        if is_archive(path):
            yield from self._archive(path)
            return
        size = path.stat().st_size
        if size > self.options.max_bytes:
            yield Skipped(
                locator=locator, reason=_too_big(size, self.options.max_bytes), failed=True
            )
            return
        try:
            data = path.read_bytes()
        except OSError as exc:  # one unreadable file must not stop the batch
            yield Skipped(locator=locator, reason=f"unreadable: {exc.strerror}", failed=True)
            return
        yield RawInput(data=data, name=path.name, path=locator)

    def _archive(self, path: Path) -> Iterator[RawInput | Skipped]:
        locator = str(path.resolve())
        try:
            if path.name.lower().endswith(".zip"):
                yield from self._zip(path, locator)
            else:
                yield from self._tar(path, locator)
        except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as exc:
            yield Skipped(locator=locator, reason=f"unreadable archive: {exc}", failed=True)

    def _member(
        self, archive: str, name: str, size: int, read: Callable[[], bytes]
    ) -> RawInput | Skipped | None:
        locator = f"{archive}!{name}"
        if not self._selected(name):
            return None
        reason = _junk_reason(name, self.options)
        if reason:
            return Skipped(locator=locator, reason=reason)
        if size > self.options.max_bytes:
            return Skipped(
                locator=locator, reason=_too_big(size, self.options.max_bytes), failed=True
            )
        return RawInput(data=read(), name=name.rsplit("/", 1)[-1], path=locator)

    def _tar(self, path: Path, locator: str) -> Iterator[RawInput | Skipped]:
        with tarfile.open(path) as tar:
            for member in tar:
                if not member.isfile():
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                item = self._member(locator, member.name, member.size, handle.read)
                if item is not None:
                    yield item

    def _zip(self, path: Path, locator: str) -> Iterator[RawInput | Skipped]:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                item = self._member(
                    locator, info.filename, info.file_size, partial(archive.read, info.filename)
                )
                if item is not None:
                    yield item


def _too_big(size: int, limit: int) -> str:
    return f"too large: {size / 1e6:.1f} MB (limit {limit / 1e6:.0f} MB; raise max_input_bytes)"


def count_inputs(locations: Sequence[str]) -> int | None:
    """How many inputs the locations hold, for a progress bar; None when costly to know."""
    total = 0
    for location in locations:
        path = Path(location)
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and not is_archive(p))
            if any(is_archive(p) for p in path.rglob("*")):
                return None
        elif is_archive(path):
            return None
        else:
            total += 1
    return total
