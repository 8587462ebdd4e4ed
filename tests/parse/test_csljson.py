"""CSL-JSON as Zotero and citeproc write it."""

from __future__ import annotations

import json

import pytest

from legation.errors import ParseError
from legation.model import PartialDate
from legation.parse.csljson import CSLJSONParser
from legation.sources.base import RawInput

_ITEMS = [
    {
        "id": "http://zotero.org/users/1/items/ABCD1234",
        "type": "report",
        "title": "Deterrence at Sea",
        "publisher": "Institute for Naval Studies",
        "author": [
            {"family": "Okafor", "given": "Sara"},
            {"family": "Berg", "given": "Pieter", "non-dropping-particle": "van den"},
            {"literal": "International Crisis Group"},
        ],
        "issued": {"date-parts": [["2022", "11", "3"]]},
        "URL": "https://example.org/deterrence",
        "keyword": "deterrence, navies",
        "genre": "Policy Brief",
    },
    {"id": "k2", "type": "article-journal", "title": "Alliances", "container-title": "Survival",
     "issued": {"raw": "2021-07"}},
    {"id": "k3", "type": "webpage", "title": "No date"},
]  # fmt: skip


def _raw(data: object) -> tuple[RawInput, str]:
    text = json.dumps(data)
    return RawInput(data=text.encode(), name="items.json"), text


def test_items_map_to_documents() -> None:
    raw, text = _raw(_ITEMS)
    parser = CSLJSONParser()
    assert parser.match(raw, text) >= 0.9
    report, article, page = parser.parse(raw, text)
    assert report.authors == ("Sara Okafor", "Pieter van den Berg", "International Crisis Group")
    assert report.institution == "Institute for Naval Studies"
    assert report.publisher is None
    assert report.published == PartialDate(year=2022, month=11, day=3)
    assert report.content_type == "Policy Brief"  # the report type Zotero keeps
    assert report.tags == ("deterrence", "navies")
    assert article.journal == "Survival"
    assert article.published == PartialDate(year=2021, month=7)
    assert page.published is None
    assert page.content_type == "Web Page"


def test_items_wrapper_and_single_item() -> None:
    raw, text = _raw({"items": _ITEMS[1:]})
    assert len(CSLJSONParser().parse(raw, text)) == 2
    raw, text = _raw(_ITEMS[1])
    assert [d.title for d in CSLJSONParser().parse(raw, text)] == ["Alliances"]


@pytest.mark.parametrize(
    "data",
    [
        [{"id": "x", "content_type": "report", "title": "Legation JSON"}],
        {"type": "FeatureCollection", "features": []},
        [1, 2, 3],
    ],
)
def test_other_json_does_not_match(data: object) -> None:
    raw, text = _raw(data)
    assert CSLJSONParser().match(raw, text) == 0.0


def test_invalid_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match=r"^invalid JSON"):
        CSLJSONParser().parse(RawInput(data=b"[{", name="x.json"), "[{")
