"""CSV (RFC 4180): a header row, then one row per record, nested values as readable text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..listing import Listing, cell
from ..sections import field


def render(listing: Listing) -> Iterator[str]:
    """Header and rows, CRLF line ends, quoted where needed, written row by row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(listing.fields)
    for record in listing.records:
        writer.writerow([cell(field(record, name)) for name in listing.fields])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
