"""Dates as people write them, read to the precision they carry."""

from __future__ import annotations

import re

from legation.model import PartialDate

__all__ = ["MONTHS", "MONTH_NAMES_PATTERN", "parse_loose_date"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# Longest names first so "september" wins over "sep"; no group, callers add their own.
MONTH_NAMES_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_NAME = "(" + MONTH_NAMES_PATTERN + r")\.?"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "ym"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), "my"),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})$"), "y"),
    (re.compile(rf"^(\d{{1,2}})\s+{_MONTH_NAME},?\s+(\d{{4}})$", re.I), "dMy"),
    (re.compile(rf"^{_MONTH_NAME}\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.I), "Mdy"),
    (re.compile(rf"^{_MONTH_NAME},?\s+(\d{{4}})$", re.I), "My"),
)


def _build(kind: str, groups: tuple[str, ...]) -> PartialDate:
    values = dict(zip(kind, groups, strict=True))
    if "M" in values:
        month_number: int | str | None = MONTHS[values["M"].lower().rstrip(".")]
    else:
        month_number = values.get("m")
    return PartialDate(
        year=int(values["y"]),
        month=int(month_number) if month_number else None,
        day=int(values["d"]) if "d" in values else None,
    )


def parse_loose_date(text: str) -> PartialDate | None:
    """``03-2025`` -> 2025-03; ``14 March 2025`` -> 2025-03-14; None when unreadable."""
    cleaned = " ".join(text.strip().split())
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            try:
                return _build(kind, match.groups())
            except (ValueError, KeyError):
                return None
    return None
