"""UN General Debate speeches, from files written here and from the real corpus."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from legation.errors import ParseError
from legation.model import Precision
from legation.parse.registry import parse_raw
from legation.parse.ungd import UNGDParser
from legation.sources.base import RawInput, Skipped
from legation.sources.files import FileSource
from tests.conftest import shared_path

SPEECH = b"Mr. President, it is an honour to address this Assembly on behalf of my country."


def test_speech_file() -> None:
    doc = parse_raw(RawInput(data=SPEECH, name="FRA_70_2015.txt"))[0]
    assert doc.content_type == "Speech"
    assert doc.authors == ("France",)
    assert doc.geography == ("France",)
    assert doc.published is not None
    assert doc.published.isoformat() == "2015"
    assert doc.published.precision is Precision.YEAR
    assert doc.institution == "United Nations General Assembly"
    assert "France" in doc.title
    assert "70th session" in doc.title
    assert "2015" in doc.title


def test_european_union_and_common_names() -> None:
    assert parse_raw(RawInput(data=SPEECH, name="EU_66_2011.txt"))[0].authors == ("European Union",)
    assert parse_raw(RawInput(data=SPEECH, name="BOL_70_2015.txt"))[0].authors == ("Bolivia",)


def test_unknown_code_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="unknown country code 'QQQ'"):
        UNGDParser().parse(RawInput(data=SPEECH, name="QQQ_70_2015.txt"), SPEECH.decode())


def _archive(tmp_path: Path) -> Path:
    path = tmp_path / "speeches.tar.xz"
    members = {
        "TXT/Session 70 - 2015/USA_70_2015.txt": SPEECH,
        "TXT/Session 70 - 2015/EU_70_2015.txt": SPEECH,
        "TXT/Session 70 - 2015/.Rhistory": b"q()",
        "TXT/Session 71 - 2016/.DS_Store-to-UTF-8.txt": b"\x00\x01",
        "README.txt": b"About this corpus.",
    }
    with tarfile.open(path, "w:xz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_archive_is_read_directly_and_stray_files_skipped(tmp_path: Path) -> None:
    items = list(FileSource([_archive(tmp_path)]))
    raws = [i for i in items if isinstance(i, RawInput)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert sorted(r.name for r in raws) == ["EU_70_2015.txt", "USA_70_2015.txt"]
    assert len(skipped) == 3
    assert all(not s.failed and s.reason for s in skipped)


def test_real_corpus_sample() -> None:
    archive = shared_path("data", "ungd", "ungd-1946-2024.tar.xz")
    source = FileSource([archive])
    docs = []
    for item in source:
        if isinstance(item, RawInput):
            docs.extend(parse_raw(item))
        if len(docs) >= 50:
            break
    assert all(d.content_type == "Speech" and d.authors for d in docs)
    assert all(len(d.body) > 1000 for d in docs)
