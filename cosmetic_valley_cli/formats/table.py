"""The terminal table: rich, wrapped to the width, never cut off with an ellipsis.

At 80 columns a table of eight fields is unreadable, so fields that every record has
stay columns (four at most) and the sparse ones go, as `field: value` lines, into a
last `details` column. `--fields` turns this off: the chosen fields are the columns.
"""

from __future__ import annotations

import shutil

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..escaping import lined, text
from ..listing import Listing
from ..sections import label

MAX_COLUMNS = 4
MAX_WORD = 24  # a word longer than this may be folded: a column that wide is enough


def _layout(listing: Listing, width: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields shown as columns, and those folded into the details column.

    Fields that every record has stay columns, four at most, and no more than the width
    holds with each column as wide as its longest word; the rest go into `details`.
    """
    fields = listing.shown_in_table()
    if listing.chosen or not listing.records:
        return fields, ()
    cells = dict(zip(fields, zip(*listing.cells(fields), strict=False), strict=False))
    full = [name for name in fields if all(cells.get(name, ()))][: MAX_COLUMNS - 1]
    columns = list(full or fields[:1])
    if len(fields) <= MAX_COLUMNS and _fits(fields, cells, width):
        return fields, ()

    def need(names: list[str]) -> int:
        rest = [name for name in fields if name not in names]
        words = max((_longest_word(f"{label(name)}: {value}") for name in rest
                     for value in cells.get(name, ())), default=0)  # fmt: skip
        return _needed(names, cells) + min(max(words, len("details")), MAX_WORD) + 3

    while len(columns) > 1 and need(columns) > width:
        columns.pop()
    return tuple(columns), tuple(name for name in fields if name not in columns)


def _needed(names: list[str] | tuple[str, ...], cells: dict[str, tuple[str, ...]]) -> int:
    """How wide columns must be for no word to split: the longest word each, and padding."""
    return sum(
        min(max(max(map(_longest_word, cells.get(name, ())), default=0), len(label(name))),
            MAX_WORD) + 3
        for name in names
    )  # fmt: skip


def _fits(names: tuple[str, ...], cells: dict[str, tuple[str, ...]], width: int) -> bool:
    return _needed(names, cells) <= width


def _longest_word(value: str) -> int:
    """The length of the longest word of a cell, in one pass."""
    return max(map(len, value.split()), default=0)


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
            table.add_row(Text(label(name)), lined(value))  # cells() made them visible
        return table
    columns, details = _layout(listing, shutil.get_terminal_size((80, 24)).columns)
    table = Table(title=text(listing.title), box=box.SIMPLE_HEAD, show_edge=False)
    rows = []
    for row, extra in zip(listing.cells(columns), listing.cells(details), strict=False):
        lines = [f"{label(name)}: {value}" for name, value in zip(details, extra, strict=False)
                 if value]  # fmt: skip
        rows.append([*row, *(["\n".join(lines)] if details else [])])
    headers = [label(name) for name in columns] + (["details"] if details else [])
    for number, header in enumerate(headers):
        # A column is never narrower than its longest word, up to a point: words wrap
        # whole wherever the width allows, and only a very long one is folded.
        longest = max((_longest_word(row[number]) for row in rows), default=0)
        table.add_column(header, overflow="fold",
                         min_width=min(max(longest, len(header)), MAX_WORD))  # fmt: skip
    for row in rows:
        table.add_row(*(lined(value) for value in row))  # cells() made them visible
    return table
