"""YAML: the same document as the JSON format, written by PyYAML's safe dumper."""

from __future__ import annotations

import yaml

from ..listing import Listing


def render(listing: Listing) -> str:
    """The records as a YAML list (a mapping for a one-record section)."""
    values = list(listing.values())
    document = values[0] if listing.single and values else values
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000)
