"""Real files of every allowed type (and some that must be refused), made in memory."""

import io
import zipfile

from openpyxl import Workbook
from PIL import Image

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
CSV = "name,amount\nRiverside Youth Trust,1200\n\u00c9cole \u00e9t\u00e9,3\n".encode()
# A Windows program: what a "renamed executable" looks like inside.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
SHELL = b"#!/bin/sh\nrm -rf /tmp/x,y\n"


def image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 112, 60)).save(out, fmt)
    return out.getvalue()


def xlsx() -> bytes:
    book = Workbook()
    book.active.append(["service", "cost"])
    book.active.append(["libraries", 250000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(entries: list[tuple[str, bytes]], first_stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if first_stored and i == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return out.getvalue()


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(main_type: str = WORD_MAIN, extra: tuple = ()) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>'
    )
    return _zip(
        [
            ("[Content_Types].xml", types.encode()),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document><w:body><w:p/></w:body></w:document>"),
            *extra,
        ]
    )


def docm() -> bytes:
    """A macro-enabled Word file: a zip of Office parts, but not one of the allowed types."""
    return docx(
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        extra=(("word/vbaProject.bin", b"\x00" * 64),),
    )


def odf(mimetype: str) -> bytes:
    return _zip(
        [("mimetype", mimetype.encode()), ("content.xml", b"<office:document-content/>")],
        first_stored=True,
    )


def plain_zip() -> bytes:
    return _zip([("readme.txt", b"hello")])


ALLOWED = {
    "pdf": ("report.pdf", PDF),
    "docx": ("plan.docx", docx()),
    "xlsx": ("budget.xlsx", xlsx()),
    "odt": ("plan.odt", odf("application/vnd.oasis.opendocument.text")),
    "ods": ("budget.ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
    "csv": ("figures.csv", CSV),
    "png": ("logo.png", image("PNG")),
    "jpeg": ("photo.jpg", image("JPEG")),
}
REFUSED = {
    "renamed Windows program": ("accounts.pdf", EXE),
    "renamed Linux program": ("figures.csv", ELF),
    "shell script": ("figures.csv", SHELL),
    "macro-enabled Word file": ("plan.docx", docm()),
    "plain zip": ("plan.docx", plain_zip()),
    "html page": ("figures.csv", b"<html><script>alert(1)</script></html>"),
    "binary noise": ("photo.jpg", bytes(range(256)) * 4),
    "text in Latin-1": ("figures.csv", "caf\xe9,1\n".encode("latin-1")),
}
