"""Search-result listings of research databases, copied as text (one Document per result).

The shape: a numbered title line (``42. Title``), then labelled fields, each label on
its own line (``- Author:``) followed by its value lines (``- Name``), or ``Label: value``
on one line. Lists are written in prose ("A, B, and C").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from legation.errors import ParseError
from legation.model import Document, PartialDate, Provenance, document_id
from legation.parse.dates import parse_loose_date
from legation.sources.base import RawInput

__all__ = ["ListingParser", "split_prose_list"]

_RESULT = re.compile(r"^\s*(\d{1,6})[.)]\s+(\S.*)$")
_LABEL = re.compile(r"^\s*[-•*]?\s*([A-Z][A-Za-z ()/]{1,40}?)\s*:\s*(.*)$")
_VALUE = re.compile(r"^\s*[-•*]\s+(.*)$")
_PROSE_AND = re.compile(r",?\s+(?:and|&)\s+", re.IGNORECASE)

# Field labels as databases write them -> Document field.
_FIELDS: dict[str, str] = {
    "author": "authors",
    "authors": "authors",
    "author(s)": "authors",
    "publication date": "published",
    "date": "published",
    "published": "published",
    "content type": "content_type",
    "type": "content_type",
    "document type": "content_type",
    "journal": "journal",
    "institution": "institution",
    "publisher": "publisher",
    "abstract": "abstract",
    "summary": "abstract",
    "topic": "topics",
    "topics": "topics",
    "subject": "topics",
    "political geography": "geography",
    "geography": "geography",
    "region": "geography",
    "url": "url",
    "link": "url",
}
_LIST_FIELDS = frozenset({"authors", "topics", "geography"})


def split_prose_list(text: str) -> list[str]:
    """``"A, B, and C"`` -> ``["A", "B", "C"]``; ``"A and B"`` -> ``["A", "B"]``."""
    parts: list[str] = []
    for chunk in text.split(";") if ";" in text else [text]:
        for piece in chunk.split(","):
            parts.extend(_PROSE_AND.split(piece))
    return [p.strip(" .") for p in parts if p.strip(" .")]


@dataclass(slots=True)
class _Record:
    position: int
    title: str
    fields: dict[str, list[str]] = field(default_factory=dict)


def _records(lines: list[str]) -> list[_Record]:
    records: list[_Record] = []
    current: _Record | None = None
    label: str | None = None
    for line in lines:
        result = _RESULT.match(line)
        # A numbered line opens the next result only in sequence, so numbered
        # lines inside an abstract stay text.
        if result and (current is None or int(result.group(1)) == current.position + 1):
            current = _Record(position=int(result.group(1)), title=result.group(2).strip())
            records.append(current)
            label = None
            continue
        if current is None:
            continue
        label_match = _LABEL.match(line)
        if label_match and label_match.group(1).strip().lower() in _FIELDS:
            label = _FIELDS[label_match.group(1).strip().lower()]
            rest = label_match.group(2).strip()
            current.fields.setdefault(label, [])
            if rest:
                current.fields[label].append(rest)
            continue
        value = _VALUE.match(line)
        text = (value.group(1) if value else line).strip()
        if label is not None and text:
            current.fields[label].append(text)
    return records


class ListingParser:
    name: ClassVar[str] = "listing"

    def match(self, raw: RawInput, text: str | None) -> float:
        if text is None:
            return 0.0
        head = text[:200_000].splitlines()
        results = sum(1 for line in head if _RESULT.match(line))
        labels = sum(
            1
            for line in head
            if (m := _LABEL.match(line)) and m.group(1).strip().lower() in _FIELDS
        )
        if results == 0 or labels < 2 * results:
            return 0.0
        return 0.9

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        if text is None:
            raise ParseError("listing: input is not text")
        records = _records(text.splitlines())
        if not records:
            raise ParseError("listing: no numbered results found")
        provenance = raw.provenance(self.name)
        return [_document(r, provenance) for r in records]


def _document(record: _Record, provenance: Provenance) -> Document:
    values: dict[str, str] = {k: " ".join(v).strip() for k, v in record.fields.items()}
    published: PartialDate | None = None
    if values.get("published"):
        published = parse_loose_date(values["published"])
    lists = {name: tuple(split_prose_list(values.get(name, ""))) for name in _LIST_FIELDS}
    year = published.year if published else ""
    key = f"listing:{record.title.casefold()}|{year}"
    return Document(
        id=document_id(key),
        title=record.title,
        source=provenance,
        url=values.get("url") or None,
        authors=lists["authors"],
        published=published,
        content_type=values.get("content_type") or None,
        journal=values.get("journal") or None,
        institution=values.get("institution") or None,
        publisher=values.get("publisher") or None,
        abstract=values.get("abstract") or None,
        topics=lists["topics"],
        geography=lists["geography"],
        position=record.position,
    )
