"""Topic assignment from cue terms."""

from __future__ import annotations

from legation.enrich.topics import _weights, assign_topics, cue_keys, map_given


def test_multi_label_topics_with_scores() -> None:
    text = (
        "Sanctions and the nuclear deal\n\nWashington imposed new sanctions on Tehran over "
        "its nuclear program and uranium enrichment, while diplomats pursued negotiations "
        "on the JCPOA and an embargo on arms."
    )
    topics = assign_topics(text, title_end=30)
    names = [t.name for t in topics]
    assert "Sanctions" in names and "JCPOA" in names and "Nuclear Proliferation" in names
    assert all(t.score > 0 for t in topics)
    assert topics == sorted(topics, key=lambda t: -t.score)


def test_acronym_cues_are_case_sensitive() -> None:
    assert "NATO" in {t.name for t in assign_topics("NATO allies met at the NATO summit.")}
    assert "United Nations" not in {t.name for t in assign_topics("un peu de tout")}


def test_given_topics_are_kept_and_mapped() -> None:
    assert map_given(("diplomacy", "Blue Water Navy Studies")) == [
        "Diplomacy",
        "Blue Water Navy Studies",
    ]
    names = [t.name for t in assign_topics("Nothing here.", given=("human rights",))]
    assert names == ["Human Rights"]


def test_words_inside_a_longer_cue_are_not_matched_again() -> None:
    names = {t.name for t in assign_topics("Cold War alliances\n\nThe Cold War era.", title_end=18)}
    assert "Cold War" in names
    assert "War" not in names and "Conflict" not in names


def test_multi_word_wildcard_cues_match() -> None:
    text = "Both states expanded their nuclear weapons and signed joint statements."
    assert "nuclear weapon" in cue_keys(text)
    assert "joint statement" in cue_keys(text)


def test_common_cues_weigh_less_than_specific_ones() -> None:
    weights = _weights()
    assert weights["security"] < 0.6 < weights["sanction"]
    assert weights["united nations"] < weights["JCPOA"] == 1.0


def test_one_common_word_does_not_make_a_broad_topic() -> None:
    text = (
        "Ports and fishing\n\nThe ministers discussed fishing quotas, port fees and "
        "the security of the harbour, with new rules on catches, licences and inspections "
        "for the coming season and the summer after it."
    )
    assert "Security" not in {t.name for t in assign_topics(text, title_end=17)}


def test_a_parent_is_implied_by_two_children_not_one() -> None:
    one = "The JCPOA and the snapback mechanism were debated at length by the parties."
    assert "Arms Control" not in {t.name for t in assign_topics(one)}
    two = (
        "Uranium enrichment under the JCPOA and the NPT review were debated, together "
        "with the arms race and a new military buildup in the region."
    )
    names = {t.name for t in assign_topics(two)}
    assert {"Nuclear Proliferation", "Arms Race"} <= names
    assert "Arms Control" in names


def test_short_texts_get_few_topics() -> None:
    title = "NATO, the EU, the UN, ASEAN and the African Union at the G20 and BRICS summits"
    assert len(assign_topics(title, title_end=len(title))) <= 4
