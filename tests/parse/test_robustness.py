"""Property tests: whatever bytes come in, a parser answers with documents or a one-line reason.

A crash here would cost a batch; a LegationError costs only its own input.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legation.errors import LegationError
from legation.parse.registry import formats, parse_raw
from legation.sources.base import RawInput

# Lines shaped like the page-text and listing formats, mixed with noise.
_LINES = st.sampled_from(
    [
        "",
        "Follow us on social",
        "google cta",
        "Asia-Pacific",
        "Analysis | Europe",
        "keep readingShow less",
        "LATEST",
        "42. A numbered title",
        "- Author:",
        "- Jane Roe, and John Doe",
        "- Publication Date:",
        "- 13-2025",
        "Top image credit: Someone",
        "(Agency/ Name)",
        "A title line about ministers",
        "A paragraph long enough to count as prose in an article about the summit talks.",
    ]
)
_TEXTS = st.one_of(
    st.lists(_LINES | st.text(max_size=80), max_size=40).map("\n".join),
    st.text(max_size=400),
)


def _check(raw: RawInput, fmt: str = "auto") -> None:
    try:
        docs = parse_raw(raw, fmt)
    except LegationError as exc:
        assert str(exc).strip()
        assert "\n" not in str(exc)
        return
    for doc in docs:
        assert doc.title.strip()
        doc.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    _check(RawInput(data=text.encode("utf-8", "surrogatepass"), name="input.txt"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(("auto", *formats())))
def test_any_bytes_in_any_format_fail_cleanly(data: bytes, fmt: str) -> None:
    _check(RawInput(data=data, name="input.bin"), fmt)


_TAGS = st.sampled_from(
    ["<html>", "<head>", "<title>T</title>", "<body>", "<article>", "<p>", "</p>", "<h1>",
     '<meta property="og:title" content="X">', '<script type="application/ld+json">{"@type":',
     "</script>", "<div class=comment>", "</div>", "<br>", "TY  - JOUR", "@article{k,", "%PDF-1.4"]
)  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(
    st.lists(_TAGS | st.text(max_size=60), max_size=30).map("".join),
    st.sampled_from(["page.html", "refs.ris", "refs.bib", "items.json", "report.pdf", "x.txt"]),
)
def test_markup_like_inputs_fail_cleanly(text: str, name: str) -> None:
    _check(RawInput(data=text.encode("utf-8", "surrogatepass"), name=name))
