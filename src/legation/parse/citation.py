"""What RIS, BibTeX and CSL-JSON share: item types, person names, ids and keywords.

Importers (``parse.ris``, ``parse.bibtex``, ``parse.csljson``) and exporters
(``serve.formats``) both use these tables, so a round trip maps every field back to
where it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legation.model import Document, PartialDate, document_id
from legation.sources.urls import url_document_id

__all__ = [
    "DISPLAY_NAMES",
    "REF_TYPES",
    "RefType",
    "content_type_of",
    "display_to_inverted",
    "from_publisher",
    "full_title",
    "genre_of",
    "inverted_to_display",
    "is_organisation",
    "join_person",
    "keywords_of",
    "loose_date",
    "publisher_of",
    "ref_type",
    "reference_id",
    "split_person",
    "split_title",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class RefType:
    """One Legation content type and its name in each reference format."""

    content_type: str
    ris: str
    bibtex: str
    csl: str


# The first row naming a format's type wins when importing that type.
REF_TYPES: tuple[RefType, ...] = (
    RefType(content_type="journal-article", ris="JOUR", bibtex="article", csl="article-journal"),
    RefType(content_type="article", ris="MGZN", bibtex="article", csl="article-magazine"),
    RefType(content_type="news", ris="NEWS", bibtex="article", csl="article-newspaper"),
    RefType(content_type="report", ris="RPRT", bibtex="techreport", csl="report"),
    RefType(content_type="book", ris="BOOK", bibtex="book", csl="book"),
    RefType(content_type="chapter", ris="CHAP", bibtex="incollection", csl="chapter"),
    RefType(content_type="paper", ris="CPAPER", bibtex="inproceedings", csl="paper-conference"),
    RefType(content_type="thesis", ris="THES", bibtex="phdthesis", csl="thesis"),
    RefType(content_type="webpage", ris="ELEC", bibtex="online", csl="webpage"),
    RefType(content_type="blog", ris="BLOG", bibtex="online", csl="post-weblog"),
    RefType(content_type="dataset", ris="DATA", bibtex="dataset", csl="dataset"),
    RefType(content_type="speech", ris="GEN", bibtex="misc", csl="speech"),
    RefType(content_type="interview", ris="GEN", bibtex="misc", csl="interview"),
    RefType(content_type="legislation", ris="LEGAL", bibtex="misc", csl="legislation"),
)
_GENERIC = RefType(content_type="document", ris="GEN", bibtex="misc", csl="document")
# Other names these formats use for the same kinds (Zotero, BibLaTeX, older RIS).
_ALIASES = {
    "ris": {"EJOUR": "journal-article", "JFULL": "journal-article", "ICOMM": "webpage",
            "WEB": "webpage", "GOVDOC": "report", "EBOOK": "book", "ECHAP": "chapter",
            "CONF": "paper", "STAT": "legislation", "BILL": "legislation"},
    "bibtex": {"mastersthesis": "thesis", "thesis": "thesis", "report": "report",
               "conference": "paper", "inbook": "chapter", "booklet": "book",
               "www": "webpage", "electronic": "webpage", "unpublished": "document",
               "manual": "report"},
    "csl": {"article": "article", "post": "blog", "article-newspaper": "news",
            "manuscript": "document", "pamphlet": "report", "bill": "legislation"},
}  # fmt: skip


# How the library shows each kind (facet values); the slugs above are internal.
DISPLAY_NAMES = {
    "journal-article": "Journal Article",
    "article": "Article",
    "news": "News",
    "report": "Report",
    "book": "Book",
    "chapter": "Book Chapter",
    "paper": "Conference Paper",
    "thesis": "Thesis",
    "webpage": "Web Page",
    "blog": "Blog Post",
    "dataset": "Dataset",
    "speech": "Speech",
    "interview": "Interview",
    "legislation": "Legislation",
    "document": "Document",
}
_SLUGS = {name.lower(): slug for slug, name in DISPLAY_NAMES.items()}
# Words in a source's own content type that say which kind it is ("Special Report").
_KIND_WORDS = (
    ("journal", "journal-article"),
    ("report", "report"),
    ("paper", "report"),
    ("brief", "report"),
    ("speech", "speech"),
    ("statement", "speech"),
    ("interview", "interview"),
    ("book", "book"),
    ("chapter", "chapter"),
    ("thesis", "thesis"),
    ("news", "news"),
    ("blog", "blog"),
    ("analysis", "article"),
    ("commentary", "article"),
    ("opinion", "article"),
    ("article", "article"),
)


def _slug(content_type: str) -> str | None:
    text = content_type.strip().lower()
    if text in _SLUGS:
        return _SLUGS[text]
    dashed = text.replace(" ", "-")
    if dashed in DISPLAY_NAMES:
        return dashed
    return next((slug for word, slug in _KIND_WORDS if word in text), None)


def ref_type(content_type: str | None) -> RefType:
    """The format names for a content type (generic document when unknown)."""
    slug = _slug(content_type) if content_type else None
    return next((row for row in REF_TYPES if row.content_type == slug), _GENERIC)


def content_type_of(fmt: str, name: str | None, genre: str | None = None) -> str | None:
    """The content type (as the library shows it) a format's item type stands for."""
    slug = _slug_of(fmt, name, genre)
    if slug is None:
        return None
    return DISPLAY_NAMES.get(slug, slug)


