"""Topic assignment from cue terms."""

from __future__ import annotations

from legation.enrich.topics import assign_topics, map_given


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
