"""The same page reached by different addresses gets one canonical address and one id."""

from __future__ import annotations

import pytest

from legation.sources.urls import canonical_url, is_tracking_param, url_document_id

_CANON = "https://example.org/analysis/sahel-juntas"


@pytest.mark.parametrize(
    "variant",
    [
        "https://example.org/analysis/sahel-juntas",
        "http://example.org/analysis/sahel-juntas",
        "https://example.org/analysis/sahel-juntas/",
        "https://www.example.org/analysis/sahel-juntas",
        "HTTPS://EXAMPLE.ORG/analysis/sahel-juntas",
        "https://example.org:443/analysis/sahel-juntas",
        "http://example.org:80/analysis/sahel-juntas",
        "https://example.org/analysis/sahel-juntas#section-2",
        "https://example.org/analysis/sahel-juntas?utm_source=twitter&utm_medium=social",
        "https://example.org/analysis/sahel-juntas?fbclid=IwAR0abc",
        "https://example.org/analysis/sahel-juntas?gclid=xyz&mc_cid=1&mc_eid=2",
        "https://example.org/analysis/sahel-juntas/amp",
        "https://example.org/analysis/sahel-juntas/amp/",
        "https://example.org/amp/analysis/sahel-juntas",
        "https://example.org/analysis/sahel-juntas?amp",
        "https://example.org/analysis/sahel-juntas?amp=1",
        "https://example.org/analysis/sahel-juntas?outputType=amp",
        "https://amp.example.org/analysis/sahel-juntas",
        "https://example.org/analysis/sahel-juntas.amp",
        "https://example.org/analysis/%73ahel-juntas",
        "  https://example.org/analysis/sahel-juntas  ",
    ],
)
def test_variants_fold_to_one_address(variant: str) -> None:
    assert canonical_url(variant) == _CANON
    assert url_document_id(variant) == url_document_id(_CANON)


def test_meaningful_query_is_kept_and_sorted() -> None:
    url = "https://example.org/search?q=nato&page=2&utm_campaign=x"
    assert canonical_url(url) == "https://example.org/search?page=2&q=nato"
    assert canonical_url("https://example.org/search?page=2&q=nato") == canonical_url(url)


def test_different_pages_stay_different() -> None:
    assert canonical_url("https://example.org/a?id=1") != canonical_url(
        "https://example.org/a?id=2"
    )
    assert canonical_url("https://example.org/a") != canonical_url("https://example.org/b")
    assert canonical_url("https://example.org:8443/a") == "https://example.org:8443/a"
    assert canonical_url("https://example.org/a.amp.html") == "https://example.org/a.html"
    # a word that merely contains "amp" is not an AMP marker
    assert canonical_url("https://example.org/camp/lamp") == "https://example.org/camp/lamp"


def test_root_and_escapes() -> None:
    assert canonical_url("http://Example.org") == "https://example.org/"
    assert canonical_url("https://example.org/") == "https://example.org/"
    # reserved characters stay escaped, in upper case
    assert canonical_url("https://example.org/a%2fb") == "https://example.org/a%2Fb"


def test_non_web_strings_come_back_trimmed() -> None:
    assert canonical_url(" /home/me/report.pdf ") == "/home/me/report.pdf"
    assert canonical_url("mailto:someone@example.org") == "mailto:someone@example.org"


def test_tracking_names() -> None:
    assert is_tracking_param("utm_content")
    assert is_tracking_param("FBCLID")
    assert not is_tracking_param("page")
    assert not is_tracking_param("id")
