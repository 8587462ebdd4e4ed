from __future__ import annotations

import dataclasses

import pytest

from legation.model import Document, PartialDate, Precision, Provenance, RelatedRef, document_id


def _doc(**changes: object) -> Document:
    base = Document(
        id=document_id("x"),
        title="T",
        source=Provenance(format="pagetext", sha256="0" * 64, read_at="2026-01-01T00:00:00+00:00"),
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2025", "2025", Precision.YEAR),
        ("2025-03", "2025-03", Precision.MONTH),
        ("2025-03-14T10:00:00Z", "2025-03-14", Precision.DAY),
    ],
)
def test_partial_date_keeps_its_precision(text: str, iso: str, precision: Precision) -> None:
    date = PartialDate.parse(text)
    assert date.isoformat() == iso
    assert date.precision is precision


@pytest.mark.parametrize("bad", ["", "March", "2025-13", "2025-02-40"])
def test_partial_date_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        PartialDate.parse(bad)


def test_documents_are_frozen_and_keyword_only() -> None:
    doc = _doc()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Document("id", "title")  # type: ignore[misc]


def test_json_form_is_plain_and_round_trips() -> None:
    doc = _doc(
        authors=("A. One", "B. Two"),
        published=PartialDate(year=2025, month=3),
        topics=("Diplomacy",),
        geography=("China", "Asia"),
        image_credits=("Photo Agency",),
        related=(RelatedRef(title="Other", section="Europe", teaser="Text", truncated=True),),
        position=42,
    )
    data = doc.to_json()
    assert data["authors"] == ["A. One", "B. Two"]
    assert data["published"] == "2025-03"
    assert data["position"] == 42
    assert data["related"][0] == {
        "title": "Other",
        "section": "Europe",
        "teaser": "Text",
        "truncated": True,
        "image_credit": None,
        "url": None,
    }
    assert Document.from_json(data) == doc


def test_document_id_is_stable() -> None:
    assert document_id("ungd:USA_70_2015") == document_id("ungd:USA_70_2015")
    assert document_id("a") != document_id("b")
