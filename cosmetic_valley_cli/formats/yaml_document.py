"""YAML: the same document as the JSON format, written by PyYAML's safe dumper."""

from __future__ import annotations

from typing import Any

import yaml

from ..listing import Listing


def dumps(value: Any) -> str:
    """The project's YAML: safe, non-ASCII kept as it is, keys in order, lines unwrapped."""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


def render(listing: Listing) -> str:
    """The records as a YAML list (a mapping for a one-record section)."""
    values = list(listing.values())
    return dumps(values[0] if listing.single and values else values)
