"""The web pages on a real HTTP server bound to 127.0.0.1, and in headless Chromium."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from legation.pipeline import IngestOptions, Library, ingest
from legation.serve.web.app import create_app
from legation.settings import Settings
from legation.sources.base import RawInput
from tests.conftest import shared_path

HOSTILE = "Summit <script>alert('x')</script> communiqué\n\nEurope\n\n" + "\n\n".join(
    f"Paragraph {n} says <b>bold</b> & more about the summit communiqué and its "
    "commitments on defence spending."
    for n in range(3)
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("web") / "legation-data"
    settings = Settings(data=data)
    seeds = shared_path("seeds")
    inputs = [
        RawInput(data=p.read_bytes(), name=p.name, path=str(p)) for p in sorted(seeds.glob("0*"))
    ]
    inputs.append(RawInput(data=HOSTILE.encode(), name="hostile.txt", path="/tmp/hostile.txt"))
    # A syndicated copy of the first article under another name: one work, two sources.
    inputs.append(RawInput(data=inputs[0].data, name="copy.txt", path="/elsewhere/copy.txt"))
    with Library.open(settings) as library:
        ingest(inputs, library, IngestOptions(enrich=False))
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


def test_search_page_in_the_shape_of_a_results_listing(server: str) -> None:
    page = httpx.get(f"{server}/", params={"q": "NATO", "per_page": 2}).text
    assert "Number of results to display per page" in page
    assert '<ol class="hits" start="1">' in page
    assert page.count('<li class="hit">') == 2
    assert "Publication Date" in page
    assert "Political Geography" in page
    assert "<b>NATO</b>" in page  # highlighted snippet
    assert 'href="/?q=NATO&amp;per_page=2&amp;sort=relevance&amp;page=2"' in page
    assert "http://" not in page.replace(server, "")  # no external assets


def test_facet_links_filter(server: str) -> None:
    page = httpx.get(f"{server}/", params={"q": "", "facet": "content_type=Journal Article"}).text
    assert "Results 1–6 of <strong>6</strong>" in page


def test_document_page_and_escaping(server: str) -> None:
    api = httpx.get(f"{server}/api/search", params={"q": "communiqué"}).json()
    doc_id = api["results"][0]["id"]
    page = httpx.get(f"{server}/doc/{doc_id}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page
    assert httpx.get(f"{server}/doc/nope").status_code == 404


def test_document_page_shows_related_teasers(server: str) -> None:
    api = httpx.get(f"{server}/api/search", params={"q": "title:foray"}).json()
    page = httpx.get(f"{server}/doc/{api['results'][0]['id']}").text
    assert "Related" in page
    assert "Are we on the precipice of World War III?" in page


def test_bad_query_parameters_are_400(server: str) -> None:
    response = httpx.get(f"{server}/api/search", params={"facet": "nonsense"})
    assert response.status_code == 400
    assert "NAME=VALUE" in response.json()["detail"]


def test_renders_in_chromium(server: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    shot = tmp_path / "search.png"
    dom = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            f"{server}/?q=Arctic",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "Arctic" in dom
    assert 'class="hit"' in dom
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile2'}",
            f"--screenshot={shot}",
            "--window-size=1200,900",
            f"{server}/?q=Arctic",
        ],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert shot.stat().st_size > 10_000


def test_document_page_links_the_same_work_elsewhere(server: str) -> None:
    api = httpx.get(f"{server}/api/search", params={"q": "title:foray"}).json()
    assert api["total"] == 2
    page = httpx.get(f"{server}/doc/{api['results'][0]['id']}").text
    assert "The same work elsewhere" in page
    assert f"/doc/{api['results'][1]['id']}" in page


def test_scheduled_crawl_runs_beside_the_pages_and_stops_with_them(tmp_path: Path) -> None:
    app = create_app(Settings(data=tmp_path / "lib"), crawl_every=3600)
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert httpx.get(f"http://127.0.0.1:{port}/api/search").json()["total"] == 0
    assert any(t.name == "legation-crawl" for t in threading.enumerate())
    uv.should_exit = True
    thread.join(timeout=30)
    assert not any(t.name == "legation-crawl" for t in threading.enumerate())


def test_people_get_error_pages_and_programs_get_json(server: str) -> None:
    page = httpx.get(f"{server}/", params={"facet": "colour=red"})
    assert page.status_code == 400
    assert "That search could not be run" in page.text
    assert "unknown facet" in page.text
    missing = httpx.get(f"{server}/doc/nope")
    assert missing.status_code == 404
    assert "Back to the search page" in missing.text
    assert httpx.get(f"{server}/api/documents/nope").json() == {"detail": "no document nope"}


def test_search_results_export_for_zotero(server: str) -> None:
    page = httpx.get(f"{server}/", params={"q": "NATO"}).text
    assert "/api/export?q=NATO" in page
    ris = httpx.get(f"{server}/api/export", params={"q": "NATO", "format": "ris"})
    assert ris.status_code == 200
    assert "attachment" in ris.headers["content-disposition"]
    assert (
        ris.text.count("ER  -")
        == httpx.get(f"{server}/api/search", params={"q": "NATO"}).json()["total"]
    )
    bib = httpx.get(f"{server}/api/export", params={"q": "Arctic", "format": "bibtex"}).text
    assert "@article{" in bib


def test_the_original_input_can_be_downloaded(server: str) -> None:
    api = httpx.get(f"{server}/api/search", params={"q": "communiqué"}).json()
    doc_id = api["results"][0]["id"]
    raw = httpx.get(f"{server}/api/documents/{doc_id}/raw")
    assert raw.status_code == 200
    assert raw.content == HOSTILE.encode()
    assert 'filename="hostile.txt"' in raw.headers["content-disposition"]
    assert f"/api/documents/{doc_id}/raw" in httpx.get(f"{server}/doc/{doc_id}").text
