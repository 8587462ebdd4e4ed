"""PDF reports: text per page (page numbers kept), metadata, and what the cover says.

pypdf reads the text layer page by page; the body joins the pages with blank lines and
``Document.pages`` records where each page starts and ends, so a snippet can cite its page.
Title, authors, date and institution come from the PDF metadata when it is trustworthy,
else from the cover (see ``pdfcover``). Scanned PDFs (no text layer) are refused with
a clear reason: OCR is out of scope.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from legation.errors import ParseError
from legation.model import Document, PageSpan, PartialDate, document_id
from legation.parse.pdfcover import CoverRun, read_cover
from legation.sources.urls import url_document_id

if TYPE_CHECKING:
    from pypdf import PdfReader

    from legation.sources.base import RawInput

__all__ = ["PDFParser"]

_MAGIC = b"%PDF-"
_HEADER_WINDOW = 1024  # the spec tolerates junk before the header within the first KiB
_PAGE_SEP = "\n\n"
_MIN_TEXT_CHARS = 20  # below this, across the whole file, there is no usable text layer
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Pages:
    texts: tuple[str, ...]
    labels: tuple[str | None, ...]
    cover_runs: tuple[CoverRun, ...]
    cover_height: float


class PDFParser:
    """One Document per PDF file."""

    name: ClassVar[str] = "pdf"

    def match(self, raw: RawInput, text: str | None) -> float:
        head = raw.data[:_HEADER_WINDOW]
        if head.startswith(_MAGIC):
            return 1.0
        return 0.9 if _MAGIC in head else 0.0

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        reader = _open(raw.data)
        pages = _read_pages(reader)
        if sum(len(t.strip()) for t in pages.texts) < _MIN_TEXT_CHARS:
            raise ParseError("scanned PDF without a text layer (OCR not supported)")
        body, spans = _join_pages(pages)
        meta = _metadata(reader)
        cover = read_cover(
            runs=pages.cover_runs,
            page_height=pages.cover_height,
            first_page=pages.texts[0] if pages.texts else "",
            meta_title=meta.get("title"),
            meta_author=meta.get("author"),
        )
        published = cover.date or _meta_date(reader)
        title = cover.title or _title_from_name(raw.name)
        keywords = meta.get("keywords")
        doc = Document(
            id=url_document_id(raw.url) if raw.url else document_id(raw.path or raw.sha256),
            title=title,
            url=raw.url,
            authors=cover.authors,
            published=published,
            content_type="Report",
            institution=cover.institution,
            abstract=meta.get("subject"),
            body=body,
            tags=_split_keywords(keywords) if keywords else (),
            pages=spans,
            source=raw.provenance(self.name),
        )
        return [doc]


def _open(data: bytes) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    # pypdf logs every repaired xref; the one-line reason we raise is what users need.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        _ = len(reader.pages)
    except DependencyError:
        raise ParseError("encrypted PDF (AES) needs the 'cryptography' package to read") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ParseError(f"broken PDF: {_one_line(exc)}") from None
    if len(reader.pages) == 0:
        raise ParseError("broken PDF: no pages")
    return reader


def _decrypt(reader: PdfReader) -> None:
    from pypdf import PasswordType

    # Many reports are "encrypted" only to forbid printing: the empty user password opens them.
    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise ParseError("encrypted PDF: a password is needed to read it")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _read_pages(reader: PdfReader) -> _Pages:
    texts: list[str] = []
    runs: list[CoverRun] = []
    height = 792.0
    for number, page in enumerate(reader.pages):
        try:
            if number == 0:
                height = float(page.mediabox.height)
                text = page.extract_text(visitor_text=_run_collector(runs))
            else:
                text = page.extract_text()
        except Exception as exc:
            raise ParseError(f"broken PDF: page {number + 1}: {_one_line(exc)}") from None
        texts.append(_clean(text))
    return _Pages(
        texts=tuple(texts),
        labels=_labels(reader),
        cover_runs=tuple(runs),
        cover_height=height,
    )


def _run_collector(runs: list[CoverRun]) -> Any:
    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if not text.strip():
            return
        # Rendered size and height: the text matrix scaled by the current transformation.
        scale_tm = abs(tm[3]) or abs(tm[0]) or 1.0
        scale_cm = abs(cm[3]) or abs(cm[0]) or 1.0
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        runs.append(CoverRun(text=text, size=float(size) * scale_tm * scale_cm, y=float(y)))

    return visit


def _labels(reader: PdfReader) -> tuple[str | None, ...]:
    count = len(reader.pages)
    try:
        if "/PageLabels" not in reader.root_object:
            return (None,) * count
        labels = list(reader.page_labels)
    except Exception:
        return (None,) * count
    return tuple(labels[i] if i < len(labels) else None for i in range(count))


def _clean(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _join_pages(pages: _Pages) -> tuple[str, tuple[PageSpan, ...]]:
    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for index, text in enumerate(pages.texts):
        if parts:
            parts.append(_PAGE_SEP)
            offset += len(_PAGE_SEP)
        parts.append(text)
        label = pages.labels[index]
        spans.append(
            PageSpan(
                number=index + 1,
                start=offset,
                end=offset + len(text),
                label=label if label and label != str(index + 1) else None,
            )
        )
        offset += len(text)
    return "".join(parts), tuple(spans)


_META_JUNK = re.compile(
    r"^(?:\(?unspecified\)?|untitled|anonymous|unknown|none|null|n/a|user|owner|admin(?:istrator)?)$",
    re.IGNORECASE,
)


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
    except Exception:
        return {}
    if info is None:
        return {}
    found: dict[str, str] = {}
    for key, field in (
        ("title", "/Title"),
        ("author", "/Author"),
        ("subject", "/Subject"),
        ("keywords", "/Keywords"),
    ):
        value = info.get(field)
        text = " ".join(str(value).split()) if value is not None else ""
        if text and not _META_JUNK.match(text):
            found[key] = text
    return found


def _meta_date(reader: PdfReader) -> PartialDate | None:
    try:
        info = reader.metadata
        when = info.creation_date if info is not None else None
    except Exception:
        return None
    if when is None:
        return None
    return PartialDate(year=when.year, month=when.month, day=when.day)


def _split_keywords(text: str) -> tuple[str, ...]:
    parts = re.split(r"[;,]", text)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _title_from_name(name: str) -> str:
    stem = re.sub(r"\.pdf$", "", name.rsplit("/", 1)[-1], flags=re.IGNORECASE)
    return re.sub(r"[_-]+", " ", stem).strip() or "Untitled PDF"
