"""CSL-JSON (Zotero's and citeproc's item format): one Document per item.

Read with the standard json module: a list of items, ``{"items": [...]}`` or one item.
Institution has no CSL variable: Zotero files it under ``publisher`` for reports, and
Legation's exporter also keeps it in ``custom.institution``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from legation.errors import ParseError
from legation.model import Document, PartialDate
from legation.parse.citation import (
    REF_TYPES,
    content_type_of,
    from_publisher,
    join_person,
    loose_date,
    reference_id,
    split_title,
)

if TYPE_CHECKING:
    from legation.sources.base import RawInput

__all__ = ["CSLJSONParser", "document_from_csl"]

_CSL_TYPES = frozenset({row.csl for row in REF_TYPES}) | {
    "article", "document", "post", "manuscript", "pamphlet", "bill", "broadcast",
    "entry-encyclopedia", "entry-dictionary", "patent", "personal_communication", "song",
    "motion_picture", "graphic", "map", "review", "review-book", "treaty", "standard",
    "software", "hearing", "regulation", "classic", "collection", "event", "performance",
    "periodical",
}  # fmt: skip
_CSL_KEYS = ("issued", "author", "container-title", "URL", "DOI", "citation-key", "title")
_SNIFF = 65536


def _items(data: Any) -> list[dict[str, Any]] | None:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        return None
    items = [item for item in data if isinstance(item, dict)]
    return items if len(items) == len(data) else None


def _looks_csl(item: dict[str, Any]) -> bool:
    return item.get("type") in _CSL_TYPES and any(key in item for key in _CSL_KEYS)


class CSLJSONParser:
    name: ClassVar[str] = "csljson"

    def match(self, raw: RawInput, text: str | None) -> float:
        if text is None or text.lstrip("\ufeff \n\t")[:1] not in ("[", "{"):
            return 0.0
        head = text[:_SNIFF]
        if '"type"' not in head:
            return 0.0
        try:
            items = _items(json.loads(text))
        except ValueError:
            return 0.0
        if not items:
            return 0.0
        return 0.95 if all(_looks_csl(item) for item in items[:20]) else 0.0

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        if text is None:
            raise ParseError("CSL-JSON file is not text")
        try:
            items = _items(json.loads(text))
        except ValueError as exc:
            raise ParseError(f"invalid JSON: {exc}") from None
        if not items:
            raise ParseError("no CSL-JSON items (expected a list of objects)")
        return [document_from_csl(item, raw, index) for index, item in enumerate(items)]


def _text(item: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, list):  # some exporters write a list for one title
            value = value[0] if value else None
        if isinstance(value, int | float):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _name(person: Any) -> str | None:
    if not isinstance(person, dict):
        return None
    if person.get("literal"):
        return " ".join(str(person["literal"]).split())
    family = " ".join(
        str(person[k]) for k in ("non-dropping-particle", "family", "suffix") if person.get(k)
    )
    given = " ".join(str(person[k]) for k in ("given", "dropping-particle") if person.get(k))
    return join_person(given, family) or None


def csl_date(value: Any) -> PartialDate | None:
    """A CSL date object ({"date-parts": [[2024, 3]]}, {"raw": ...}) at its own precision."""
    if isinstance(value, str):
        return loose_date(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
            return PartialDate(
                year=numbers[0],
                month=numbers[1] if len(numbers) > 1 else None,
                day=numbers[2] if len(numbers) > 2 else None,  # noqa: PLR2004
            )
        except (TypeError, ValueError):
            return None
    return loose_date(value.get("raw") or value.get("literal"))


def _keywords(value: Any) -> tuple[str, ...]:
    words = value if isinstance(value, list) else str(value or "").replace(";", ",").split(",")
    return tuple(dict.fromkeys(w.strip() for w in words if isinstance(w, str) and w.strip()))


def document_from_csl(item: dict[str, Any], raw: RawInput, index: int) -> Document:
    content_type = content_type_of("csl", _text(item, "type"), _text(item, "genre"))
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    publisher, institution = from_publisher(
        _text(item, "publisher"), _text(custom or {}, "institution"), content_type
    )
    title, subtitle = split_title(_text(item, "title") or "", _text(item, "title-short"))
    url = _text(item, "URL", "url")
    names = [_name(p) for p in item.get("author") or [] if isinstance(item.get("author"), list)]
    return Document(
        id=reference_id(record_id=_text(item, "id"), url=url, locator=raw.locator, index=index),
        title=title or url or "(untitled reference)",
        subtitle=subtitle,
        url=url,
        authors=tuple(dict.fromkeys(n for n in names if n)),
        published=csl_date(item.get("issued")),
        content_type=content_type,
        section=_text(item, "section"),
        institution=institution,
        publisher=publisher,
        journal=_text(item, "container-title"),
        abstract=_text(item, "abstract"),
        language=_text(item, "language"),
        tags=_keywords(item.get("keyword")),
        position=index,
        source=raw.provenance("csljson"),
    )
