"""Bytes to text: BOMs, UTF-8 first, then a detected legacy charset; binary is refused."""

from __future__ import annotations

import codecs

from legation.errors import UnsupportedInput

__all__ = ["decode_text", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192
_CONTROLS = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13))
_CONTROL_SHARE = 0.10  # above this share of control bytes, a file is not text


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False  # UTF-16/32 text has NULs by design
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return bool(head) and controls / len(head) > _CONTROL_SHARE


def decode_text(data: bytes) -> str:
    """Decode to str with universal newlines; raise UnsupportedInput for binary or empty input."""
    if not data.strip():
        raise UnsupportedInput("empty input")
    if looks_binary(data):
        raise UnsupportedInput("binary content, not text")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")
