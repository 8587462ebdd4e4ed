"""Strings read from page markup, normalised: for storing (``clean``) and comparing (``word_key``).

Shared by the metadata and author readers, which both compare names against the site's own.
"""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["clean", "word_key"]

_WORD = re.compile(r"\w+")


def clean(value: Any) -> str | None:
    """A markup or JSON-LD string with entities decoded and whitespace collapsed, else None."""
    if not isinstance(value, str):
        return None
    text = " ".join((html.unescape(value) if "&" in value else value).split())
    return text or None


def word_key(text: str) -> str:
    """Lower-case words only, for comparing names and titles ("The Hill" == "the hill!")."""
    return " ".join(_WORD.findall(html.unescape(text).casefold()))
