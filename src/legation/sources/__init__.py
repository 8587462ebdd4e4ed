"""Stage 1: where bytes come from (files, archives, the web)."""
