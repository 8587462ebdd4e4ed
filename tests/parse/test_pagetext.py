"""Page-text dumps: the two seed pages exactly, and variations of the shape written here."""

from __future__ import annotations

import codecs

import pytest

from legation.model import Document
from legation.parse.pagetext import PageTextParser
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput
from tests.conftest import shared_path

CHROME = (
    "Follow us on social",
    "google cta",
    "keep reading",
    "Show less",
    "Subscribe now",
    "LATEST",
    "Want more of our stories",
)


def _seed(prefix: str) -> Document:
    folder = shared_path("seeds")
    path = next(folder.glob(f"{prefix}_*.txt"))
    docs = parse_raw(RawInput(data=path.read_bytes(), name=path.name, path=str(path)))
    assert len(docs) == 1
    return docs[0]


def _assert_no_chrome(doc: Document) -> None:
    texts = [doc.body] + [r.teaser or "" for r in doc.related]
    for text in texts:
        for chrome in CHROME:
            assert chrome not in text
        assert "Shutterstock_" not in text
        assert "50271364253_" not in text


def test_seed_000() -> None:
    doc = _seed("000")
    assert doc.title == "NATO foray into Asia risks driving China and Russia closer together"
    assert doc.subtitle == (
        "A new Tokyo bureau will be the first of its kind, further cementing the alliance’s "
        "shift toward the region."
    )
    assert doc.section == "Asia-Pacific"
    assert doc.body.startswith("NATO plans to open a liaison office in Japan")
    assert doc.body.endswith("interest of the United States or Europe to encourage.”")
    assert doc.image_credits == ("Shutterstock/ Andy.LIU",)
    assert [(r.title, r.section) for r in doc.related] == [
        ("Israel’s push for Somaliland base raises fears of wider war", "QiOSK"),
        ("Most Iranian Americans want diplomacy with Iran: poll", "QiOSK"),
        ("Are we on the precipice of World War III?", "Global Crises"),
    ]
    for ref in doc.related:
        assert ref.truncated
        assert ref.teaser
    assert doc.related[0].teaser.startswith("Bloomberg reported Wednesday")  # type: ignore[union-attr]
    assert doc.related[1].teaser.startswith("Recent data released")  # type: ignore[union-attr]
    assert doc.related[2].teaser.startswith("Shortly after U.S. and Israeli")  # type: ignore[union-attr]
    _assert_no_chrome(doc)


def test_seed_001() -> None:
    doc = _seed("001")
    assert doc.title == "The Indo-Pacific is no place for NATO"
    assert doc.content_type == "Analysis"
    assert doc.section == "Asia-Pacific"
    assert doc.body.startswith("A growing chorus of voices")
    assert doc.body.endswith("Article 5-level commitment.")
    assert "PACIFIC OCEAN" not in doc.body
    assert len(doc.image_credits) == 1
    assert doc.image_credits[0].startswith("PACIFIC OCEAN (Aug. 20, 2020)")
    assert [(r.title, r.section) for r in doc.related] == [
        ("Bombers astray! Washington's priorities go off course", "Military Industrial Complex"),
        ("Blob exploiting Trump's anger with Putin, risking return to Biden's war", "Europe"),
        ("Lifting sanctions on Syria exposes their cruel intent", "Middle East"),
    ]
    assert all(r.truncated for r in doc.related)
    _assert_no_chrome(doc)


# -- variations of the shape, written for these tests ---------------------------------

PARA = (
    "The ministers of {n} countries met on Tuesday to discuss a framework for maritime "
    "security cooperation, officials said after the talks ended late in the evening."
)


def _teaser(title: str, section: str, credit: bool = True) -> str:
    lines = [f"{title} image alt"]
    if credit:
        lines.append("Top image credit: Example Agency / Photographer Name")
    return (
        "\n".join(lines)
        + f"\n\n{title}\n\n{section}\n\n{PARA.format(n='several')}\n\n"
        + "Second teaser paragraph about the same subject, cut short by the page.\n\n"
        + "keep readingShow less\n"
    )


def _page(
    *,
    title: str = "Ministers agree on a maritime security framework",
    subtitle: str | None = "A short standfirst that explains what the article argues about.",
    label: str = "Europe",
    teasers: int = 3,
    body_paragraphs: int = 4,
) -> str:
    parts = ["Follow us on social", "", "google cta", "IMG_20240101_123456", "", title, ""]
    if subtitle:
        parts += [subtitle, ""]
    parts += [label, "google cta", ""]
    parts += [PARA.format(n=k + 2) + "\n" for k in range(body_paragraphs)]
    parts += ["", "(Example Agency/ Photographer Name)", "google cta", label]
    sections = ["Diplomacy", "Security", "Economy", "Climate Policy", "Trade"]
    teaser_text = "".join(
        _teaser(f"Teaser headline number {k + 1} about talks", sections[k % 5])
        for k in range(teasers)
    )
    parts += [teaser_text, "google cta", "LATEST", "", "Newsletter", ""]
    parts += ["Subscribe now to our weekly round-up of the best analysis and reporting."]
    return "\n".join(parts)


def _parse_text(text: str, encoding: str = "utf-8", bom: bytes = b"") -> Document:
    raw = RawInput(data=bom + text.encode(encoding), name="page.txt", path="/tmp/page.txt")
    docs = parse_raw(raw)
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize("teasers", [0, 1, 2, 5])
def test_any_number_of_teasers(teasers: int) -> None:
    doc = _parse_text(_page(teasers=teasers))
    assert len(doc.related) == teasers
    assert [r.title for r in doc.related] == [
        f"Teaser headline number {k + 1} about talks" for k in range(teasers)
    ]
    assert all(r.truncated and r.image_credit for r in doc.related)
    assert doc.body.count("The ministers of") == 4
    assert doc.image_credits == ("Example Agency/ Photographer Name",)
    _assert_no_chrome(doc)


def test_other_sections_and_type_label() -> None:
    doc = _parse_text(_page(label="Opinion | Middle East"))
    assert doc.content_type == "Opinion"
    assert doc.section == "Middle East"
    assert [r.section for r in doc.related] == ["Diplomacy", "Security", "Economy"]


def test_missing_subtitle() -> None:
    doc = _parse_text(_page(subtitle=None))
    assert doc.title == "Ministers agree on a maritime security framework"
    assert doc.subtitle is None
    assert doc.section == "Europe"
    assert doc.body.startswith("The ministers of 2 countries")


def test_crlf_and_bom() -> None:
    text = _page().replace("\n", "\r\n")
    doc = _parse_text(text, bom=codecs.BOM_UTF8)
    assert doc.title == "Ministers agree on a maritime security framework"
    assert len(doc.related) == 3
    assert "\r" not in doc.body


def test_cp1252_text() -> None:
    doc = _parse_text(_page(title="Café diplomacy: ministers’ talks in Genève"), encoding="cp1252")
    assert doc.title == "Café diplomacy: ministers’ talks in Genève"


def test_page_without_article_is_refused() -> None:
    raw = RawInput(data=b"Follow us on social\n\ngoogle cta\n\nMenu\n", name="x.txt")
    assert PageTextParser().match(raw, raw.data.decode()) == 0.0
