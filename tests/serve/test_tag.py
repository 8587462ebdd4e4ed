"""`legation tag` on plain text and parsed files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from legation.serve.cli import main


@pytest.fixture(autouse=True)
def _no_test_only_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # LEGATION_SHARED locates test data; the settings loader rejects unknown LEGATION_* keys
    monkeypatch.delenv("LEGATION_SHARED", raising=False)


def test_tag_text_from_stdin_offsets_point_into_it() -> None:
    text = "Officials in Beijing met envoys from Türkiye in London, Ontario.\n"
    result = CliRunner().invoke(main, ["tag", "--json", "--text", "-"], input=text)
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)["documents"]
    mentions = doc["geography"]["mentions"]
    assert [(m["text"], m["country"]) for m in mentions] == [
        ("Beijing", "CHN"), ("Türkiye", "TUR"), ("London", "CAN"), ("Ontario", "CAN"),
    ]  # fmt: skip
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]


def test_tag_text_files_and_a_missing_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Sanctions on Iran were tightened.", encoding="utf-8")
    result = CliRunner().invoke(main, ["tag", "--json", "--text", str(f), str(tmp_path / "no")])
    assert result.exit_code == 0
    docs = json.loads(result.output)["documents"]
    assert docs[0]["geography"]["about"][0] == "Iran"
    assert "error" in docs[1]


def test_retag_reenriches_the_library(tmp_path: Path) -> None:
    from legation.model import Document, Provenance
    from legation.settings import load_settings
    from legation.store.sqlite import SQLiteStore

    data = tmp_path / "lib"
    settings = load_settings({"data": data})
    data.mkdir(parents=True)
    store = SQLiteStore(settings.db_path)
    doc = Document(
        id="d1", title="Sanctions on Iran",
        source=Provenance(format="text", sha256="0" * 64, read_at="2025-01-01T00:00:00Z"),
        body="Tehran answered the new sanctions with defiance.",
    )  # fmt: skip
    store.upsert(doc)
    store.close()
    result = CliRunner().invoke(main, ["--data", str(data), "retag"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["retagged"] == 1
    stored = SQLiteStore(settings.db_path).get_enrichment("d1")
    assert stored is not None and stored["geography"]["about"][0] == "Iran"
