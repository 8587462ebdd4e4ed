"""Documents as a CSL-JSON array (what Zotero and citeproc read), streamed item by item."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from legation.parse.citation import (
    full_title,
    genre_of,
    is_organisation,
    keywords_of,
    publisher_of,
    ref_type,
    split_person,
)

if TYPE_CHECKING:
    from legation.model import Document

__all__ = ["CSLJSONExporter", "csl_item"]


def _person(name: str) -> dict[str, str]:
    if is_organisation(name):
        return {"literal": name}
    given, family = split_person(name)
    return {"family": family, "given": given} if given else {"literal": name}


def csl_item(doc: Document) -> dict[str, Any]:
    date = doc.published
    parts = [date.year, date.month, date.day] if date else []
    fields: dict[str, Any] = {
        "id": doc.id,
        "type": ref_type(doc.content_type).csl,
        "genre": genre_of(doc.content_type, "csl"),
        "title": full_title(doc),
        "title-short": doc.title if doc.subtitle else None,
        "author": [_person(a) for a in doc.authors] or None,
        "issued": {"date-parts": [[p for p in parts if p is not None]]} if date else None,
        "container-title": doc.journal,
        "publisher": publisher_of(doc),
        "section": doc.section,
        "URL": doc.url,
        "abstract": doc.abstract,
        "keyword": ", ".join(keywords_of(doc)) or None,
        "language": doc.language,
        "custom": {"institution": doc.institution} if doc.institution else None,
    }
    return {k: v for k, v in fields.items() if v}


class CSLJSONExporter:
    name: ClassVar[str] = "csljson"
    media_type: ClassVar[str] = "application/vnd.citationstyles.csl+json"

    def write(self, docs: Iterable[Document], out: TextIO) -> int:
        count = 0
        out.write("[")
        for doc in docs:
            out.write(",\n  " if count else "\n  ")
            out.write(json.dumps(csl_item(doc), ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count
