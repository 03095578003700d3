"""JSON: an array of records (an object for a one-record section), UTF-8, not escaped."""

from __future__ import annotations

import json
from typing import Any

from ..listing import Listing


def dumps(value: Any) -> str:
    """The project's JSON: indented, non-ASCII kept as it is, one final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def render(listing: Listing) -> str:
    """The records as one JSON document."""
    values = listing.values()
    return dumps(values[0] if listing.single and values else values)
