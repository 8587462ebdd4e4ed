"""A deliberately small HTML parser for the crawl tests, so crawled pages become documents
whether or not the real HTML parser is on this branch yet. Registered by ``install()``."""

from __future__ import annotations

import re
from typing import ClassVar

from legation.errors import ParseError
from legation.model import Document, Provenance, document_id
from legation.sources.base import RawInput

__all__ = ["TinyHTMLParser", "install"]

_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")


class TinyHTMLParser:
    name: ClassVar[str] = "tinyhtml"

    def match(self, raw: RawInput, text: str | None) -> float:
        is_html = text is not None and text.lstrip().lower().startswith("<!doctype html")
        return 0.99 if is_html else 0.0

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        found = _TITLE.search(text or "")
        if found is None:
            raise ParseError("no <title>")
        key = raw.url or raw.locator
        body = " ".join(_TAGS.sub(" ", (text or "").split("</head>", 1)[-1]).split())
        return [
            Document(
                id=document_id(key),
                title=found.group(1).strip(),
                url=raw.url,
                body=body,
                source=Provenance(
                    format=self.name, sha256=raw.sha256, read_at=raw.read_at, url=raw.url
                ),
            )
        ]


def install() -> None:
    """Add this parser to the registry (tests only; undone by monkeypatch or process end)."""
    from legation.parse import registry

    registry.register_parser("tinyhtml", "tests.sources.tinyhtml:TinyHTMLParser")
