"""CSV: the one writer of the portal's CSV files, and formula injection (cells a spreadsheet
would run as formulas).

Every CSV the portal writes goes through `csv_lines` (a download through `csv_response`), which
passes its cells through `safe_cell`; an uploaded CSV is checked with `has_formulas` when it is
stored, so officers see a warning before they open it. An .xlsx download (`xlsx_response`,
openpyxl) passes its text cells through `safe_cell` too.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell as text, with a leading ' when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file for csv.writer that hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row as one CSV line (cells through `safe_cell`), one at a time, so a file of any
    length is never held whole."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(
    rows: Iterable[Iterable], filename: str, *, stream: bool = False
) -> HttpResponseBase:
    """A CSV download. `stream` for rows read lazily from the database (sent as they are
    written); without it the lines are joined into one response with a Content-Length."""
    response_class = StreamingHttpResponse if stream else HttpResponse
    response = response_class(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(
    rows: Iterable[Iterable], filename: str, *, title: str, widths: Iterable[int] = ()
) -> HttpResponse:
    """An .xlsx download of one sheet (openpyxl's write-only workbook): the first row is the
    header (bold, frozen); dates are date cells, numbers numbers, and text goes through
    `safe_cell` (openpyxl would store text starting with = as a formula)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, row in enumerate(rows):
        cells = []
        for value in row:
            if value is None:
                cell = WriteOnlyCell(sheet, None)
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell = WriteOnlyCell(sheet, value)
            else:
                cell = WriteOnlyCell(sheet, safe_cell(value))
            if index == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _is_formula(cell: str) -> bool:
    if not cell.startswith(FORMULA_STARTS):
        return False
    try:
        float(cell)  # "-5" and "+44" are numbers, not formulas
    except ValueError:
        return True
    return False


def has_formulas(file) -> bool:
    """Whether an uploaded CSV (already checked as UTF-8 CSV) has a cell that is a formula."""
    file.seek(0)
    text = io.TextIOWrapper(Unclosable(file), encoding="utf-8-sig", newline="", errors="replace")
    try:
        return any(_is_formula(cell) for row in csv.reader(text) for cell in row)
    except csv.Error:
        return True  # the checks passed it, so unlikely; warn rather than say nothing
    finally:
        text.detach()
        file.seek(0)


class Unclosable(io.RawIOBase):
    """Lets TextIOWrapper read an uploaded file without taking ownership of it."""

    def __init__(self, file):
        self._file = file

    def readable(self):
        return True

    def seekable(self):
        return True

    def readinto(self, buffer):
        data = self._file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset, whence=0):
        return self._file.seek(offset, whence)

    def tell(self):
        return self._file.tell()
