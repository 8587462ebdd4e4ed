"""Place mentions resolved to countries with the document as context."""

from __future__ import annotations

from legation.enrich.geography import about, find_mentions
from legation.enrich.run import analyse_text, geoparse


def _countries(text: str) -> dict[str, str | None]:
    return {m.text: m.country for m in geoparse(text).mentions}


def test_aliases_demonyms_and_seats_of_power() -> None:
    found = _countries(
        "Türkiye and Burma signed a deal; the DPRK objected. Chinese and Japanese envoys "
        "met in Tokyo while Beijing and the Kremlin stayed silent and Washington waited."
    )
    assert found["Türkiye"] == "TUR"
    assert found["Burma"] == "MMR"
    assert found["DPRK"] == "PRK"
    assert found["Chinese"] == "CHN" and found["Japanese"] == "JPN"
    assert found["Beijing"] == "CHN" and found["Tokyo"] == "JPN"
    assert found["Kremlin"] == "RUS" and found["Washington"] == "USA"


def test_qualified_town_resolves_to_its_country() -> None:
    text = "The rally was held in London, Ontario, on Saturday."
    found = {m.text: m.country for m in find_mentions(text).mentions}
    assert found == {"London": "CAN", "Ontario": "CAN"}


def test_document_context_settles_ambiguous_towns() -> None:
    text = (
        "Police in Alberta said the crash happened near Edmonton. Canadian officials "
        "later confirmed that Edmonton hospitals treated the injured."
    )
    assert {m.country for m in find_mentions(text).mentions if m.text == "Edmonton"} == {"CAN"}


def test_offsets_point_into_the_text() -> None:
    text = "Officials in Kyiv and Moscow\u2019s envoys met in Geneva."
    for m in geoparse(text).mentions:
        assert text[m.start : m.end] == m.text
    assert {m.text for m in geoparse(text).mentions} == {"Kyiv", "Moscow", "Geneva"}


def test_people_named_like_places_are_not_places() -> None:
    text = "Georgia Stevens, 9, skated well. Coach Jordan Smith said Georgia trains daily."
    assert "Georgia" not in _countries(text)


def test_about_ranks_countries_and_adds_their_regions() -> None:
    text = "Iran and Iraq\n\nIran's nuclear programme worries Iran's neighbours; Iraq too."
    ranked = [name for name, _ in about(geoparse(text), title_end=13)]
    assert ranked[0] == "Iran"
    assert {"Iraq", "Middle East"} <= set(ranked)
    e = analyse_text("China's navy\n\nChina sent ships; China's navy grows.", title_end=12)
    assert e.about == ("China", "Asia")


def test_member_states_are_not_the_united_states() -> None:
    text = (
        "Member States must act. Small island developing States on Earth face rising seas, "
        "and the States of the region agree."
    )
    assert [m.country for m in geoparse(text).mentions if m.country == "USA"] == []


def test_a_place_named_throughout_the_body_is_a_subject() -> None:
    title = "China's new course: what China wants"
    body = " ".join(
        f"Paragraph {n}: officials in Japan said China was on the agenda." for n in range(4)
    )
    text = f"{title}\n\n{body}"
    names = [name for name, _ in about(geoparse(text), title_end=len(title))]
    assert names[0] == "China"
    assert "Japan" in names
