"""Orchestration only: source -> parse -> enrich -> store -> index, in batches.

Every input ends as stored documents, a recorded failure with a one-line reason, or
a reported skip; a bad input never stops the batch or touches stored documents.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from legation.enrich.dedup import DedupIndex
from legation.errors import LegationError
from legation.index.fulltext import FullTextIndex
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput, Skipped
from legation.store.base import Outcome
from legation.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from legation.model import Document
    from legation.settings import Settings

__all__ = ["IngestOptions", "IngestReport", "Library", "ingest"]

log = logging.getLogger(__name__)

Enrich = Callable[["Document"], dict[str, Any]]
_POOL_THRESHOLD = 16  # fewer documents than this are enriched inline: a pool costs seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    fmt: str = "auto"
    enrich: bool = True
    batch_size: int = 200
    workers: int = 1  # processes for enrichment; 1 runs it inline


@dataclass(slots=True, kw_only=True)
class IngestReport:
    """What an ingest did, input by input (mutable while the run goes on)."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    inputs: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "added": self.counts[Outcome.ADDED],
            "updated": self.counts[Outcome.UPDATED],
            "unchanged": self.counts[Outcome.UNCHANGED],
            "failed": len(self.failures),
            "skipped": len(self.skipped),
            "failures": [{"source": s, "error": r} for s, r in self.failures],
            "skipped_inputs": [{"source": s, "reason": r} for s, r in self.skipped],
        }


