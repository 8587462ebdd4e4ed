"""The embedded store: SQLite in WAL mode, with numbered SQL migrations.

As in datasette, reads may come from any thread on their own connection while all
writes go through one writer connection guarded by a lock.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from legation.errors import StoreError
from legation.model import Document
from legation.store.base import Failure, Outcome

__all__ = ["SQLiteStore", "fingerprint"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fingerprint(doc_json: dict[str, Any]) -> str:
    """Hash of a document's content, ignoring when it was read."""
    content = dict(doc_json)
    content["source"] = {k: v for k, v in doc_json["source"].items() if k != "read_at"}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("legation.store") / "migrations"
    found = [
        (int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found)


class SQLiteStore:
    """The library of record in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._batching = False
        self._writer = self._connect()
        self._migrate()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open library at {self.path}: {exc}") from exc
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @property
    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _migrate(self) -> None:
        with self._lock:
            conn = self._writer
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            current = row[0] or 0
            for version, sql in _migrations():
                if version > current:
                    conn.executescript(f"BEGIN;\n{sql}\nCOMMIT;")
                    conn.execute("INSERT INTO schema_version VALUES (?)", (version,))
                    conn.commit()

    def schema_version(self) -> int:
        row = self._reader.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    # -- writes ---------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """Group many writes into one commit (ingest batches)."""
        return _Transaction(self)

    def execute_write(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """One write statement through the single writer (for other stages' tables)."""
        with self._lock:
            cur = self._writer.execute(sql, params)
            if not self._batching:
                self._writer.commit()
            return cur

    def put_raw(self, sha256: str, data: bytes) -> None:
        self.execute_write(
            "INSERT OR IGNORE INTO raw_inputs (sha256, size, data) VALUES (?, ?, ?)",
            (sha256, len(data), zlib.compress(data, 6)),
        )

    def upsert(self, doc: Document, enrichment: dict[str, Any] | None = None) -> Outcome:
        doc_json = doc.to_json()
        fp = fingerprint(doc_json)
        row = self._writer.execute(
            "SELECT fingerprint FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        if row is not None and row[0] == fp:
            if enrichment is not None:
                self.set_enrichment(doc.id, enrichment)
            return Outcome.UNCHANGED
        now = _now()
        params = (
            doc.id,
            doc.title,
            doc.content_type,
            doc.published.isoformat() if doc.published else None,
            doc.source.sha256,
            fp,
            json.dumps(doc_json, ensure_ascii=False),
            json.dumps(enrichment, ensure_ascii=False) if enrichment is not None else None,
            now,
            now,
        )
        self.execute_write(
            """INSERT INTO documents (id, title, content_type, published, source_sha,
                   fingerprint, json, enrichment, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET title=excluded.title,
                   content_type=excluded.content_type, published=excluded.published,
                   source_sha=excluded.source_sha, fingerprint=excluded.fingerprint,
                   json=excluded.json,
                   enrichment=coalesce(excluded.enrichment, documents.enrichment),
                   updated_at=excluded.updated_at""",
            params,
        )
        return Outcome.ADDED if row is None else Outcome.UPDATED

    def delete(self, doc_id: str) -> bool:
        """Remove a document (its raw input stays, so it can be ingested again)."""
        return self.execute_write("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    def set_enrichment(self, doc_id: str, enrichment: dict[str, Any]) -> None:
        self.execute_write(
            "UPDATE documents SET enrichment = ? WHERE id = ?",
            (json.dumps(enrichment, ensure_ascii=False), doc_id),
        )

    def record_failure(self, locator: str, reason: str) -> None:
        self.execute_write(
            "INSERT INTO failures (locator, reason, at) VALUES (?, ?, ?) "
            "ON CONFLICT(locator) DO UPDATE SET reason=excluded.reason, at=excluded.at",
            (locator, reason, _now()),
        )

    def clear_failure(self, locator: str) -> None:
        self.execute_write("DELETE FROM failures WHERE locator = ?", (locator,))

    # -- reads ----------------------------------------------------------------

    def get_raw(self, sha256: str) -> bytes | None:
        row = self._reader.execute(
            "SELECT data FROM raw_inputs WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return zlib.decompress(row[0]) if row else None

    def get(self, doc_id: str) -> Document | None:
        row = self._reader.execute("SELECT json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.from_json(json.loads(row[0])) if row else None

    def is_unchanged(self, doc: Document) -> bool:
        """Whether the store already holds exactly this document (read time aside)."""
        row = self._writer.execute(
            "SELECT fingerprint FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        return row is not None and row[0] == fingerprint(doc.to_json())

    def get_enrichment(self, doc_id: str) -> dict[str, Any] | None:
        row = self._reader.execute(
            "SELECT enrichment FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        result: dict[str, Any] = json.loads(row[0])
        return result

    def iter_documents(self) -> Iterator[Document]:
        for (text,) in self._connect().execute("SELECT json FROM documents ORDER BY rowid"):
            yield Document.from_json(json.loads(text))

    def iter_with_enrichment(self) -> Iterator[tuple[Document, dict[str, Any] | None]]:
        query = "SELECT json, enrichment FROM documents ORDER BY rowid"
        for text, enrichment in self._connect().execute(query):
            yield (
                Document.from_json(json.loads(text)),
                json.loads(enrichment) if enrichment else None,
            )

    def count(self) -> int:
        return int(self._reader.execute("SELECT count(*) FROM documents").fetchone()[0])

    def failures(self, limit: int = 100) -> list[Failure]:
        rows = self._reader.execute(
            "SELECT locator, reason, at FROM failures ORDER BY at DESC LIMIT ?", (limit,)
        ).fetchall()
        return [Failure(locator=r[0], reason=r[1], at=r[2]) for r in rows]

    def stats(self) -> dict[str, Any]:
        conn = self._reader
        by_type = conn.execute(
            "SELECT coalesce(content_type, '(none)'), count(*) FROM documents "
            "GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        raw = conn.execute("SELECT count(*), coalesce(sum(size), 0) FROM raw_inputs").fetchone()
        return {
            "documents": self.count(),
            "by_content_type": dict(by_type),
            "raw_inputs": raw[0],
            "raw_bytes": raw[1],
            "failures": conn.execute("SELECT count(*) FROM failures").fetchone()[0],
            "schema_version": self.schema_version(),
            "path": str(self.path),
        }

    def close(self) -> None:
        self._writer.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()


class _Transaction:
    """Context manager: writes inside commit once at the end (or roll back on error)."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store

    def __enter__(self) -> SQLiteStore:
        self._store._batching = True
        return self._store

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        store = self._store
        store._batching = False
        with store._lock:
            if exc_type is None:
                store._writer.commit()
            else:
                store._writer.rollback()
