"""The terminal table: rich, wrapped to the width, never cut off with an ellipsis.

At 80 columns a table of eight fields is unreadable, so fields that every record has
stay columns (four at most) and the sparse ones go, as `field: value` lines, into a
last `details` column. `--fields` turns this off: the chosen fields are the columns.

Only rich's public options lay the table out: rich's own layout is kept where it fits
the screen; where it would not, the widths are worked out here from the cells' text and
given to rich. The table is drawn whole, so its memory grows linearly with its lines:
a person does not read a table of 100,000 rows.
"""

from __future__ import annotations

import re

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..errors import choices
from ..escaping import lined, text
from ..listing import Listing
from ..output import terminal_width, text_console
from ..sections import field, label

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
        words = max(
            (
                _longest_word(f"{label(name)}: {value}")
                for name in rest
                for value in cells.get(name, ())
            ),
            default=0,
        )
        return _needed(names, cells) + min(max(words, len("details")), MAX_WORD) + 3

    while len(columns) > 1 and need(columns) > width:
        columns.pop()
    return tuple(columns), tuple(name for name in fields if name not in columns)


def _needed(names: list[str] | tuple[str, ...], cells: dict[str, tuple[str, ...]]) -> int:
    """How wide columns must be for no word to split: the longest word each, and padding."""
    return sum(
        min(
            max(max(map(_longest_word, cells.get(name, ())), default=0), len(label(name))), MAX_WORD
        )
        + 3
        for name in names
    )


def _fits(names: tuple[str, ...], cells: dict[str, tuple[str, ...]], width: int) -> bool:
    return _needed(names, cells) <= width


_WORD = re.compile(r"\S+")  # what str.split() calls a word (the same white space)


def _longest_word(value: str) -> int:
    """The length of the longest word of a cell, in one pass and never a list of its words."""
    return max((found.end() - found.start() for found in _WORD.finditer(value)), default=0)


def _widest_line(value: str) -> int:
    """The width of the widest line of a cell, in a terminal's cells, as rich measures it."""
    return max(map(cell_len, value.splitlines()), default=0)


def render(listing: Listing) -> str | TableView:
    """The table, then the listing's notes (inferred dates, open lists) as plain lines.

    No records, no table: an empty result prints nothing.
    """
    if not listing.records:
        return ""
    width = terminal_width()
    table, cut = _table(listing, width)
    notes = []
    if cut:
        notes.append(
            f"cv: the table is wider than {width} columns: {choices(cut)} "
            f"{'is' if len(cut) == 1 else 'are'} not shown in full; widen the "
            "terminal (COLUMNS), choose fewer --fields, or print --format csv, "
            "markdown or json"
        )
    return TableView(table, listing.notes, notes)


class TableView:
    """The table and the listing's notes under it; `notes` says, for stderr, what is cut."""

    def __init__(self, table: Table, below: tuple[str, ...], notes: list[str]) -> None:
        self.table, self.below, self.notes = table, below, notes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table
        for note in self.below:
            yield text(note)


