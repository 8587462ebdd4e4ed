"""The UN General Debate corpus, read straight from its tarball in ../shared (never copied)."""

from __future__ import annotations

import os
import re
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEGATION_SHARED", REPO.parent / "shared"))
TARBALL = SHARED / "data" / "ungd" / "ungd-1946-2024.tar.xz"
_NAME = re.compile(r"([A-Z]{2,3})_(\d{2})_(\d{4})\.txt$")


def load_speeches(limit: int | None = None) -> dict[tuple[str, int], str]:
    """(speaker code, year) -> speech text, for every speech in the corpus (or the first N)."""
    if not TARBALL.is_file():
        sys.exit(f"needs {TARBALL} (set LEGATION_SHARED to the shared data folder)")
    speeches: dict[tuple[str, int], str] = {}
    with tarfile.open(TARBALL, "r:xz") as tar:
        for member in tar:
            match = _NAME.search(member.name)
            if not member.isfile() or match is None:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            text = handle.read().decode("utf-8", errors="replace")
            speeches[(match.group(1), int(match.group(3)))] = text
            if limit is not None and len(speeches) >= limit:
                break
    return speeches
