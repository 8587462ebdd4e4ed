"""`legation sources ...` and `legation crawl` end to end, against a real local server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from legation.serve.cli import main
from legation.store.sqlite import SQLiteStore
from tests.conftest import REPO
from tests.sources import pages
from tests.sources.server import LocalServer, Reply
from tests.sources.tinyhtml import install


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as live:
        yield live


@pytest.fixture(autouse=True)
def html_parser() -> Iterator[None]:
    from legation.parse import registry

    install()
    yield
    registry.unregister_parser("tinyhtml")


def run(data: Path, *args: str) -> tuple[int, str, str]:
    # No politeness delay against our own test server (the default is 1 s per request).
    env = {"LEGATION_CRAWL_DELAY": "0"}
    result = CliRunner().invoke(main, ["--data", str(data), *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _site(server: LocalServer, n: int, delay: float = 0.0) -> list[str]:
    links = [server.url(f"/a/{i}") for i in range(n)]
    for i in range(n):
        server.routes[f"/a/{i}"] = Reply(body=pages.article(i), etag=f'"{i}"', delay=delay)
    server.routes["/feed.xml"] = Reply(body=pages.rss(links), content_type="application/rss+xml")
    server.routes["/"] = Reply(body=pages.home([("application/rss+xml", "/feed.xml")]))
    return links


def test_add_list_enable_disable_remove(server: LocalServer, tmp_path: Path) -> None:
    _site(server, 2)
    server.routes["/sm.xml"] = Reply(body=pages.sitemap([]), content_type="application/xml")
    data = tmp_path / "lib"
    code, out, err = run(data, "sources", "add", server.url("/"), "--json")
    assert code == 0
    added = json.loads(out)
    assert (added["kind"], added["url"], added["title"]) == (
        "feed",
        server.url("/feed.xml"),
        "Test RSS",
    )
    assert "feed of" in err
    assert run(data, "sources", "add", server.url("/sm.xml"), "--institution", "Inst")[0] == 0
    code, out, err = run(data, "sources", "add", server.url("/feed.xml"))
    assert "already followed as source 1" in err
    code, out, _ = run(data, "sources", "list", "--json")
    listed = [json.loads(line) for line in out.splitlines()]
    assert [(s["id"], s["kind"], s["enabled"]) for s in listed] == [
        (1, "feed", True),
        (2, "sitemap", True),
    ]
    assert listed[1]["institution"] == "Inst"
    assert run(data, "sources", "disable", "1")[0] == 0
    code, out, _ = run(data, "sources", "list")
    assert out.splitlines()[0].split("\t")[:3] == ["1", "0", "feed"]
    code, _, err = run(data, "sources", "enable", "1", "7")
    assert code == 1
    assert "no source with id 7" in err
    assert run(data, "sources", "remove", "2")[0] == 0
    assert len(run(data, "sources", "list", "--json")[1].splitlines()) == 1


def test_add_refuses_what_cannot_be_fetched(server: LocalServer, tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "lib", "sources", "add", server.url("/nothing"))
    assert code == 1
    assert err.strip().splitlines() == [
        f"Error: cannot add {server.url('/nothing')}: HTTP 404 from {server.url('/nothing')}"
    ]


def test_starter_installs_disabled_then_enables_some(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    assert run(data, "sources", "starter")[0] == 0
    rows = [json.loads(line) for line in run(data, "sources", "list", "--json")[1].splitlines()]
    assert len(rows) >= 20
    assert not any(r["enabled"] for r in rows)
    assert all(r["url"].startswith("https://") and r["institution"] for r in rows)
    run(data, "sources", "starter", "--enable", "--only", "UN News")
    rows = [json.loads(line) for line in run(data, "sources", "list", "--json")[1].splitlines()]
    assert [r["title"] for r in rows if r["enabled"]] == ["UN News"]
    assert len(rows) == len({r["url"] for r in rows})  # installing twice adds nothing


def test_crawl_command_summary(server: LocalServer, tmp_path: Path) -> None:
    links = _site(server, 4)
    data = tmp_path / "lib"
    run(data, "sources", "add", server.url("/feed.xml"))
    code, out, err = run(data, "crawl", "--delay", "0", "--no-enrich", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["crawl"]["fetched"] == 4
    assert summary["ingest"]["added"] == 4
    assert "crawled 1 sources" in err
    assert "4 added" in err
    code, out, _ = run(data, "crawl", "--delay", "0", "--no-enrich", "--json")
    assert json.loads(out)["crawl"]["fetched"] == 0
    assert [server.count(f"/a/{i}") for i in range(4)] == [1] * 4
    found = json.loads(run(data, "search", "topic 2", "--json")[1])
    assert found["total"] >= 1
    assert found["results"][0]["title"] == "Article 2"
    assert {r["title"] for r in found["results"]} <= {f"Article {i}" for i in range(len(links))}


def test_killed_crawl_resumes_without_refetch_or_loss(server: LocalServer, tmp_path: Path) -> None:
    n = 12
    links = _site(server, n)
    data = tmp_path / "lib"
    run(data, "sources", "add", server.url("/feed.xml"))
    bootstrap = (
        "from tests.sources.tinyhtml import install; install(); "
        "from legation.serve.cli import main; main()"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            bootstrap,
            "--data",
            str(data),
            "crawl",
            "--delay",
            "0.15",
            "--no-enrich",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while sum(server.count(f"/a/{i}") for i in range(n)) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    served_before = [server.count(f"/a/{i}") for i in range(n)]
    assert 5 <= sum(served_before) < n  # killed mid-crawl
    assert run(data, "crawl", "--delay", "0", "--no-enrich")[0] == 0
    served = [server.count(f"/a/{i}") for i in range(n)]
    assert min(served) == 1  # nothing lost
    # At most the fetches in flight at the kill (two per host) are made again.
    assert sum(served) - n <= 2
    store = SQLiteStore(data / "library.sqlite3")
    try:
        assert store.count() == n  # every item a document, none twice
        assert sorted(d.url or "" for d in store.iter_documents()) == sorted(links)
        statuses = store._reader.execute(
            "SELECT status, count(*) FROM crawl_queue WHERE role = 'item' GROUP BY status"
        ).fetchall()
        assert statuses == [("done", n)]
    finally:
        store.close()
