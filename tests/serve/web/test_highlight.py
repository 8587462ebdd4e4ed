from __future__ import annotations

from legation.enrich.run import document_text, enrich, enrichment_to_json
from legation.model import Document, Provenance, document_id
from legation.serve.web.highlight import body_paragraphs

BODY = (
    "Officials in Tokyo said the talks would go on.\n\n"
    "“We will not <b>give up</b>,” said Jane Roe, a spokesperson for the Example Institute."
)


def _doc() -> Document:
    return Document(
        id=document_id("h"),
        title="Talks go on",
        body=BODY,
        source=Provenance(format="test", sha256="0" * 64, read_at="2026-01-01T00:00:00"),
    )


def test_marks_follow_the_enrichment_offsets_and_escape_the_rest() -> None:
    doc = _doc()
    text, _ = document_text(doc)
    base = text.index(BODY)
    said = "We will not <b>give up</b>"
    quote_start = base + BODY.index(said)
    tokyo = {"text": "Tokyo", "start": base + 13, "end": base + 18, "country": "JPN"}
    quote = {"speaker": "Jane Roe", "affiliation": None, "text": said}
    quote |= {"start": quote_start, "end": quote_start + len(said)}
    enrichment = {"geography": {"mentions": [tokyo]}, "quotes": [quote]}
    first, second = body_paragraphs(doc, enrichment)
    assert '<mark class="place" title="JPN">Tokyo</mark>' in first
    assert (
        '<mark class="quote" title="Jane Roe">We will not &lt;b&gt;give up&lt;/b&gt;</mark>'
        in second
    )
    assert "<b>" not in second


def test_real_enrichment_marks_land_on_their_words() -> None:
    doc = _doc()
    paragraphs = body_paragraphs(doc, enrichment_to_json(enrich(doc)))
    assert '<mark class="place" title="JPN">Tokyo</mark>' in paragraphs[0]


def test_without_enrichment_the_body_is_just_escaped() -> None:
    paragraphs = body_paragraphs(_doc(), {})
    assert len(paragraphs) == 2
    assert "&lt;b&gt;give up&lt;/b&gt;" in paragraphs[1]
    assert "<mark" not in paragraphs[0] + paragraphs[1]
