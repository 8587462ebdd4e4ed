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


@dataclass(frozen=True, slots=True)
class _Index:
    exact: dict[str, tuple[str, ...]]  # cue (lower case unless acronym) -> topics
    prefixes: dict[str, tuple[str, ...]]  # wildcard stem -> topics
    rx_words: re.Pattern[str]
    rx_acronyms: re.Pattern[str]
    names: dict[str, str]  # lower-case topic name -> name
    broader: dict[str, str]


def _alt(cues: list[str]) -> str:
    parts = []
    for cue in sorted(cues, key=len, reverse=True):
        if cue.endswith("*"):
            parts.append(re.escape(cue[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(cue))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])" if parts else r"(?!x)x"


@cache
def _index() -> _Index:
    from legation.vocab.loader import topics

    exact: dict[str, list[str]] = defaultdict(list)
    prefixes: dict[str, list[str]] = defaultdict(list)
    words: list[str] = []
    acronyms: list[str] = []
    for topic in topics():
        for cue in topic.cues:
            is_acronym = len(cue) <= _ACRONYM_MAX and cue.upper() == cue and cue[0].isalpha()
            key = cue if is_acronym else cue.lower()
            (acronyms if is_acronym else words).append(key)
            if key.endswith("*"):
                prefixes[key[:-1]].append(topic.name)
            else:
                exact[key].append(topic.name)
    return _Index(
        exact={k: tuple(dict.fromkeys(v)) for k, v in exact.items()},
        prefixes={k: tuple(dict.fromkeys(v)) for k, v in prefixes.items()},
        rx_words=re.compile(_alt(list(dict.fromkeys(words))), re.IGNORECASE),
        rx_acronyms=re.compile(_alt(list(dict.fromkeys(acronyms)))),
        names={t.name.lower(): t.name for t in topics()},
        broader={t.name: t.broader for t in topics() if t.broader},
    )


def _topics_of(idx: _Index, hit: str) -> tuple[str, ...]:
    found = idx.exact.get(hit) or idx.exact.get(hit.lower())
    if found:
        return found
    low = hit.lower()
    for n in range(len(low), 0, -1):
        stem = low[:n]
        if stem in idx.prefixes:
            return idx.prefixes[stem]
        if hit[:n] in idx.prefixes:
            return idx.prefixes[hit[:n]]
    return ()


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
    for rx in (idx.rx_words, idx.rx_acronyms):
        for m in rx.finditer(text):
            weight = _TITLE_WEIGHT if m.start() < title_end else 1.0
            cue = m.group(0).lower()
            for name in _topics_of(idx, m.group(0)):
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
    for label in map_given(given):
        if label not in have:
            out.append(TopicScore(name=label, score=1.0))
    return out
