"""Formats come built in, from installed packages' entry points, or registered at run time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from legation.errors import UnsupportedInput
from legation.parse import registry
from legation.sources.base import RawInput

PLUGIN = """
from legation.model import Document, document_id


class MemoParser:
    name = "memo"

    def match(self, raw, text):
        return 0.99 if text is not None and text.startswith("MEMO:") else 0.0

    def parse(self, raw, text):
        title = text.splitlines()[0].removeprefix("MEMO:").strip()
        return [Document(id=document_id(raw.locator), title=title, body=text,
                         source=raw.provenance(self.name), content_type="Memo")]
"""


@pytest.fixture
def installed_plugin(tmp_path: Path) -> Iterator[None]:
    """A real (if tiny) installed distribution declaring a `legation.parsers` entry point."""
    (tmp_path / "legation_memo.py").write_text(PLUGIN)
    dist = tmp_path / "legation_memo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: legation-memo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[legation.parsers]\nmemo = legation_memo:MemoParser\n"
        "pdf = legation_memo:MemoParser\n"  # a plugin cannot replace a built-in
    )
    sys.path.insert(0, str(tmp_path))
    registry.unregister_parser("")  # clears the caches
    yield
    sys.path.remove(str(tmp_path))
    sys.modules.pop("legation_memo", None)
    registry.unregister_parser("")


def test_installed_plugins_join_the_formats(installed_plugin: None) -> None:
    assert "memo" in registry.formats()
    docs = registry.parse_raw(RawInput(data=b"MEMO: Talks resume\nText.", name="a.txt"))
    assert [(d.title, d.content_type) for d in docs] == [("Talks resume", "Memo")]
    assert type(registry.get_parser("pdf")).__name__ == "PDFParser"


def test_register_at_run_time_and_unknown_formats() -> None:
    registry.register_parser("memo2", "legation.parse.listing:ListingParser")
    try:
        assert "memo2" in registry.formats()
    finally:
        registry.unregister_parser("memo2")
    assert "memo2" not in registry.formats()
    with pytest.raises(UnsupportedInput, match="unknown format 'nope'"):
        registry.get_parser("nope")
