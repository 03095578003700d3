"""Markdown: a GitHub table; cells escaped by the one rule (escaping.markdown_cell).

Its columns are the field names and figures are split like CSV's (`figure.value` in
digits), so the table can be read back by a script; the cells are for people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..escaping import markdown_cell
from ..listing import Listing
from ..sections import field

if TYPE_CHECKING:
    from ..outputs import Row


def _cell(listing: Listing, record: Row, name: str, text: str) -> str:
    """A cell escaped, or a field the listing draws marked (search's passages) by its own rule."""
    marks = listing.marked(name)
    return markdown_cell(text) if marks is None else marks.markdown(field(record, name))


def render(listing: Listing) -> str:
    """A header row, the alignment row, one row per record, then the notes as quotes."""
    names = listing.flat_fields()
    lines = [
        "| " + " | ".join(names) + " |",  # cv's own field names: nothing to escape
        "|" + "|".join("---" for _ in names) + "|",
    ]
    lines += [
        "| "
        + " | ".join(
            _cell(listing, record, name, text) for name, text in zip(names, row, strict=True)
        )
        + " |"
        for record, row in zip(listing.records, listing.flat_cells(machine=False), strict=True)
    ]
    lines += ["", *(f"> {markdown_cell(note)}" for note in listing.notes)] if listing.notes else []
    return "\n".join(lines) + "\n"
