"""Stage 4: the library of record."""
