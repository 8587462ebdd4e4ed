from __future__ import annotations

import codecs

import pytest

from legation.errors import UnsupportedInput
from legation.parse.decode import decode_text


def test_utf8_bom_and_crlf() -> None:
    assert decode_text(codecs.BOM_UTF8 + "Türkiye\r\nline".encode()) == "Türkiye\nline"


def test_utf16_with_bom() -> None:
    assert decode_text("Genève talks".encode("utf-16")) == "Genève talks"


def test_cp1252_is_detected() -> None:
    text = "Les négociations à Genève ont repris, dit le ministre “prudemment”. " * 5
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_empty_and_binary_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(UnsupportedInput, match=reason):
        decode_text(data)
