"""Who said what: direct and partial quotations with their speaker and affiliation.

Rules, not a model: a quotation is attributed by the reporting clause after it
(“...,” Beebe argued / “...,” said Beebe / “...,” he said) or before it in the same
sentence (Wang Wenbin said ... that the region does not require “a replica of
NATO”; As Ashley Tellis points out, “...”). A quotation split by a short reporting
clause (“A,” he said. “B.”) is joined into one. Surnames resolve to the person's
full name; he/she to the last person named before the pronoun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legation.enrich.entities import People
from legation.enrich.sentences import Sentence
from legation.model import Quote

__all__ = ["find_quotes"]

_VERBS = (
    r"said|says|say|told|tells|argued|argues|argue|noted|notes|warned|warns|added|adds|"
    r"wrote|writes|stated|states|explained|explains|claimed|claims|believes|believed|"
    r"insisted|insists|observed|observes|remarked|asserted|asserts|declared|declares|"
    r"described|describes|called|calls|cautioned|cautions|acknowledged|acknowledges|"
    r"suggested|suggests|concluded|predicted|emphasi[sz]ed|stressed|stresses|asked|asks|"
    r"replied|responded|recalled|admitted|conceded|contended|contends|maintained|"
    r"maintains|continued|announced|tweeted|posted|urged|urges|mused|quipped|"
    r"points? out|pointed out|sums? up|summed up|put it|puts it|according to"
)
_NAME = r"[A-Z][\w\u2019'.-]*(?: (?:[A-Z]\.|[A-Z][\w\u2019'.-]*)){0,3}"
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey"
_AFTER_SUBJ_VERB = re.compile(
    rf"^[,.!?\u2026]?\s*(?P<who>{_PRONOUN}|{_NAME})(?:,[^,]{{1,90}},)?\s+"
    rf"(?:\w+ly\s+)?(?:{_VERBS})\b"
)
_AFTER_VERB_SUBJ = re.compile(rf"^[,.!?\u2026]?\s*(?:{_VERBS})\s+(?P<who>{_NAME})")
_BEFORE = re.compile(
    rf"(?P<who>(?<![\w])(?:{_PRONOUN})|{_NAME})(?:[\u2019']s)?(?:,[^,]{{1,100}},)?\s+"
    rf"(?:\w+ly\s+)?(?:has\s+|had\s+|have\s+)?(?:{_VERBS})\b"
)
_NOT_SPEAKERS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "In",
        "On",
        "At",
        "As",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "Yet",
        "So",
        "Then",
        "There",
        "Here",
        "What",
        "Why",
        "How",
        "Who",
        "Many",
        "Some",
        "Most",
        "Others",
        "Critics",
        "Officials",
        "Analysts",
    ]
)
_MAX_JOIN_GAP = 2  # characters between "he said." and the next opening quote


@dataclass(slots=True)
class _Q:
    open: int
    close: int  # index of the closing mark
    text: str
    who: str | None = None
    who_at: int = 0
    clause_end: int = 0  # end of the reporting clause after the quote, if any


def _spans(text: str) -> list[_Q]:
    out: list[_Q] = []
    for m in re.finditer(r"\u201c([^\u201c\u201d]{1,3000})\u201d|\"([^\"\n]{1,3000})\"", text):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        out.append(_Q(open=m.start(), close=m.end() - 1, text=inner.strip()))
    return out


def _sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None


def _attribute(
    text: str, q: _Q, sentences: list[Sentence], prev: _Q | None, people: People
) -> None:
    tail = text[q.close + 1 : q.close + 160]
    nxt = tail.find("\u201c")
    if nxt >= 0:
        tail = tail[:nxt]
    for rx in (_AFTER_SUBJ_VERB, _AFTER_VERB_SUBJ):
        m = rx.match(tail)
        if m and _speaker_ok(m.group("who")):
            q.who, q.who_at = m.group("who"), q.close + 1 + m.start("who")
            end = re.search(r"[.!?]", tail[m.end() :])
            if end is not None:  # a whole clause: a quotation may continue after it
                q.clause_end = q.close + 1 + m.end() + end.end()
            return
    sent = _sentence_of(sentences, q.open)
    start = sent.start if sent else max(0, q.open - 300)
    if prev is not None and prev.close > start:
        start = prev.close + 1
    before = text[start : q.open]
    found = None
    for m in _BEFORE.finditer(before):
        if _speaker_ok(m.group("who")):
            found = m
    if found:
        who = found.group("who")
        q.who, q.who_at = who, start + found.start("who")
        if not re.fullmatch(_PRONOUN, who) and people.resolve(who) is None:
            # "Ashley Tellis of the Carnegie Endowment for International Peace points out"
            named = people.person_before(q.who_at + len(who), since=start)
            if named is not None:
                q.who = named
        return
    if prev is not None and prev.who and prev.close >= start - 1 and sent is not None:
        # a second fragment in the sentence of an attributed one ("... could “exacerbate”")
        q.who, q.who_at = prev.who, prev.who_at


def _speaker_ok(who: str) -> bool:
    first = who.split(maxsplit=1)[0]
    return first not in _NOT_SPEAKERS


def _resolve(
    text: str, q: _Q, people: People, quoted: list[tuple[int, int]]
) -> tuple[str, str | None] | None:
    if q.who is None:
        return None
    who = q.who.strip().rstrip(".")
    if re.fullmatch(_PRONOUN, who):
        name = people.person_before(q.who_at, skip=quoted)
    else:
        who = re.split(r"[\u2019']s ", re.sub(r"[\u2019']s$", "", who))[-1]
        name = people.resolve(who)
        if name is None:
            name = people.discover(text, who)
        name = name or who
    if not name:
        return None
    ent = people.people.get(name)
    return name, (ent.affiliation if ent else None)


def find_quotes(text: str, sentences: list[Sentence], people: People) -> list[Quote]:
    """Attributed quotations; unattributed ones (scare quotes, titles) are left out."""
    spans = _spans(text)
    prev: _Q | None = None
    for q in spans:
        _attribute(text, q, sentences, prev, people)
        prev = q
    quoted = [(q.open, q.close) for q in spans]
    out: list[Quote] = []
    i = 0
    while i < len(spans):
        q = spans[i]
        body, end = q.text, q.close + 1
        # “A,” he said. “B.” -> one quotation
        while (
            q.clause_end
            and i + 1 < len(spans)
            and 0 <= spans[i + 1].open - q.clause_end <= _MAX_JOIN_GAP
            and spans[i + 1].who in (None, q.who)
        ):
            i += 1
            body = body.rstrip(",") + " " + spans[i].text
            end = spans[i].close + 1
        body = body.rstrip(",")
        resolved = _resolve(text, q, people, quoted)
        if resolved is not None and len(body.split()) >= 2:  # noqa: PLR2004 - one word is a scare quote
            speaker, affiliation = resolved
            out.append(Quote(speaker=speaker, affiliation=affiliation, text=body,
                             start=q.open, end=end))  # fmt: skip
        i += 1
    return out
