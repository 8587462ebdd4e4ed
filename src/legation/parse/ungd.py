"""UN General Debate speeches (the UNGD corpus): ``ISO3_NN_YYYY.txt``, one speech a file.

The file name carries the speaking country, the session and the year; the text is
the speech. The European Union speaks as ``EU``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar

from legation.errors import ParseError
from legation.model import Document, PartialDate, document_id
from legation.sources.base import RawInput

__all__ = ["UNGDParser", "country_name"]

_NAME = re.compile(r"^([A-Z]{2,3})_(\d{1,3})_(\d{4})\.txt$")
_INSTITUTION = "United Nations General Assembly"
# Speakers that are not (or no longer) ISO 3166 countries.
_NON_ISO = {"EU": "European Union"}


@cache
def country_name(code: str) -> str | None:
    """Common English name for an alpha-3 code (current or historical), or None."""
    import pycountry

    if code in _NON_ISO:
        return _NON_ISO[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        name: str = getattr(country, "common_name", None) or country.name
        return name
    historic = pycountry.historic_countries.get(alpha_3=code)
    return str(historic.name) if historic is not None else None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")  # noqa: PLR2004
    return f"{n}{suffix}"


class UNGDParser:
    name: ClassVar[str] = "ungd"

    def match(self, raw: RawInput, text: str | None) -> float:
        if text is None or not _NAME.match(raw.name):
            return 0.0
        return 0.95

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        match = _NAME.match(raw.name)
        if text is None or match is None:
            raise ParseError(f"ungd: not a speech file name (ISO3_NN_YYYY.txt): {raw.name}")
        code, session, year = match.group(1), int(match.group(2)), int(match.group(3))
        country = country_name(code)
        if country is None:
            raise ParseError(f"ungd: unknown country code {code!r} in {raw.name}")
        body = text.strip()
        if not body:
            raise ParseError("ungd: empty speech")
        return [
            Document(
                id=document_id(f"ungd:{code}_{session}_{year}"),
                title=(
                    f"{country}: General Debate statement, "
                    f"{_ordinal(session)} session of the UN General Assembly ({year})"
                ),
                source=raw.provenance(self.name),
                authors=(country,),
                published=PartialDate(year=year),
                content_type="Speech",
                institution=_INSTITUTION,
                body=body,
                language="en",
                geography=(country,),
            )
        ]
