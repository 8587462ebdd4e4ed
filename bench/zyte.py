"""The Zyte article-extraction benchmark's data and metric.

See ../shared/data/extraction/zyte/SOURCE.md.

4-token shingle multisets; per-page precision averaged over non-empty predictions, recall over
non-empty gold texts; F1 is the harmonic mean of the two averages, as in the benchmark's
evaluate.py.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Scores", "gold_bodies", "page_paths", "read_page", "score_bodies"]

_TOKEN = re.compile(r"\w+")
_N = 4


@dataclass(frozen=True, slots=True)
class Scores:
    f1: float
    precision: float
    recall: float


def gold_bodies(root: Path) -> dict[str, str]:
    data = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return {key: value["articleBody"] for key, value in data.items()}


def page_paths(root: Path) -> dict[str, Path]:
    return {path.name.split(".")[0]: path for path in sorted((root / "html").glob("*.html.gz"))}


def read_page(path: Path) -> str:
    """The page as trafilatura is given it: the benchmark's pages are all UTF-8."""
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < _N:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + _N]) for i in range(len(tokens) - _N + 1))


def page_scores(predicted: str, gold: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where undefined (empty side)."""
    pred, true = _shingles(predicted), _shingles(gold)
    hits = sum((pred & true).values())
    pred_total, true_total = sum(pred.values()), sum(true.values())
    return (hits / pred_total if pred_total else None, hits / true_total if true_total else None)


def score_bodies(predicted: dict[str, str], gold: dict[str, str]) -> Scores:
    precisions, recalls = [], []
    for key, truth in gold.items():
        guess = predicted.get(key) or ""
        precision, recall = page_scores(guess, truth)
        if guess.strip():
            precisions.append(precision or 0.0)
        if truth.strip():
            recalls.append(recall or 0.0)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Scores(f1=2 * p * r / (p + r) if p + r else 0.0, precision=p, recall=r)
