"""What a report's cover says: title, authors, date and publishing institution.

The PDF metadata title is used when it looks like a real title (not a file name or a
word processor's placeholder); otherwise the title is the largest text on the first
page. Authors come from a "By ..." line, else from the metadata. The date is the first
date written on the cover, kept to the precision it was written with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legation.model import PartialDate
from legation.parse.dates import MONTH_NAMES_PATTERN, MONTHS

__all__ = ["Cover", "CoverRun", "find_date", "read_cover", "split_names"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverRun:
    """A piece of text drawn on the first page, with its rendered size and height."""

    text: str
    size: float
    y: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Cover:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: PartialDate | None = None
    institution: str | None = None


_COVER_LINES = 60  # a cover's facts are near its top; body text further down is noise
_MAX_TITLE = 300
_TITLE_SIZE_SHARE = 0.85  # runs this close to the largest size belong to the title
_BIGGER_THAN_BODY = 1.15
_MAX_INSTITUTION_WORDS = 14
_MAX_NAME_WORDS = 5
_TITLE_CASE_SHARE = 0.6

_FILE_LIKE = re.compile(
    r"(\.(docx?|pdf|indd|pptx?|rtf|odt|tex|qxd|xlsx?)$)|^(microsoft (word|powerpoint) - )",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^(?:by|authors?:?|written by)\s+(.+)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(Institute|Institution|Center|Centre|Council|University|Foundation|Endowment|"
    r"Academy|Commission|Fund|Programme|Observatory)\b"
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:by\s+)?)?(?:the\s+)?", re.IGNORECASE
)
_PUBLISHED_BY = re.compile(r"^(?:published|prepared|issued)\s+by\s+(?:the\s+)?", re.IGNORECASE)

_MONTH = r"(?P<month>" + MONTH_NAMES_PATTERN + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = (
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"^\s*" + _YEAR + r"\s*$"),
    re.compile(r"(?:©|\(c\)|copyright)\s*" + _YEAR + r"\b", re.IGNORECASE),
)


def read_cover(
    *,
    runs: tuple[CoverRun, ...],
    page_height: float,
    first_page: str,
    meta_title: str | None,
    meta_author: str | None,
) -> Cover:
    lines = [line.strip() for line in first_page.split("\n") if line.strip()][:_COVER_LINES]
    title = meta_title if meta_title and _good_meta_title(meta_title) else None
    if title is None:
        title = _largest_text(runs, page_height) or _first_line(lines)
    authors = _by_line_authors(lines) or (split_names(meta_author) if meta_author else ())
    return Cover(
        title=title,
        authors=authors,
        date=_first_date(lines),
        institution=_institution(lines, title),
    )


def _good_meta_title(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 3 and not _FILE_LIKE.search(text)  # noqa: PLR2004 - three letters


def _largest_text(runs: tuple[CoverRun, ...], page_height: float) -> str | None:
    # "Near the top": the upper four fifths of the page, where covers put their titles.
    floor = page_height * 0.2
    candidates = [r for r in runs if r.y >= floor and any(ch.isalpha() for ch in r.text)]
    if not candidates:
        return None
    largest = max(r.size for r in candidates)
    sizes = sorted(r.size for r in candidates)
    median = sizes[len(sizes) // 2]
    if largest < median * _BIGGER_THAN_BODY:
        return None  # nothing stands out: no typographic title on this page
    parts: list[str] = []
    started = False
    for run in candidates:
        big = run.size >= largest * _TITLE_SIZE_SHARE
        if big:
            parts.append(run.text)
            started = True
        elif started:
            break  # the title is one contiguous block of big text
    title = " ".join(" ".join(parts).split())
    return title[:_MAX_TITLE] or None


def _first_line(lines: list[str]) -> str | None:
    for line in lines:
        if any(ch.isalpha() for ch in line):
            return line[:_MAX_TITLE]
    return None


def _by_line_authors(lines: list[str]) -> tuple[str, ...]:
    for line in lines:
        match = _BY_LINE.match(line)
        if match:
            names = split_names(match.group(1))
            if names:
                return names
    return ()


def split_names(text: str) -> tuple[str, ...]:
    """Person names from "A, B and C" / "A; B" lists; drops parts that cannot be names."""
    text = re.split(r"\s[|(]", text, maxsplit=1)[0]
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        name = " ".join(part.split()).strip(" .")
        words = name.split()
        if not words or len(words) > _MAX_NAME_WORDS or not name[0].isupper():
            continue
        names.append(name)
    # "Smith, Jane" is one inverted name, not two people.
    if len(names) == 2 and all(len(n.split()) == 1 for n in names) and "," in text:  # noqa: PLR2004
        return (f"{names[1]} {names[0]}",)
    return tuple(dict.fromkeys(names))


def find_date(text: str) -> PartialDate | None:
    """The first date in a line, with the precision it was written with."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        month = MONTHS.get((groups.get("month") or "").lower()) or (
            int(groups["mnum"]) if groups.get("mnum") else None
        )
        day = int(groups["day"]) if groups.get("day") else None
        try:
            return PartialDate(year=year, month=month, day=day)
        except ValueError:
            continue
    return None


def _first_date(lines: list[str]) -> PartialDate | None:
    for line in lines:
        found = find_date(line)
        if found is not None:
            return found
    return None


def _title_case(text: str) -> bool:
    """Names of bodies capitalise their words ("Center for Maritime Studies"); prose does not."""
    words = [w for w in text.split() if len(w) > 3]  # noqa: PLR2004 - skip "for", "of", "the"
    capitalised = sum(w[0].isupper() for w in words)
    return bool(words) and capitalised / len(words) >= _TITLE_CASE_SHARE


def _institution(lines: list[str], title: str | None) -> str | None:
    title_words = " ".join((title or "").split()).lower()
    for line in lines:
        candidate = _PUBLISHED_BY.sub("", _COPYRIGHT.sub("", line)).strip()
        candidate = re.split(r"\.\s|\s[|•·]\s", candidate, maxsplit=1)[0].strip(" .,")
        if not _INSTITUTION.search(candidate) or _BY_LINE.match(candidate):
            continue
        if len(candidate.split()) > _MAX_INSTITUTION_WORDS or not _title_case(candidate):
            continue  # a sentence that mentions an institute, not a masthead
        if candidate.lower() in title_words:
            continue
        return candidate
    return None
