"""CSV (RFC 4180): a header row, then one row per record, nested values as readable text."""

from __future__ import annotations

import csv
import io

from ..listing import Listing


def render(listing: Listing) -> str:
    """Header and rows, CRLF line ends, quoted where needed."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(listing.fields)
    writer.writerows(listing.cells())
    return out.getvalue()
