"""Stage 7: analysis over the library."""
