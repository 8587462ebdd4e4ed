"""Stage 6: people and programs (command line, HTTP API, web pages)."""
