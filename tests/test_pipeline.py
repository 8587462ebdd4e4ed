"""The pipeline with real parts: enrichment on a process pool, retagging, bad inputs."""

from __future__ import annotations

from pathlib import Path

from legation.pipeline import IngestOptions, Library, ingest
from legation.settings import Settings
from legation.sources.base import RawInput, Skipped

COUNTRIES = ["Japan", "Kenya", "Brazil", "Norway", "Vietnam"]


def _page(n: int) -> RawInput:
    country = COUNTRIES[n % len(COUNTRIES)]
    text = f"Talks in {country} on trade, number {n}\n\nEconomy\n\n" + "\n\n".join(
        f"The government of {country} said on Monday that the trade talks with its "
        f"neighbours would resume next month, paragraph {k}."
        for k in range(3)
    )
    return RawInput(data=text.encode(), name=f"page{n}.txt", path=f"/in/page{n}.txt")


def test_pool_enrichment_and_retag(tmp_path: Path) -> None:
    settings = Settings(data=tmp_path / "lib")
    inputs: list[RawInput | Skipped] = [_page(n) for n in range(20)]
    inputs.append(Skipped(locator="/in/big.txt", reason="too large", failed=True))
    with Library.open(settings) as library:
        report = ingest(inputs, library, IngestOptions(workers=2, batch_size=50))
        assert report.as_dict()["added"] == 20
        assert report.failures == [("/in/big.txt", "too large")]
        again = ingest([_page(0), _page(7)], library, IngestOptions(enrich=False))
        assert again.as_dict()["unchanged"] == 2
        about = {
            doc.title: (library.store.get_enrichment(doc.id) or {})["geography"]["about"]
            for doc in library.store.iter_documents()
        }
        assert all(COUNTRIES[n % 5] in about[f"Talks in {COUNTRIES[n % 5]} on trade, number {n}"]
                   for n in range(20))  # fmt: skip
        done, failed = library.retag(IngestOptions(workers=2, batch_size=8))
        assert (done, failed) == (20, 0)
        assert library.index.count() == 20


def test_stage_implementations_meet_their_protocols(tmp_path: Path) -> None:
    from legation.enrich.base import Enricher
    from legation.enrich.run import enrich
    from legation.index.base import Index
    from legation.store.base import Store

    with Library.open(Settings(data=tmp_path / "lib")) as library:
        store: Store = library.store
        index: Index = library.index
        assert store.count() == 0
        assert index.count() == 0
    enricher: Enricher = enrich
    assert callable(enricher)


PAGE = """<!doctype html><html><head><title>Deterrence at sea | Example Review</title>
<link rel="canonical" href="https://www.example.org/deterrence-at-sea/">
<meta name="author" content="Jane Roe"></head><body><article><h1>Deterrence at sea</h1>
<p>Navies in the region have stepped up patrols, and ministers met on Monday to agree rules
for incidents at sea, officials from three countries said after the talks ended.</p>
<p>The agreement sets out how ships should signal their intentions and who to call when an
encounter turns dangerous, a step analysts have urged for a decade.</p>
<p>Critics say the rules are voluntary and leave disputed waters out of scope entirely.</p>
</article></body></html>"""

REFERENCE = """TY  - RPRT
TI  - Deterrence at sea
AU  - Roe, Jane
PY  - 2024
KW  - Maritime security
UR  - http://example.org/deterrence-at-sea?utm_source=rss
ER  -
"""


def test_a_reference_never_erases_the_stored_page(tmp_path: Path) -> None:
    with Library.open(Settings(data=tmp_path / "lib")) as library:
        page = RawInput(data=PAGE.encode(), name="page.html", url="https://www.example.org/x")
        ingest([page], library, IngestOptions(enrich=False))
        ingest(
            [RawInput(data=REFERENCE.encode(), name="refs.ris")],
            library,
            IngestOptions(enrich=False),
        )
        docs = list(library.store.iter_documents())
    assert len(docs) == 1  # the same URL, tracking parameters aside, is one document
    assert "stepped up patrols" in docs[0].body
    assert docs[0].tags == ("Maritime security",)
