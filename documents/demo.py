"""Small documents for the demo, made and checked like a real upload (used by every app's demo)."""

from django.core.files.base import ContentFile

from documents.uploads import check_upload


def summary_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF of the kind a body would upload (its accounts, its quality mark)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang("en-GB")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def upload(data: bytes, name: str):
    """The bytes as a checked upload, as a form would hand them on."""
    return check_upload(ContentFile(data, name=name))
