"""The terminal table: rich, wrapped to the width, never cut off with an ellipsis.

At 80 columns a table of eight fields is unreadable, so fields that every record has
stay columns (four at most) and the sparse ones go, as `field: value` lines, into a
last `details` column. `--fields` turns this off: the chosen fields are the columns.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..escaping import text
from ..listing import Listing

MAX_COLUMNS = 4


def _layout(listing: Listing) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields shown as columns, and those folded into the details column."""
    fields = listing.shown_in_table()
    if listing.chosen or len(fields) <= MAX_COLUMNS:
        return fields, ()
    cells = (
        dict(zip(fields, zip(*listing.cells(fields), strict=False), strict=False))
        if listing.records
        else {}
    )
    full = [name for name in fields if all(cells.get(name, ()))][: MAX_COLUMNS - 1]
    columns = tuple(full or fields[:1])
    return columns, tuple(name for name in fields if name not in columns)


def render(listing: Listing) -> RenderableType:
    """The table, then the listing's notes (inferred dates, open lists) as plain lines."""
    table = _table(listing)
    if not listing.notes or isinstance(table, str):
        return table
    return Group(table, *(text(note) for note in listing.notes))


def _table(listing: Listing) -> Table | str:
    """Columns for a list of records; a field-and-value table for a one-record section.

    No records, no table: an empty result prints nothing.
    """
    if not listing.records:
        return ""
    if listing.single and len(listing.records) == 1:
        fields = listing.fields if listing.chosen else listing.shown_in_table()
        table = Table(title=text(listing.title), box=box.SIMPLE, show_header=False,
                      show_edge=False)  # fmt: skip
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        for name, value in zip(fields, listing.cells(fields)[0], strict=False):
            table.add_row(Text(name), Text(value))  # cells() made them visible
        return table
    columns, details = _layout(listing)
    table = Table(title=text(listing.title), box=box.SIMPLE_HEAD, show_edge=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    if details:
        table.add_column("details", overflow="fold")
    for row, extra in zip(listing.cells(columns), listing.cells(details), strict=False):
        lines = [f"{name}: {value}" for name, value in zip(details, extra, strict=False) if value]
        cells = [*row, *(["\n".join(lines)] if details else [])]
        table.add_row(*(Text(value) for value in cells))  # cells() made them visible
    return table
