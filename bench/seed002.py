"""Document-level geography and topics on the research-listing seed (002).

Each record is tagged from its title and abstract only and compared with the
record's own Political Geography list (micro F1, target >= 0.80) and Topic list
(recall of listed topics the vocabulary has >= 0.70 at precision >= 0.5; plus how
many listed topics the vocabulary covers).

    PYTHONPATH=src python bench/seed002.py [--shared /work/shared] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from legation.enrich.run import analyse_text
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput
from legation.vocab.loader import topics


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> int:
    ap = argparse.ArgumentParser()
    default = Path("/work/shared") if Path("/work/shared").exists() else Path("../shared")
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    seeds = sorted((args.shared / "seeds").glob("002_*.txt"))
    if not seeds:
        print("needs seeds/002_*.txt", file=sys.stderr)
        return 2
    docs = parse_raw(RawInput(data=seeds[0].read_bytes(), name=seeds[0].name))
    vocab = {t.name.lower(): t.name for t in topics()}
    g = [0, 0, 0]
    t = [0, 0, 0]
    listed = covered = 0
    for doc in docs:
        text = f"{doc.title}\n\n{doc.abstract or ''}"
        e = analyse_text(text, title_end=len(doc.title))
        gold_geo, pred_geo = set(doc.geography), set(e.about)
        g[0] += len(gold_geo & pred_geo)
        g[1] += len(pred_geo - gold_geo)
        g[2] += len(gold_geo - pred_geo)
        gold_t = {vocab[x.lower()] for x in doc.topics if x.lower() in vocab}
        listed += len(doc.topics)
        covered += len(gold_t)
        pred_t = {x.name for x in e.topics}
        t[0] += len(gold_t & pred_t)
        t[1] += len(pred_t - gold_t)
        t[2] += len(gold_t - pred_t)
        if args.verbose:
            print(doc.title[:60])
            print("  geo  gold", sorted(gold_geo), "pred", list(e.about))
            print("  topic gold", sorted(gold_t), "pred", [x.name for x in e.topics])
    gp, gr, gf = _prf(*g)
    tp_, tr, tf = _prf(*t)
    print(f"seed 002: {len(docs)} records (title + abstract only)")
    print(f"geography: P={gp:.3f} R={gr:.3f} micro F1={gf:.3f} (target F1 >= 0.80)")
    print(f"topics: vocabulary covers {covered}/{listed} listed topics; on those "
          f"P={tp_:.3f} R={tr:.3f} F1={tf:.3f} (target R >= 0.70 at P >= 0.5)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
