"""Cover reading: dates at their written precision, author lists, institution lines."""

from __future__ import annotations

import pytest

from legation.model import PartialDate
from legation.parse.pdfcover import CoverRun, find_date, read_cover, split_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 14 March 2023", PartialDate(year=2023, month=3, day=14)),
        ("March 14, 2023", PartialDate(year=2023, month=3, day=14)),
        ("Sept. 2021 | Policy Brief", PartialDate(year=2021, month=9)),
        ("2019-07-01", PartialDate(year=2019, month=7, day=1)),
        ("2020", PartialDate(year=2020)),
        ("Report No. 2020/14 on page 2020", None),
        ("No date here", None),
    ],
)
def test_find_date(text: str, expected: PartialDate | None) -> None:
    assert find_date(text) == expected


def test_split_names() -> None:
    assert split_names("Amina Diallo, Tomas Berg and Li Wei") == (
        "Amina Diallo",
        "Tomas Berg",
        "Li Wei",
    )
    assert split_names("Smith, Jane") == ("Jane Smith",)
    assert split_names("Jane Smith (Senior Fellow)") == ("Jane Smith",)
    assert split_names("Sara Okafor & Pieter van den Berg") == (
        "Sara Okafor",
        "Pieter van den Berg",
    )


def test_cover_without_size_differences_uses_first_line_and_skips_sentences() -> None:
    page = "\n".join(
        [
            "Energy Security After the Embargo",
            "This paper was funded by grants that the University of Somewhere and others gave",
            "Copyright 2022 by the Foundation for Energy Dialogue. All rights reserved.",
        ]
    )
    runs = tuple(
        CoverRun(text=line, size=10.0, y=700.0 - 12 * i) for i, line in enumerate(page.split("\n"))
    )
    cover = read_cover(
        runs=runs, page_height=792, first_page=page, meta_title=None, meta_author=None
    )
    assert cover.title == "Energy Security After the Embargo"
    assert cover.institution == "Foundation for Energy Dialogue"
    assert cover.date == PartialDate(year=2022)
