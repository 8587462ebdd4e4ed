"""Stage 5: search over the library (full text, facets)."""
