"""Documents that exercise every mapped field, for export -> import round trips."""

from __future__ import annotations

from typing import Any

import pytest

from legation.model import Document, PartialDate, Provenance
from legation.parse.citation import DISPLAY_NAMES, REF_TYPES

_SOURCE = Provenance(format="pagetext", sha256="0" * 64, read_at="2025-01-01T00:00:00+00:00")


def _doc(number: int, **fields: Any) -> Document:
    return Document(id=f"{number:016x}", source=_SOURCE, body="Full text stays home.", **fields)


SAMPLES: tuple[Document, ...] = (
    _doc(
        1,
        title="Calmer Waters",
        subtitle="Piracy & Cooperation in the Gulf of Guinea",
        authors=("Amina Diallo", "Ursula von der Leyen", "Martin Luther King Jr."),
        published=PartialDate(year=2023, month=3, day=14),
        content_type="Report",
        institution="Center for Maritime Security Studies",
        url="https://example.org/reports/calmer-waters?id=7&lang=en",
        abstract="Piracy fell by 50% after navies shared radar data.",
        topics=("maritime security",),
        tags=("piracy", "West Africa"),
        language="en",
    ),
    _doc(
        2,
        title="The Return of Great-Power Rivalry",
        authors=("Łukasz Nowak", "Zoë Müller-Weiß"),
        published=PartialDate(year=2024, month=6),
        content_type="Journal Article",
        journal="Survival: Global Politics and Strategy",
        publisher="Routledge",
        url="https://example.org/doi/10.1080/00396338.2024.1",
        abstract="Rivalry is back; alliances adapt {slowly} at 5$ a barrel_#1 ~ ^ \\ end.",
        tags=("great powers", "alliances"),
    ),
    _doc(
        3,
        title="Remarks to the General Assembly",
        authors=("World Health Organization",),
        published=PartialDate(year=2019),
        content_type="Speech",
    ),
    _doc(
        4,
        title="Sanctions and Their Discontents",
        authors=("Bill and Melinda Gates Foundation", "Jane Smith"),
        content_type="Report",
        institution="Council on Economic Statecraft",
        publisher="Statecraft Press",
        section="Economy",
    ),
    _doc(5, title="A page with nothing else"),
    *(
        _doc(
            100 + index,
            title=f"Item of type {row.content_type}",
            authors=("Chen Wei",),
            published=PartialDate(year=2020, month=1, day=2),
            content_type=DISPLAY_NAMES[row.content_type],
            journal="Container Title" if row.content_type != "report" else None,
        )
        for index, row in enumerate(REF_TYPES)
    ),
    _doc(200, title="An interview, with a type only the genre keeps", content_type="Interview"),
    _doc(201, title="Some custom kind", content_type="Policy Brief"),
)


def reference_view(doc: Document) -> dict[str, Any]:
    """The fields reference formats promise to keep (keywords: topics and tags as one set)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "authors": doc.authors,
        "published": doc.published.isoformat() if doc.published else None,
        "precision": doc.published.precision if doc.published else None,
        "content_type": doc.content_type or "Document",
        "journal": doc.journal,
        "institution": doc.institution,
        "publisher": doc.publisher,
        "url": doc.url,
        "abstract": doc.abstract,
        "keywords": sorted({*doc.topics, *doc.tags}),
        "language": doc.language,
    }


@pytest.fixture
def samples() -> tuple[Document, ...]:
    return SAMPLES
