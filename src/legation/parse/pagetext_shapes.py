"""Line shapes of copied web pages: chrome, labels, titles, paragraphs, credits, markers.

Kept apart from the page-text parser so the vocabulary of web chrome can grow
without touching the parsing logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Group",
    "credit_text",
    "group_lines",
    "is_chrome",
    "is_credit",
    "is_label",
    "is_marker",
    "is_paragraph",
    "is_terminal",
    "is_title_like",
]

# Interface text of web pages, matched on short lines only (a paragraph that
# mentions a newsletter is still a paragraph).
_CHROME_SHORT = re.compile(
    r"^(follow us( on [\w ]+)?|.*\bcta|share( this)?( article| story| on \w+)?|advertisement|"
    r"advertising|sponsored( content)?|click here\b.*|want more\b.*|print|e-?mail|copy link|"
    r"skip to .*|jump to .*|menu|search|home|close|log ?in|sign ?in|accept .*cookies.*|"
    r"listen to this article|\d+ min(ute)? read|comments?|show comments|back to top)[.!?]?$",
    re.IGNORECASE,
)
_CHROME_ANY = re.compile(
    r"^(subscribe (now|today|to)|sign up (for|to)|get our newsletter|join our mailing list)\b",
    re.IGNORECASE,
)
# Lines that end the article area: the page trailer or a list of other stories.
_TERMINAL = re.compile(
    r"^(latest|latest (news|stories)|newsletter|newsletters|most (read|popular|viewed)|"
    r"trending|top stories|related( articles| stories| content| posts)?|you may also like|"
    r"recommended( for you)?|more from .{1,40}|subscribe\b.*|sign up (for|to)\b.*|"
    r"want more of our stories.*)$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"^((keep reading|read more|continue reading|show less|show more|read the full \w+)"
    r"[.…]*\s*)+$",
    re.IGNORECASE,
)
_FILENAME = re.compile(r"^[\w.+-]*[_\d][\w.+-]*$")
_CREDIT_PREFIX = re.compile(
    r"^(?:top\s+)?(?:image|photo|picture|video|header|lead)\s+credit\s*:\s*", re.IGNORECASE
)
_CREDIT_WORDS = re.compile(
    r"\b(credit|courtesy|photo by|image by|via|getty|reuters|shutterstock|afp|ap photo)\b",
    re.IGNORECASE,
)
_PAREN_TAIL = re.compile(r"\([^()]{3,80}\)\s*$")
_SENTENCE_END = (".", "!", "?", "…", "”", '"', "’", ":", ";", ",")
_MAX_LABEL_WORDS = 5
_MAX_LABEL_CHARS = 48
_MAX_TITLE_WORDS = 25
_MIN_PARAGRAPH_WORDS = 6
_MAX_CHROME_WORDS = 10
_MIN_FILENAME_CHARS = 6


@dataclass(frozen=True, slots=True)
class Group:
    """Lines between blank lines."""

    lines: tuple[str, ...]

    @property
    def single(self) -> str | None:
        return self.lines[0] if len(self.lines) == 1 else None


def group_lines(text: str) -> list[Group]:
    groups: list[Group] = []
    current: list[str] = []
    for raw_line in text.replace("\ufeff", "").splitlines():
        line = " ".join(raw_line.split())
        if line:
            current.append(line)
        elif current:
            groups.append(Group(tuple(current)))
            current = []
    if current:
        groups.append(Group(tuple(current)))
    return groups


def _words(line: str) -> int:
    return len(line.split())


def is_filename(line: str) -> bool:
    """An image file name left by the copy (``Shutterstock_2252996863-scaled``)."""
    return (
        " " not in line
        and len(line) >= _MIN_FILENAME_CHARS
        and bool(_FILENAME.match(line))
        and any(c.isdigit() for c in line)
    )


def is_chrome(line: str) -> bool:
    if is_filename(line) or _CHROME_ANY.match(line):
        return True
    return _words(line) <= _MAX_CHROME_WORDS and bool(_CHROME_SHORT.match(line))


def is_marker(line: str) -> bool:
    return bool(_MARKER.match(line))


def is_terminal(line: str) -> bool:
    return bool(_TERMINAL.match(line))


def is_label(line: str) -> bool:
    """A short section or ``Type | Section`` line."""
    if is_chrome(line) or is_marker(line) or is_terminal(line):
        return False
    if "|" in line:
        parts = [p.strip() for p in line.split("|")]
        return len(parts) == 2 and all(p and _words(p) <= 3 for p in parts)  # noqa: PLR2004
    return (
        _words(line) <= _MAX_LABEL_WORDS
        and len(line) <= _MAX_LABEL_CHARS
        and not line.endswith(_SENTENCE_END)
        and line[0].isupper()
        and not _CREDIT_WORDS.search(line)
    )


def is_title_like(line: str) -> bool:
    return (
        _words(line) <= _MAX_TITLE_WORDS
        and not line.endswith((".", ",", ";", ":"))
        and not is_chrome(line)
        and not is_marker(line)
        and not is_credit(line)
    )


def is_paragraph(line: str) -> bool:
    return (
        _words(line) >= _MIN_PARAGRAPH_WORDS
        and not is_chrome(line)
        and not is_marker(line)
        and not is_terminal(line)
    )


def is_credit(line: str) -> bool:
    """An image credit or caption line (``(Shutterstock/ Name)``, ``Top image credit: ...``)."""
    if _CREDIT_PREFIX.match(line):
        return True
    if line.startswith("(") and line.endswith(")"):
        return True
    tail = _PAREN_TAIL.search(line)
    return bool(tail and _CREDIT_WORDS.search(tail.group(0)))


def credit_text(line: str) -> str:
    text = _CREDIT_PREFIX.sub("", line).strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text
