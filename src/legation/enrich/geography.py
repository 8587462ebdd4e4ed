"""Political geography: find place names, resolve each to a country, rank what a text is about.

Finding is a longest-match walk over capitalised token runs against one dict of
names (no statistical model): tens of thousands of words per second. Resolution
uses the whole document as context, as a geoparser does: names that can only mean
one country (country names, demonyms, seats of power, first-level divisions) count
as evidence; an ambiguous town goes to the candidate with the best population prior
plus that evidence, and "London, Ontario" is settled by its qualifier.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from legation.enrich.gazetteer import Candidate, Gazetteer, Kind, gazetteer, normalise, prior
from legation.model import Mention
from legation.vocab.loader import personal_titles

__all__ = ["GeoResult", "Span", "about", "find_mentions"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['\u2019][^\W_]+)*")
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_CONNECTORS = frozenset(
    {"of", "the", "and", "de", "du", "da", "del", "la", "le", "al", "el", "upon", "sur", "on"}
)
_GAP_OK = frozenset({" ", "-", "\u2010", "\u2011", ".", "'", "\u2019", "&"})
_SENTENCE_END = frozenset('.!?\n"\u201c\u201d:;()[]')
_DIRECTIONS = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Greater",
        "Downtown",
        "Upper",
        "Lower",
        "Metro",
        "Inner",
        "Outer",
        "Old",
        "New",
        "Rural",
        "Coastal",
        "Northeast",
        "Northwest",
        "Southeast",
        "Southwest",
        "Northeastern",
        "Northwestern",
        "Southeastern",
        "Southwestern",
    ]
)
# Words that introduce a person's name: what follows them is a person, not a town.
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "to", "outside", "around", "across"})
_KIND_NAMES = {
    Kind.COUNTRY: "country",
    Kind.DEMONYM: "demonym",
    Kind.SEAT: "seat",
    Kind.REGION: "region",
    Kind.CAPITAL: "capital",
    Kind.ADMIN1: "admin",
    Kind.ADMIN2: "admin",
    Kind.CITY: "place",
}
_BIG_CITY = 100_000
_TOWN = 15_000
_HAMLET = 1_000
_CONTEXT_WEIGHT = 3.0
_ACRONYM = 4  # longer all-capital words may be a name in capitals


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    text: str
    cands: tuple[Candidate, ...]
    tokens: int
    first: int  # index of the first token
    last: int
    qualifier: str | None = None  # country named right after a comma ("London, Ontario")


@dataclass(frozen=True, slots=True, kw_only=True)
class GeoResult:
    mentions: tuple[Mention, ...]
    region_of: dict[int, str]  # mention start -> region name, for region mentions


def _tokens(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = text[s:e]
        for suffix in _POSSESSIVE[:2]:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                e -= len(suffix)
                break
        out.append((s, e))
    return out


def _gap_ok(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return (0 < len(gap) <= 2 and all(c in _GAP_OK for c in gap)) or gap == ""  # noqa: PLR2004


def _scan(text: str, toks: list[tuple[int, int]], gaz: Gazetteer) -> list[_Match]:
    names, lower_starts, max_n = gaz.names, gaz.lower_starts, gaz.max_tokens
    out: list[_Match] = []
    n = len(toks)
    i = 0
    while i < n:
        s, e = toks[i]
        first = text[s:e]
        if not (first[0].isupper() or first in lower_starts):
            i += 1
            continue
        k = i
        while k + 1 < n and k + 1 - i < max_n and _gap_ok(text, toks[k][1], toks[k + 1][0]):
            w = text[toks[k + 1][0] : toks[k + 1][1]]
            if not (w[0].isupper() or w in _CONNECTORS or w[0].isdigit()):
                break
            k += 1
        found = None
        for j in range(k, i - 1, -1):
            end = toks[j][1]
            key = normalise(text[s:end])
            cands = names.get(key)
            if cands is None and len(key) > _ACRONYM and key.isupper():
                cands = names.get(key.title())  # datelines: "WASHINGTON (AP) -"
            if cands is None and end < len(text) and text[end] == ".":
                cands = names.get(key + ".")
                if cands is not None:
                    end += 1
            if cands is not None:
                found = _Match(s, end, text[s:end], cands, j - i + 1, i, j)
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.last + 1
    return out


def _sentence_initial(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t\u201c\u2018\"'(":
        if text[j] in '\u201c"(':
            return True
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _capitalised_neighbour(
    text: str, toks: list[tuple[int, int]], m: _Match, *, after: bool = True
) -> bool:
    """A capitalised word glued to the name ("Jordan Peterson", "Washington Post")."""
    if after and m.last + 1 < len(toks):
        s, e = toks[m.last + 1]
        if text[m.end : s] == " " and text[s].isupper() and text[s:e] not in _DIRECTIONS:
            return True
    if m.first > 0:
        s, e = toks[m.first - 1]
        word = text[s:e]
        if (
            text[e : m.start] == " "
            and word[0].isupper()
            and word not in _DIRECTIONS
            and not _sentence_initial(text, s)
        ):
            return True
    return False


def _qualify(text: str, matches: list[_Match]) -> None:
    """'London, Ontario' / 'Paris, Ky.': the name after a comma names the country."""
    for a, b in pairwise(matches):
        if text[a.end : b.start] not in (", ", ","):
            continue
        strong = [c for c in b.cands if c.kind in (Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2)]
        if not strong:
            continue
        countries = {c.code for c in a.cands}
        for c in strong:
            if c.code in countries:
                a.qualifier = b.qualifier = c.code
                break


def _evidence(matches: list[_Match]) -> dict[str, float]:
    ctx: dict[str, float] = defaultdict(float)
    for m in matches:
        top = m.cands[0]
        if top.kind == Kind.REGION:
            continue
        strong = {c.code for c in m.cands if c.kind <= Kind.ADMIN1 and c.kind != Kind.REGION}
        towns = {c.code for c in m.cands if c.population >= _TOWN}
        if len(strong) == 1 and (top.kind <= Kind.SEAT or towns <= strong):
            ctx[top.code] += 1.0
        elif not strong and len(towns) == 1:
            ctx[top.code] += 0.5
        elif m.qualifier is not None:
            ctx[m.qualifier] += 1.0
    return ctx


def _choose(m: _Match, ctx: dict[str, float]) -> Candidate:
    if m.qualifier is not None:
        return next(c for c in m.cands if c.code == m.qualifier)
    best, best_score = m.cands[0], -1.0
    for c in m.cands:
        score = prior(c) + _CONTEXT_WEIGHT * min(ctx.get(c.code, 0.0), 4.0) ** 0.5
        if score > best_score:
            best, best_score = c, score
    return best


@dataclass(slots=True)
class _Doc:
    """What the keep/drop rules need to know about the whole document."""

    text: str
    toks: list[tuple[int, int]]
    ctx: dict[str, float]
    lower_words: set[str]
    not_places: frozenset[str]
    surnames: set[str]


def _keep(d: _Doc, m: _Match, c: Candidate) -> bool:
    if c.kind in (Kind.COUNTRY, Kind.DEMONYM, Kind.SEAT, Kind.REGION) or m.qualifier:
        return True
    if m.text in d.not_places or m.text in d.surnames:
        return False
    small_town = c.kind == Kind.CITY and c.population < _BIG_CITY
    if _capitalised_neighbour(d.text, d.toks, m, after=small_town):
        if m.tokens == 1 and _capitalised_neighbour(d.text, d.toks, m, after=False):
            d.surnames.add(m.text)  # "Mark Steele": later "Steele" is the person too
        return False
    if m.tokens == 1 and m.text.lower() in d.lower_words:
        return False  # a common word here ("Reading", "Mobile") capitalised by position
    if c.kind in (Kind.CAPITAL, Kind.ADMIN1):
        return True
    return _keep_town(d, m, c)


def _keep_town(d: _Doc, m: _Match, c: Candidate) -> bool:
    """Towns and counties: big ones always, small ones with support from the text."""
    known = d.ctx.get(c.code, 0.0) > 0
    if c.kind == Kind.ADMIN2 or c.population >= _BIG_CITY:
        return known or c.kind != Kind.ADMIN2
    if _sentence_initial(d.text, m.start) and not known:
        return False
    before = d.toks[m.first - 1] if m.first > 0 else (0, 0)
    prep = d.text[before[0] : before[1]] in _PLACE_PREPS
    return (known and (c.population >= _HAMLET or prep)) or (prep and c.population >= _TOWN)


def find_mentions(text: str, skip: list[Span] | None = None) -> GeoResult:
    """Every place mention in text with offsets and country (None for regions)."""
    gaz = gazetteer()
    toks = _tokens(text)
    matches = _scan(text, toks, gaz)
    if skip:
        matches = [m for m in matches if not _inside(m, skip)]
    _qualify(text, matches)
    ctx = _evidence(matches)
    lower_words = {text[s:e] for s, e in toks if text[s].islower()}
    doc = _Doc(text, toks, ctx, lower_words, gaz.not_places, _surnames(text, toks))
    mentions: list[Mention] = []
    region_of: dict[int, str] = {}
    for m in matches:
        c = _choose(m, ctx)
        if not _keep(doc, m, c):
            continue
        if c.kind == Kind.REGION:
            region_of[m.start] = c.code
            mentions.append(Mention(text=m.text, start=m.start, end=m.end, kind="region"))
        else:
            kind = _KIND_NAMES[c.kind]
            mentions.append(
                Mention(text=m.text, start=m.start, end=m.end, country=c.code, kind=kind)
            )
    return GeoResult(mentions=tuple(mentions), region_of=region_of)


def _surnames(text: str, toks: list[tuple[int, int]]) -> set[str]:
    """Last words of 'Firstname Lastname' pairs after a title-free first name.

    Cheap person evidence without a model: a capitalised word preceded (same line,
    one space) by a capitalised word that is not sentence-initial-only and not a
    direction counts as a surname for the whole document.
    """
    out: set[str] = set()
    for (s1, e1), (s2, e2) in pairwise(toks):
        if text[e1:s2] != " " or not text[s1].isupper() or not text[s2].isupper():
            continue
        first = text[s1:e1]
        if first.rstrip(".") in personal_titles():
            out.add(text[s2:e2])
    return out


def _inside(m: _Match, spans: list[Span]) -> bool:
    return any(sp.start <= m.start and m.end <= sp.end for sp in spans)


_RECURRING = 4  # body mentions that make a place a subject whatever the headline says
_RECURRING_SHARE = 0.3
_WEIGHTS = {
    "country": 1.0,
    "demonym": 0.8,
    "seat": 1.0,
    "capital": 0.8,
    "admin": 0.6,
    "place": 0.5,
    "region": 1.0,
}


def about(
    result: GeoResult, *, title_end: int = 0, share: float = 0.5, min_score: float = 1.0
) -> list[tuple[str, float]]:
    """Ranked (name, score) of the countries and regions a text is about.

    A mention in the title (offsets below title_end) counts three times. Kept are the
    places scoring at least `share` of the best; each kept country brings its primary
    region (as catalogues add Asia to China and Middle East to Iran).
    """
    from legation.vocab.loader import countries, regions

    scores: dict[str, float] = defaultdict(float)
    body_mentions: dict[str, int] = defaultdict(int)
    for m in result.mentions:
        key = m.country or result.region_of.get(m.start)
        if key is None:
            continue
        w = _WEIGHTS.get(m.kind, 0.5) * (3.0 if m.start < title_end else 1.0)
        scores[key] += w
        body_mentions[key] += m.start >= title_end
    if not scores:
        return []
    top = max(scores.values())
    # A place named again and again through a text is what it is about even when another
    # dominates the headline (an office in Japan, in an article titled about China).
    keep = {
        k: v
        for k, v in scores.items()
        if v >= min_score
        and (v >= share * top or (body_mentions[k] >= _RECURRING and v >= _RECURRING_SHARE * top))
    }
    vocab, regs = countries(), regions()
    implied: dict[str, float] = {}
    for code, score in keep.items():
        for name, region in regs.items():
            if code in region.implied_by and name not in keep:
                implied[name] = max(implied.get(name, 0.0), score * 0.9)
    ranked = sorted({**implied, **keep}.items(), key=lambda kv: -kv[1])
    return [(vocab[k].name if k in vocab else k, round(v, 3)) for k, v in ranked]