class Library:
    """The store of record and the index derived from it, opened together."""

    def __init__(self, store: SQLiteStore, index: FullTextIndex) -> None:
        # Concrete types: the library is the embedded default; stages meet through the
        # Store (store/base.py) and Index (index/base.py) protocols.
        self.store = store
        self.index = index
        # Near-duplicate works (a syndicated copy, a PDF and its page) are linked, not merged.
        self.dedup = DedupIndex(store)

    @classmethod
    def open(cls, settings: Settings) -> Library:
        settings.data.mkdir(parents=True, exist_ok=True)
        library = cls(SQLiteStore(settings.db_path), FullTextIndex(settings.index_path))
        if library.index.fresh and library.store.count():
            library.reindex()
        return library

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the index from the store; returns the number of documents indexed."""
        self.index.clear()
        done = 0
        for doc, enrichment in self.store.iter_with_enrichment():
            self.index.add(doc, enrichment)
            done += 1
            if progress:
                progress(done)
        self.index.commit()
        return done

    def remove(self, doc_ids: Iterable[str]) -> list[str]:
        """Remove documents from the store, the index and their works; returns those found."""
        removed = []
        with self.store.transaction():
            for doc_id in doc_ids:
                if self.store.delete(doc_id):
                    self.dedup.forget(doc_id)
                    removed.append(doc_id)
        self.index.remove(removed)
        self.index.commit()
        return removed

    def retag(
        self, options: IngestOptions, progress: Callable[[int], None] | None = None
    ) -> tuple[int, int]:
        """Re-enrich every stored document (after the vocabularies change) and reindex.

        Returns (documents retagged, documents whose enrichment failed).
        """
        enricher = _Enricher(options)
        if enricher.enrich is None:
            raise LegationError("enrichment is not available")
        done = failed = 0
        try:
            batch: list[Document] = []
            for doc in [*self.store.iter_documents(), None]:
                if doc is not None:
                    batch.append(doc)
                if batch and (doc is None or len(batch) >= options.batch_size):
                    with self.store.transaction():
                        for item, enrichment in zip(batch, enricher.map(batch), strict=True):
                            if enrichment is None:
                                failed += 1
                                continue
                            self.store.set_enrichment(item.id, enrichment)
                            done += 1
                    if progress:
                        progress(done + failed)
                    batch = []
        finally:
            enricher.close()
        self.reindex()
        return done, failed

    def close(self) -> None:
        self.index.commit()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load_enricher() -> Enrich | None:
    try:
        from legation.enrich.run import (  # type: ignore[import-not-found,unused-ignore]
            enrich,
            enrichment_to_json,
        )
    except ModuleNotFoundError:  # enrichment is a later stage; ingest works without it
        return None

    def run(doc: Document) -> dict[str, Any]:
        result: dict[str, Any] = enrichment_to_json(enrich(doc))
        return result

    return run


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    reason = text[0] if text else exc.__class__.__name__
    if not isinstance(exc, LegationError):
        reason = f"{exc.__class__.__name__}: {reason}"
    return reason[:300]


def _parse_one(raw: RawInput, options: IngestOptions) -> list[Document]:
    try:
        docs = parse_raw(raw, options.fmt)
    except LegationError:
        raise
    except Exception as exc:  # a parser bug must cost one input, never the batch
        log.exception("parser crashed on %s", raw.locator)
        raise LegationError(f"parser error: {_reason(exc)}") from exc
    if not docs:
        raise LegationError("no document found in this input")
    return docs


_worker_enrich: Enrich | None = None


def _init_worker() -> None:
    global _worker_enrich  # noqa: PLW0603 - one enricher (and model) per worker process
    _worker_enrich = _load_enricher()


def _enrich_in_worker(doc: Document) -> dict[str, Any] | None:
    return _safe_enrich(_worker_enrich, doc)


def _safe_enrich(enrich: Enrich | None, doc: Document) -> dict[str, Any] | None:
    if enrich is None:
        return None
    try:
        return enrich(doc)
    except Exception:  # enrichment is derived data: losing it must never lose the document
        log.exception("enrichment failed for %s; stored without it", doc.id)
        return None


class _Enricher:
    """Runs enrichment inline, or on a process pool once a run has enough work for one."""

    def __init__(self, options: IngestOptions) -> None:
        self.enrich = _load_enricher() if options.enrich else None
        self.workers = options.workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, docs: list[Document]) -> list[dict[str, Any] | None]:
        return self.submit(docs)()

    def submit(self, docs: list[Document]) -> Callable[[], list[dict[str, Any] | None]]:
        """Start enriching; the returned call waits for (or, inline, computes) the results."""
        enrich = self.enrich
        if enrich is None:
            return lambda: [None] * len(docs)
        if self.workers <= 1 or len(docs) < _POOL_THRESHOLD:
            return lambda: [_safe_enrich(enrich, doc) for doc in docs]
        if self._pool is None:
            # spawn, not fork: the parent holds tantivy and SQLite threads and handles.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_worker
            )
        chunk = max(1, len(docs) // (self.workers * 4))
        results = self._pool.map(_enrich_in_worker, docs, chunksize=chunk)  # submits all now
        return lambda: list(results)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def ingest(
    inputs: Iterable[RawInput | Skipped],
    library: Library,
    options: IngestOptions | None = None,
    on_input: Callable[[str], None] | None = None,
) -> IngestReport:
    """Run every input through parse -> enrich -> store -> index; return what happened.

    Batches overlap: while one batch's documents are being enriched (on the pool),
    the batch before it is stored and indexed.
    """
    options = options or IngestOptions()
    enricher = _Enricher(options)
    report = IngestReport()
    pending: _Prepared | None = None
    try:
        for batch in _batches(inputs, options.batch_size):
            prepared = _prepare(batch, library, options, enricher)
            if pending is not None:
                _commit(pending, library, report, on_input)
            pending = prepared
        if pending is not None:
            _commit(pending, library, report, on_input)
    finally:
        enricher.close()
    return report


@dataclass(slots=True, kw_only=True)
class _Prepared:
    """A parsed batch whose new or changed documents are being enriched."""

    batch: list[RawInput | Skipped]
    parsed: list[tuple[RawInput, list[Document]]]
    failed: list[tuple[str, str]]
    enrichments: Callable[[], dict[str, dict[str, Any] | None]]


def _prepare(
    batch: list[RawInput | Skipped], library: Library, options: IngestOptions, enricher: _Enricher
) -> _Prepared:
    parsed: list[tuple[RawInput, list[Document]]] = []
    failed: list[tuple[str, str]] = []
    for item in batch:
        if isinstance(item, RawInput):
            try:
                parsed.append((item, _parse_one(item, options)))
            except LegationError as exc:
                failed.append((item.locator, _reason(exc)))
    # Only new or changed documents are enriched: re-ingesting costs a parse, no more.
    changed = [d for _, docs in parsed for d in docs if not library.store.is_unchanged(d)]
    results = enricher.submit(changed)
    return _Prepared(
        batch=batch,
        parsed=parsed,
        failed=failed,
        enrichments=lambda: dict(zip([d.id for d in changed], results(), strict=True)),
    )


def _commit(
    prepared: _Prepared,
    library: Library,
    report: IngestReport,
    on_input: Callable[[str], None] | None,
) -> None:
    enrichments = prepared.enrichments()
    with library.store.transaction():
        report.inputs += len(prepared.batch)
        for item in prepared.batch:
            if isinstance(item, Skipped):
                _skip(item, library, report)
        for locator, reason in prepared.failed:
            _fail(locator, reason, library, report)
        for raw, docs in prepared.parsed:
            library.store.put_raw(raw.sha256, raw.data)
            for parsed_doc in docs:
                doc = _keep_what_the_input_lacks(library, parsed_doc)
                outcome = library.store.upsert(doc, enrichments.get(doc.id))
                if outcome is not Outcome.UNCHANGED:
                    library.dedup.assign(doc)
                    enrichment = enrichments.get(doc.id) or library.store.get_enrichment(doc.id)
                    library.index.add(doc, enrichment)
                report.counts[outcome] += 1
            library.store.clear_failure(raw.locator)
    library.index.commit()
    if on_input:
        for item in prepared.batch:
            on_input(item.locator)


def _keep_what_the_input_lacks(library: Library, doc: Document) -> Document:
    """A sparse record (a reference with only metadata) never erases what is stored.

    A reference imported for a page already in the library shares its id (its URL);
    fields the reference leaves empty keep their stored values, the body above all.
    """
    if doc.body:
        return doc
    stored = library.store.get(doc.id)
    if stored is None or not stored.body:
        return doc
    kept = {
        f.name: getattr(stored, f.name)
        for f in fields(doc)
        if f.name not in ("id", "source") and not getattr(doc, f.name) and getattr(stored, f.name)
    }
    return replace(doc, **kept)


def _skip(item: Skipped, library: Library, report: IngestReport) -> None:
    if item.failed:
        _fail(item.locator, item.reason, library, report)
    else:
        report.skipped.append((item.locator, item.reason))


def _fail(locator: str, reason: str, library: Library, report: IngestReport) -> None:
    report.failures.append((locator, reason))
    library.store.record_failure(locator, reason)


def _batches(items: Iterable[RawInput | Skipped], size: int) -> Iterator[list[RawInput | Skipped]]:
    batch: list[RawInput | Skipped] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
