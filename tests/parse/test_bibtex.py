"""BibTeX/BibLaTeX as Zotero, Google Scholar and hand-kept .bib files write it."""

from __future__ import annotations

import logging

import pytest

from legation.errors import ParseError
from legation.model import PartialDate
from legation.parse.bibtex import BibTeXParser, latex_to_text
from legation.sources.base import RawInput

_BIB = r"""
@string{sv = {Survival}}

@techreport{okafor_deterrence_2022,
  title = {Deterrence at {Sea}: {Navies} \& Crises},
  author = {Okafor, Sara and van den Berg, Pieter and {International Crisis Group}},
  institution = {Institute for Naval Studies},
  type = {Policy {Brief}},
  year = {2022},
  month = nov,
  url = {https://example.org/deterrence?a=1&b=2},
  abstract = {M{\"u}ller argued that 40\% of patrols~sufficed.},
  keywords = {deterrence, navies; sea power},
}

@article{kim2021,
  author = "Min-jun Kim",
  title = "Alliances in Flux",
  journal = sv,
  year = 2021,
  month = {7},
  day = {9},
}

@online{page2020,
  title = {A Web Page},
  date = {2020-05},
  urldate = {2024-01-01},
}
"""


def _parse(text: str) -> list:  # type: ignore[type-arg]
    raw = RawInput(data=text.encode("utf-8"), name="refs.bib", path="/refs/refs.bib")
    parser = BibTeXParser()
    assert parser.match(raw, text) >= 0.9
    return parser.parse(raw, text)


def test_entries_map_to_documents() -> None:
    report, article, page = _parse(_BIB)
    assert report.title == "Deterrence at Sea: Navies & Crises"
    assert report.authors == ("Sara Okafor", "Pieter van den Berg", "International Crisis Group")
    assert report.content_type == "Policy Brief"  # the report type Zotero keeps
    assert report.institution == "Institute for Naval Studies"
    assert report.published == PartialDate(year=2022, month=11)
    assert report.url == "https://example.org/deterrence?a=1&b=2"
    assert report.abstract == "Müller argued that 40% of patrols sufficed."
    assert report.tags == ("deterrence", "navies", "sea power")
    assert article.journal == "Survival"  # @string macro resolved
    assert article.authors == ("Min-jun Kim",)
    assert article.published == PartialDate(year=2021, month=7, day=9)
    assert article.content_type == "Journal Article"
    assert page.content_type == "Web Page"
    assert page.published == PartialDate(year=2020, month=5)


def test_broken_entry_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    text = _BIB + "\n@article{broken,\n  title = {Unclosed\n"
    with caplog.at_level(logging.WARNING):
        docs = _parse(text)
    assert len(docs) == 3
    assert "skipped" in caplog.text


def test_nothing_readable_is_a_parse_error() -> None:
    text = "@article{broken,\n  title = {Unclosed\n"
    raw = RawInput(data=text.encode(), name="bad.bib")
    with pytest.raises(ParseError, match=r"^unreadable BibTeX"):
        BibTeXParser().parse(raw, text)


def test_css_at_rules_are_not_bibtex() -> None:
    text = "@import url(style.css);\n@media screen { body { color: red; } }\n"
    assert BibTeXParser().match(RawInput(data=text.encode(), name="x.css"), text) == 0.0


def test_latex_decoding() -> None:
    assert latex_to_text(r"{\'E}cole d'{\'e}t{\'e} \textasciicircum{}") == "École d'été ^"
    assert latex_to_text("plain  text") == "plain text"
