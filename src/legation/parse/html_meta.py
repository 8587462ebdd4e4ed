"""Page metadata: structured data first (JSON-LD, citation_*, OpenGraph, meta), visible next.

Every field is chosen from a fixed precedence of generic, standard sources; nothing here
knows a site. Authors are read in html_authors, the publication date in html_published.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from legation.model import PartialDate, RelatedRef
from legation.parse.html_authors import page_authors, person_names
from legation.parse.html_published import first_date, published_date
from legation.parse.html_strings import clean, word_key

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selectolax.lexbor import LexborHTMLParser

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
_SITE_SPLIT = re.compile(r"\s+[|\-–—:·»]\s+")
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·»]\s+[^|\-–—:·»]{2,60}$")  # "Headline | Site"
_MAX_SUFFIX_WORDS = 3  # a longer <title> end is part of the headline, not a site name
_H1_OVERLAP = 0.4
_H1_MIN_COMMON = 3
_WORD = re.compile(r"\w+")


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


def _meta_tags(tree: LexborHTMLParser) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = clean(attrs.get("content"))
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


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _squash(name: str) -> str:
    return "".join(_WORD.findall(name.casefold().removesuffix(".com")))


def _publisher(declared: str | None, site: str | None, suffix: str | None) -> str | None:
    """The JSON-LD publisher's full name when it is the site's ("The Hill" for "TheHill",
    "Wall Street Journal" for "WSJ"; "Space.com" for "Space"), else
    the site name: syndicated articles declare the originating agency as publisher. The
    <title> suffix decides for the declared name when it agrees with it and not with the
    site name (an og:site_name that names a section)."""
    if not declared or not site:
        return site or declared
    full, short = _squash(declared), _squash(site)
    if full == short:  # one name: the spelling in words ("Live Science"), else the fuller one
        return max((site, declared), key=lambda name: (len(name.split()), len(name)))
    initials = "".join(w[0] for w in word_key(declared).split() if w != "the")
    if short == initials or (short and short in full):
        return declared
    if suffix and _squash(suffix) == full:
        return declared
    return site


def _site_names(meta: dict[str, list[str]], publisher: str | None, title: str | None) -> set[str]:
    names = {publisher or "", *meta.get("og:site_name", []), *meta.get("application-name", [])}
    if title and len(parts := _SITE_SPLIT.split(title)) > 1:
        # "Headline | Site" or "Site | Headline": the shorter end is the site, the other the
        # headline, which must not count as a site name (it would hide the <h1>)
        ends = sorted((parts[0], parts[-1]), key=lambda part: len(part.split()))
        short = len(ends[0].split())
        names.update(end for end in ends if len(end.split()) == short)
    words = {word_key(name) for name in names}
    words.update(w.removeprefix("www ") for w in list(words))
    words.discard("")
    return words


def _site_name(value: str | None) -> str | None:
    """A site name as readers know it: no URL scheme, no tagline after a separator."""
    if not value or value.startswith(("http://", "https://")):
        return None
    return _SITE_SPLIT.split(value)[0].removeprefix("www.") or None


def _title(h1s: list[str], structured: list[str], sites: set[str]) -> str | None:
    """The displayed headline (an <h1> that structured data confirms), else structured data."""
    norms = [set(word_key(s).split()) for s in structured]
    for h1 in h1s:
        words = word_key(h1).split()
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
    if len(parts) > 1 and word_key(parts[-1]) in sites:
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
        clean(article.get("inLanguage")),
    )
    if not lang:
        return None
    primary = re.split(r"[-_]", lang.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None  # noqa: PLR2004


def _image_credits(tree: LexborHTMLParser, article: dict[str, Any]) -> tuple[str, ...]:
    image = article.get("image")
    image = image[0] if isinstance(image, list) and image else image
    if isinstance(image, dict):
        credit = clean(image.get("creditText")) or _first(
            *person_names(image.get("copyrightHolder"))
        )
        if credit:
            return (credit,)
    figure = tree.css_first("figure")  # the lead image is the page's first figure
    node = figure.css_first('[class*="credit"]') if figure is not None else None
    text = clean(node.text(deep=True, separator=" ")) if node is not None else None
    return (text,) if text else ()


def _related(tree: LexborHTMLParser, base: str | None) -> tuple[RelatedRef, ...]:
    refs: list[RelatedRef] = []
    for node in tree.css(
        'a[itemprop="relatedLink"], a[rel~="related"], [itemprop="relatedLink"] a'
    ):
        title = clean(node.text(deep=True, separator=" "))
        href = node.attributes.get("href")
        if title:
            refs.append(RelatedRef(title=title, url=urljoin(base or "", href) if href else None))
    return tuple(refs)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    text = clean(value)
    return [k.strip() for k in text.split(",") if k.strip()] if text else []


def _tag(meta: dict[str, list[str]], *names: str) -> str | None:
    """The first value of the first of these meta tags the page has."""
    return next((meta[n][0] for n in names if n in meta), None)


def _page_title(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    return clean(node.text()) if node is not None else None


def _publisher_name(
    meta: dict[str, list[str]],
    article: dict[str, Any],
    page_title: str | None,
    h1s: list[str],
) -> str | None:
    """Citation/Dublin Core publisher, the JSON-LD or OpenGraph site, else the <title> suffix.

    A <title> that is the displayed headline itself has no site suffix: its last dash
    belongs to the headline.
    """
    headline = page_title is not None and word_key(page_title) in {word_key(h) for h in h1s}
    title_parts = _SITE_SPLIT.split(page_title) if page_title and not headline else []
    suffix = title_parts[-1] if len(title_parts) > 1 else None
    publisher_obj = article.get("publisher")
    declared = (
        _first(*person_names(publisher_obj)) if isinstance(publisher_obj, dict | list) else None
    )
    return _first(
        _site_name(_tag(meta, "citation_publisher", "dc.publisher", "dcterms.publisher")),
        _publisher(_site_name(declared), _og_site(meta, page_title, suffix), suffix),
        _site_name(_tag(meta, "application-name")),
        _site_name(suffix),
    )


def _og_site(meta: dict[str, list[str]], page_title: str | None, suffix: str | None) -> str | None:
    """og:site_name, unless the <title> ends in another short site name and nowhere names
    this one (an og:site_name that is a section, such as "U.S.")."""
    site = _site_name(_tag(meta, "og:site_name"))
    if not (site and suffix and page_title) or len(suffix.split()) > _MAX_SUFFIX_WORDS:
        return site
    named, other = _squash(site), _squash(suffix)
    if named in other or other in named:  # "CNN" and "CNNPolitics"
        return site
    if f" {word_key(site).removesuffix(' com')} " not in f" {word_key(page_title)} ":
        return None
    return site


def _titles(
    meta: dict[str, list[str]],
    article: dict[str, Any],
    page_title: str | None,
    h1s: list[str],
    sites: set[str],
) -> tuple[str | None, tuple[str, ...]]:
    """The headline, and every title-like string seen (for stripping them from the body)."""
    structured = [
        t
        for t in (
            _tag(meta, "citation_title", "dc.title"),
            clean(article.get("headline")),
            _tag(meta, "og:title", "twitter:title"),
            page_title,
        )
        if t
    ]
    title = _title(h1s, structured, sites)
    return title, tuple(dict.fromkeys([*structured, *h1s, *([title] if title else [])]))


def _canonical_url(
    tree: LexborHTMLParser,
    meta: dict[str, list[str]],
    article: dict[str, Any],
    page_url: str | None,
) -> str | None:
    canonical = tree.css_first('link[rel="canonical"]')
    url = _first(
        canonical.attributes.get("href") if canonical is not None else None,
        _tag(meta, "og:url"),
        clean(article.get("url")),
        page_url,
    )
    return urljoin(page_url, url) if page_url and url else url


def _dates(
    tree: LexborHTMLParser, meta: dict[str, list[str]], article: dict[str, Any], url: str | None
) -> tuple[PartialDate | None, PartialDate | None]:
    """Published and modified dates."""
    structured = first_date(
        _tag(meta, "citation_publication_date", "citation_date", "citation_online_date"),
        clean(article.get("datePublished")),
        _tag(
            meta, "article:published_time", "og:published_time", "parsely-pub-date", "sailthru.date"
        ),
        _tag(
            meta,
            "dc.date",
            "dcterms.created",
            "dc.date.issued",
            "date",
            "pubdate",
            "publish-date",
            "datepublished",
        ),
        clean(article.get("dateCreated")),
    )
    modified = first_date(
        clean(article.get("dateModified")),
        _tag(meta, "article:modified_time", "og:updated_time"),
    )
    return published_date(structured, tree, url), modified


def _subtitle(meta: dict[str, list[str]], article: dict[str, Any], title: str | None) -> str | None:
    subtitle = _first(
        clean(article.get("alternativeHeadline")), _tag(meta, "og:description", "description")
    )
    return subtitle if subtitle and subtitle != title else None


def _section(meta: dict[str, list[str]], article: dict[str, Any]) -> str | None:
    return _first(
        _tag(meta, "article:section", "parsely-section"), *_keywords(article.get("articleSection"))
    )


def _tags(meta: dict[str, list[str]], article: dict[str, Any]) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            meta.get("article:tag", [])
            or _keywords(article.get("keywords"))
            or _keywords(_tag(meta, "news_keywords", "keywords"))
        )
    )


def read_metadata(tree: LexborHTMLParser, page_url: str | None = None) -> PageMeta:
    """Metadata of a parsed page, before its body is pruned."""
    meta = _meta_tags(tree)
    article, _ = _json_ld(tree)
    page_title = _page_title(tree)
    h1s = [t for node in tree.css("h1") if (t := clean(node.text(deep=True, separator=" ")))]
    publisher = _publisher_name(meta, article, page_title, h1s)
    sites = _site_names(meta, publisher, page_title)
    title, headlines = _titles(meta, article, page_title, h1s, sites)
    url = _canonical_url(tree, meta, article, page_url)
    published, modified = _dates(tree, meta, article, url)
    return PageMeta(
        title=title,
        subtitle=_subtitle(meta, article, title),
        authors=page_authors(tree, meta, article, sites),
        published=published,
        modified=modified,
        publisher=publisher,
        section=_section(meta, article),
        tags=_tags(meta, article),
        url=url,
        language=_language(tree, meta, article),
        image_credits=_image_credits(tree, article),
        related=_related(tree, page_url or url),
        headlines=headlines,
    )
