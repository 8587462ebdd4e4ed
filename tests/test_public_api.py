"""The public API is pinned: changing it must be a deliberate act (as httpx does)."""

from __future__ import annotations

import legation


def test_public_api_is_pinned() -> None:
    assert legation.__all__ == [
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
    for name in legation.__all__:
        assert hasattr(legation, name), name


def test_import_has_no_heavy_side_effects() -> None:
    import sys

    assert "tantivy" not in sys.modules or "legation.index.fulltext" in sys.modules
    assert "spacy" not in sys.modules or "legation.enrich" in str(sys.modules)
