"""Markdown: a GitHub table; cells escaped by the one rule (no HTML, `|`, line breaks)."""

from __future__ import annotations

from ..escaping import markdown_cell
from ..listing import Listing


def render(listing: Listing) -> str:
    """A header row, the alignment row, one row per record, then the notes as quotes."""
    lines = [
        "| " + " | ".join(markdown_cell(name) for name in listing.fields) + " |",
        "|" + "|".join("---" for _ in listing.fields) + "|",
    ]
    lines += [
        "| " + " | ".join(markdown_cell(text) for text in row) + " |" for row in listing.cells()
    ]
    lines += ["", *(f"> {markdown_cell(note)}" for note in listing.notes)] if listing.notes else []
    return "\n".join(lines) + "\n"
