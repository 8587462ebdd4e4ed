"""The vocabularies load, validate, and hold what analysts need."""

from __future__ import annotations

import pycountry
import pytest

from legation.vocab import loader
from legation.vocab.loader import VocabError


def test_every_current_country_is_there_with_names_and_demonyms() -> None:
    countries = loader.countries()
    for pc in pycountry.countries:
        assert pc.alpha_3 in countries
    assert countries["TUR"].name == "Turkey" and "Türkiye" in countries["TUR"].aliases
    assert "Burma" in countries["MMR"].aliases
    assert "DPRK" in countries["PRK"].aliases
    assert "Chinese" in countries["CHN"].demonyms
    assert countries["CHN"].capital == "Beijing"
    assert "Kremlin" in countries["RUS"].seats
    assert countries["SUN"].historical and countries["YUG"].name == "Yugoslavia"


def test_regions_in_catalogue_style_and_implied_regions() -> None:
    regions = loader.regions()
    for name in ("Asia", "South Asia", "East Asia", "Southeast Asia", "Central Asia",
                 "Middle East", "North Africa", "Sub-Saharan Africa", "Europe",
                 "Eastern Europe", "Western Europe", "Arctic", "Latin America", "Caribbean",
                 "North America", "Oceania", "Indo-Pacific"):  # fmt: skip
        assert name in regions
    assert "CHN" in regions["Asia"].implied_by
    assert "IRN" in regions["Middle East"].implied_by
    assert "IND" in regions["South Asia"].implied_by


def test_topics_and_organisations() -> None:
    topics = loader.topics()
    assert len(topics) >= 150
    names = {t.name for t in topics}
    for needed in ("Diplomacy", "Alliances", "NATO", "Arms Control", "Nuclear Weapons",
                   "Sanctions", "International Trade", "Energy", "Human Rights", "Terrorism",
                   "Cybersecurity", "Migration", "Climate Change"):  # fmt: skip
        assert needed in names
    assert all(t.cues and t.description for t in topics)
    orgs = {o.name: o for o in loader.organisations()}
    for needed in ("NATO", "Quad", "ASEAN", "Shanghai Cooperation Organisation", "BRICS",
                   "European Union", "African Union", "G7", "United Nations",
                   "Quincy Institute"):  # fmt: skip
        assert needed in orgs
    assert "SCO" in orgs["Shanghai Cooperation Organisation"].aliases


def _with_yaml(monkeypatch: pytest.MonkeyPatch, name: str, data: object) -> None:
    real = loader._read
    monkeypatch.setattr(loader, "_read", lambda n: data if n == name else real(n))
    for fn in (loader.countries, loader.regions, loader.organisations, loader.topics):
        fn.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches():  # type: ignore[no-untyped-def]
    yield
    for fn in (loader.countries, loader.regions, loader.organisations, loader.topics):
        fn.cache_clear()


def test_bad_topic_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_yaml(monkeypatch, "topics.yaml", {"topics": [
        {"name": "A", "description": "d", "broader": "Missing", "cues": ["a"]}]})  # fmt: skip
    with pytest.raises(VocabError, match="broader topics not defined"):
        loader.topics()
    _with_yaml(monkeypatch, "topics.yaml", {"topics": [{"name": "A", "description": "d"}]})
    with pytest.raises(VocabError, match="no cue terms"):
        loader.topics()


def test_bad_region_and_country_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_yaml(monkeypatch, "regions.yaml", {"regions": {"X": {"members": ["ZZZ"]}}})
    with pytest.raises(VocabError, match="unknown country code ZZZ"):
        loader.regions()
    _with_yaml(monkeypatch, "countries.yaml", {"countries": {"FRA": {"nmae": "France"}}})
    with pytest.raises(VocabError, match="unknown keys"):
        loader.countries()


def test_cue_frequencies_cover_the_topic_cues() -> None:
    from legation.enrich.topics import all_cue_keys

    freq = loader.cue_frequencies()
    assert freq.passages > 100_000
    assert set(all_cue_keys()) <= set(freq.df)  # regenerate with bench/topic_cue_df.py
    assert freq.df["security"] > freq.df["sanction"] > freq.df["JCPOA"]


def test_bad_cue_frequencies_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = loader._read_text
    bad = "passages\t10\nwar\tmany\n"
    monkeypatch.setattr(loader, "_read_text", lambda n: bad if n == "cue_df.tsv" else real(n))
    loader.cue_frequencies.cache_clear()
    with pytest.raises(VocabError, match=r"cue_df\.tsv"):
        loader.cue_frequencies()
    loader.cue_frequencies.cache_clear()


def test_personal_titles_are_plain_words() -> None:
    titles = loader.personal_titles()
    assert {"Mr", "Professor", "General", "Sheikh"} <= titles
    assert not any(t.endswith(".") for t in titles)
