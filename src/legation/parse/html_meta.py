"""Page metadata: structured data first (JSON-LD, citation_*, OpenGraph, meta), visible next.

Every field is chosen from a fixed precedence of generic, standard sources; nothing here
knows a site. Comment sections are never read for authors: only the article's own JSON-LD
object, the document-level meta tags and byline elements outside comment containers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from legation.model import PartialDate, RelatedRef
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
    r"contributors?|redac\w*|guest|unknown|anonymous)\b",
    re.I,
)
_BY_PREFIX = re.compile(r"^\s*(?:posted\s+|written\s+)?(?:by|por|von|par|di|от|oleh)\s*:?\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\be\b|\by\b|\|)\s*")
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|\.com\b", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·»]\s+[^|\-–—:·»]{2,60}$")  # "Headline | Site"
_MAX_NAME_WORDS = 5
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
    text = " ".join(value.split())
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


def _split_authors(raw: list[str], publisher: str | None) -> tuple[str, ...]:
    names: list[str] = []
    for text in raw:
        for part in _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", text)):
            name = part.strip(" .:-–—")
            if not name or _NOT_A_NAME.search(name) or _BOILERPLATE_AUTHOR.search(name):
                continue
            if len(name.split()) > _MAX_NAME_WORDS or (publisher and name.lower() == publisher.lower()):
                continue
            if name.isupper() and len(name) > 3:  # noqa: PLR2004 - short all-caps are initials
                name = name.title()
            if name.lower() not in (n.lower() for n in names):
                names.append(name)
    return tuple(names[:_MAX_AUTHORS])


def _in_comments(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        marker = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}".lower()
        if any(word in marker for word in _COMMENT_CONTAINERS):
            return True
        parent = parent.parent
    return False


def _visible_authors(tree: LexborHTMLParser) -> list[str]:
    selectors = (
        '[itemprop="author"] [itemprop="name"]',
        '[itemprop="author"]',
        'a[rel="author"]',
        '[class*="byline"] [class*="author"]',
        '[class*="byline"]',
        '[class*="author-name"], [class*="author_name"], [class*="authorName"]',
    )
    for selector in selectors:
        found = [
            text
            for node in tree.css(selector)
            if not _in_comments(node) and (text := _clean(node.text(deep=True, separator=" ")))
        ]
        if found:
            return found[:_MAX_AUTHORS]
    return []


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _date(*candidates: str | None) -> PartialDate | None:
    for text in candidates:
        if date := parse_page_date(text):
            return date
    return None


def _visible_date(tree: LexborHTMLParser) -> str | None:
    for selector in ('[itemprop="datePublished"]', "time[datetime]", "time[pubdate]"):
        for node in tree.css(selector):
            if _in_comments(node):
                continue
            attrs = node.attributes
            value = attrs.get("content") or attrs.get("datetime") or node.text(deep=True)
            if value and parse_page_date(value):
                return value
    return None


def _title(h1s: list[str], structured: list[str], site: str | None) -> str | None:
    norm = [s.casefold() for s in structured]
    for h1 in h1s:  # the displayed headline, when structured data confirms it is the headline
        if any(h1.casefold() in s for s in norm):
            return h1
    if structured:
        return _strip_site(structured[0], site)
    return h1s[0] if h1s else None


def _strip_site(title: str, site: str | None) -> str:
    if site and title.casefold().endswith(site.casefold()) and len(title) > len(site):
        return title[: -len(site)].rstrip(" |-–—:·»")
    match = _TITLE_SUFFIX.search(title)
    return title[: match.start()] if match and match.start() > len(title) / 2 else title


def _language(tree: LexborHTMLParser, meta: dict[str, list[str]], article: dict[str, Any]) -> str | None:
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
    for node in tree.css('figure [class*="credit"], [class*="image-credit"], [class*="photo-credit"]'):
        if text := _clean(node.text(deep=True, separator=" ")):
            return (text,)
    return ()


def _related(tree: LexborHTMLParser, base: str | None) -> tuple[RelatedRef, ...]:
    refs: list[RelatedRef] = []
    for node in tree.css('a[itemprop="relatedLink"], a[rel~="related"], [itemprop="relatedLink"] a'):
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
    article, objects = _json_ld(tree)

    def tag(*names: str) -> str | None:
        return next((meta[n][0] for n in names if n in meta), None)

    publisher_obj = article.get("publisher")
    publisher = _first(
        tag("citation_publisher", "dc.publisher", "dcterms.publisher"),
        _first(*_names(publisher_obj)) if isinstance(publisher_obj, dict | list) else None,
        tag("og:site_name", "application-name"),
        next((n for o in objects if "organization" in _types(o) for n in _names(o.get("name"))), None),
    )
    structured_titles = [
        t
        for t in (
            tag("citation_title", "dc.title"),
            _clean(article.get("headline")),
            tag("og:title", "twitter:title"),
            _clean(tree.css_first("title").text()) if tree.css_first("title") else None,
        )
        if t
    ]
    h1s = [t for node in tree.css("h1") if (t := _clean(node.text(deep=True, separator=" ")))]
    title = _title(h1s, structured_titles, publisher)
    raw_authors = meta.get("citation_author") or _names(article.get("author"))
    if not raw_authors:
        tagged = [
            a for n in ("author", "parsely-author", "sailthru.author", "article:author", "dc.creator")
            for a in meta.get(n, [])
        ]
        raw_authors = tagged or _visible_authors(tree)
    canonical = tree.css_first('link[rel="canonical"]')
    url = _first(
        canonical.attributes.get("href") if canonical is not None else None,
        tag("og:url"),
        _clean(article.get("url")),
        page_url,
    )
    subtitle = _first(_clean(article.get("alternativeHeadline")), tag("og:description", "description"))
    return PageMeta(
        title=title,
        subtitle=subtitle if subtitle and subtitle != title else None,
        authors=_split_authors(raw_authors, publisher),
        published=_date(
            tag("citation_publication_date", "citation_date", "citation_online_date"),
            _clean(article.get("datePublished")),
            tag("article:published_time", "og:published_time", "parsely-pub-date", "sailthru.date"),
            tag("dc.date", "dcterms.created", "dc.date.issued", "date", "pubdate", "publish-date"),
            _visible_date(tree),
            _clean(article.get("dateCreated")),
        ),
        modified=_date(_clean(article.get("dateModified")), tag("article:modified_time", "og:updated_time")),
        publisher=publisher,
        section=_first(tag("article:section", "parsely-section"), *_keywords(article.get("articleSection"))),
        tags=tuple(
            dict.fromkeys(
                meta.get("article:tag", [])
                or _keywords(article.get("keywords"))
                or _keywords(tag("news_keywords", "keywords"))
            )
        ),
        url=urljoin(page_url, url) if page_url and url else url,
        language=_language(tree, meta, article),
        image_credits=_image_credits(tree, article),
        related=_related(tree, page_url or url),
        headlines=tuple(dict.fromkeys([*structured_titles, *h1s, *([title] if title else [])])),
    )
