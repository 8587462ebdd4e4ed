"""Quality gate: topics on the research-listing seed (002), title + abstract only.

The listing's own Topic lists are the gold (only those in our vocabulary); the
floors are the figures bench/seed002.py reached when the assigner was calibrated,
minus 0.02, so a change that loses topic quality fails here.
"""

from __future__ import annotations

from legation.enrich.topics import assign_topics
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput
from legation.vocab.loader import topics
from tests.conftest import shared_path

_MIN_RECALL = 0.75
_MIN_PRECISION = 0.50


def test_seed002_topics_hold_recall_and_precision() -> None:
    seeds = sorted(shared_path("seeds").glob("002_*.txt"))
    assert seeds, "seed 002 missing from ../shared/seeds"
    docs = parse_raw(RawInput(data=seeds[0].read_bytes(), name=seeds[0].name))
    vocab = {t.name.lower(): t.name for t in topics()}
    tp = fp = fn = 0
    for doc in docs:
        gold = {vocab[x.lower()] for x in doc.topics if x.lower() in vocab}
        text = f"{doc.title}\n\n{doc.abstract or ''}"
        # no given topics: the listing's own labels must not leak into the prediction
        pred = {t.name for t in assign_topics(text, title_end=len(doc.title))}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    assert len(docs) >= 5 and tp + fn >= 20
    recall, precision = tp / (tp + fn), tp / max(tp + fp, 1)
    assert recall >= _MIN_RECALL, f"topic recall {recall:.3f} < {_MIN_RECALL}"
    assert precision >= _MIN_PRECISION, f"topic precision {precision:.3f} < {_MIN_PRECISION}"
