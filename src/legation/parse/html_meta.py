"""Page metadata: structured data first (JSON-LD, citation_*, OpenGraph, meta), visible next.

Every field is chosen from a fixed precedence of generic, standard sources; nothing here
knows a site. Comment sections are never read for authors: only the article's own JSON-LD
object, the document-level meta tags and byline elements outside comment containers.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from legation.model import PartialDate, Precision, RelatedRef
from legation.parse.html_dates import parse_page_date

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["PageMeta", "read_metadata"]

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "scholarlyarticle",
    "report",
    "techarticle",
    "liveblogposting",
    "socialmediaposting",
    "creativework",
}
_BOILERPLATE_AUTHOR = re.compile(
    r"\b(staff|editors?|editorial|admin(istrator)?|newsroom|news ?desk|desk|team|webmaster|"
    r"contributors?|redac\w*|guest|unknown|anonymous|bureau|writer|correspondent|reporter|columnist)\b",
    re.I,
)
_BY_PREFIX = re.compile(r"^\s*(?:posted\s+|written\s+)?(?:by|por|von|par|di|от|oleh)\s*:?\s+", re.I)
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\be\b|\by\b|\||(?<=[^\W\d_]{3})\.\s)\s*"
)
_LABEL = re.compile(r"^[^\W\d_]{2,12}\s*:\s*")  # "Text: Name", "Autor: Name"
_SITE_SPLIT = re.compile(r"\s+[|\-–—:·»]\s+")
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|\.com\b", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·»]\s+[^|\-–—:·»]{2,60}$")  # "Headline | Site"
_MAX_NAME_WORDS = 5
_H1_OVERLAP = 0.4
_H1_MIN_COMMON = 3
_MAX_VISIBLE_AUTHORS = 4
_NAME_PARTICLES = {
    "de",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "del",
    "du",
    "dos",
    "la",
    "le",
    "bin",
    "al",
    "y",
}
_MAX_DATELINES = 5
_MAX_DATELINE = 200  # characters; a longer element is text, not a dateline
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?:/|\b)"
)
_WORD = re.compile(r"\w+")
_MAX_AUTHORS = 10
_COMMENT_CONTAINERS = ("comment", "reply", "respond", "disqus", "discussion")


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMeta:
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: PartialDate | None = None
    modified: PartialDate | None = None
    publisher: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    image_credits: tuple[str, ...] = ()
    related: tuple[RelatedRef, ...] = ()
    headlines: tuple[str, ...] = ()  # every title-like string seen, for stripping the body


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join((html.unescape(value) if "&" in value else value).split())
    return text or None


def _meta_tags(tree: LexborHTMLParser) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = _clean(attrs.get("content"))
        if key and value:
            tags.setdefault(key.strip().lower(), []).append(value)
    return tags


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _json_ld(tree: LexborHTMLParser) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The article object of the page's JSON-LD (or {}), and every object found."""
    objects: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            objects.extend(_flatten(json.loads(script.text(deep=True) or "null", strict=False)))
        except ValueError:
            continue
    article = next((o for o in objects if _types(o) & _ARTICLE_TYPES), None)
    if article is None:
        article = next((o for o in objects if "webpage" in _types(o) and "headline" in o), {})
    return article, objects


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (string, object, or list of either)."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    text = _clean(value)
    return [text] if text else []


def _split_authors(raw: list[str], sites: set[str]) -> tuple[str, ...]:
    names: list[str] = []
    for text in raw:
        parts = [
            p.strip(" .:-–—") for p in _AUTHOR_SPLIT.split(_LABEL.sub("", _BY_PREFIX.sub("", text)))
        ]
        lead_words = len(parts[0].split()) if parts else 0
        for index, part in enumerate(parts):
            name = part
            if not name or _NOT_A_NAME.search(name) or _BOILERPLATE_AUTHOR.search(name):
                continue
            if len(name.split()) > _MAX_NAME_WORDS or _words(name) in sites or not _name_like(name):
                continue
            if index and lead_words > 1 and " " not in name:
                continue  # "Jane Doe, Outlet": a one-word tail after a full name is an affiliation
            if name.isupper() and len(name) > 3:  # noqa: PLR2004 - short all-caps are initials
                name = name.title()
            if name.lower() not in (n.lower() for n in names):
                names.append(name)
    return tuple(names[:_MAX_AUTHORS])


def _name_like(name: str) -> bool:
    """Names are capitalised words ("Jan van Dijk"); "The Desk" or "defense ministries" are not."""
    words = name.split()
    if words[0].lower() == "the" and len(words) > 1:
        return False
    return all(not w[0].isalpha() or not w[0].islower() or w in _NAME_PARTICLES for w in words)


def _in_comments(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        marker = (
            f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}".lower()
        )
        if any(word in marker for word in _COMMENT_CONTAINERS):
            return True
        parent = parent.parent
    return False


