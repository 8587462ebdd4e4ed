"""A page's publication date: structured data, checked against the visible dateline, then the
URL, then htmldate's guess.
"""

from __future__ import annotations

import re
from datetime import date as calendar_date
from typing import TYPE_CHECKING

from legation.model import PartialDate, Precision
from legation.parse.html_authors import in_comments
from legation.parse.html_dates import parse_page_date

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

__all__ = ["first_date", "published_date"]

_MAX_DATELINES = 5
_MAX_DATELINE = 200  # characters; a longer element is text, not a dateline
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?:/|\b)"
)
_DATELINE_SELECTORS = ("time", '[itemprop="datePublished"]', '[class*="byline"]', '[class*="date"]')


def first_date(*candidates: str | None) -> PartialDate | None:
    """The first candidate that reads as a date."""
    for text in candidates:
        if date := parse_page_date(text):
            return date
    return None


def published_date(
    structured: PartialDate | None, tree: LexborHTMLParser, url: str | None
) -> PartialDate | None:
    """Structured first; the dateline wins when it is a day off (UTC stamps vs local dates).

    Without either, the date in the URL, else htmldate's guess.
    """
    visible = _visible_date(tree)
    chosen: PartialDate | None
    if structured is not None and visible is not None and structured.day is not None:
        gap = abs(_ordinal(structured) - _ordinal(visible))
        chosen = visible if 0 < gap <= 1 else structured
    else:
        chosen = structured or visible or _url_date(url)
    return chosen or _htmldate(tree)


def _visible_date(tree: LexborHTMLParser) -> PartialDate | None:
    """The first date written out for readers in a dateline, byline or <time> element."""
    for selector in _DATELINE_SELECTORS:
        for node in tree.css(selector)[:_MAX_DATELINES]:
            if in_comments(node):
                continue
            text = node.text(deep=True, separator=" ")
            date = parse_page_date(text) if text and len(text) < _MAX_DATELINE else None
            if date is not None and date.precision is Precision.DAY:
                return date
    return None


def _url_date(url: str | None) -> PartialDate | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return PartialDate(year=int(year), month=int(month), day=int(day) if day else None)
    except ValueError:
        return None


def _ordinal(date: PartialDate) -> int:
    try:
        return calendar_date(date.year, date.month or 1, date.day or 1).toordinal()
    except ValueError:
        return 0


def _htmldate(tree: LexborHTMLParser) -> PartialDate | None:
    """htmldate's guess, only for pages without any date markup (it costs a few ms)."""
    from htmldate import find_date

    try:
        found = find_date(tree.html or "", original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return parse_page_date(found) if found else None
