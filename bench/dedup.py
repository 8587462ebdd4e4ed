"""Near-duplicate detection on a set built from the UN General Debate corpus.

500 speeches, each with five variants (re-wrapped lines, another encoding, a header
and footer added, 10-30% cut from the end, 5% of words changed), plus 500 negatives:
other speeches of the same countries in nearby years (most often the same speaker;
the corpus does not name speakers). Everything goes through a real SQLite store and
``DedupIndex.assign`` in shuffled order; precision and recall are over same-work pairs.
Target: both >= 0.95. Seeded: the same set every run.

    LEGATION_SHARED=/path/to/shared PYTHONPATH=src python bench/dedup.py
"""

from __future__ import annotations

import itertools
import random
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from pathlib import Path

from bench._corpus import load_speeches
from legation.enrich.dedup import DedupIndex
from legation.model import Document, Provenance, document_id
from legation.parse.decode import decode_text
from legation.store.sqlite import SQLiteStore

SEED = 20240917
ORIGINALS = 500
_MIN_WORDS = 300
_ENCODINGS = ("cp1252", "iso-8859-1", "utf-16", "mac_roman")


def rewrap(text: str, rng: random.Random) -> str:
    return textwrap.fill(" ".join(text.split()), width=rng.randint(45, 95))


def reencode(text: str, rng: random.Random) -> str:
    encoding = rng.choice(_ENCODINGS)
    data = text.encode(encoding, errors="replace")  # lossy, as a legacy copy would be
    return decode_text(data)


def header_footer(text: str, rng: random.Random) -> str:
    number = rng.randint(1000, 9999)
    header = (
        f"UNITED NATIONS GENERAL ASSEMBLY\nProvisional verbatim record A/PV.{number}\n"
        "Check against delivery\n\n"
    )
    footer = (
        f"\n\nThis record contains the text of speeches delivered in the session.\n"
        f"Page {rng.randint(1, 40)} of {rng.randint(41, 90)} -- distributed {number}\n"
    )
    return header + text + footer


def cut_end(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    keep = int(len(words) * (1 - rng.uniform(0.10, 0.30)))
    return " ".join(words[:keep])


def change_words(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for index in rng.sample(range(len(words)), k=max(1, len(words) // 20)):
        words[index] = rng.choice(vocabulary)
    return " ".join(words)


def build_set(
    speeches: dict[tuple[str, int], str], rng: random.Random
) -> list[tuple[str, str, str]]:
    """(doc key, group, text): a group is one work (an original and its variants)."""
    by_country: dict[str, list[int]] = defaultdict(list)
    for country, year in speeches:
        by_country[country].append(year)
    eligible = sorted(
        key
        for key, text in speeches.items()
        if len(text.split()) >= _MIN_WORDS and len(by_country[key[0]]) > 1
    )
    originals = rng.sample(eligible, ORIGINALS)
    chosen = set(originals)
    vocabulary = sorted({w for key in originals[:50] for w in speeches[key].split()})
    items: list[tuple[str, str, str]] = []
    for country, year in originals:
        text, group = speeches[(country, year)], f"{country}-{year}"
        items.append((f"{group}/original", group, text))
        items.append((f"{group}/rewrap", group, rewrap(text, rng)))
        items.append((f"{group}/encoding", group, reencode(text, rng)))
        items.append((f"{group}/header", group, header_footer(text, rng)))
        items.append((f"{group}/cut", group, cut_end(text, rng)))
        items.append((f"{group}/changed", group, change_words(text, rng, vocabulary)))
        # Negative: the same country in the nearest other year not already used.
        others = sorted(
            (abs(y - year), y)
            for y in by_country[country]
            if y != year and (country, y) not in chosen
        )
        if others:
            other = others[0][1]
            chosen.add((country, other))
            items.append(
                (
                    f"{country}-{other}/negative",
                    f"neg-{country}-{other}",
                    speeches[(country, other)],
                )
            )
    rng.shuffle(items)
    return items


def _closest_negative(index: DedupIndex, items: list[tuple[str, str, str]]) -> float:
    """Highest estimated Jaccard between a negative and an original of the same country."""
    signatures = index._signatures
    originals: dict[str, list[str]] = defaultdict(list)
    for key, _, _ in items:
        if key.endswith("/original"):
            originals[key.split("-")[0]].append(key)
    best = 0.0
    for key, _, _ in items:
        if key.endswith("/negative"):
            mine = signatures[document_id(key)]
            for other in originals[key.split("-")[0]]:
                best = max(best, float(mine.jaccard(signatures[document_id(other)])))
    return best


def pairs(groups: dict[str, set[str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for members in groups.values():
        found.update(itertools.combinations(sorted(members), 2))
    return found


def main() -> None:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible test set, not secrets
    started = time.perf_counter()
    speeches = load_speeches()
    loaded = time.perf_counter() - started
    items = build_set(speeches, rng)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "library.sqlite3")
        index = DedupIndex(store)
        source = Provenance(format="ungd", sha256="0" * 64, read_at="2024-01-01T00:00:00+00:00")
        truth: dict[str, set[str]] = defaultdict(set)
        predicted: dict[str, set[str]] = defaultdict(set)
        started = time.perf_counter()
        with store.transaction():
            for key, group, text in items:
                doc = Document(id=document_id(key), title=key, body=text, source=source)
                store.upsert(doc)
                predicted[index.assign(doc)].add(key)
                truth[group].add(key)
        elapsed = time.perf_counter() - started
        lowest_link = store._reader.execute(
            "SELECT min(similarity) FROM work_members WHERE matched IS NOT NULL"
        ).fetchone()[0]
        closest_negative = _closest_negative(index, items)
        store.close()
    true_pairs, found_pairs = pairs(truth), pairs(predicted)
    hits = len(true_pairs & found_pairs)
    precision = hits / len(found_pairs) if found_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    missed = defaultdict(int)
    for a, b in true_pairs - found_pairs:
        missed[a.split("/")[1]] += 1
        missed[b.split("/")[1]] += 1
    false = sorted({k.split("/")[0] for pair in found_pairs - true_pairs for k in pair})
    print(f"corpus loaded: {len(speeches)} speeches in {loaded:.1f} s")
    print(f"documents: {len(items)} ({ORIGINALS} originals x 6 forms + negatives)")
    print(f"same-work pairs: truth {len(true_pairs)}, found {len(found_pairs)}, correct {hits}")
    print(f"precision {precision:.4f}  recall {recall:.4f}  (target >= 0.95 each)")
    print(f"missed pair ends by variant: {dict(missed) or 'none'}")
    print(
        f"margin: lowest linked similarity {lowest_link:.3f}, "
        f"highest negative-to-original similarity {closest_negative:.3f} "
        f"(threshold {index.options.threshold})"
    )
    print(f"false links among: {false[:10] or 'none'}")
    print(
        f"dedup time: {elapsed:.1f} s for {len(items)} docs "
        f"({1000 * elapsed / len(items):.1f} ms/doc incl. store writes)"
    )
    ok = precision >= 0.95 and recall >= 0.95
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