def _visible_authors(tree: LexborHTMLParser, sites: set[str]) -> tuple[str, ...]:
    selectors = (
        '[itemprop="author"] [itemprop="name"]',
        '[itemprop="author"]',
        'a[rel="author"]',
        '[class*="byline"] [class*="author"]',
        '[class*="author-name"], [class*="author_name"], [class*="authorName"]',
        '[class*="byline"] a',
        '[class*="author"] a',
        '[class*="byline"]',
        '[class*="author"]',
    )
    for selector in selectors:
        found = [
            text
            for node in tree.css(selector)[:_MAX_AUTHORS]
            if not _in_comments(node) and (text := _clean(node.text(deep=True, separator=" ")))
        ]
        if (names := _split_authors(found, sites)) and len(names) <= _MAX_VISIBLE_AUTHORS:
            return names
    return ()


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _date(*candidates: str | None) -> PartialDate | None:
    for text in candidates:
        if date := parse_page_date(text):
            return date
    return None


def _visible_date(tree: LexborHTMLParser) -> PartialDate | None:
    """The first date written out for readers in a dateline, byline or <time> element."""
    for selector in ("time", '[itemprop="datePublished"]', '[class*="byline"]', '[class*="date"]'):
        for node in tree.css(selector)[:_MAX_DATELINES]:
            if _in_comments(node):
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


def _published(
    structured: PartialDate | None, tree: LexborHTMLParser, url: str | None
) -> PartialDate | None:
    """Structured first; the dateline wins when it is a day off (UTC stamps vs local dates)."""
    visible = _visible_date(tree)
    if structured is not None and visible is not None and structured.day is not None:
        gap = abs(_ordinal(structured) - _ordinal(visible))
        return visible if 0 < gap <= 1 else structured
    return structured or visible or _url_date(url)


def _ordinal(date: PartialDate) -> int:
    from datetime import date as calendar_date

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


def _squash(name: str) -> str:
    return "".join(_WORD.findall(name.casefold().removesuffix(".com")))


def _publisher(declared: str | None, site: str | None) -> str | None:
    """The JSON-LD publisher's full name when it is the site's ("The Hill" for "TheHill",
    "Wall Street Journal" for "WSJ"), else the site name: syndicated articles declare the
    originating agency as publisher."""
    if not declared or not site:
        return site or declared
    full, short = _squash(declared), _squash(site)
    initials = "".join(w[0] for w in _words(declared).split() if w != "the")
    return declared if short in (full, initials) or (short and short in full) else site


def _site_names(meta: dict[str, list[str]], publisher: str | None, title: str | None) -> set[str]:
    names = {publisher or "", *meta.get("og:site_name", []), *meta.get("application-name", [])}
    if title and len(parts := _SITE_SPLIT.split(title)) > 1:
        names.update((parts[-1], parts[0]))
    words = {_words(name) for name in names}
    words.update(w.removeprefix("www ") for w in list(words))
    words.discard("")
    return words


def _site_name(value: str | None) -> str | None:
    """A site name as readers know it: no URL scheme, no tagline after a separator."""
    if not value or value.startswith(("http://", "https://")):
        return None
    return _SITE_SPLIT.split(value)[0].removeprefix("www.") or None


def _words(text: str) -> str:
    return " ".join(_WORD.findall(html.unescape(text).casefold()))


def _title(h1s: list[str], structured: list[str], sites: set[str]) -> str | None:
    """The displayed headline (an <h1> that structured data confirms), else structured data."""
    norms = [set(_words(s).split()) for s in structured]
    for h1 in h1s:
        words = _words(h1).split()
        if len(words) < 2 or " ".join(words) in sites:  # noqa: PLR2004 - a logo or section label
            continue
        # a rewritten SEO title still shares a good part of its words with the headline
        need = max(min(_H1_MIN_COMMON, len(words)), _H1_OVERLAP * len(words))
        if any(len(norm.intersection(words)) >= need for norm in norms):
            return h1
    if structured:
        return _strip_site(structured[0], sites)
    return h1s[0] if h1s else None


def _strip_site(title: str, sites: set[str]) -> str:
    parts = _SITE_SPLIT.split(title)
    if len(parts) > 1 and _words(parts[-1]) in sites:
        return title[: title.rindex(parts[-1])].rstrip(" |-–—:·»")
    match = _TITLE_SUFFIX.search(title)
    return title[: match.start()] if match and match.start() > len(title) / 2 else title


