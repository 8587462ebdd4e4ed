"""`legation export` and `legation dedup` end to end on a real library (SQLite + tantivy)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from legation.parse.bibtex import BibTeXParser
from legation.parse.csljson import CSLJSONParser
from legation.parse.ris import RISParser
from legation.serve.cli import main
from legation.sources.base import RawInput
from legation.store.sqlite import SQLiteStore
from tests.serve.formats.conftest import SAMPLES, reference_view

_RIS = """TY  - RPRT
TI  - Deterrence at Sea
AU  - Okafor, Sara
DA  - 2022/11//
PB  - Institute for Naval Studies
KW  - navies
AB  - How navies deter crises without firing a shot.
ER  -

TY  - JOUR
TI  - Alliances in Flux
AU  - Kim, Min-jun
T2  - Journal of Strategic Affairs
PY  - 2021
AB  - Treaty partners hedge as commitments shift.
ER  -
"""


def _run(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_export_every_document_in_each_format(data_dir: Path) -> None:
    store = SQLiteStore(data_dir / "library.sqlite3")
    for doc in SAMPLES:
        store.upsert(doc)
    store.close()
    parsers = {"ris": RISParser(), "bibtex": BibTeXParser(), "csljson": CSLJSONParser()}
    for fmt, parser in parsers.items():
        code, out, err = _run(data_dir, "export", "--format", fmt)
        assert code == 0, err
        assert f"exported {len(SAMPLES)} documents as {fmt}" in err
        back = parser.parse(RawInput(data=out.encode(), name=f"out.{fmt}"), out)
        assert [reference_view(d) for d in back] == [reference_view(d) for d in SAMPLES]


def test_ingest_ris_then_export_a_query(data_dir: Path, tmp_path: Path) -> None:
    refs = tmp_path / "zotero.ris"
    refs.write_text(_RIS, encoding="utf-8")
    code, _, err = _run(data_dir, "ingest", str(refs))
    assert code == 0, err
    code, out, err = _run(data_dir, "export", "--format", "csljson", "navies")
    assert code == 0, err
    items = json.loads(out)
    assert [item["title"] for item in items] == ["Deterrence at Sea"]
    assert items[0]["publisher"] == "Institute for Naval Studies"
    assert items[0]["issued"] == {"date-parts": [[2022, 11]]}
    code, out, _ = _run(data_dir, "export", "--format", "bibtex")
    assert out.count("\n@") + out.startswith("@") == 2


def test_export_without_a_library_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run(tmp_path / "missing", "export", "--format", "ris")
    assert code == 2
    assert "no library" in err
    assert not (tmp_path / "missing").exists()


def test_dedup_command_lists_shared_works(data_dir: Path) -> None:
    body = " ".join(
        f"sentence {n} on the grain corridor and its inspection regime" for n in range(60)
    )
    store = SQLiteStore(data_dir / "library.sqlite3")
    first, copy = SAMPLES[0].with_changes(body=body), SAMPLES[1].with_changes(body=body + " Ends.")
    for doc in (first, copy, SAMPLES[2]):
        store.upsert(doc)
    store.close()
    code, out, err = _run(data_dir, "dedup", "--json")
    assert code == 0, err
    works = json.loads(out)
    assert [[d["id"] for d in w["documents"]] for w in works] == [[first.id, copy.id]]