def _table(listing: Listing, width: int) -> tuple[Table, list[str]]:
    """The table laid out for `width`, and the columns that a screen this narrow cuts.

    Columns for a list of records; a field-and-value table for a one-record section.
    A column is never narrower than its longest word, up to a point (its min_width):
    words wrap whole wherever the width allows, and only a very long one is folded.
    """
    single = listing.single and len(listing.records) == 1
    rows: list[list[str]] = []
    columns: tuple[str, ...] = ()  # the fields of a list's columns, each record a row
    if single:
        fields = listing.fields if listing.chosen else listing.shown_in_table()
        values = listing.cells(fields)[0]
        rows = [[label(name), value] for name, value in zip(fields, values, strict=False)]
        headers = ["field", "value"]
    else:
        columns, details = _layout(listing, width)
        for row, extra in zip(listing.cells(columns), listing.cells(details), strict=False):
            lines = [
                f"{label(name)}: {value}"
                for name, value in zip(details, extra, strict=False)
                if value
            ]
            rows.append([*row, *(["\n".join(lines)] if details else [])])
        headers = [label(name) for name in columns] + (["details"] if details else [])
    lows, highs = [], []
    for number, header in enumerate(headers):
        cells = [row[number] for row in rows]
        longest = max(map(_longest_word, cells), default=0)
        widest = max(map(_widest_line, cells), default=0)
        if not single:  # the header counts, whole
            longest, widest = max(longest, len(header)), max(widest, cell_len(header))
        lows.append(widest if single and number == 0 else min(longest, MAX_WORD))
        highs.append(widest)

    def frame(widths: list[int] | None) -> Table:
        """The table's settings and columns, with no rows; `widths` fixes their widths."""
        fixed: list[int | None] = [*widths] if widths else [None] * len(headers)
        if single:  # the labels do not wrap; a value is never squeezed to nothing
            table = Table(
                title=text(listing.title), box=box.SIMPLE, show_header=False, show_edge=False
            )
            table.add_column("field", style="bold", no_wrap=True, overflow="fold", width=fixed[0])
            table.add_column("value", overflow="fold", min_width=1, width=fixed[1])
            return table
        table = Table(title=text(listing.title), box=box.SIMPLE_HEAD, show_edge=False)
        for header, low, width in zip(headers, lows, fixed, strict=True):
            table.add_column(header, overflow="fold", min_width=low, width=width)
        return table

    stand_in = frame(None)
    pad, gap, edge = _spacing(stand_in)
    room = width - 2 * edge - gap * (len(headers) - 1)
    widths, cut = None, []
    if room < 3 * len(headers):  # too narrow for any layout: rich's, which the screen cuts
        cut = headers if room < 1 else _cut(headers, lows, width, pad, gap, edge)
    else:
        # A row as wide as each column's widest line, to see how rich lays the table out;
        # a line wider than the room is as good as the room (and linear to draw).
        stand_in.add_row(*("x" * min(high, room) for high in highs))
        if not _laid_out_within(stand_in, width):
            widths = _share(lows, highs, pad, room)
    table = frame(widths)
    for number, row in enumerate(rows):
        table.add_row(
            *(_drawn(listing, number, columns, place, cell) for place, cell in enumerate(row))
        )
    return table, cut


def _drawn(listing: Listing, number: int, columns: tuple[str, ...], place: int, cell: str) -> Text:
    """A cell as drawn: its text (cells() made it visible), or the same text marked.

    A field that the listing draws marked (Listing.marks, search's passages) is drawn
    by its own function, from the record's value: the layout measured the same text.
    """
    marks = listing.marked(columns[place]) if place < len(columns) else None
    if marks is None:
        return lined(cell)
    return marks.terminal(field(listing.records[number], columns[place]))


def _spacing(table: Table) -> tuple[int, int, int]:
    """A column's padding, the rule between two columns, and the table's edge on each side.

    From the table's public settings: the tables here keep rich's defaults for pad_edge
    and collapse_padding, so every column has the same padding.
    """
    _top, right, _bottom, left = table.padding
    rule = 1 if table.box else 0
    return left + right, rule, rule if table.show_edge else 0


def _laid_out_within(table: Table, width: int) -> bool:
    """Whether rich lays the table out within `width`: its widest line, drawn uncut."""
    lines = Segment.split_lines(text_console(width).render(table))
    return max(map(Segment.get_line_length, lines), default=0) <= width


def _share(lows: list[int], highs: list[int], pad: int, room: int) -> list[int]:
    """The columns' widths, so that the table fits the screen when their minimums do.

    rich shrinks the columns of a table too wide for the screen without regard to their
    minimum widths, then widens them back to those minimums, so the table comes out
    wider than the screen and the screen cuts the last characters off each line
    ("a new complementar" for "complementary"). Here the room left above the minimums
    goes to each column in proportion to how much wider it would be; when even the
    minimums do not fit, each column gets room in proportion to its minimum (three
    characters at least), and its longest words fold.
    """
    lows = [low + pad for low in lows]
    wants = [max(min(high + pad, room) - low, 0) for low, high in zip(lows, highs, strict=True)]
    spare = room - sum(lows)
    if spare >= 0:
        given = [low + spare * want // sum(wants) for low, want in zip(lows, wants, strict=True)]
        shares = wants
    else:
        given = [max(3, room * low // sum(lows)) for low in lows]
        shares = lows
        while sum(given) > room:  # the floor of 3 can overshoot: take from the widest
            given[given.index(max(given))] -= 1
    for index in sorted(range(len(given)), key=lambda n: -shares[n])[: room - sum(given)]:
        given[index] += 1  # what the rounding down left over
    return [total - pad for total in given]


def _cut(names: list[str], lows: list[int], width: int, pad: int, gap: int, edge: int) -> list[str]:
    """The columns that a screen too narrow for them does not show in full.

    rich lays each column out at its min_width (with no room at all, it squeezes every
    column to nothing), and the screen cuts the lines at its edge.
    """
    cut, end = [], edge
    for name, low in zip(names, lows, strict=True):
        end += low + pad
        if end > width:
            cut.append(name)
        end += gap
    return cut
