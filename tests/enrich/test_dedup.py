"""Near-duplicate works on a real SQLite store: copies link, unrelated texts do not."""

from __future__ import annotations

import io
import random
import textwrap
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from legation.enrich.dedup import DedupIndex, normalise, shingles
from legation.model import Document, Provenance
from legation.parse.pdf import PDFParser
from legation.sources.base import RawInput
from legation.sources.urls import url_document_id
from legation.store.sqlite import SQLiteStore

_SOURCE = Provenance(format="pagetext", sha256="0" * 64, read_at="2025-01-01T00:00:00+00:00")
_WORDS = [
    "alliance",
    "sanctions",
    "ceasefire",
    "envoy",
    "treaty",
    "border",
    "summit",
    "navy",
    "grain",
    "corridor",
    "election",
    "parliament",
    "minister",
    "budget",
    "tariff",
    "pipeline",
    "drought",
    "refugees",
    "mediation",
    "coalition",
    "reform",
    "inflation",
    "militia",
    "port",
    "customs",
    "satellite",
    "vaccine",
    "debt",
    "quota",
    "embargo",
    "garrison",
]


def _prose(seed: int, words: int = 400) -> str:
    rng = random.Random(seed)  # noqa: S311 - reproducible test text
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(" ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 16))) + ".")
    return " ".join(sentences).capitalize()


def _doc(url: str, body: str) -> Document:
    return Document(id=url_document_id(url), title=url, url=url, body=body, source=_SOURCE)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "library.sqlite3")


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("Café — the ÉLYSÉE’s “Summit”, 2024!") == [
        "cafe",
        "the",
        "elysee",
        "s",
        "summit",
        "2024",
    ]
    assert shingles(["a", "b", "c"], 2) == {b"a b", b"b c"}


def test_syndicated_copy_joins_the_original_work(store: SQLiteStore) -> None:
    index = DedupIndex(store)
    text = _prose(1)
    original = _doc("https://think.example.org/analysis/corridor", text)
    copy = _doc(
        "https://news.example.com/world/2025/corridor-analysis",
        "Republished with permission.\n\n"
        + textwrap.fill(text, 60)
        + "\n\nSubscribe to our newsletter.",
    )
    other = _doc("https://think.example.org/analysis/debt", _prose(2))
    for doc in (original, copy, other):
        store.upsert(doc)
    work = index.assign(original)
    assert work == original.id
    assert index.assign(copy) == work
    assert index.assign(other) == other.id
    assert set(index.members(work)) == {original.id, copy.id}
    assert index.shared_works() == {work: index.members(work)}
    matches = index.similar(copy)
    assert [m.doc_id for m in matches] == [original.id]
    assert matches[0].similarity > 0.8


def test_trimmed_and_edited_copies_still_match(store: SQLiteStore) -> None:
    index = DedupIndex(store)
    words = _prose(3, words=600).split()
    rng = random.Random(7)  # noqa: S311
    edited = list(words)
    for i in rng.sample(range(len(edited)), k=len(edited) // 20):
        edited[i] = "changed"
    trimmed = words[: int(len(words) * 0.7)]
    base = _doc("https://a.example.org/x", " ".join(words))
    work = index.assign(base)
    assert index.assign(_doc("https://b.example.org/x", " ".join(edited))) == work
    assert index.assign(_doc("https://c.example.org/x", " ".join(trimmed))) == work


def test_same_words_in_other_order_is_another_work(store: SQLiteStore) -> None:
    # Shared vocabulary is not enough: speeches of one country reuse words, not passages.
    index = DedupIndex(store)
    first = _doc("https://a.example.org/1", _prose(10))
    second = _doc("https://a.example.org/2", _prose(11))
    assert index.assign(first) != index.assign(second)


def test_short_texts_are_their_own_work(store: SQLiteStore) -> None:
    index = DedupIndex(store)
    note = _doc("https://a.example.org/note", "Short note about a summit.")
    same = _doc("https://b.example.org/note", "Short note about a summit.")
    assert index.assign(note) == note.id
    assert index.assign(same) == same.id


def test_fingerprints_persist_and_changes_rematch(store: SQLiteStore, tmp_path: Path) -> None:
    text = _prose(20)
    first = _doc("https://a.example.org/p", text)
    work = DedupIndex(store).assign(first)
    store.close()
    reopened = SQLiteStore(tmp_path / "library.sqlite3")
    index = DedupIndex(reopened)
    assert index.work_of(first.id) == work
    copy = _doc("https://mirror.example.net/p", text + " Footer line.")
    assert index.assign(copy) == work
    assert index.assign(first) == work  # unchanged: same answer, nothing rewritten
    changed = copy.with_changes(body=_prose(21))
    assert index.assign(changed) == changed.id  # no longer a copy: its own work now
    assert index.members(work) == [first.id]


def test_a_pdf_and_its_html_page_are_one_work(store: SQLiteStore) -> None:
    text = _prose(30, words=500)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(60, 780, "Corridors and Coalitions")
    canvas.setFont("Helvetica", 9)
    y = 750
    for line in textwrap.wrap(text, 95):
        if y < 60:
            canvas.showPage()
            canvas.setFont("Helvetica", 9)
            y = 780
        canvas.drawString(60, y, line)
        y -= 12
    canvas.save()
    raw = RawInput(data=buf.getvalue(), name="c.pdf", url="https://think.example.org/c.pdf")
    pdf_doc = PDFParser().parse(raw, None)[0]
    page = _doc("https://think.example.org/analysis/corridors-and-coalitions", text)
    index = DedupIndex(store)
    assert index.assign(page) == index.assign(pdf_doc)


def test_a_document_bridging_two_works_merges_them(store: SQLiteStore) -> None:
    index = DedupIndex(store)
    first, second = _prose(11), _prose(12)
    part_one = _doc("https://a.example.org/part-one", first)
    part_two = _doc("https://b.example.org/part-two", second)
    whole = _doc("https://c.example.org/whole-report", f"{first}\n\n{second}")
    for doc in (part_one, part_two, whole):
        store.upsert(doc)
    assert index.assign(part_one) != index.assign(part_two)
    work = index.assign(whole)
    assert set(index.members(work)) == {part_one.id, part_two.id, whole.id}
    assert index.work_of(part_two.id) == work
    assert list(index.shared_works()) == [work]
