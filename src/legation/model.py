"""The records every stage shares.

Frozen, slotted, keyword-only dataclasses: a stage can never mutate what another
stage handed it, and adding a field never silently shifts positional arguments.
Their JSON form (``to_json``) is a public interface that acceptance checks read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

__all__ = [
    "Document",
    "Enrichment",
    "Entity",
    "Mention",
    "PageSpan",
    "PartialDate",
    "Precision",
    "Provenance",
    "Quote",
    "RelatedRef",
    "TopicScore",
    "document_id",
]


class Precision(StrEnum):
    """How much of a date the source actually gave."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_MAX_YEAR = 9999
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class PartialDate:
    """A date known to year, month or day precision (``2025``, ``2025-03``, ``2025-03-14``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= _MAX_YEAR:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:  # noqa: PLR2004 - months
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and (self.month is None or not 1 <= self.day <= 31):  # noqa: PLR2004
            raise ValueError(f"day out of range: {self.day}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read an ISO 8601 prefix (``2025``, ``2025-03``, ``2025-03-14T...``)."""
        match = _ISO_DATE.match(text.strip())
        if not match:
            raise ValueError(f"not an ISO date: {text!r}")
        year, month, day = match.groups()
        return cls(
            year=int(year),
            month=int(month) if month else None,
            day=int(day) if day else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a document's bytes came from, so it can always be re-parsed."""

    format: str
    sha256: str
    read_at: str
    path: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedRef:
    """A teaser for another article shown on a page (title, section, first lines)."""

    title: str
    section: str | None = None
    teaser: str | None = None
    truncated: bool = False
    image_credit: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A place named in a text, with its character offsets and resolved country."""

    text: str
    start: int
    end: int
    country: str | None = None  # ISO 3166 alpha-3, or None for a region
    kind: str = "place"


@dataclass(frozen=True, slots=True, kw_only=True)
class PageSpan:
    """Where a page lies in a body: 1-based page number, character offsets [start, end).

    ``label`` is the printed page label (``"iv"``, ``"12"``) when the file defines one
    that differs from the page number.
    """

    number: int
    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicScore:
    name: str
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical person or organisation, with what the text says of them."""

    name: str
    kind: str  # "person" or "organisation"
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    mentions: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    speaker: str | None
    text: str
    affiliation: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Enrichment:
    """What the enrichers found in one document."""

    about: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    topics: tuple[TopicScore, ...] = ()
    people: tuple[Entity, ...] = ()
    organisations: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()


def document_id(key: str) -> str:
    """A stable id from a source-given key (URL, file path plus position, corpus id)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One work in the library: a structured record plus its clean body text."""

    id: str
    title: str
    source: Provenance
    url: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: PartialDate | None = None
    modified: PartialDate | None = None
    content_type: str | None = None
    section: str | None = None
    institution: str | None = None
    publisher: str | None = None
    journal: str | None = None
    abstract: str | None = None
    body: str = ""
    language: str | None = None
    topics: tuple[str, ...] = ()
    geography: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image_credits: tuple[str, ...] = ()
    related: tuple[RelatedRef, ...] = ()
    position: int | None = None
    pages: tuple[PageSpan, ...] = ()
    enrichment: Enrichment | None = field(default=None, compare=False)

    def with_changes(self, **changes: Any) -> Document:
        return replace(self, **changes)

    def page_of(self, offset: int) -> PageSpan | None:
        """The page holding a body offset (for citing a snippet's page), if pages are known."""
        for span in self.pages:
            if span.start <= offset <= span.end:
                return span
        return None

    def to_json(self) -> dict[str, Any]:
        """The public JSON form: lists of plain strings, ISO dates cut to precision."""
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "url": self.url,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "published_precision": str(self.published.precision) if self.published else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "content_type": self.content_type,
            "section": self.section,
            "institution": self.institution,
            "publisher": self.publisher,
            "journal": self.journal,
            "abstract": self.abstract,
            "body": self.body,
            "language": self.language,
            "topics": list(self.topics),
            "geography": list(self.geography),
            "tags": list(self.tags),
            "image_credits": list(self.image_credits),
            "related": [_related_json(r) for r in self.related],
            "position": self.position,
            "pages": [_page_json(p) for p in self.pages],
            "source": {
                "format": self.source.format,
                "path": self.source.path,
                "url": self.source.url,
                "sha256": self.source.sha256,
                "read_at": self.source.read_at,
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        published = data.get("published")
        modified = data.get("modified")
        src = data["source"]
        return cls(
            id=data["id"],
            title=data["title"],
            subtitle=data.get("subtitle"),
            url=data.get("url"),
            authors=tuple(data.get("authors") or ()),
            published=PartialDate.parse(published) if published else None,
            modified=PartialDate.parse(modified) if modified else None,
            content_type=data.get("content_type"),
            section=data.get("section"),
            institution=data.get("institution"),
            publisher=data.get("publisher"),
            journal=data.get("journal"),
            abstract=data.get("abstract"),
            body=data.get("body") or "",
            language=data.get("language"),
            topics=tuple(data.get("topics") or ()),
            geography=tuple(data.get("geography") or ()),
            tags=tuple(data.get("tags") or ()),
            image_credits=tuple(data.get("image_credits") or ()),
            related=tuple(RelatedRef(**r) for r in data.get("related") or ()),
            position=data.get("position"),
            pages=tuple(PageSpan(**p) for p in data.get("pages") or ()),
            source=Provenance(
                format=src["format"],
                sha256=src["sha256"],
                read_at=src["read_at"],
                path=src.get("path"),
                url=src.get("url"),
            ),
        )


def _related_json(ref: RelatedRef) -> dict[str, Any]:
    return {
        "title": ref.title,
        "section": ref.section,
        "teaser": ref.teaser,
        "truncated": ref.truncated,
        "image_credit": ref.image_credit,
        "url": ref.url,
    }


def _page_json(span: PageSpan) -> dict[str, Any]:
    return {"number": span.number, "start": span.start, "end": span.end, "label": span.label}
