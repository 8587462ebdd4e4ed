"""Who said what: the seed expectations and variations written here."""

from __future__ import annotations

from legation.enrich.run import analyse_text, enrich
from legation.model import Quote
from tests.enrich.conftest import seed_document


def _by(quotes: tuple[Quote, ...], speaker: str) -> list[Quote]:
    return [q for q in quotes if q.speaker == speaker]


def test_seed_000_three_beebe_quotes_and_one_tsuruoka() -> None:
    quotes = enrich(seed_document("000")).quotes
    beebe = _by(quotes, "George Beebe")
    assert len(beebe) == 3
    assert all(q.affiliation == "Quincy Institute" for q in beebe)
    assert beebe[0].text.startswith("When you go out of area")
    assert beebe[1].text.startswith("exacerbate differences")
    joined = beebe[2].text
    assert joined.startswith("There's a grave risk")
    assert "I don't think that's in the interest" in joined
    assert "he said" not in joined
    tsuruoka = _by(quotes, "Michito Tsuruoka")
    assert len(tsuruoka) == 1
    assert tsuruoka[0].affiliation == "Keio University"


def test_seed_001_speakers_and_affiliations() -> None:
    quotes = enrich(seed_document("001")).quotes
    wang = _by(quotes, "Wang Wenbin")
    assert wang and all(q.affiliation == "Chinese Foreign Ministry" for q in wang)
    assert any(q.text == "a replica of NATO" for q in wang)
    burns = _by(quotes, "William J. Burns")
    assert burns and burns[0].text.startswith("Ukrainian entry into NATO")
    assert "I have yet to find anyone" in burns[0].text  # joined around "he warned"
    tellis = _by(quotes, "Ashley Tellis")
    assert tellis and tellis[0].affiliation == "Carnegie Endowment for International Peace"
    assert {q.speaker for q in quotes} >= {"Ian Bremmer", "Sarang Shidore", "Stephen Biegun"}


def test_split_quote_joined_and_pronoun_resolved() -> None:
    text = (
        "Maria Lopez of the Atlantic Council spoke on Tuesday. "
        "\u201cThe talks have stalled,\u201d she said. \u201cNobody expects a deal this year.\u201d"
    )
    (q,) = analyse_text(text).quotes
    assert q.speaker == "Maria Lopez" and q.affiliation == "Atlantic Council"
    assert q.text == "The talks have stalled Nobody expects a deal this year."
    assert text[q.start] == "\u201c" and text[q.end - 1] == "\u201d"


def test_surname_after_first_mention_and_partial_quote() -> None:
    text = (
        "Defence analyst Tom Baker of Chatham House was cautious. Baker warned that the "
        "plan could \u201cunravel within months\u201d if funding dried up. "
        '"We have seen this before," said Baker.'
    )
    quotes = analyse_text(text).quotes
    assert [q.speaker for q in quotes] == ["Tom Baker", "Tom Baker"]
    assert quotes[0].text == "unravel within months"
    assert quotes[1].text == "We have seen this before"
    assert quotes[0].affiliation == "Chatham House"


def test_scare_quotes_and_unattributed_quotes_are_left_out() -> None:
    text = "The so-called \u201creset\u201d failed. Critics called it a \u201cpaper tiger\u201d."
    assert analyse_text(text).quotes == ()
