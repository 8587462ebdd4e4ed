"""RIS reference files (Zotero, EndNote, publishers' "cite this"): one Document per record.

rispy reads the tagged lines; ``document_from_ris`` maps a record's fields to the model.
The tags written by ``serve.formats.ris`` are the ones read back here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from legation.errors import ParseError
from legation.model import Document
from legation.parse.citation import (
    content_type_of,
    from_publisher,
    inverted_to_display,
    loose_date,
    reference_id,
    split_title,
)

if TYPE_CHECKING:
    from legation.sources.base import RawInput

__all__ = ["RISParser", "document_from_ris"]

_START = re.compile(r"^TY  - ", re.MULTILINE)
_END = re.compile(r"^ER  -", re.MULTILINE)


class RISParser:
    name: ClassVar[str] = "ris"

    def match(self, raw: RawInput, text: str | None) -> float:
        if text is None:
            return 0.0
        head = text.lstrip("\ufeff \n")[:4096]
        if head.startswith("TY  - "):
            return 0.95
        if _START.search(head) and _END.search(text):
            return 0.9
        return 0.2 if raw.name.lower().endswith(".ris") and _START.search(head) else 0.0

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        import rispy

        if text is None:
            raise ParseError("RIS file is not text")
        try:
            # No delimiter splitting: a URL may contain ";" (Zotero writes one UR per URL).
            records = rispy.loads(text.replace("\r\n", "\n"), delimiter_tags_mapping={})
        except (ValueError, KeyError, IndexError) as exc:
            raise ParseError(f"unreadable RIS: {exc}") from None
        if not records:
            raise ParseError("no RIS records (TY ... ER) in this file")
        return [document_from_ris(record, raw, index) for index, record in enumerate(records)]


def _first(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _list(record: dict[str, Any], *keys: str) -> list[str]:
    found: list[str] = []
    for key in keys:
        value = record.get(key) or []
        found.extend(v.strip() for v in ([value] if isinstance(value, str) else value))
    return [v for v in found if v]


def document_from_ris(record: dict[str, Any], raw: RawInput, index: int) -> Document:
    content_type = content_type_of(
        "ris", _first(record, "type_of_reference"), _first(record, "type_of_work")
    )
    title_text = _first(record, "title", "primary_title", "translated_title")
    title, subtitle = split_title(title_text or "", _first(record, "short_title"))
    urls = _list(record, "urls")
    url = urls[0] if urls else None
    publisher, institution = from_publisher(
        _first(record, "publisher"), _first(record, "author_address"), content_type
    )
    authors = [inverted_to_display(a) for a in _list(record, "authors", "first_authors")]
    # DA carries the precision ("2024/03//"); PY is only ever a year.
    published = loose_date(_first(record, "date")) or loose_date(
        _first(record, "year", "publication_year")
    )
    return Document(
        id=reference_id(record_id=_first(record, "id"), url=url, locator=raw.locator, index=index),
        title=title or _first(record, "secondary_title") or url or "(untitled reference)",
        subtitle=subtitle,
        url=url,
        authors=tuple(dict.fromkeys(authors)),
        published=published,
        content_type=content_type,
        section=_first(record, "section"),
        institution=institution,
        publisher=publisher,
        journal=_first(
            record,
            "secondary_title",
            "journal_name",
            "alternate_title3",
            "alternate_title1",
            "alternate_title2",
        ),
        abstract=_first(record, "abstract", "notes_abstract"),
        language=_first(record, "language"),
        tags=tuple(dict.fromkeys(_list(record, "keywords"))),
        position=index,
        source=raw.provenance("ris"),
    )
