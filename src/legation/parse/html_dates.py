"""Dates as pages write them, to a PartialDate that keeps only the precision given."""

from __future__ import annotations

import re

from legation.model import PartialDate
from legation.parse.dates import MONTH_NAMES_PATTERN, MONTHS

__all__ = ["parse_page_date"]

_MONTH = r"(?P<month>" + MONTH_NAMES_PATTERN + r")\.?"
_ISO = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?:[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?)?(?!\d)"
)
_COMPACT = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?:T|$)")
_MONTH_DAY_YEAR = re.compile(
    _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I
)
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})",
    re.I,
)
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(?P<year>\d{4})", re.I)
_DMY_NUMERIC = re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")
_EPOCH_MS = re.compile(r"^\d{12,13}$")


def _make(year: str, month: str | None, day: str | None) -> PartialDate | None:
    try:
        month_no = (
            None if month is None else int(month) if month.isdigit() else MONTHS[month.lower()]
        )
        return PartialDate(
            year=int(year), month=month_no, day=int(day) if day and month_no else None
        )
    except (ValueError, KeyError):
        return None


def parse_page_date(text: str | None) -> PartialDate | None:  # noqa: PLR0911 - one return per form
    """Read ``2019-11-18T09:00``, ``November 18, 2019``, ``18 Nov 2019``, ``18.11.2019``.

    Returns None when no date is recognisable; ambiguous forms such as ``11/12/2019`` are
    not guessed at.
    """
    if not text:
        return None
    text = text.strip()
    if _EPOCH_MS.match(text):
        from datetime import UTC, datetime

        moment = datetime.fromtimestamp(int(text) / 1000, tz=UTC)
        return PartialDate(year=moment.year, month=moment.month, day=moment.day)
    if match := _COMPACT.match(text):
        return _make(match["year"], match["month"], match["day"])
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _DMY_NUMERIC):
        if match := pattern.search(text):
            return _make(match["year"], match["month"], match["day"])
    iso = _ISO.search(text)
    if iso and iso["month"]:
        return _make(iso["year"], iso["month"], iso["day"])
    if match := _MONTH_YEAR.search(text):
        return _make(match["year"], match["month"], None)
    return _make(iso["year"], None, None) if iso else None
