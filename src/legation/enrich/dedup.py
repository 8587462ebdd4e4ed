"""Near-duplicate works: MinHash over word shingles, MinHashLSH to find candidates.

The same work republished elsewhere (a syndicated copy, a PDF and its HTML page, a
re-encoded or trimmed copy) gets a different Document id, since its address differs.
``DedupIndex.assign`` fingerprints each stored document and links it to the work of
its nearest earlier document when their estimated Jaccard similarity is high enough,
so the library holds one work with several sources instead of two unrelated works.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legation.model import Document
    from legation.store.sqlite import SQLiteStore

__all__ = ["DedupIndex", "DedupOptions", "Match", "normalise", "shingles"]

_WORD = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SCHEME = "affine32"
# crc32 runs in C: 2.5x faster than datasketch's default sha1 per shingle, same 32 bits.
_HASH = "crc32"


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupOptions:
    num_perm: int = 128
    shingle: int = 5  # words per shingle: long enough that shared boilerplate rarely matches
    threshold: float = 0.3  # estimated Jaccard from which two texts are one work
    min_words: int = 40  # shorter texts are too small to fingerprint reliably
    seed: int = 1

    @property
    def params(self) -> str:
        return f"{_SCHEME}:{_HASH}:{self.num_perm}:{self.shingle}:{self.seed}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    doc_id: str
    work_id: str
    similarity: float


def normalise(text: str) -> list[str]:
    """Words folded for comparison: compatibility forms, no accents, case-folded.

    Folding accents makes a copy that went through a lossy legacy encoding match.
    """
    if text.isascii():
        return _WORD.findall(text.lower())
    # A regex over the combining-mark blocks runs in C; a per-character loop cost ~2 ms a speech.
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(stripped.casefold())


def shingles(words: list[str], size: int) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class DedupIndex:
    """Fingerprints in the store, an LSH index in memory (built on first use)."""

    def __init__(self, store: SQLiteStore, options: DedupOptions | None = None) -> None:
        self.store = store
        self.options = options or DedupOptions()
        self._lsh: Any = None
        self._signatures: dict[str, Any] = {}
        # doc id -> work id, kept in memory: the store's reader cannot see writes an
        # ingest batch has not committed yet.
        self._works: dict[str, str] | None = None
        self._template: Any = None

    # -- public -------------------------------------------------------------

    def assign(self, doc: Document) -> str:
        """Fingerprint a stored document and return the id of the work it belongs to.

        A near-duplicate of an earlier document joins that document's work; anything
        else starts its own work (whose id is the document's id).
        """
        self._ensure_loaded()
        signature, count = self._signature(doc)
        if signature is None:
            return self._link(doc.id, None)
        if doc.id in self._signatures:
            if self._signatures[doc.id] == signature:
                return self.work_of(doc.id) or self._link(doc.id, None)
            self._lsh.remove(doc.id)  # the text changed: match it afresh
            self._forget_membership(doc.id)
        matches = self._matches(doc.id, signature)
        self._remember(doc.id, signature, count)
        work_id = self._link(doc.id, matches[0] if matches else None)
        # A document close to members of several works shows they are one work.
        for other in {m.work_id for m in matches[1:]} - {work_id}:
            self._merge(other, into=work_id)
        return work_id

    def similar(self, doc: Document) -> list[Match]:
        """Earlier documents that are near-duplicates of this one, best first (read-only)."""
        signature, _ = self._signature(doc)
        if signature is None:
            return []
        self._ensure_loaded()
        return self._matches(doc.id, signature)

    def work_of(self, doc_id: str) -> str | None:
        return self._loaded_works().get(doc_id)

    def members(self, work_id: str) -> list[str]:
        rows = self.store._reader.execute(
            "SELECT doc_id FROM work_members WHERE work_id = ? ORDER BY added_at, doc_id",
            (work_id,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def shared_works(self) -> dict[str, list[str]]:
        """Works with more than one document: work id -> member document ids."""
        rows = self.store._reader.execute(
            "SELECT work_id, doc_id FROM work_members WHERE work_id IN "
            "(SELECT work_id FROM work_members GROUP BY work_id HAVING count(*) > 1) "
            "ORDER BY work_id, added_at, doc_id"
        ).fetchall()
        works: dict[str, list[str]] = {}
        for work_id, doc_id in rows:
            works.setdefault(str(work_id), []).append(str(doc_id))
        return works

    # -- internals ----------------------------------------------------------

    def _new_minhash(self, hashvalues: Any = None) -> Any:
        from datasketch import MinHash

        if self._template is None:
            self._template = MinHash(
                num_perm=self.options.num_perm,
                seed=self.options.seed,
                scheme=_SCHEME,
                hashfunc=zlib.crc32,
            )
        return MinHash(
            seed=self.options.seed,
            scheme=_SCHEME,
            hashfunc=zlib.crc32,
            hashvalues=self._template.hashvalues if hashvalues is None else hashvalues,
            permutations=self._template.permutations,
        )

    def _signature(self, doc: Document) -> tuple[Any, int]:
        words = normalise(doc.body or doc.abstract or "")
        if len(words) < self.options.min_words:
            return None, 0
        grams = shingles(words, self.options.shingle)
        signature = self._new_minhash()
        signature.update_batch(list(grams))
        return signature, len(grams)

    def _loaded_works(self) -> dict[str, str]:
        if self._works is None:
            self._ensure_loaded()
        return self._works if self._works is not None else {}

    def _ensure_loaded(self) -> None:
        if self._lsh is not None:
            return
        import numpy as np
        from datasketch import MinHashLSH

        # A lower index threshold than the decision threshold: LSH finds candidates,
        # the signatures' estimated Jaccard decides.
        self._works = {
            str(doc_id): str(work_id)
            for doc_id, work_id in self.store._reader.execute(
                "SELECT doc_id, work_id FROM work_members"
            )
        }
        self._lsh = MinHashLSH(
            threshold=self.options.threshold * 0.8,
            num_perm=self.options.num_perm,
            weights=(0.2, 0.8),
        )
        rows = self.store._reader.execute(
            "SELECT doc_id, minhash FROM fingerprints WHERE params = ?", (self.options.params,)
        )
        dtype = self._new_minhash().hashvalues.dtype
        with self._lsh.insertion_session() as session:
            for doc_id, blob in rows:
                signature = self._new_minhash(np.frombuffer(blob, dtype=dtype).copy())
                self._signatures[doc_id] = signature
                session.insert(doc_id, signature, check_duplication=False)

    def _matches(self, doc_id: str, signature: Any) -> list[Match]:
        found: list[Match] = []
        for other in self._lsh.query(signature):
            if other == doc_id:
                continue
            similarity = float(signature.jaccard(self._signatures[other]))
            if similarity >= self.options.threshold:
                work = self.work_of(other) or other
                found.append(Match(doc_id=other, work_id=work, similarity=similarity))
        return sorted(found, key=lambda m: (-m.similarity, m.doc_id))

    def _remember(self, doc_id: str, signature: Any, count: int) -> None:
        self._signatures[doc_id] = signature
        self._lsh.insert(doc_id, signature, check_duplication=False)
        self.store.execute_write(
            "INSERT INTO fingerprints (doc_id, params, shingles, minhash) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(doc_id) DO UPDATE SET params=excluded.params, "
            "shingles=excluded.shingles, minhash=excluded.minhash",
            (doc_id, self.options.params, count, signature.hashvalues.tobytes()),
        )

    def forget(self, doc_id: str) -> None:
        """Drop a removed document's fingerprint and membership (its work stays for others)."""
        self._ensure_loaded()
        if self._signatures.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)
        self._forget_membership(doc_id)
        self.store.execute_write("DELETE FROM fingerprints WHERE doc_id = ?", (doc_id,))

    def _merge(self, work_id: str, *, into: str) -> None:
        self.store.execute_write(
            "UPDATE work_members SET work_id = ? WHERE work_id = ?", (into, work_id)
        )
        self.store.execute_write("DELETE FROM works WHERE id = ?", (work_id,))
        works = self._loaded_works()
        for doc_id, current in list(works.items()):
            if current == work_id:
                works[doc_id] = into

    def _forget_membership(self, doc_id: str) -> None:
        self._loaded_works().pop(doc_id, None)
        self.store.execute_write("DELETE FROM work_members WHERE doc_id = ?", (doc_id,))

    def _link(self, doc_id: str, match: Match | None) -> str:
        existing = self.work_of(doc_id)
        if match is None and existing is not None:
            return existing
        now = _now()
        work_id = match.work_id if match else doc_id
        self.store.execute_write(
            "INSERT OR IGNORE INTO works (id, created_at) VALUES (?, ?)", (work_id, now)
        )
        self.store.execute_write(
            "INSERT INTO work_members (doc_id, work_id, similarity, matched, added_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET work_id=excluded.work_id, "
            "similarity=excluded.similarity, matched=excluded.matched",
            (
                doc_id,
                work_id,
                match.similarity if match else 1.0,
                match.doc_id if match else None,
                now,
            ),
        )
        self._loaded_works()[doc_id] = work_id
        return work_id
