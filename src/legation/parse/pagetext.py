"""Article pages copied as text from a browser: one article, its teasers, and site chrome.

The parser reads the page's shape, not its words:

- a header: the title, an optional standfirst, then a short label line giving the
  section (``Asia-Pacific``) or ``Content type | Section``;
- the body: prose paragraphs, ending where the related-article block or the page
  trailer begins; caption and credit lines after it are image credits;
- teasers: a single-line title, a single-line section, paragraphs, then a truncation
  marker ("keep reading", "show less"), each optionally preceded by the image's alt
  text and credit line;
- chrome anywhere (social buttons, calls to action, image file names) is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from legation.errors import ParseError
from legation.model import Document, RelatedRef, document_id
from legation.parse.pagetext_shapes import (
    Group,
    credit_text,
    group_lines,
    is_chrome,
    is_credit,
    is_label,
    is_marker,
    is_paragraph,
    is_terminal,
    is_title_like,
)
from legation.sources.base import RawInput

__all__ = ["PageTextParser"]

_HEADER_SPAN = 3  # the label line comes within this many lines after the title
_DEFAULT_TYPE = "Article"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Header:
    title: str
    subtitle: str | None
    content_type: str | None
    section: str | None
    label: str | None
    body_start: int  # index of the first group of the body


@dataclass(frozen=True, slots=True, kw_only=True)
class _Teaser:
    pre: tuple[str, ...]  # alt text and credit lines before the title
    title: str
    section: str | None
    paragraphs: tuple[str, ...]
    truncated: bool
    end: int  # group index after this teaser


def _header(groups: list[Group]) -> _Header:
    """Title, standfirst and label from the top of the page."""
    lines: list[tuple[int, str]] = [
        (gi, line) for gi, group in enumerate(groups) for line in group.lines if not is_chrome(line)
    ]
    first_para = next((k for k, (_, line) in enumerate(lines) if is_paragraph(line)), None)
    if not lines or first_para is None:
        raise ParseError("pagetext: no article text found (no prose paragraphs)")
    title = lines[0][1]
    for k in range(1, min(len(lines), _HEADER_SPAN + 1)):
        gi, line = lines[k]
        if is_label(line):
            subtitle = " ".join(text for _, text in lines[1:k]) or None
            content_type, section = _split_label(line)
            return _Header(
                title=title,
                subtitle=subtitle,
                content_type=content_type,
                section=section,
                label=line,
                body_start=gi + 1,
            )
    return _Header(
        title=title,
        subtitle=None,
        content_type=None,
        section=None,
        label=None,
        body_start=lines[0][0] + 1,
    )


def _split_label(label: str) -> tuple[str | None, str | None]:
    if "|" in label:
        kind, _, section = label.partition("|")
        return kind.strip() or None, section.strip() or None
    return None, label.strip()


def _teaser_title_at(groups: list[Group], i: int) -> bool:
    """Whether groups[i] opens a teaser: a title line, a section line, then text."""
    if i + 2 >= len(groups):
        return False
    title, section, after = groups[i], groups[i + 1], groups[i + 2]
    return (
        title.single is not None
        and is_title_like(title.single)
        and section.single is not None
        and is_label(section.single)
        and not any(is_marker(line) or is_terminal(line) for line in after.lines)
    )


def _find_teaser(groups: list[Group], start: int, stop: int) -> int | None:
    return next((i for i in range(start, stop) if _teaser_title_at(groups, i)), None)


def _first_stop(groups: list[Group], start: int) -> int:
    """Index of the first group holding a truncation marker or trailer line."""
    for i in range(start, len(groups)):
        if any(is_marker(line) or is_terminal(line) for line in groups[i].lines):
            return i
    return len(groups)


def _teasers(groups: list[Group], first: int) -> list[_Teaser]:
    teasers: list[_Teaser] = []
    i = first
    pre: list[str] = []
    while i is not None and i < len(groups):
        stop = _first_stop(groups, i + 2)
        paragraphs = [line for g in groups[i + 2 : stop] for line in g.lines if not is_chrome(line)]
        marker_group = groups[stop] if stop < len(groups) else None
        truncated = marker_group is not None and any(is_marker(x) for x in marker_group.lines)
        teasers.append(
            _Teaser(
                pre=tuple(pre),
                title=groups[i].lines[0],
                section=groups[i + 1].lines[0],
                paragraphs=tuple(paragraphs),
                truncated=truncated,
                end=stop + 1,
            )
        )
        if not truncated or marker_group is None:
            break
        # What follows the marker up to the next title is that teaser's alt and credit.
        after_marker = marker_group.lines[
            next(k for k, x in enumerate(marker_group.lines) if is_marker(x)) + 1 :
        ]
        nxt = _find_teaser(groups, stop + 1, _first_stop(groups, stop + 1))
        if nxt is None:
            break
        pre = [x for x in after_marker if not is_chrome(x)]
        pre += [x for g in groups[stop + 1 : nxt] for x in g.lines if not is_chrome(x)]
        i = nxt
    return teasers


def _split_pre_region(lines: list[str], label: str | None) -> tuple[list[str], list[str]]:
    """Lines between the body and the first teaser: (article credits, teaser alt/credit)."""
    lines = [x for x in lines if not is_chrome(x)]
    cut = next((k for k, x in enumerate(lines) if x == label or is_label(x)), None)
    if cut is not None:
        return lines[:cut], lines[cut + 1 :]
    lead = 0
    while lead < len(lines) and is_credit(lines[lead]):
        lead += 1
    return lines[:lead], lines[lead:]


def _teaser_credit(pre: tuple[str, ...]) -> str | None:
    credits = [credit_text(x) for x in pre if is_credit(x)]
    if credits:
        return credits[-1]
    # Without an explicit credit line, the line after the alt text is the caption.
    return pre[1] if len(pre) > 1 else None


class PageTextParser:
    name: ClassVar[str] = "pagetext"

    def match(self, raw: RawInput, text: str | None) -> float:
        if text is None:
            return 0.0
        head = text[:100_000]
        if head.lstrip().startswith("<") or "\x00" in head:
            return 0.0
        lines = [x.strip() for x in head.splitlines() if x.strip()]
        paragraphs = sum(1 for x in lines if is_paragraph(x))
        if paragraphs == 0:
            return 0.0
        score = 0.3
        if any(is_marker(x) for x in lines):
            score += 0.2
        if lines and is_title_like(lines[0]) and any(is_label(x) for x in lines[1:6]):
            score += 0.2
        return score

    def parse(self, raw: RawInput, text: str | None) -> list[Document]:
        if text is None:
            raise ParseError("pagetext: input is not text")
        groups = group_lines(text)
        header = _header(groups)
        stop = _first_stop(groups, header.body_start)
        first = _find_teaser(groups, header.body_start, stop)
        body_end = first if first is not None else stop
        pre_start = body_end
        # Walk back over caption, chrome and label groups that sit between body and teasers.
        while pre_start > header.body_start and not _is_prose_group(groups[pre_start - 1]):
            pre_start -= 1
        pre_lines = [x for g in groups[pre_start:body_end] for x in g.lines]
        credits, teaser_pre = _split_pre_region(pre_lines, header.label)
        body = [x for g in groups[header.body_start : pre_start] for x in g.lines]
        body = [x for x in body if not is_chrome(x) and x != header.label]
        if not body:
            raise ParseError("pagetext: the article has no body paragraphs")
        related = _related(groups, first, teaser_pre)
        return [self._document(raw, header, body, credits, related)]

    def _document(
        self,
        raw: RawInput,
        header: _Header,
        body: list[str],
        credits: list[str],
        related: tuple[RelatedRef, ...],
    ) -> Document:
        return Document(
            id=document_id(f"pagetext:{raw.url or raw.path or raw.name}"),
            title=header.title,
            subtitle=header.subtitle,
            source=raw.provenance(self.name),
            url=raw.url,
            content_type=header.content_type or _DEFAULT_TYPE,
            section=header.section,
            body="\n\n".join(body),
            image_credits=tuple(credit_text(x) for x in credits),
            related=related,
        )


def _is_prose_group(group: Group) -> bool:
    return group.single is not None and is_paragraph(group.single) and not is_credit(group.single)


def _related(groups: list[Group], first: int | None, pre: list[str]) -> tuple[RelatedRef, ...]:
    if first is None:
        return ()
    refs = []
    for k, teaser in enumerate(_teasers(groups, first)):
        refs.append(
            RelatedRef(
                title=teaser.title,
                section=teaser.section,
                teaser="\n\n".join(teaser.paragraphs) or None,
                truncated=teaser.truncated,
                image_credit=_teaser_credit(tuple(pre) if k == 0 else teaser.pre),
            )
        )
    return tuple(refs)
