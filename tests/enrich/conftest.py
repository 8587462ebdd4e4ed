"""Shared enrichment fixtures: seed article bodies via the page-text parser."""

from __future__ import annotations

from pathlib import Path

from legation.model import Document
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput
from tests.conftest import shared_path


def seed_document(prefix: str) -> Document:
    folder = shared_path("seeds")
    path = next(iter(sorted(Path(folder).glob(f"{prefix}_*.txt"))), None)
    if path is None:
        import pytest

        pytest.skip(f"needs seeds/{prefix}_*.txt")
    return parse_raw(RawInput(data=path.read_bytes(), name=path.name, path=str(path)))[0]
