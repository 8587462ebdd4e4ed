"""Paths and URLs on one command line, fetched from a real server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from legation.serve.cli import main
from legation.sources.locations import LocationSource, is_url
from tests.sources.server import LocalServer, Reply


def test_is_url() -> None:
    assert is_url("https://example.org/a")
    assert not is_url("notes/report.pdf")
    assert not is_url("C:/report.pdf")


PAGE = """<!doctype html><html lang="en"><head><title>Grain talks resume | Test Review</title>
<meta property="og:site_name" content="Test Review">
<meta name="author" content="Amina Diallo">
<meta property="article:published_time" content="2024-05-02T09:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Grain talks resume</h1>
<p>Diplomats from three countries met in Istanbul on Thursday to restart talks on the grain
corridor, officials said, after weeks of disagreement over inspections of ships.</p>
<p>The talks will continue next week, and a draft text could be ready by the end of the month,
according to two people familiar with the negotiations.</p></article></body></html>"""


def _settings_args(data: Path) -> list[str]:
    return ["--data", str(data)]


def test_parse_and_ingest_take_urls_and_paths_in_order(tmp_path: Path) -> None:
    local = tmp_path / "local.txt"
    local.write_text(
        "A local page title\n\nEurope\n\n"
        "Paragraph one of a local article that is long enough to count as prose.\n"
    )
    with LocalServer() as server:
        server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private\n",
                                             content_type="text/plain")  # fmt: skip
        server.routes["/grain-talks"] = Reply(body=PAGE.encode())
        server.routes["/private/x"] = Reply(body=PAGE.encode())
        args = [server.url("/grain-talks"), str(local), server.url("/private/x")]
        env = {"LEGATION_CRAWL_DELAY": "0"}
        result = CliRunner(env=env).invoke(main, [*_settings_args(tmp_path / "d"), "parse", *args])
        assert result.exit_code == 0, result.output
        docs = json.loads(result.stdout)["documents"]
        assert docs[0]["title"] == "Grain talks resume"
        assert docs[0]["authors"] == ["Amina Diallo"]
        assert docs[0]["published"] == "2024-05-02"
        assert docs[0]["url"] == server.url("/grain-talks")
        assert docs[1]["title"] == "A local page title"
        assert docs[2]["source"] == server.url("/private/x")
        assert "robots.txt" in docs[2]["error"]
        result = CliRunner(env=env).invoke(
            main, [*_settings_args(tmp_path / "lib"), "ingest", "--json", "--no-enrich", *args]
        )
        report = json.loads(result.stdout)
        assert (report["added"], report["failed"]) == (2, 1)
        assert server.count("/private/x") == 0  # robots.txt was obeyed


def test_a_failed_fetch_is_a_skipped_input(tmp_path: Path) -> None:
    from legation.settings import Settings

    with LocalServer() as server:
        server.routes["/gone"] = Reply(status=404, body=b"no")
        items = list(LocationSource([server.url("/gone")], Settings(data=tmp_path, crawl_delay=0)))
    assert len(items) == 1
    assert getattr(items[0], "failed", False)
