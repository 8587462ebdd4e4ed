"""Topics: multi-label assignment from the topic vocabulary's cue terms.

All cues of all topics are one compiled alternation (acronyms case-sensitive, words
not), so a document is scanned once. A topic scores its weighted cue hits (title x3,
a distinct cue counting more than a repeated one) scaled to text length; the best
few above a floor are kept. Topics a source already gives are kept as well, mapped
to the vocabulary's name when they match one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from legation.model import TopicScore

__all__ = ["assign_topics", "map_given"]

_ACRONYM_MAX = 6
_MIN_SCORE = 0.6
_MAX_TOPICS = 8
_TITLE_WEIGHT = 3.0
_BROADER_SHARE = 0.5
_RELATIVE = 0.25  # keep topics scoring at least this share of the best


_WORD = re.compile(r"[^\W_]+(?:['\u2019&.-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True, slots=True)
class _Index:
    exact: dict[str, tuple[str, ...]]  # cue (lower case unless acronym) -> topics
    prefixes: dict[str, tuple[str, ...]]  # wildcard stem -> topics
    stem_lengths: tuple[int, ...]
    max_words: int
    first_words: frozenset[str]  # first words of multi-word cues
    acronyms: frozenset[str]
    names: dict[str, str]  # lower-case topic name -> name
    broader: dict[str, str]


@cache
def _index() -> _Index:
    from legation.vocab.loader import topics

    exact: dict[str, list[str]] = defaultdict(list)
    prefixes: dict[str, list[str]] = defaultdict(list)
    acronyms: set[str] = set()
    for topic in topics():
        for cue in topic.cues:
            is_acronym = len(cue) <= _ACRONYM_MAX and cue.upper() == cue and cue[0].isalpha()
            key = " ".join(_WORD.findall(cue if is_acronym else cue.lower()))
            if is_acronym:
                acronyms.add(key)
            if cue.endswith("*"):
                prefixes[key].append(topic.name)
            else:
                exact[key].append(topic.name)
    return _Index(
        exact={k: tuple(dict.fromkeys(v)) for k, v in exact.items()},
        prefixes={k: tuple(dict.fromkeys(v)) for k, v in prefixes.items()},
        stem_lengths=tuple(sorted({len(k) for k in prefixes}, reverse=True)),
        max_words=max(len(k.split()) for k in exact),
        first_words=frozenset(k.split()[0] for k in exact if " " in k),
        acronyms=frozenset(acronyms),
        names={t.name.lower(): t.name for t in topics()},
        broader={t.name: t.broader for t in topics() if t.broader},
    )


def _cue_hits(text: str, idx: _Index) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset, cue, topics) for every cue in text: one pass of n-gram lookups."""
    toks = [(m.start(), _POSSESSIVE.sub("", m.group(0))) for m in _WORD.finditer(text)]
    low = [w.lower() for _, w in toks]
    firsts = idx.first_words
    out: list[tuple[int, str, tuple[str, ...]]] = []
    for i, (start, word) in enumerate(toks):
        longest = min(idx.max_words, len(toks) - i) if low[i] in firsts or word in firsts else 1
        for n in range(longest, 0, -1):
            key = " ".join(low[i : i + n]) if n > 1 else low[i]
            found = idx.exact.get(key)
            if found is not None and key in idx.acronyms:
                found = found if " ".join(w for _, w in toks[i : i + n]) == key else None
            if found is not None:
                out.append((start, key, found))
                break
        else:
            w = low[i]
            for length in idx.stem_lengths:
                if len(w) >= length and w[:length] in idx.prefixes:
                    out.append((start, w[:length], idx.prefixes[w[:length]]))
                    break
            else:
                if word in idx.exact and word in idx.acronyms:
                    out.append((start, word, idx.exact[word]))
    return out


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
    hits: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for start, cue, names in _cue_hits(text, idx):
        weight = _TITLE_WEIGHT if start < title_end else 1.0
        for name in names:
            hits[name][cue] += weight
    words = max(len(text) / 6.0, 1.0)
    scale = 1.0 + math.log1p(words / 400.0) * 1.5  # longer texts need more evidence
    raw: dict[str, float] = defaultdict(float)
    for name, cues in hits.items():
        # distinct cues count fully, repeats of one cue with diminishing returns
        raw[name] += sum(1.0 + math.log(w) if w >= 1.0 else w for w in cues.values())
    for name, value in list(raw.items()):
        # evidence for a narrow topic is weaker evidence for its broader one
        parent = idx.broader.get(name)
        if parent is not None and parent in hits:  # only a parent with evidence of its own
            raw[parent] += _BROADER_SHARE * value
    scored = [(n, v / scale) for n, v in raw.items() if v / scale >= _MIN_SCORE]
    scored.sort(key=lambda kv: -kv[1])
    if scored:
        floor = _RELATIVE * scored[0][1]
        scored = [kv for kv in scored if kv[1] >= floor]
    out = [TopicScore(name=n, score=round(s, 3)) for n, s in scored[:_MAX_TOPICS]]
    have = {t.name for t in out}
    out.extend(TopicScore(name=label, score=1.0) for label in map_given(given) if label not in have)
    return out