def _language(
    tree: LexborHTMLParser, meta: dict[str, list[str]], article: dict[str, Any]
) -> str | None:
    root = tree.root
    lang = _first(
        root.attributes.get("lang") if root is not None else None,
        *meta.get("content-language", []),
        *meta.get("og:locale", []),
        _clean(article.get("inLanguage")),
    )
    if not lang:
        return None
    primary = re.split(r"[-_]", lang.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None  # noqa: PLR2004


def _image_credits(tree: LexborHTMLParser, article: dict[str, Any]) -> tuple[str, ...]:
    image = article.get("image")
    image = image[0] if isinstance(image, list) and image else image
    if isinstance(image, dict):
        credit = _clean(image.get("creditText")) or _first(*_names(image.get("copyrightHolder")))
        if credit:
            return (credit,)
    figure = tree.css_first("figure")  # the lead image is the page's first figure
    node = figure.css_first('[class*="credit"]') if figure is not None else None
    text = _clean(node.text(deep=True, separator=" ")) if node is not None else None
    return (text,) if text else ()


def _related(tree: LexborHTMLParser, base: str | None) -> tuple[RelatedRef, ...]:
    refs: list[RelatedRef] = []
    for node in tree.css(
        'a[itemprop="relatedLink"], a[rel~="related"], [itemprop="relatedLink"] a'
    ):
        title = _clean(node.text(deep=True, separator=" "))
        href = node.attributes.get("href")
        if title:
            refs.append(RelatedRef(title=title, url=urljoin(base or "", href) if href else None))
    return tuple(refs)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    text = _clean(value)
    return [k.strip() for k in text.split(",") if k.strip()] if text else []


def read_metadata(tree: LexborHTMLParser, page_url: str | None = None) -> PageMeta:
    """Metadata of a parsed page, before its body is pruned."""
    meta = _meta_tags(tree)
    article, _ = _json_ld(tree)

    def tag(*names: str) -> str | None:
        return next((meta[n][0] for n in names if n in meta), None)

    title_node = tree.css_first("title")
    page_title = _clean(title_node.text()) if title_node is not None else None
    title_parts = _SITE_SPLIT.split(page_title) if page_title else []
    publisher_obj = article.get("publisher")
    publisher = _first(
        _site_name(tag("citation_publisher", "dc.publisher", "dcterms.publisher")),
        _publisher(
            _site_name(
                _first(*_names(publisher_obj)) if isinstance(publisher_obj, dict | list) else None
            ),
            _site_name(tag("og:site_name")),
        ),
        _site_name(tag("application-name")),
        _site_name(title_parts[-1]) if len(title_parts) > 1 else None,
    )
    sites = _site_names(meta, publisher, page_title)
    structured_titles = [
        t
        for t in (
            tag("citation_title", "dc.title"),
            _clean(article.get("headline")),
            tag("og:title", "twitter:title"),
            page_title,
        )
        if t
    ]
    h1s = [t for node in tree.css("h1") if (t := _clean(node.text(deep=True, separator=" ")))]
    title = _title(h1s, structured_titles, sites)
    # citation_author holds one "Last, First" name per tag: turn it round rather than split it
    cited = [
        " ".join(reversed(n.split(",", 1))).strip() if n.count(",") == 1 else n
        for n in meta.get("citation_author", [])
    ]
    raw_authors = cited or _names(article.get("author"))
    tagged = [
        a
        for n in ("author", "parsely-author", "sailthru.author", "article:author", "dc.creator")
        for a in meta.get(n, [])
        if not a.startswith(("http://", "https://"))  # article:author is often a profile URL
    ]
    # declared authors that are all boilerplate ("admin") mean no byline, not a cue to guess one
    authors = _split_authors(raw_authors or tagged, sites)
    if not authors and not (raw_authors or tagged):
        authors = _visible_authors(tree, sites)
    canonical = tree.css_first('link[rel="canonical"]')
    url = _first(
        canonical.attributes.get("href") if canonical is not None else None,
        tag("og:url"),
        _clean(article.get("url")),
        page_url,
    )
    url = urljoin(page_url, url) if page_url and url else url
    structured_date = _date(
        tag("citation_publication_date", "citation_date", "citation_online_date"),
        _clean(article.get("datePublished")),
        tag("article:published_time", "og:published_time", "parsely-pub-date", "sailthru.date"),
        tag(
            "dc.date",
            "dcterms.created",
            "dc.date.issued",
            "date",
            "pubdate",
            "publish-date",
            "datepublished",
        ),
        _clean(article.get("dateCreated")),
    )
    published = _published(structured_date, tree, url) or _htmldate(tree)
    subtitle = _first(
        _clean(article.get("alternativeHeadline")), tag("og:description", "description")
    )
    return PageMeta(
        title=title,
        subtitle=subtitle if subtitle and subtitle != title else None,
        authors=authors,
        published=published,
        modified=_date(
            _clean(article.get("dateModified")), tag("article:modified_time", "og:updated_time")
        ),
        publisher=publisher,
        section=_first(
            tag("article:section", "parsely-section"), *_keywords(article.get("articleSection"))
        ),
        tags=tuple(
            dict.fromkeys(
                meta.get("article:tag", [])
                or _keywords(article.get("keywords"))
                or _keywords(tag("news_keywords", "keywords"))
            )
        ),
        url=url,
        language=_language(tree, meta, article),
        image_credits=_image_credits(tree, article),
        related=_related(tree, page_url or url),
        headlines=tuple(dict.fromkeys([*structured_titles, *h1s, *([title] if title else [])])),
    )
