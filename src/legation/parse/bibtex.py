"""BibTeX and BibLaTeX files: one Document per entry.

bibtexparser splits entries and resolves ``@string`` macros; names are split the way
BibTeX does ("von Last, Jr, First"); LaTeX markup in text fields (``{\\"u}``, ``\\&``)
is decoded with pylatexenc, a bibtexparser dependency. URLs are taken as written.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, ClassVar

from legation.errors import ParseError
from legation.model import Document, PartialDate
from legation.parse.citation import (
    content_type_of,
    join_person,
    loose_date,
    reference_id,
)

if TYPE_CHECKING:
    from bibtexparser.model import Entry

    from legation.sources.base import RawInput

__all__ = ["BibTeXParser", "document_from_entry", "latex_to_text"]

log = logging.getLogger(__name__)

_ENTRY = re.compile(r"^\s*@(\w+)\s*[{(]", re.MULTILINE)
_LATEX_MARKS = re.compile(r"[\\{}~$]")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_KEYWORD_SPLIT = re.compile(r"\s*[,;]\s*")
ID_FIELD = "legation-id"  # our exporter keeps the Document id here, so re-imports update


class BibTeXParser:
    name: ClassVar[str] = "bibtex"

    def match(self, raw: RawInput, text: str | None) -> float:
        if text is None:
            return 0.0
        found = _ENTRY.search(text[:8192])
        if found is None:
            return 0.0
        if found.group(1).lower() in ("import", "media", "charset", "font"):
            return 0.0  # CSS at-rules, not entries
        return 0.9 if "=" in text[found.end() : found.end() + 2000] else 0.3

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        from bibtexparser.entrypoint import parse_string

        if text is None:
            raise ParseError("BibTeX file is not text")
        library = parse_string(text)
        entries = library.entries
        if library.failed_blocks:
            first = library.failed_blocks[0]
            reason = " ".join(str(getattr(first, "error", "syntax error")).split())[:200]
            if not entries:
                raise ParseError(f"unreadable BibTeX: {reason}")
            log.warning(
                "%s: %d BibTeX block(s) skipped: %s",
                raw.locator,
                len(library.failed_blocks),
                reason,
            )
        if not entries:
            raise ParseError("no BibTeX entries in this file")
        return [document_from_entry(entry, raw, index) for index, entry in enumerate(entries)]


def latex_to_text(value: str) -> str:
    """Plain text from a BibTeX field: LaTeX accents and escapes decoded, braces dropped."""
    if _LATEX_MARKS.search(value):
        from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

        value = str(LatexNodes2Text(math_mode="verbatim").latex_to_text(value))
        value = value.replace("\u02c6", "^")  # pylatexenc renders \textasciicircum as a modifier
    return " ".join(value.split())


def _field(entry: Entry, *names: str, raw: bool = False) -> str | None:
    fields = entry.fields_dict
    for name in names:
        found = fields.get(name)
        if found is None:
            continue
        value = str(found.value).strip()
        if value:
            return " ".join(value.split()) if raw else latex_to_text(value)
    return None


def _authors(entry: Entry) -> tuple[str, ...]:
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    text = _field(entry, "author", "editor", raw=True)
    if not text:
        return ()
    names: list[str] = []
    for person in split_multiple_persons_names(text):
        parts = parse_single_name_into_parts(person, strict=False)
        family = " ".join([*parts.von, *parts.last])
        name = join_person(" ".join(parts.first), f"{family} {' '.join(parts.jr)}")
        decoded = latex_to_text(name)
        if decoded:
            names.append(decoded)
    return tuple(dict.fromkeys(names))


def _month(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip().lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= len(_MONTHS) else None
    return _MONTHS.index(text[:3]) + 1 if text[:3] in _MONTHS else None


def _date(entry: Entry) -> PartialDate | None:
    found = loose_date(_field(entry, "date", raw=True))
    if found is not None:
        return found
    year = loose_date(_field(entry, "year", raw=True))
    if year is None:
        return None
    month = _month(_field(entry, "month", raw=True))
    day_text = _field(entry, "day", raw=True)
    day = int(day_text) if month and day_text and day_text.isdigit() else None
    try:
        return PartialDate(year=year.year, month=month, day=day)
    except ValueError:
        return PartialDate(year=year.year, month=month)


def document_from_entry(entry: Entry, raw: RawInput, index: int) -> Document:
    content_type = content_type_of("bibtex", entry.entry_type, _field(entry, "type"))
    url = _field(entry, "url", raw=True)
    keywords = _field(entry, "keywords", "keyword")
    title = _field(entry, "title")
    return Document(
        id=reference_id(
            record_id=_field(entry, ID_FIELD, raw=True), url=url, locator=raw.locator, index=index
        ),
        title=title or url or entry.key or "(untitled reference)",
        subtitle=_field(entry, "subtitle"),
        url=url,
        authors=_authors(entry),
        published=_date(entry),
        content_type=content_type,
        institution=_field(entry, "institution", "school", "organization"),
        publisher=_field(entry, "publisher"),
        journal=_field(entry, "journal", "journaltitle", "booktitle"),
        abstract=_field(entry, "abstract"),
        language=_field(entry, "language", "langid"),
        tags=tuple(dict.fromkeys(k for k in _KEYWORD_SPLIT.split(keywords or "") if k)),
        position=index,
        source=raw.provenance("bibtex"),
    )
