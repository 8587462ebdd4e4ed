"""The entry point's JSON is the public `legation tag` shape."""

from __future__ import annotations

from legation.enrich.run import analyse_text, enrich, enrichment_to_json
from tests.enrich.conftest import seed_document


def test_json_shape() -> None:
    text = 'NATO met in Brussels. "We will act," said Jens Stoltenberg of NATO.'
    e = analyse_text(text)
    j = enrichment_to_json(e)
    assert set(j) >= {"geography", "topics", "people", "organisations", "quotes"}
    assert set(j["geography"]) >= {"about", "mentions"}
    m = j["geography"]["mentions"][0]
    assert set(m) >= {"text", "start", "end", "country"}
    (q,) = j["quotes"]
    assert (q["speaker"], q["affiliation"], q["text"]) == (
        "Jens Stoltenberg",
        "NATO",
        "We will act",
    )
    assert text[q["start"] : q["end"]] == '"We will act,"'
    assert all(isinstance(t, str) for t in j["topics"])


def test_seed_000_document_level_geography() -> None:
    e = enrich(seed_document("000"))
    assert e.about[:3] == ("China", "Asia", "Russia")
    assert "NATO" in {o.name for o in e.organisations}
