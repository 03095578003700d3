"""JSON: an array of records (an object for a one-record section), UTF-8, not escaped.

The array is written record by record, so a large dataset is never held twice in
memory as text; the result is the same as `json.dumps(records, indent=2)`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..listing import Listing


def dumps(value: Any) -> str:
    """The project's JSON: indented, non-ASCII kept as it is, one final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def render(listing: Listing) -> str | Iterator[str]:
    """The records as one JSON document."""
    if listing.single:
        return dumps(next(listing.values(), {}))
    return _array(listing)


def _array(listing: Listing) -> Iterator[str]:
    opened = False
    for value in listing.values():
        item = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield f"{',' if opened else '['}\n  {item}"
        opened = True
    yield "\n]\n" if opened else "[]\n"
