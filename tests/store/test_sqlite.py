from __future__ import annotations

import sqlite3
from pathlib import Path

from legation.model import Document, PartialDate, Provenance, document_id
from legation.store.base import Outcome
from legation.store.sqlite import SQLiteStore


def _doc(body: str = "Body text.", read_at: str = "2026-01-01T00:00:00+00:00") -> Document:
    return Document(
        id=document_id("k"),
        title="Title",
        body=body,
        published=PartialDate(year=2024, month=5),
        source=Provenance(format="pagetext", sha256="a" * 64, read_at=read_at),
    )


def test_upsert_added_unchanged_updated(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "lib.sqlite3")
    assert store.upsert(_doc()) is Outcome.ADDED
    # Reading the same input again later changes nothing.
    assert store.upsert(_doc(read_at="2026-02-02T00:00:00+00:00")) is Outcome.UNCHANGED
    assert store.upsert(_doc(body="New body.")) is Outcome.UPDATED
    stored = store.get(document_id("k"))
    assert stored is not None
    assert stored.body == "New body."
    assert store.count() == 1
    store.close()


def test_raw_bytes_are_kept_content_addressed(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "lib.sqlite3")
    store.put_raw("f" * 64, b"raw bytes")
    store.put_raw("f" * 64, b"raw bytes")
    assert store.get_raw("f" * 64) == b"raw bytes"
    assert store.stats()["raw_inputs"] == 1
    store.close()


def test_wal_and_migrations(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    SQLiteStore(path).close()
    store = SQLiteStore(path)  # reopening applies nothing twice
    assert store.schema_version() >= 1
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(
        set(conn.execute("SELECT version FROM schema_version").fetchall())
    )
    conn.close()


def test_failures_are_recorded_and_cleared(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "lib.sqlite3")
    store.record_failure("/in/a.txt", "empty input")
    store.record_failure("/in/a.txt", "binary content, not text")
    assert [(f.locator, f.reason) for f in store.failures()] == [
        ("/in/a.txt", "binary content, not text")
    ]
    store.clear_failure("/in/a.txt")
    assert store.failures() == []
    store.close()


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "lib.sqlite3")
    try:
        with store.transaction():
            store.upsert(_doc())
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert store.count() == 0
    store.close()
