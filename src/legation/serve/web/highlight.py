"""The document body as HTML paragraphs, with places and quotations marked where they stand.

Enrichment offsets point into the text enrichment read (title, subtitle, abstract, then
body); marks are placed by those offsets, so each one shows exactly what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from legation.enrich.run import document_text
from legation.model import Document

__all__ = ["Mark", "body_paragraphs"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    start: int  # offsets into the body
    end: int
    kind: str  # "place" or "quote"
    note: str  # tooltip: the country code, or who said it


def _marks(doc: Document, enrichment: dict[str, Any]) -> list[Mark]:
    text, _ = document_text(doc)
    base = len(text) - len(doc.body) if doc.body and text.endswith(doc.body) else None
    if base is None:
        return []
    marks = [
        Mark(start=q["start"] - base, end=q["end"] - base, kind="quote",
             note=", ".join(x for x in (q.get("speaker"), q.get("affiliation")) if x))
        for q in enrichment.get("quotes", []) if "start" in q and "end" in q
    ]  # fmt: skip
    marks += [
        Mark(
            start=m["start"] - base, end=m["end"] - base, kind="place", note=m.get("country") or ""
        )
        for m in enrichment.get("geography", {}).get("mentions", [])
    ]
    inside = [m for m in marks if 0 <= m.start < m.end <= len(doc.body)]
    # Quotations first; a place inside a quotation is left to the quotation's mark.
    kept: list[Mark] = []
    for mark in sorted(inside, key=lambda m: (m.kind != "quote", m.start)):
        if not any(k.start < mark.end and mark.start < k.end for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda m: m.start)


def body_paragraphs(doc: Document, enrichment: dict[str, Any]) -> list[Markup]:
    """Escaped paragraphs of the body with <mark> elements for places and quotations."""
    marks = _marks(doc, enrichment)
    paragraphs: list[Markup] = []
    start = 0
    for chunk in doc.body.split("\n\n"):
        end = start + len(chunk)
        if chunk.strip():
            paragraphs.append(_render(doc.body, start, end, marks))
        start = end + 2
    return paragraphs


def _render(body: str, start: int, end: int, marks: list[Mark]) -> Markup:
    out = Markup()
    at = start
    for mark in marks:
        if mark.start < start or mark.end > end:
            continue
        out += escape(body[at : mark.start])
        title = escape(mark.note)
        out += Markup('<mark class="{}" title="{}">{}</mark>').format(
            mark.kind, title, escape(body[mark.start : mark.end])
        )
        at = mark.end
    return out + escape(body[at:end])
