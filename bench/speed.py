"""Enrichment speed on UN General Debate speeches (target >= 10 speeches/s per core).

Reads N speeches from the corpus archive with tarfile and times the whole
enrichment (entities, geography, quotes, topics) in one process (one core).

    PYTHONPATH=src python bench/speed.py [--n 300] [--shared /work/shared]
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import time
from pathlib import Path

from legation.enrich.run import analyse_text


def main() -> int:
    ap = argparse.ArgumentParser()
    default = Path("/work/shared") if Path("/work/shared").exists() else Path("../shared")
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    archive = args.shared / "data" / "ungd" / "ungd-1946-2024.tar.xz"
    if not archive.exists():
        print(f"needs {archive}", file=sys.stderr)
        return 2
    with tarfile.open(archive) as tf:
        members = [
            m.name for m in tf if m.isfile() and m.name.endswith(".txt") and "/Session" in m.name
        ]
    step = max(len(members) // args.n, 1)
    wanted = set(members[::step][: args.n])  # spread over all sessions, 1946-2024
    texts = []
    with tarfile.open(archive) as tf:
        for m in tf:
            if m.name in wanted:
                data = tf.extractfile(m)
                if data is not None:
                    texts.append(data.read().decode("utf-8", "replace"))
    analyse_text("Warm up: the model and gazetteer load once, said Jane Doe in Paris.")
    words = sum(len(t.split()) for t in texts)
    t0 = time.process_time()
    wall0 = time.perf_counter()
    quotes = mentions = 0
    for text in texts:
        e = analyse_text(text)
        quotes += len(e.quotes)
        mentions += len(e.mentions)
    cpu = time.process_time() - t0
    wall = time.perf_counter() - wall0
    print(f"{len(texts)} speeches, {words:,} words; CPU {cpu:.1f}s, wall {wall:.1f}s")
    print(f"per core: {len(texts) / cpu:.1f} speeches/s, {words / cpu:,.0f} words/s "
          f"(target >= 10 speeches/s); {mentions} place mentions, {quotes} quotes")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
