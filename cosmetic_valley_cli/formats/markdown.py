"""Markdown: a GitHub table; cells escaped by the one rule (escaping.markdown_cell).

Its columns are the field names and figures are split like CSV's (`figure.value` in
digits), so the table can be read back by a script; the cells are for people.
"""

from __future__ import annotations

from ..escaping import markdown_cell
from ..listing import Listing


def render(listing: Listing) -> str:
    """A header row, the alignment row, one row per record, then the notes as quotes."""
    names = listing.flat_fields()
    lines = [
        "| " + " | ".join(names) + " |",  # cv's own field names: nothing to escape
        "|" + "|".join("---" for _ in names) + "|",
    ]
    lines += [
        "| " + " | ".join(markdown_cell(text) for text in row) + " |"
        for row in listing.flat_cells(machine=False)
    ]
    lines += ["", *(f"> {markdown_cell(note)}" for note in listing.notes)] if listing.notes else []
    return "\n".join(lines) + "\n"
