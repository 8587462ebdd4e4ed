"""Canonical people and organisations with roles and affiliations."""

from __future__ import annotations

from legation.enrich.entities import find_entities


def test_surname_merges_into_full_name_with_role_and_affiliation() -> None:
    text = (
        "Chinese Foreign Ministry spokesperson Wang Wenbin spoke first. "
        "Professor Michito Tsuruoka of Keio University disagreed. Tsuruoka said so twice."
    )
    people = find_entities(text)
    wang = people.people["Wang Wenbin"]
    assert wang.affiliation == "Chinese Foreign Ministry" and wang.role == "spokesperson"
    tsuruoka = people.people["Michito Tsuruoka"]
    assert tsuruoka.affiliation == "Keio University" and tsuruoka.role == "Professor"
    assert tsuruoka.mentions == 2
    assert people.resolve("Tsuruoka") == "Michito Tsuruoka"


def test_registry_organisations_by_alias() -> None:
    people = find_entities("The SCO and ASEAN met; the Shanghai Cooperation Organisation grew.")
    assert people.orgs["Shanghai Cooperation Organisation"].mentions == 2
    assert "ASEAN" in people.orgs
