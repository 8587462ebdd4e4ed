"""Research-database listings: seed 002, and variations written here."""

from __future__ import annotations

from legation.model import Precision
from legation.parse.listing import ListingParser, split_prose_list
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput
from tests.conftest import shared_path


def test_seed_002() -> None:
    path = next(shared_path("seeds").glob("002_*.txt"))
    docs = parse_raw(RawInput(data=path.read_bytes(), name=path.name, path=str(path)))
    assert [d.position for d in docs] == list(range(42, 51))
    first = docs[0]
    assert first.title == "Russia-China-North Korea Relations: Obstacles to a Trilateral Axis"
    assert first.authors == ("Elizabeth Wishnick",)
    assert first.published is not None
    assert first.published.isoformat() == "2025-03"
    assert first.published.precision is Precision.MONTH
    assert first.content_type == "Special Report"
    assert first.journal is None
    assert first.institution == "Foreign Policy Research Institute (FPRI)"
    assert first.abstract is not None
    assert first.abstract.startswith("Russia and China have had diplomatic relations")
    assert first.geography == ("Russia", "China", "Asia", "North Korea")
    assert first.topics[0] == "International Relations"
    assert first.topics[-1] == "Trilateral Relations"
    several = next(d for d in docs if d.position == 46)
    assert several.authors == (
        "Aksel B. Hvid",
        "Fabricio H. Chagas-Bastos",
        "Peter Marcus Kristensen",
    )
    assert several.journal == "All Azimuth: A Journal of Foreign Policy and Peace"
    assert several.to_json()["published"] == "2025-07"


def test_prose_lists() -> None:
    assert split_prose_list("Russia, China, Asia, and North Korea") == [
        "Russia",
        "China",
        "Asia",
        "North Korea",
    ]
    assert split_prose_list("South Asia and India") == ["South Asia", "India"]
    assert split_prose_list("Arctic") == ["Arctic"]


LISTING = """Number of results to display per page
Search Results
7. A first title about sanctions
- Author:
- Jane Roe
- Publication Date:
- 11-2024
- Content Type:
- Policy Brief
- Institution:
- Example Institute
- Abstract:
- One line abstract.
- Topic:
- Sanctions and Trade
- Political Geography:
- Iran
8. A second title: with a colon
Author: John Doe and Ann Smith
Publication Date: 2023
Content Type: Working Paper
Institution: Another Centre
Abstract:
- First abstract line.
- 9. Not a new result inside an abstract.
"""


def test_variations_one_author_no_journal_inline_labels_crlf() -> None:
    data = LISTING.replace("\n", "\r\n").encode("utf-8")
    raw = RawInput(data=data, name="results.txt")
    assert ListingParser().match(raw, LISTING) > 0.5
    docs = parse_raw(raw)
    assert [d.position for d in docs] == [7, 8]
    assert docs[0].authors == ("Jane Roe",)
    assert docs[0].journal is None
    assert docs[0].topics == ("Sanctions", "Trade")
    assert docs[1].authors == ("John Doe", "Ann Smith")
    assert docs[1].published is not None
    assert docs[1].published.precision is Precision.YEAR
    assert docs[1].abstract == "First abstract line. 9. Not a new result inside an abstract."
    assert docs[1].geography == ()
