"""The one entry point ingest and `legation tag` use: Document -> Enrichment -> JSON.

Enrichment reads one text: the title, a blank line, then the abstract and the body
(offsets in mentions and quotes point into that text; for a plain-text document
with no title it is the text itself). Entities run first so places inside a
person's or an organisation's name ("Georgia Stevens", "Washington Post") are not
read as places.
"""

from __future__ import annotations

from typing import Any

from legation.enrich.entities import People, find_entities
from legation.enrich.geography import GeoResult, Span, about, find_mentions
from legation.enrich.quotes import find_quotes
from legation.enrich.sentences import split_sentences
from legation.enrich.topics import assign_topics
from legation.model import Document, Enrichment, Mention

__all__ = ["analyse_text", "document_text", "enrich", "enrichment_to_json", "geoparse"]


def document_text(doc: Document) -> tuple[str, int]:
    """The text enrichment reads and where its title ends."""
    parts = [p for p in (doc.title, doc.subtitle, doc.abstract, doc.body) if p and p.strip()]
    text = "\n\n".join(parts)
    title_end = len(doc.title) if doc.title and text.startswith(doc.title) else 0
    return text, title_end


def enrich(doc: Document) -> Enrichment:
    """The enrichment of one document (an ``Enricher``): geography, topics, entities, quotes."""
    text, title_end = document_text(doc)
    return analyse_text(text, title_end=title_end, given_topics=doc.topics)


def geoparse(text: str, people: People | None = None) -> GeoResult:
    """Place mentions, skipping those inside names of people and organisations."""
    if people is None:
        people = find_entities(text)
    # places inside a person's name or a registered organisation's name are not places;
    # inside other organisation names ("Edmonton Police Service") they still are
    skip = [Span(s.start, s.end) for s in (*people.person_spans, *people.registry_spans)]
    words = {w for name in people.people for w in name.split()}
    first_names = {name.split()[0] for name in people.people}
    result = find_mentions(text, skip=skip)
    kept = tuple(
        m for m in result.mentions
        if not (m.kind == "place" and m.text in words)
        and not (m.kind != "demonym" and m.text in first_names)
    )  # fmt: skip
    return GeoResult(mentions=kept, region_of=result.region_of)


def analyse_text(
    text: str, *, title_end: int = 0, given_topics: tuple[str, ...] = ()
) -> Enrichment:
    sentences = split_sentences(text)
    people = find_entities(text, sentences)
    geo = geoparse(text, people)
    quotes = find_quotes(text, sentences, people)
    topics = assign_topics(text, title_end=title_end, given=given_topics)
    return Enrichment(
        about=tuple(name for name, _ in about(geo, title_end=title_end)),
        mentions=geo.mentions,
        topics=tuple(topics),
        people=tuple(sorted(people.people.values(), key=lambda e: -e.mentions)),
        organisations=tuple(sorted(people.orgs.values(), key=lambda e: -e.mentions)),
        quotes=tuple(quotes),
    )


def _mention_json(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "start": m.start, "end": m.end, "country": m.country, "kind": m.kind}


def enrichment_to_json(e: Enrichment) -> dict[str, Any]:
    """The public `legation tag` shape (extra keys allowed, these never removed)."""
    return {
        "geography": {"about": list(e.about), "mentions": [_mention_json(m) for m in e.mentions]},
        "topics": [t.name for t in e.topics],
        "topic_scores": [{"name": t.name, "score": t.score} for t in e.topics],
        "people": [p.name for p in e.people],
        "people_detail": [
            {"name": p.name, "role": p.role, "affiliation": p.affiliation, "mentions": p.mentions}
            for p in e.people
        ],
        "organisations": [o.name for o in e.organisations],
        "organisation_detail": [{"name": o.name, "mentions": o.mentions} for o in e.organisations],
        "quotes": [
            {
                "speaker": q.speaker,
                "affiliation": q.affiliation,
                "text": q.text,
                "start": q.start,
                "end": q.end,
            }
            for q in e.quotes
        ],
    }
