"""Documents as RIS records, in the tags ``parse.ris`` reads back (and Zotero imports)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from legation.parse.citation import (
    display_to_inverted,
    full_title,
    genre_of,
    keywords_of,
    publisher_of,
    ref_type,
)

if TYPE_CHECKING:
    from legation.model import Document, PartialDate

__all__ = ["RISExporter", "ris_record"]


def _ris_date(date: PartialDate) -> str:
    """RIS DA form: year/month/day/ with empty parts for what is unknown."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _flat(text: str | None) -> str | None:
    # RIS values are one line each: a continuation line would be glued back with a space.
    return " ".join(text.split()) if text else None


def ris_record(doc: Document) -> dict[str, Any]:
    """The rispy record for a document (keys are rispy's names for the RIS tags)."""
    record: dict[str, Any] = {"type_of_reference": ref_type(doc.content_type).ris, "id": doc.id}
    fields: dict[str, Any] = {
        "title": _flat(full_title(doc)),
        "short_title": _flat(doc.title) if doc.subtitle else None,
        "authors": [display_to_inverted(a) for a in doc.authors] or None,
        "year": f"{doc.published.year:04d}" if doc.published else None,
        "date": _ris_date(doc.published) if doc.published and doc.published.month else None,
        "secondary_title": _flat(doc.journal),
        "publisher": _flat(publisher_of(doc)),
        "author_address": _flat(doc.institution),
        "section": _flat(doc.section),
        "urls": [doc.url] if doc.url else None,
        "abstract": _flat(doc.abstract),
        "keywords": list(keywords_of(doc)) or None,
        "language": doc.language,
        "type_of_work": genre_of(doc.content_type, "ris"),
    }
    record.update({k: v for k, v in fields.items() if v})
    return record


class RISExporter:
    name: ClassVar[str] = "ris"
    media_type: ClassVar[str] = "application/x-research-info-systems"

    def write(self, docs: Iterable[Document], out: TextIO) -> int:
        import rispy

        class _Writer(rispy.RisWriter):  # type: ignore[misc]
            def set_header(self, count: int) -> str:
                return ""  # rispy numbers records ("1."); RIS readers do not need it

        writer = _Writer(delimiter_tags_mapping={})
        count = 0
        for doc in docs:
            writer.format_lines(out, [ris_record(doc)])
            out.write("\n")
            count += 1
        return count
