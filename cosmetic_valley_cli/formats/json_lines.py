"""JSON Lines: one compact JSON object per record, per line, escaped as JSON is."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..escaping import json_text
from ..listing import Listing


def render(listing: Listing) -> Iterator[str]:
    """One line per record, written as it is made."""
    for value in listing.values():
        yield json_text(json.dumps(value, ensure_ascii=False)) + "\n"
