"""The few exceptions stages raise. Each carries a one-line, user-facing reason."""

from __future__ import annotations

__all__ = ["FetchRefused", "LegationError", "ParseError", "StoreError", "UnsupportedInput"]


class LegationError(Exception):
    """Base of every error Legation raises on purpose."""


class UnsupportedInput(LegationError):  # noqa: N818 - reads as a verdict, like httpx's names
    """No parser recognises the input (binary, empty, unknown shape)."""


class ParseError(LegationError):
    """A parser recognised the input but could not make a good document of it."""


class FetchRefused(LegationError):  # noqa: N818
    """A fetch was not made or not accepted (robots.txt, size, content type)."""


class StoreError(LegationError):
    """The library store could not do what was asked."""
