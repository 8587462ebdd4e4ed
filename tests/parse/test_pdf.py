"""PDF reports built with reportlab in the test, read back with the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from legation.errors import ParseError
from legation.model import Document, PartialDate
from legation.parse.pdf import PDFParser
from legation.parse.registry import parse_raw
from legation.sources.base import RawInput

_WIDTH, _HEIGHT = A4
_BODY = [
    "Maritime security in the Gulf of Guinea improved in the first half of the year.",
    "Piracy incidents fell as regional navies shared patrol schedules and radar data.",
    "The report recommends a standing coordination centre funded by coastal states.",
]


def _cover(canvas: Canvas, *, title: str, lines: list[str]) -> None:
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(60, _HEIGHT - 160, title)
    canvas.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        canvas.drawString(60, _HEIGHT - 220 - 18 * index, line)
    canvas.showPage()


def _body_pages(canvas: Canvas) -> None:
    for number, sentence in enumerate(_BODY, start=2):
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, _HEIGHT - 80, f"Chapter {number - 1}")
        canvas.drawString(60, _HEIGHT - 100, sentence)
        canvas.drawString(_WIDTH / 2, 30, str(number))
        canvas.showPage()


def _report(**metadata: str) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    for key, value in metadata.items():
        getattr(canvas, f"set{key.capitalize()}")(value)
    _cover(
        canvas,
        title="Calmer Waters",
        lines=[
            "Piracy and Cooperation in the Gulf of Guinea",
            "By Amina Diallo and Tomas Berg",
            "Center for Maritime Security Studies",
            "14 March 2023",
        ],
    )
    _body_pages(canvas)
    canvas.save()
    return buf.getvalue()


def _parse(data: bytes, name: str = "report.pdf", url: str | None = None) -> Document:
    docs = PDFParser().parse(RawInput(data=data, name=name, path=f"/reports/{name}", url=url), None)
    assert len(docs) == 1
    return docs[0]


def test_cover_gives_title_authors_date_institution() -> None:
    doc = _parse(_report())
    assert doc.title == "Calmer Waters"
    assert doc.authors == ("Amina Diallo", "Tomas Berg")
    assert doc.published == PartialDate(year=2023, month=3, day=14)
    assert doc.institution == "Center for Maritime Security Studies"
    assert doc.content_type == "Report"
    assert doc.source.format == "pdf"


def test_pages_keep_numbers_and_offsets() -> None:
    doc = _parse(_report())
    assert [p.number for p in doc.pages] == [1, 2, 3, 4]
    for span, sentence in zip(doc.pages[1:], _BODY, strict=True):
        assert sentence in doc.body[span.start : span.end]
    offset = doc.body.index("radar data")
    page = doc.page_of(offset)
    assert page is not None
    assert page.number == 3
    assert doc.pages[-1].end == len(doc.body)


def test_pages_survive_json_round_trip() -> None:
    doc = _parse(_report())
    again = Document.from_json(doc.to_json())
    assert again.pages == doc.pages
    assert again == doc


def test_metadata_title_and_author_are_used_when_sound() -> None:
    doc = _parse(_report(title="Calmer Waters: Piracy in West Africa", author="Amina Diallo"))
    assert doc.title == "Calmer Waters: Piracy in West Africa"
    # The cover's "By" line is what readers see, so it wins over the metadata author.
    assert doc.authors == ("Amina Diallo", "Tomas Berg")


def test_junk_metadata_title_falls_back_to_cover() -> None:
    doc = _parse(_report(title="Microsoft Word - final_v3.docx"))
    assert doc.title == "Calmer Waters"


def test_metadata_author_when_cover_has_none() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.setAuthor("Li Wei; Sara Okafor")
    _cover(canvas, title="Grain Corridors", lines=["Black Sea Trade After 2022", "June 2024"])
    _body_pages(canvas)
    canvas.save()
    doc = _parse(buf.getvalue())
    assert doc.title == "Grain Corridors"
    assert doc.authors == ("Li Wei", "Sara Okafor")
    assert doc.published == PartialDate(year=2024, month=6)
    assert doc.institution is None


def test_printed_page_labels_are_kept() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.addPageLabel(0, style="ROMAN_LOWER")
    canvas.addPageLabel(1, style="ARABIC", start=1)
    _cover(canvas, title="Labelled Report", lines=["Endowment for Peace Research"])
    _body_pages(canvas)
    canvas.save()
    doc = _parse(buf.getvalue())
    assert [p.label for p in doc.pages] == ["i", "1", "2", "3"]
    assert doc.institution == "Endowment for Peace Research"


def test_no_text_layer_is_reported_as_scanned() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    for _ in range(2):
        canvas.setFillGray(0.3)
        canvas.rect(50, 50, 400, 600, fill=1)
        canvas.circle(300, 400, 80, fill=1)
        canvas.showPage()
    canvas.save()
    with pytest.raises(
        ParseError, match=r"^scanned PDF without a text layer \(OCR not supported\)$"
    ):
        _parse(buf.getvalue())


def test_broken_pdf_gives_one_line_reason() -> None:
    with pytest.raises(ParseError, match=r"^broken PDF") as info:
        _parse(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body\n")
    assert "\n" not in str(info.value)


def test_password_protected_pdf_is_refused() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, encrypt="s3cret")
    _cover(canvas, title="Restricted", lines=["Council on Arms Control"])
    canvas.save()
    with pytest.raises(ParseError, match=r"^encrypted PDF: a password is needed"):
        _parse(buf.getvalue())


def test_owner_only_encryption_opens_with_empty_password() -> None:
    buf = io.BytesIO()
    encrypt = StandardEncryption("", ownerPassword="owner", canPrint=0)
    canvas = Canvas(buf, pagesize=A4, encrypt=encrypt)
    _cover(canvas, title="Open Secrets", lines=["Institute of Open Government"])
    canvas.save()
    doc = _parse(buf.getvalue())
    assert doc.title == "Open Secrets"
    assert doc.institution == "Institute of Open Government"


def test_registry_picks_pdf_and_url_ids_are_canonical() -> None:
    data = _report()
    raw_a = RawInput(data=data, name="r.pdf", url="http://www.example.org/r.pdf?utm_source=x")
    raw_b = RawInput(data=data, name="r.pdf", url="https://example.org/r.pdf")
    doc_a, doc_b = parse_raw(raw_a)[0], parse_raw(raw_b)[0]
    assert doc_a.source.format == "pdf"
    assert doc_a.id == doc_b.id
