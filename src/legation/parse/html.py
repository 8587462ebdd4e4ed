"""Web pages (saved .html/.htm, .html.gz, fetched responses) to one Document each.

Bytes are decoded here rather than by the generic decoder because an HTML page declares
its charset (HTTP header, <meta>), and that declaration is sometimes wrong: valid UTF-8 is
trusted over a declared legacy charset, and a declared charset that fails is replaced by a
detected one. Metadata is read from the lexbor tree first; the body extractor then prunes
the same tree (html_body).
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from typing import ClassVar

from legation.errors import ParseError, UnsupportedInput
from legation.model import Document, document_id
from legation.parse.decode import looks_binary
from legation.sources.base import RawInput
from legation.sources.urls import url_document_id

__all__ = ["MAX_HTML_BYTES", "HTMLParser", "decode_html"]

MAX_HTML_BYTES = 16 * 1024 * 1024  # a page larger than this is not an article (or a bomb)
_MIN_BODY_WORDS = 12
_GZIP_MAGIC = b"\x1f\x8b"
_NAMES = (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz", ".xhtml.gz")
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or office document)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"7z\xbc\xaf": "a 7z archive",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:head|body|title|meta|div|p)\b", re.I)


def _unzip(data: bytes) -> bytes:
    """Gunzip with a size cap, so a small bomb cannot exhaust memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_HTML_BYTES + 1)
    except zlib.error as exc:
        raise UnsupportedInput(f"corrupt gzip data ({exc})") from None
    if len(out) > MAX_HTML_BYTES:
        raise UnsupportedInput(f"page is over the {MAX_HTML_BYTES // 2**20} MB limit once unzipped")
    return out


def _page_bytes(raw: RawInput) -> bytes:
    data = raw.data
    if data[:2] == _GZIP_MAGIC:
        data = _unzip(data)
    if len(data) > MAX_HTML_BYTES:
        size = len(data) / 2**20
        raise UnsupportedInput(
            f"page is {size:.1f} MB, over the {MAX_HTML_BYTES // 2**20} MB limit"
        )
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedInput(f"binary content ({kind}), not an HTML page")
    if not data.strip():
        raise UnsupportedInput("empty page")
    if looks_binary(data):
        raise UnsupportedInput("binary content, not an HTML page")
    return data


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Text of an HTML page: BOM, then valid UTF-8, then the declared charset, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(data[:4096])
    for declared in (header.group(1) if header else None, meta.group(1) if meta else None):
        codec = _codec(declared)
        if codec and codec != "utf-8":
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue  # the declaration is wrong: fall through to detection
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best is not None else "cp1252", errors="replace")


class HTMLParser:
    """One Document per web page: metadata from structured data, body by html_body."""

    name: ClassVar[str] = "html"

    def match(self, raw: RawInput, text: str | None) -> float:
        name = raw.name.lower()
        ctype = (raw.content_type or "").lower()
        head = text[:2048] if text else None
        if head is None and raw.data[:2] == _GZIP_MAGIC and name.endswith(".gz"):
            try:
                head = gzip.decompress(raw.data[:65536])[:2048].decode("utf-8", "replace")
            except (OSError, EOFError, zlib.error):
                head = ""
        if head and _HTML_START.match(head):
            return 0.95
        if name.endswith(_NAMES) or "html" in ctype:
            return 0.9 if head is None or head else 0.3
        if head and len(_HTML_TAGS.findall(head)) >= 2:  # noqa: PLR2004 - a fragment of markup
            return 0.6
        return 0.0

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        from selectolax.lexbor import LexborHTMLParser

        from legation.parse.html_body import extract_body
        from legation.parse.html_meta import read_metadata

        page = decode_html(_page_bytes(raw), raw.content_type)
        if not _HTML_TAGS.search(page[:65536]) and not _HTML_START.match(page[:2048]):
            raise UnsupportedInput("no HTML markup in this input")
        tree = LexborHTMLParser(page)
        if tree.body is None:
            raise ParseError("broken HTML: no document body could be built")
        meta = read_metadata(tree, raw.url)
        body = extract_body(tree, meta.headlines)
        words = len(body.split())
        if words < _MIN_BODY_WORDS:
            found = f"only {words} words" if words else "no text"
            raise ParseError(
                f"no article text on this page ({found} outside navigation and boilerplate)"
            )
        title = meta.title or body.split("\n", 1)[0][:200]
        address = meta.url or raw.url
        return [
            Document(
                # One id for every form of a web address; a saved file without one is its path.
                id=url_document_id(address) if address else document_id(raw.locator),
                title=title,
                subtitle=meta.subtitle,
                url=meta.url,
                authors=meta.authors,
                published=meta.published,
                modified=meta.modified,
                content_type="webpage",
                section=meta.section,
                publisher=meta.publisher,
                body=body,
                language=meta.language,
                tags=meta.tags,
                image_credits=meta.image_credits,
                related=meta.related,
                source=raw.provenance(self.name),
            )
        ]
