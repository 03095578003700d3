"""JSON Lines: one compact JSON object per record, per line."""

from __future__ import annotations

import json

from ..listing import Listing


def render(listing: Listing) -> str:
    """One line per record."""
    return "".join(json.dumps(value, ensure_ascii=False) + "\n" for value in listing.values())
