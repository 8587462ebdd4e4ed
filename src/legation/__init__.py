"""Legation: a self-hosted research library for international affairs.

The public API is what ``__all__`` names (pinned by a test); everything else is
internal and may change.
"""

from __future__ import annotations

from legation.errors import FetchRefused, LegationError, ParseError, StoreError, UnsupportedInput
from legation.model import (
    Document,
    Enrichment,
    Entity,
    Mention,
    PartialDate,
    Precision,
    Provenance,
    Quote,
    RelatedRef,
    TopicScore,
)
from legation.settings import Settings, load_settings

__all__ = [
    "Document",
    "Enrichment",
    "Entity",
    "FetchRefused",
    "LegationError",
    "Mention",
    "ParseError",
    "PartialDate",
    "Precision",
    "Provenance",
    "Quote",
    "RelatedRef",
    "Settings",
    "StoreError",
    "TopicScore",
    "UnsupportedInput",
    "__version__",
    "load_settings",
]

__version__ = "0.1.0"
