"""A page's authors: declared ones (citation_author, JSON-LD, meta tags), else the visible byline.

Comment sections are never read for authors: only the article's own JSON-LD object, the
document-level meta tags and byline elements outside comment containers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from legation.parse.dates import MONTH_NAMES_PATTERN
from legation.parse.html_strings import clean, word_key

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["in_comments", "page_authors", "person_names"]

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
# a byline's dateline after the names: "By A and B Monday, November 18, 2019, 04:05 pm"
_TRAILING_DATE = re.compile(
    r"\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:" + MONTH_NAMES_PATTERN + r")\.?\s+\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:" + MONTH_NAMES_PATTERN + r")\b).*$",
    re.I,
)
_MAX_BYLINE = 200  # characters
_MAX_DATELINES = 5  # byline elements looked at
_MAX_SITE_WORDS = 5  # longer "site names" are a <title>'s headline end, not a site
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|\.com\b", re.I)
_MAX_NAME_WORDS = 5
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
_MAX_AUTHORS = 10
_COMMENT_CONTAINERS = ("comment", "reply", "respond", "disqus", "discussion")
_AUTHOR_TAGS = ("author", "parsely-author", "sailthru.author", "article:author", "dc.creator")
_BYLINE_SELECTORS = (
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


def page_authors(
    tree: LexborHTMLParser, meta: dict[str, list[str]], article: dict[str, Any], sites: set[str]
) -> tuple[str, ...]:
    """Authors from citation_author, the JSON-LD article, author meta tags, else the byline.

    ``meta`` maps lower-cased meta tag names to their values, ``sites`` holds the site's own
    names as word keys (never taken for a person).
    """
    # citation_author holds one "Last, First" name per tag: turn it round rather than split it
    cited = [
        " ".join(reversed(n.split(",", 1))).strip() if n.count(",") == 1 else n
        for n in meta.get("citation_author", [])
    ]
    tagged = [
        a
        for n in _AUTHOR_TAGS
        for a in meta.get(n, [])
        if not a.startswith(("http://", "https://"))  # article:author is often a profile URL
    ]
    declared = cited or person_names(article.get("author")) or tagged
    names = _split_authors(declared, sites)
    if names:
        return _fuller_byline(names, tree, sites)
    # declared authors that are all boilerplate ("admin") mean no byline, not a cue to guess
    # one; the site declared as its own author ("AppleInsider") says nothing either way
    if declared and not all(_site_like(word_key(name), sites) for name in declared):
        return ()
    return _visible_authors(tree, sites)


def _fuller_byline(
    names: tuple[str, ...], tree: LexborHTMLParser, sites: set[str]
) -> tuple[str, ...]:
    """A visible byline element that credits every declared author and more (structured
    data often names only the first of several)."""
    if len(names) >= _MAX_VISIBLE_AUTHORS:
        return names
    declared = {word_key(name) for name in names}
    for node in tree.css('[class*="byline"]')[:_MAX_DATELINES]:
        text = clean(node.text(deep=True, separator=" "))
        if not text or len(text) > _MAX_BYLINE or in_comments(node):
            continue
        visible = _split_authors([text], sites)
        if len(names) < len(visible) <= _MAX_VISIBLE_AUTHORS and declared <= {
            word_key(name) for name in visible
        }:
            return visible
    return names


def person_names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (string, object, or list of either)."""
    if isinstance(value, list):
        return [name for item in value for name in person_names(item)]
    if isinstance(value, dict):
        return person_names(value.get("name"))
    text = clean(value)
    return [text] if text else []


def in_comments(node: LexborNode) -> bool:
    """Whether the element sits inside a comment section (by its ancestors' class or id)."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        marker = (
            f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}".lower()
        )
        if any(word in marker for word in _COMMENT_CONTAINERS):
            return True
        parent = parent.parent
    return False


def _site_like(key: str, sites: set[str]) -> bool:
    """A name that is a site name, part of one ("Beachbody" of "The Beachbody Blog") or one
    followed by more words ("India Post News Weekly"): an account, not a person."""
    padded = f" {key} "
    return any(
        key == site
        or (
            len(site.split()) <= _MAX_SITE_WORDS
            and (padded in f" {site} " or padded.startswith(f" {site} "))
        )
        for site in sites
        if site
    )


def _split_authors(raw: list[str], sites: set[str]) -> tuple[str, ...]:
    names: list[str] = []
    for text in raw:
        byline = _TRAILING_DATE.sub("", _BY_PREFIX.sub("", text))
        parts = [
            _BY_PREFIX.sub("", p.strip(" .:-–—")).strip(" .:-–—")  # "| By: Name"
            for p in _AUTHOR_SPLIT.split(_LABEL.sub("", byline))
        ]
        lead_words = len(parts[0].split()) if parts else 0
        for index, part in enumerate(parts):
            name = part
            if not name or _NOT_A_NAME.search(name) or _BOILERPLATE_AUTHOR.search(name):
                continue
            if (
                len(name.split()) > _MAX_NAME_WORDS
                or _site_like(word_key(name), sites)
                or not _name_like(name)
            ):
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


def _visible_authors(tree: LexborHTMLParser, sites: set[str]) -> tuple[str, ...]:
    for selector in _BYLINE_SELECTORS:
        found = [
            text
            for node in tree.css(selector)[:_MAX_AUTHORS]
            if (text := clean(node.text(deep=True, separator=" ")))
            and len(text) <= _MAX_BYLINE  # a longer element is a block of the page, not a byline
            and not in_comments(node)
        ]
        if (names := _split_authors(found, sites)) and len(names) <= _MAX_VISIBLE_AUTHORS:
            return names
        if found and all(_account(text, sites) for text in found):
            return ()  # the byline credits the site or a desk: there is no person to find
    return ()


def _account(text: str, sites: set[str]) -> bool:
    name = _BY_PREFIX.sub("", text.strip(" |.:-–—")).strip()
    return bool(_BOILERPLATE_AUTHOR.search(name)) or _site_like(word_key(name), sites)