def _slug_of(fmt: str, name: str | None, genre: str | None = None) -> str | None:
    """The content type a format's item type stands for.

    ``genre`` (RIS M3, BibTeX ``type``, CSL ``genre``) says what a generic item is:
    exporters write it so "speech" survives a round trip through RIS GEN / BibTeX misc.
    """
    if not name:
        return None
    wanted = name.strip().upper() if fmt == "ris" else name.strip().lower()
    if genre and wanted in (getattr(ref_type(genre), fmt), getattr(_GENERIC, fmt)):
        # The genre agrees with (or refines a generic) item type: the source's own word
        # for its kind survives ("speech" through RIS GEN, "Policy Brief" as a report).
        text = genre.strip()
        return _SLUGS.get(text.lower()) or (text.lower() if text.lower() in DISPLAY_NAMES else text)
    if getattr(_GENERIC, fmt) == wanted:
        return genre.strip() if genre else _GENERIC.content_type
    row = next((r for r in REF_TYPES if getattr(r, fmt) == wanted), None)
    if row is not None:
        return row.content_type
    return _ALIASES[fmt].get(wanted) or (genre.strip() if genre else None)


def genre_of(content_type: str | None, fmt: str) -> str | None:
    """The genre to write when the format's type alone would not bring the content type back."""
    if content_type is None:
        return None
    row = ref_type(content_type)
    if content_type_of(fmt, getattr(row, fmt)) == content_type:
        return None
    return content_type


# -- person names -----------------------------------------------------------------

_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "le",
        "la",
        "ter",
        "ten",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_ORGANISATION = re.compile(
    r"\b(Institute|Institution|Center|Centre|Council|University|Foundation|Endowment|"
    r"Academy|Commission|Fund|Bank|Agency|Office|Ministry|Organi[sz]ation|Association|"
    r"Committee|Group|Network|Forum|Programme|Service|Union|Nations|Department)\b"
)
_MIN_PERSON_WORDS = 2


def is_organisation(name: str) -> bool:
    """Whether an author string names a body rather than a person (kept whole)."""
    words = name.split()
    return len(words) < _MIN_PERSON_WORDS or bool(_ORGANISATION.search(name))


def split_person(name: str) -> tuple[str, str]:
    """("Ursula", "von der Leyen") from "Ursula von der Leyen"; given may be empty."""
    words = name.split()
    if len(words) < _MIN_PERSON_WORDS:
        return "", name.strip()
    end = len(words) - 1
    if words[end].lower() in _SUFFIXES and end > 1:
        end -= 1
    start = end
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def join_person(given: str | None, family: str | None) -> str:
    return " ".join(part.strip() for part in (given, family) if part and part.strip())


def inverted_to_display(name: str) -> str:
    """ "Smith, Jane" -> "Jane Smith"; "von Last, Jr, First" -> "First von Last Jr"."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and parts[1]:  # noqa: PLR2004 - "Last, First"
        return join_person(parts[1], parts[0])
    if len(parts) == 3 and parts[2]:  # noqa: PLR2004 - "Last, Jr, First"
        return join_person(parts[2], f"{parts[0]} {parts[1]}")
    return " ".join(name.split())


def display_to_inverted(name: str) -> str:
    """ "Jane Smith" -> "Smith, Jane"; organisations are left whole."""
    if is_organisation(name):
        return name
    given, family = split_person(name)
    return f"{family}, {given}" if given else family


# -- fields shared by the three formats ----------------------------------------


def keywords_of(doc: Document) -> tuple[str, ...]:
    """Topics and tags as one keyword list (what Zotero calls tags)."""
    return tuple(dict.fromkeys(k for k in (*doc.topics, *doc.tags) if k.strip()))


def publisher_of(doc: Document) -> str | None:
    """Zotero files a report's institution as its publisher; do the same when no publisher."""
    return doc.publisher or doc.institution


def from_publisher(
    publisher: str | None, institution: str | None, content_type: str | None
) -> tuple[str | None, str | None]:
    """(publisher, institution) back from what an exporter (or Zotero) wrote."""
    if institution is None and ref_type(content_type).content_type == "report":
        institution = publisher
    if publisher is not None and publisher == institution:
        publisher = None
    return publisher, institution


def split_title(title: str, short: str | None) -> tuple[str, str | None]:
    """(title, subtitle) when the short title is the full title's head before a colon."""
    if short and title.startswith(short) and title[len(short) :].startswith(": "):
        rest = title[len(short) + 2 :].strip()
        return short, rest or None
    return title, None


def full_title(doc: Document) -> str:
    return f"{doc.title}: {doc.subtitle}" if doc.subtitle else doc.title


_OWN_ID = re.compile(r"^[0-9a-f]{16}$")


def reference_id(*, record_id: str | None, url: str | None, locator: str, index: int) -> str:
    """A record's Document id: ours when exported by Legation, else from its URL or position.

    The same URL as a crawled page gives the same id, so an imported reference and the
    page it cites are one document.
    """
    if record_id and _OWN_ID.match(record_id.strip()):
        return record_id.strip()
    if url:
        return url_document_id(url)
    return document_id(f"{locator}#{index}")


_LOOSE_DATE = re.compile(r"^\s*(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?")


def loose_date(text: str | None) -> PartialDate | None:
    """ "2024/03/14/", "2024/03//", "2024-03", "2024" -> a date at the precision given."""
    if not text:
        return None
    match = _LOOSE_DATE.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return PartialDate(
            year=int(year),
            month=int(month) if month else None,
            day=int(day) if day and month else None,
        )
    except ValueError:
        return None
