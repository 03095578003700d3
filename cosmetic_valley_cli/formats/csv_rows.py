"""CSV (RFC 4180): a header row, then one row per record, nested values as readable text.

A figure field F is three columns, F.value (plain digits), F.qualifier and F.unit, so
a spreadsheet or pandas reads the numbers as numbers.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would run
as a formula in a spreadsheet (OWASP, "CSV injection"), so it gets a leading `'`, and
control or bidi characters become visible escapes, unless the listing asks for raw
cells (`--csv-raw`); a note on stderr gives the count.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..escaping import csv_cell
from ..listing import Listing

if TYPE_CHECKING:
    from _csv import Writer


class Rows:
    """The CSV text, row by row; `notes` says what was changed, once it is all written."""

    def __init__(self, listing: Listing) -> None:
        self.listing = listing
        self.notes: list[str] = []
        self._pieces = self._rows()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._pieces)

    def _rows(self) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.listing.flat_fields())
        guarded = 0
        for row in self.listing.flat_cells(machine=True):
            if not self.listing.csv_raw:
                cells = [csv_cell(text) for text in row]
                row = [text for text, _changed in cells]
                guarded += sum(changed for _text, changed in cells)
            write_row(writer, buffer, row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
        if guarded:
            self.notes.append(
                f"cv: {guarded} CSV cell{'s' if guarded > 1 else ''} changed so that a "
                "spreadsheet or a terminal shows them rather than runs them (a leading ' "
                "before =, +, -, @, a tab or a carriage return; control characters as "
                "escapes); --csv-raw writes them as they are"
            )


NUL_WRITABLE = sys.version_info >= (3, 11)
"""Python 3.10's csv writer refuses a NUL ("need to escape"); 3.11's writes it as it is."""


def write_row(
    writer: Writer, buffer: io.StringIO, row: Sequence[str], nul_writable: bool = NUL_WRITABLE
) -> None:
    """One row into the writer's buffer, as Python 3.11 writes it, NUL bytes included.

    Where the writer refuses NUL (a raw cell may hold one), a character the row does not
    hold stands in for it (neither makes a cell quoted) and turns back into NUL once
    written.
    """
    if nul_writable or not any("\0" in cell for cell in row):
        writer.writerow(row)
        return
    used = set("".join(row))
    stand_in = next(chr(code) for code in range(0xE000, 0x110000) if chr(code) not in used)
    written = io.StringIO()
    csv.writer(written).writerow([cell.replace("\0", stand_in) for cell in row])
    buffer.write(written.getvalue().replace(stand_in, "\0"))


def render(listing: Listing) -> Rows:
    """Header and rows, CRLF line ends, quoted where needed, written row by row."""
    return Rows(listing)
