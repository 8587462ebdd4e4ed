"""Documents as BibTeX/BibLaTeX entries that ``parse.bibtex`` (and Zotero) read back.

Text is written as UTF-8 with LaTeX's special characters escaped; organisations are
braced so BibTeX does not split them into first and last names; the date is written
both as ``year``/``month`` (BibTeX) and ``date`` (BibLaTeX, keeps the day).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, TextIO

from legation.parse.bibtex import ID_FIELD
from legation.parse.citation import (
    display_to_inverted,
    genre_of,
    is_organisation,
    keywords_of,
    ref_type,
    split_person,
)

if TYPE_CHECKING:
    from legation.model import Document

__all__ = ["BibTeXExporter", "bibtex_fields", "escape_latex"]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile("|".join(re.escape(k) for k in _SPECIALS))
_CONTAINER_IS_BOOK = frozenset({"chapter", "paper"})


def escape_latex(text: str) -> str:
    return _SPECIAL.sub(lambda m: _SPECIALS[m.group(0)], " ".join(text.split()))


def _author(name: str) -> str:
    if is_organisation(name):
        return "{" + escape_latex(name) + "}"
    return escape_latex(display_to_inverted(name))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def cite_key(doc: Document) -> str:
    """smith2024calmer: first author's family name, year, first long title word."""
    family = split_person(doc.authors[0])[1] if doc.authors else ""
    words = [w for w in (_ascii_word(w) for w in doc.title.split()) if len(w) > 3]  # noqa: PLR2004
    key = _ascii_word(family) + (str(doc.published.year) if doc.published else "")
    return (key + (words[0] if words else "")) or f"ref{doc.id}"


def bibtex_fields(doc: Document) -> dict[str, str]:
    """Field name -> value (already escaped) for one document."""
    date = doc.published
    container = "booktitle" if doc.content_type in _CONTAINER_IS_BOOK else "journal"
    fields = {
        "title": escape_latex(doc.title),
        "subtitle": escape_latex(doc.subtitle) if doc.subtitle else None,
        "author": " and ".join(_author(a) for a in doc.authors) or None,
        "year": f"{date.year:04d}" if date else None,
        "month": str(date.month) if date and date.month else None,
        "date": date.isoformat() if date and date.month else None,
        container: escape_latex(doc.journal) if doc.journal else None,
        "institution": escape_latex(doc.institution) if doc.institution else None,
        "publisher": escape_latex(doc.publisher) if doc.publisher else None,
        "url": doc.url,
        "abstract": escape_latex(doc.abstract) if doc.abstract else None,
        "keywords": escape_latex(", ".join(keywords_of(doc))) or None,
        "language": escape_latex(doc.language) if doc.language else None,
        "type": genre_of(doc.content_type, "bibtex"),
        ID_FIELD: doc.id,
    }
    return {k: v for k, v in fields.items() if v}


class BibTeXExporter:
    name: ClassVar[str] = "bibtex"
    media_type: ClassVar[str] = "application/x-bibtex"

    def write(self, docs: Iterable[Document], out: TextIO) -> int:
        from bibtexparser.entrypoint import write_string
        from bibtexparser.library import Library
        from bibtexparser.model import Entry, Field

        seen: dict[str, int] = {}
        count = 0
        for doc in docs:
            key = cite_key(doc)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}-{seen[key]}"  # keys must be unique within a file
            fields = [Field(name, value) for name, value in bibtex_fields(doc).items()]
            entry = Entry(ref_type(doc.content_type).bibtex, key, fields)
            out.write(write_string(Library([entry])))
            out.write("\n")
            count += 1
        return count
