"""The `legation` command end to end on a real library folder (SQLite + tantivy)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from legation.serve.cli import main
from tests.conftest import shared_path

ARTICLE = (
    "Talks on the Black Sea grain corridor resume\n\nEurope\n\n"
    + "\n\n".join(
        f"Paragraph {n}: diplomats from several countries met in Istanbul to discuss the "
        "corridor and its inspection regime, officials said."
        for n in range(4)
    )
    + "\n"
)


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("Black", "Red").encode())
    (folder / "cp1252.txt").write_bytes(ARTICLE.replace("Black Sea", "Café").encode("cp1252"))
    (folder / "nav.txt").write_text("Home\nMenu\nSearch\nFollow us on social\n")
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return folder


def test_parse_prints_documents_and_errors_in_place(tmp_path: Path, inputs: Path) -> None:
    code, out = run(
        tmp_path / "unused", "parse", str(inputs / "good.txt"), str(inputs / "empty.txt")
    )
    assert code == 0
    docs = json.loads(out)["documents"]
    assert docs[0]["title"] == "Talks on the Black Sea grain corridor resume"
    assert docs[0]["section"] == "Europe"
    assert docs[1] == {"source": str((inputs / "empty.txt").resolve()), "error": "empty input"}
    assert not (tmp_path / "unused").exists()  # parse stores nothing


def test_ingest_handles_bad_input_and_keeps_stored_documents(data_dir: Path, inputs: Path) -> None:
    code, out = run(data_dir, "ingest", "--json", str(inputs))
    assert code == 0
    report = json.loads(out)
    assert report["added"] == 3  # good, bom, cp1252
    failed = {Path(f["source"]).name: f["error"] for f in report["failures"]}
    assert set(failed) == {"empty.txt", "binary.txt", "nav.txt", "huge.txt"}
    assert "too large" in failed["huge.txt"]
    assert all("\n" not in reason for reason in failed.values())
    # Again: nothing changes, and the failures stay recorded once each.
    code, out = run(data_dir, "ingest", "--json", str(inputs))
    assert json.loads(out)["unchanged"] == 3
    code, out = run(data_dir, "stats", "--json")
    stats = json.loads(out)
    assert stats["documents"] == 3
    assert stats["indexed"] == 3
    assert stats["failures"] == 4


def test_changed_input_updates_its_document(data_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    run(data_dir, "ingest", str(page))
    page.write_text(ARTICLE.replace("Paragraph 3", "Paragraph three"))
    _code, out = run(data_dir, "ingest", "--json", str(page))
    assert json.loads(out)["updated"] == 1
    _code, out = run(data_dir, "search", "--json", "three")
    assert json.loads(out)["total"] == 1


def test_search_show_reindex_on_seeds(data_dir: Path) -> None:
    seeds = shared_path("seeds")
    code, _ = run(data_dir, "ingest", "--no-enrich", str(seeds))
    assert code == 0
    code, out = run(data_dir, "search", "--json", "--per-page", "3", "NATO")
    data = json.loads(out)
    assert data["total"] >= 3
    assert len(data["results"]) == 3
    first = data["results"][0]
    assert {"id", "title", "authors", "published", "content_type", "institution", "snippet"} <= set(
        first
    )
    assert {"content_type", "institution", "topic", "geography", "year"} <= set(data["facets"])
    code, out = run(data_dir, "search", "--json", "--facet", "geography=Arctic", "NATO")
    arctic = json.loads(out)
    assert arctic["total"] >= 1
    assert all("Arctic" in r["geography"] for r in arctic["results"])
    code, out = run(data_dir, "show", "--json", first["id"])
    assert json.loads(out)["title"] == first["title"]
    shutil.rmtree(data_dir / "index")
    code, _ = run(data_dir, "reindex")
    assert code == 0
    code, out = run(data_dir, "search", "--json", "NATO")
    assert json.loads(out)["total"] == data["total"]


def test_usage_errors_are_one_line(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(data_dir), "search", "--facet", "oops", "x"])
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.output
    result = CliRunner().invoke(main, ["--data", str(data_dir), "show", "nope"])
    assert result.exit_code == 1
    assert "no document with id 'nope'" in result.output


def test_console_script_help() -> None:
    exe = Path(sys.executable).parent / "legation"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("ingest", "parse", "search", "serve", "show", "stats", "reindex"):
        assert command in out


def test_an_unusable_library_folder_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["--data", str(blocker / "lib"), "stats"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_remove_takes_a_document_out_of_store_and_index(data_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    run(data_dir, "ingest", "--no-enrich", str(page))
    _code, out = run(data_dir, "search", "--json", "corridor")
    doc_id = json.loads(out)["results"][0]["id"]
    result = CliRunner().invoke(main, ["--data", str(data_dir), "remove", doc_id, "nope"])
    assert result.exit_code == 1
    assert "no document with id nope" in result.output
    _code, out = run(data_dir, "search", "--json", "corridor")
    assert json.loads(out)["total"] == 0
    _code, out = run(data_dir, "stats", "--json")
    assert json.loads(out)["documents"] == 0
    # The raw input was kept: the same input brings the document back.
    _code, out = run(data_dir, "ingest", "--json", "--no-enrich", str(page))
    assert json.loads(out)["added"] == 1
