"""Topics: multi-label assignment from the topic vocabulary's cue terms.

A document is scanned once with longest-first n-gram lookups (acronyms
case-sensitive, words not; a word inside a matched cue is not matched again). A
topic scores its cue hits, each weighted by how rare the cue is in general
international-affairs text (IDF over UN General Debate passages, cue_df.tsv, made
by bench/topic_cue_df.py), a distinct cue counting more than a repeated one and a
title hit three times; the sum is scaled to text length. A cue shared by a topic
and its ancestor counts for the narrower topic only; narrow topics then support
their broader ones, and a broader topic without evidence of its own is implied
when two or more of its narrower topics qualify. Topics above a floor are kept,
at most a few more than a handful and fewer for short texts. Topics a source
already gives are kept as well, mapped to the vocabulary's name when they match.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from legation.model import TopicScore

__all__ = ["all_cue_keys", "assign_topics", "cue_keys", "map_given"]

_ACRONYM_MAX = 6
_MIN_SCORE = 0.5
_MAX_TOPICS = 8
_MIN_CAP = 4  # a title or a sentence gets at most this many topics ...
_WORDS_PER_TOPIC = 40  # ... and one more per this many words, up to _MAX_TOPICS
_TITLE_WEIGHT = 3.0
_BROADER_SHARE = 0.5
_IMPLYING_CHILDREN = 2  # qualifying children that imply a parent without evidence of its own
_OWN_SUPPORT = 0.3  # own score from which one qualifying child supports a parent
# A cue in at most 3 % of UN General Debate passages counts fully, a commoner one in
# proportion to its IDF ("security" about 0.4, "united nations" the minimum).
_FULL_WEIGHT_IDF = math.log(33.0)
_MIN_WEIGHT = 0.15


_WORD = re.compile(r"[^\W_]+(?:['\u2019&.-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True, slots=True)
class _Index:
    exact: dict[str, tuple[str, ...]]  # cue (lower case unless acronym) -> topics
    prefixes: dict[str, tuple[str, ...]]  # one-word wildcard stem -> topics
    multi_prefixes: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # head -> (stem, topics)
    stem_lengths: tuple[int, ...]
    max_words: int
    first_words: frozenset[str]  # first words of multi-word cues
    acronyms: frozenset[str]
    names: dict[str, str]  # lower-case topic name -> name
    children: dict[str, tuple[str, ...]]  # topic -> its narrower topics
    deepest_first: tuple[str, ...]  # topics ordered so children come before parents


def _most_specific(names: list[str], broader: dict[str, str | None]) -> tuple[str, ...]:
    """Drop topics that are ancestors of another topic sharing the cue: the broader
    one gets that evidence through propagation, not twice."""
    ancestors: set[str] = set()
    for name in names:
        up = broader.get(name)
        while up is not None and up not in ancestors:
            ancestors.add(up)
            up = broader.get(up)
    return tuple(n for n in dict.fromkeys(names) if n not in ancestors)


@cache
def _index() -> _Index:
    from legation.vocab.loader import topics

    broader = {t.name: t.broader for t in topics()}
    exact: dict[str, list[str]] = defaultdict(list)
    prefixes: dict[str, list[str]] = defaultdict(list)
    acronyms: set[str] = set()
    children: dict[str, list[str]] = defaultdict(list)
    for topic in topics():
        if topic.broader:
            children[topic.broader].append(topic.name)
        for cue in topic.cues:
            is_acronym = len(cue) <= _ACRONYM_MAX and cue.upper() == cue and cue[0].isalpha()
            key = " ".join(_WORD.findall(cue if is_acronym else cue.lower()))
            if is_acronym:
                acronyms.add(key)
            (prefixes if cue.endswith("*") else exact)[key].append(topic.name)
    multi: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for key, names in prefixes.items():
        if " " in key:
            head, stem = key.rsplit(" ", 1)
            multi[head].append((stem, _most_specific(names, broader)))
    depth = _depths(broader)
    multi_word = [k for k in (*exact, *prefixes) if " " in k]
    return _Index(
        exact={k: _most_specific(v, broader) for k, v in exact.items()},
        prefixes={k: _most_specific(v, broader) for k, v in prefixes.items() if " " not in k},
        multi_prefixes={k: tuple(v) for k, v in multi.items()},
        stem_lengths=tuple(sorted({len(k) for k in prefixes if " " not in k}, reverse=True)),
        max_words=max(len(k.split()) for k in (*exact, *prefixes)),
        first_words=frozenset(k.split()[0] for k in multi_word),
        acronyms=frozenset(acronyms),
        names={t.name.lower(): t.name for t in topics()},
        children={k: tuple(v) for k, v in children.items()},
        deepest_first=tuple(sorted(depth, key=lambda n: -depth[n])),
    )


def _depths(broader: dict[str, str | None]) -> dict[str, int]:
    depth: dict[str, int] = {}
    for name in broader:
        chain = [name]
        while (up := broader.get(chain[-1])) is not None and len(chain) <= len(broader):
            chain.append(up)
        depth[name] = len(chain) - 1  # a cycle (refused by no loader check) stays finite
    return depth


@cache
def _weights() -> dict[str, float]:
    """IDF-like cue weights from cue document frequencies in UN General Debate passages."""
    from legation.vocab.loader import cue_frequencies

    freq = cue_frequencies()
    out = {}
    for cue, df in freq.df.items():
        idf = math.log(freq.passages / (df + 1.0))
        out[cue] = min(1.0, max(_MIN_WEIGHT, idf / _FULL_WEIGHT_IDF))
    return out


def _cue_hits(text: str, idx: _Index) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset, cue, topics) for every cue in text: one pass of longest-first n-gram
    lookups; words inside a matched cue are not matched again ("Cold War" is no "war")."""
    toks = [(m.start(), _POSSESSIVE.sub("", m.group(0))) for m in _WORD.finditer(text)]
    low = [w.lower() for _, w in toks]
    out: list[tuple[int, str, tuple[str, ...]]] = []
    i = 0
    while i < len(toks):
        found = _match_at(i, toks, low, idx)
        if found is None:
            i += 1
            continue
        n, key, names = found
        out.append((toks[i][0], key, names))
        i += n
    return out


