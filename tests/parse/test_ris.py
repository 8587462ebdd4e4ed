"""RIS as Zotero and publishers write it."""

from __future__ import annotations

import pytest

from legation.errors import ParseError
from legation.model import PartialDate
from legation.parse.registry import get_parser
from legation.parse.ris import RISParser
from legation.sources.base import RawInput
from legation.sources.urls import url_document_id

_ZOTERO_RIS = """\ufeffTY  - RPRT
TI  - Deterrence at Sea
AU  - Okafor, Sara
AU  - van den Berg, Pieter
AB  - How navies deter
  without firing a shot.
DA  - 2022/11/03/
PY  - 2022
LA  - en
PB  - Institute for Naval Studies
UR  - http://www.example.org/deterrence-at-sea/?utm_source=rss
KW  - deterrence
KW  - navies
ER  -

TY  - JOUR
TI  - Alliances in Flux
AU  - Kim, Min-jun
T2  - Journal of Strategic Affairs
PY  - 2021
ER  -

TY  - ELEC
TI  - A web page
Y1  - 2020/05//
ER  -
"""


def _parse(text: str, name: str = "library.ris") -> list:  # type: ignore[type-arg]
    raw = RawInput(data=text.encode("utf-8"), name=name, path=f"/refs/{name}")
    parser = RISParser()
    assert parser.match(raw, text.lstrip("\ufeff")) >= 0.9
    return parser.parse(raw, text.lstrip("\ufeff"))


def test_zotero_records_map_to_documents() -> None:
    report, article, page = _parse(_ZOTERO_RIS)
    assert report.title == "Deterrence at Sea"
    assert report.authors == ("Sara Okafor", "Pieter van den Berg")
    assert report.abstract == "How navies deter without firing a shot."
    assert report.published == PartialDate(year=2022, month=11, day=3)
    assert report.content_type == "Report"
    # Zotero files a report's institution under PB.
    assert report.institution == "Institute for Naval Studies"
    assert report.publisher is None
    assert report.tags == ("deterrence", "navies")
    assert report.language == "en"
    assert report.id == url_document_id("https://example.org/deterrence-at-sea")
    assert article.content_type == "Journal Article"
    assert article.journal == "Journal of Strategic Affairs"
    assert article.published == PartialDate(year=2021)
    assert page.content_type == "Web Page"
    assert page.published == PartialDate(year=2020, month=5)
    assert [d.position for d in (report, article, page)] == [0, 1, 2]


def test_records_without_url_get_distinct_stable_ids() -> None:
    first = _parse(_ZOTERO_RIS)
    again = _parse(_ZOTERO_RIS)
    assert [d.id for d in first] == [d.id for d in again]
    assert len({d.id for d in first}) == 3


def test_not_ris_does_not_match_and_empty_is_refused() -> None:
    text = "Just a note about TY and ER.\n"
    raw = RawInput(data=text.encode(), name="note.txt")
    assert get_parser("ris").match(raw, text) == 0.0
    with pytest.raises(ParseError, match="no RIS records"):
        RISParser().parse(raw, text)
