"""The web interface: search page, document page, JSON API."""