def _match_at(
    i: int, toks: list[tuple[int, str]], low: list[str], idx: _Index
) -> tuple[int, str, tuple[str, ...]] | None:
    """The longest cue starting at token i: (its length in words, key, topics)."""
    word = toks[i][1]
    multi = low[i] in idx.first_words or word in idx.first_words
    for n in range(min(idx.max_words, len(toks) - i) if multi else 1, 0, -1):
        key = " ".join(low[i : i + n]) if n > 1 else low[i]
        found = idx.exact.get(key)
        if found is not None and key in idx.acronyms:
            found = found if " ".join(w for _, w in toks[i : i + n]) == key else None
        if found is not None:
            return n, key, found
        if n > 1:
            head, last = key.rsplit(" ", 1)
            for stem, names in idx.multi_prefixes.get(head, ()):
                if last.startswith(stem):
                    return n, f"{head} {stem}", names
    w = low[i]
    for length in idx.stem_lengths:
        if len(w) >= length and w[:length] in idx.prefixes:
            return 1, w[:length], idx.prefixes[w[:length]]
    if word in idx.exact and word in idx.acronyms:
        return 1, word, idx.exact[word]
    return None


def cue_keys(text: str) -> set[str]:
    """The cue keys (as the assigner matches them) that occur in text."""
    return {cue for _, cue, _ in _cue_hits(text, _index())}


def all_cue_keys() -> frozenset[str]:
    idx = _index()
    return frozenset(idx.exact) | frozenset(idx.prefixes)


def map_given(given: tuple[str, ...]) -> list[str]:
    """A source's own topic labels, as vocabulary names where one matches."""
    idx = _index()
    out = []
    for label in given:
        name = idx.names.get(label.strip().lower())
        out.append(name or label.strip())
    return [t for t in dict.fromkeys(out) if t]


def assign_topics(
    text: str, *, title_end: int = 0, given: tuple[str, ...] = ()
) -> list[TopicScore]:
    idx = _index()
    weight = _weights()
    hits: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for start, cue, names in _cue_hits(text, idx):
        boost = _TITLE_WEIGHT if start < title_end else 1.0
        for name in names:
            hits[name][cue] += boost
    words = max(len(text) / 6.0, 1.0)
    scale = 1.0 + math.log1p(words / 400.0) * 1.5  # longer texts need more evidence
    raw: dict[str, float] = {}
    for name, cues in hits.items():
        # distinct cues count fully, repeats of one cue with diminishing returns, and a
        # cue common in general international-affairs text counts for less
        raw[name] = sum(
            weight.get(cue, 1.0) * (1.0 + math.log(n) if n >= 1.0 else n) for cue, n in cues.items()
        )
    scores = _propagate({n: v / scale for n, v in raw.items()}, idx)
    scored = sorted(((n, v) for n, v in scores.items() if v >= _MIN_SCORE), key=lambda kv: -kv[1])
    cap = min(_MAX_TOPICS, _MIN_CAP + int(words / _WORDS_PER_TOPIC))
    out = [TopicScore(name=n, score=round(s, 3)) for n, s in scored[:cap]]
    have = {t.name for t in out}
    out.extend(TopicScore(name=label, score=1.0) for label in map_given(given) if label not in have)
    return out


def _propagate(scores: dict[str, float], idx: _Index) -> dict[str, float]:
    """Evidence for narrow topics supports their broader ones, deepest first.

    A parent with real evidence of its own gains a share of its qualifying children's
    scores; otherwise it is implied only when two or more children qualify (one
    narrow topic, or one stray common word, does not make a whole field a topic).
    """
    out = dict(scores)
    for name in idx.deepest_first:
        kids = [out[k] for k in idx.children.get(name, ()) if out.get(k, 0.0) >= _MIN_SCORE]
        own = scores.get(name, 0.0)
        if kids and (own >= _OWN_SUPPORT or len(kids) >= _IMPLYING_CHILDREN):
            out[name] = own + _BROADER_SHARE * sum(kids)
    return out
