"""Sitemaps (sitemaps.org): url sets, sitemap indexes, gzipped files and plain-text lists."""

from __future__ import annotations

import gzip
import io
import zlib
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from legation.errors import ParseError
from legation.sources.listing import ListedItem, Listing

__all__ = ["gunzip", "looks_like_sitemap", "parse_sitemap"]

_GZIP_MAGIC = b"\x1f\x8b"
MAX_UNZIPPED = 64 * 1024 * 1024  # sitemaps.org caps a sitemap at 50 MB uncompressed


def gunzip(data: bytes, limit: int = MAX_UNZIPPED) -> bytes:
    """Decompress a gzip body, refusing to grow it past ``limit`` (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ParseError(f"broken gzip data: {exc}") from None
    if len(out) > limit:
        raise ParseError(f"gzipped sitemap unpacks to over {limit} bytes")
    return out


def _unpacked(data: bytes) -> bytes:
    return gunzip(data) if data.startswith(_GZIP_MAGIC) else data


def _head(data: bytes) -> bytes:
    return data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def _is_text_list(data: bytes) -> bool:
    lines = [line.strip() for line in data[:4096].splitlines() if line.strip()]
    return bool(lines) and all(line.startswith((b"http://", b"https://")) for line in lines)


def looks_like_sitemap(data: bytes) -> bool:
    """XML whose root is urlset or sitemapindex (gzipped or not), or a plain list of URLs."""
    if data.startswith(_GZIP_MAGIC):
        try:
            data = gunzip(data)
        except ParseError:
            return False
    head = _head(data)
    return b"<urlset" in head or b"<sitemapindex" in head or _is_text_list(data)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _same_site(url: str, base: str) -> bool:
    # sitemaps.org: a sitemap may only list URLs of its own host (cross-host needs robots.txt
    # proof we do not attempt); this also keeps a hostile sitemap from sending us elsewhere.
    return urlsplit(url).hostname == urlsplit(base).hostname


def parse_sitemap(data: bytes, url: str) -> Listing:
    """The page URLs (with lastmod) of a url set, or the child sitemaps of an index."""
    data = _unpacked(data)
    if _is_text_list(data) and b"<" not in data[:4096]:
        lines = data.decode("utf-8", errors="replace").splitlines()
        found = [ListedItem(url=line.strip()) for line in lines if line.strip()]
        return Listing(kind="sitemap", items=tuple(i for i in found if _same_site(i.url, url)))
    try:
        root = ET.fromstring(data)  # noqa: S314 - expat >= 2.4 refuses entity bombs; no DTD fetch
    except ET.ParseError as exc:
        raise ParseError(f"not a sitemap: {url}: {exc}") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise ParseError(f"not a sitemap: {url}: root element is {kind}")
    entries = []
    for element in root:
        loc = _child_text(element, "loc")
        if loc and _local(element.tag) in ("url", "sitemap"):
            item = ListedItem(url=urljoin(url, loc), published=_child_text(element, "lastmod"))
            if _same_site(item.url, url):
                entries.append(item)
    if kind == "sitemapindex":
        return Listing(kind="sitemap", sitemaps=tuple(entries))
    return Listing(kind="sitemap", items=tuple(entries))
