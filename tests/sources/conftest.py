"""Fixtures: a live local HTTP server per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.server import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as live:
        yield live
