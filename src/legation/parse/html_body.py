"""The main text of a web page: a fast lexbor pass narrows the page, trafilatura extracts.

Measured on the Zyte article benchmark (bench/extraction.py): trafilatura on the whole
page spends most of its time evaluating its boilerplate XPaths over every element. Dropping
the elements it deletes anyway (scripts, navigation, forms...) and handing it only the
paragraph-dense region of the page (plus one level of context) makes it about twice as fast
and more precise; when that region holds too little of the page's paragraph text, the whole
(pruned) page is extracted instead, so recall is kept.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode
    from trafilatura.settings import Extractor

__all__ = ["extract_body"]

# Elements trafilatura deletes in any case (its MANUALLY_CLEANED list, minus <form>, which
# some sites wrap around the whole page); removing them first makes every later pass cheaper.
_DROP = (
    "script, style, noscript, svg, iframe, template, link, object, embed, canvas, video, audio,"
    " picture, aside, footer, nav, menu, button, input, select, textarea, label, figure, map,"
    " math, dialog"
)
_MIN_PARAGRAPH = 40  # characters; shorter <p> are captions, bylines, buttons
_ANCESTOR_DECAY = (1.0, 0.6, 0.36)  # a paragraph votes for its parent, less for grandparents
_REGION_SHARE = 0.5  # the region's extraction must hold this share of the page's paragraph text
_LEAD_LINES = 4  # a repeated headline only ever sits in the first lines
_WORD = re.compile(r"\w+")


@cache
def _extractor() -> Extractor:
    """One shared trafilatura configuration (building it per page parses its config file)."""
    from trafilatura.settings import Extractor

    # trafilatura logs a warning for every region it discards; our own reasons say more.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return Extractor(output_format="txt", comments=False, fast=True, tables=True)


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _region(tree: LexborHTMLParser) -> tuple[LexborNode | None, int]:
    """The element holding most paragraph text (readability-style vote), one level up,
    and the page's total paragraph text length."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    total = 0
    for para in tree.css("p"):
        size = len(para.text(strip=True))
        total += size
        if size < _MIN_PARAGRAPH:
            continue
        node = para.parent
        for weight in _ANCESTOR_DECAY:
            if node is None:
                break
            scores[node.mem_id] = scores.get(node.mem_id, 0.0) + size * weight
            nodes[node.mem_id] = node
            node = node.parent
    if not scores:
        return None, total
    best = nodes[max(scores, key=scores.__getitem__)]
    parent = best.parent
    # one level of context keeps a lead paragraph or list that sits beside the text block
    if parent is not None and parent.tag not in ("body", "html", "-document"):
        best = parent
    return best, total


def _strip_headlines(text: str, headlines: set[str]) -> str:
    """Drop leading lines that repeat the headline: it is metadata, not body text."""
    lines = text.split("\n", _LEAD_LINES)
    kept = [
        line
        for line in lines[:_LEAD_LINES]
        if not ((norm := _normalise(line)) and any(_same_headline(norm, h) for h in headlines))
    ]
    return "\n".join(kept + lines[_LEAD_LINES:])


def _same_headline(line: str, headline: str) -> bool:
    if line == headline:
        return True
    # a cut-off headline, or the headline followed by a short site suffix
    min_len = 20
    return (len(line) > min_len and headline.startswith(line)) or (
        len(headline) > min_len and line.startswith(headline) and len(line) < 1.3 * len(headline)
    )


def extract_body(tree: LexborHTMLParser, headlines: tuple[str, ...] = ()) -> str:
    """The article text of a parsed page, paragraphs separated by newlines ("" if none).

    ``headlines`` are title candidates already read from the page; a leading body line
    repeating one of them is removed. The tree is pruned in place.
    """
    import trafilatura

    if tree.head is not None:
        tree.head.decompose()
    for node in tree.css(_DROP):
        node.decompose()
    options = _extractor()
    text = ""
    region, page_paragraphs = _region(tree)
    if region is not None:
        text = (
            trafilatura.extract(f"<html><body>{region.html}</body></html>", options=options) or ""
        )
        if len(text) <= _REGION_SHARE * page_paragraphs:
            text = ""
    if not text:
        html = tree.html
        text = (trafilatura.extract(html, options=options) or "") if html else ""
    wanted = {_normalise(h) for h in headlines}
    wanted.discard("")
    return _strip_headlines(text, wanted).strip() if wanted else text.strip()
