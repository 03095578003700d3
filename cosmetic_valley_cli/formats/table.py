"""The terminal table: rich, wrapped to the width, never cut off with an ellipsis.

At 80 columns a table of eight fields is unreadable, so fields that every record has
stay columns (four at most) and the sparse ones go, as `field: value` lines, into a
last `details` column. `--fields` turns this off: the chosen fields are the columns.

A table is drawn a band of about BAND lines at a time, at the widths of the whole
table, so that a cell of a million lines never stands as rich's objects all at once:
rich draws a cell whole, and prints a table whole, with several objects per line.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import shutil
from collections.abc import Iterator
from itertools import islice

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..errors import choices
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


def render(listing: Listing) -> str | Drawn:
    """The table, then the listing's notes (inferred dates, open lists) as plain lines.

    No records, no table: an empty result prints nothing.
    """
    if not listing.records:
        return ""
    return Drawn(_table(listing), listing.notes)


BAND = 256  # lines of a table drawn at once
PIECE = 64  # lines of a cell's text drawn at once
_Line = list[Segment]


class Drawn:
    """The table's text, a band at a time; then `notes` says, for stderr, what did not fit."""

    def __init__(self, table: Table, notes: tuple[str, ...]) -> None:
        self.notes: list[str] = []
        self._pieces = self._drawn(table, notes)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._pieces)

    def _drawn(self, table: Table, notes: tuple[str, ...]) -> Iterator[str]:
        """The table drawn a band at a time, then the notes: the text of drawing them as one."""
        from ..output import draw

        width = shutil.get_terminal_size((80, 24)).columns
        console = Console(
            file=io.StringIO(), width=width, highlight=False, emoji=False, markup=False
        )
        hidden: list[str] = []
        for band in _bands(table, console, hidden):
            yield draw(band, width)
        if notes:
            yield draw(Group(*(text(note) for note in notes)), width)
        if hidden:
            self.notes.append(
                f"cv: the table is wider than {width} columns: {choices(hidden)} "
                f"{'is' if len(hidden) == 1 else 'are'} not shown in full; widen the "
                "terminal (COLUMNS), choose fewer --fields, or print --format csv, "
                "markdown or json"
            )


def _cut(
    table: Table, widths: list[int], inner: list[int], names: list[str], screen: int
) -> list[str]:
    """The columns a screen this wide does not show in full.

    Squeezed to nothing, or cut at its edge: rich draws lines as wide as the table
    needs, and the screen cuts them.
    """
    gap = 1 if table.box else 0
    start = 1 if table.box and table.show_edge else 0
    cut = []
    for name, width, room in zip(names, widths, inner, strict=True):
        if room < 1 or start + width > screen:
            cut.append(name)
        start += width + gap
    return cut


def _name(header: RenderableType) -> str:
    """A column's header as text (the one-record table has none: its columns are unnamed)."""
    return header.plain if isinstance(header, Text) else str(header)


RICH_INTERNALS = (
    "_calculate_column_widths",
    "_get_padding_width",
    "_extra_width",
    "_measure_column",
)
"""The members of rich's Table that `_fit` and banding read: private, so checked before use;
without them a table is laid out and drawn by rich alone."""


def _bands(table: Table, console: Console, hidden: list[str]) -> Iterator[Table]:
    """The table as tables of about BAND lines that draw, one after the other, as it does.

    The widths are the whole table's, each band's columns fixed at them. A row taller
    than a band is cut between its lines as drawn (each cell's lines already wrapped at
    its width), so the cells of a row stay side by side as rich lays them: at the top.
    """
    if not all(hasattr(table, name) for name in RICH_INTERNALS):
        yield table  # a rich without them: drawn whole, the same text, more memory
        return
    # rich's own sums for the whole table, as Table.__rich_console__ makes them.
    most = console.width if table.width is None else table.width
    widths = table._calculate_column_widths(
        console, console.options.update_width(most - table._extra_width)
    )
    inner = [width - table._get_padding_width(index) for index, width in enumerate(widths)]
    names = [
        _name(column.header) or f"column {number}"
        for number, column in enumerate(table.columns, start=1)
    ]
    hidden += _cut(table, widths, inner, names, console.width)
    if min(inner, default=1) < 1:
        # Columns squeezed to nothing (a screen narrower than the columns): rich's whole
        # drawing of such a table is its own (rows of blank lines), kept as it is.
        yield table
        return
    options = [
        console.options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        )
        for width, column in zip(inner, table.columns, strict=True)
    ]

    def band(first: bool) -> Table:
        part = copy.copy(table)
        part.columns = [
            dataclasses.replace(column, width=width, min_width=None, _cells=[])
            for width, column in zip(inner, table.columns, strict=True)
        ]
        part.rows = []
        # As wide as the whole table, even where it is wider than the screen (the lines
        # are cut at the edge): a band must not narrow its columns to fit.
        part.width = sum(widths) + table._extra_width
        if not first:
            part.title, part.show_header = None, False
        return part

    current, height, first = band(first=True), 0, True
    for row in zip(*(column.cells for column in table.columns), strict=True):
        lines = [_lines(console, cell, option) for cell, option in zip(row, options, strict=True)]
        while any(parts := [list(islice(cell, BAND)) for cell in lines]):
            current.add_row(*(_Drawn(part) for part in parts))
            height += max(map(len, parts))
            if height >= BAND:
                yield current
                current, height, first = band(first=False), 0, False
    if height or first:
        yield current


def _lines(console: Console, cell: RenderableType, options: ConsoleOptions) -> Iterator[_Line]:
    """A cell's lines as rich draws them at its width, a PIECE of its text at a time."""
    if not isinstance(cell, _Cell):
        yield from console.render_lines(cell, options)
        return
    for piece in cell.pieces():
        yield from console.render_lines(lined(piece), options)


class _Cell:
    """A cell's text (made visible), never held as one rich Text.

    Its lines are drawn and measured a PIECE at a time: rich wraps each line of a text
    on its own, so the pieces give the lines and the widths of the whole.
    """

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def pieces(self) -> Iterator[str]:
        """The text cut at every PIECE-th line break."""
        value, start = self.value, 0
        while True:
            end = start
            for _ in range(PIECE):
                end = value.find("\n", end) + 1
                if not end:
                    yield value[start:]
                    return
            yield value[start : end - 1]
            start = end

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """What rich's Text measures: its widest line, and its longest word."""
        widest, longest, words = 0, 0, False
        for piece in self.pieces():
            widest = max(widest, *map(cell_len, piece.splitlines()), 0)
            found = piece.split()
            words = words or bool(found)
            longest = max(longest, *map(cell_len, found), 0)
        return Measurement(longest if words else widest, widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for piece in self.pieces():
            yield lined(piece)


class _Drawn:
    """Lines a cell has been drawn as, at its column's width, drawn again as they are."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


def _table(listing: Listing) -> Table:
    """Columns for a list of records; a field-and-value table for a one-record section."""
    if listing.single and len(listing.records) == 1:
        fields = listing.fields if listing.chosen else listing.shown_in_table()
        table = Table(title=text(listing.title), box=box.SIMPLE, show_header=False, show_edge=False)
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        for name, value in zip(fields, listing.cells(fields)[0], strict=False):
            table.add_row(_Cell(label(name)), _Cell(value))  # cells() made them visible
        return table
    columns, details = _layout(listing, shutil.get_terminal_size((80, 24)).columns)
    table = Table(title=text(listing.title), box=box.SIMPLE_HEAD, show_edge=False)
    rows = []
    for row, extra in zip(listing.cells(columns), listing.cells(details), strict=False):
        lines = [
            f"{label(name)}: {value}" for name, value in zip(details, extra, strict=False) if value
        ]
        rows.append([*row, *(["\n".join(lines)] if details else [])])
    headers = [label(name) for name in columns] + (["details"] if details else [])
    for number, header in enumerate(headers):
        # A column is never narrower than its longest word, up to a point: words wrap
        # whole wherever the width allows, and only a very long one is folded.
        longest = max((_longest_word(row[number]) for row in rows), default=0)
        table.add_column(
            header, overflow="fold", min_width=min(max(longest, len(header)), MAX_WORD)
        )
    for row in rows:
        table.add_row(*(_Cell(value) for value in row))  # cells() made them visible
    _fit(table, shutil.get_terminal_size((80, 24)).columns)
    return table


def _fit(table: Table, width: int) -> None:
    """Fix the columns' widths so that the table fits the screen when their minimums do.

    rich shrinks the columns of a table too wide for the screen without regard to their
    minimum widths, then widens them back to those minimums, so the table comes out
    wider than the screen and the screen cuts the last characters off each line
    ("a new complementar" for "complementary"). Where that happens, the room left above the minimums
    goes to each column in proportion to how much wider it would be; when even the
    minimums do not fit, each column gets room in proportion to its minimum, and its
    longest words fold. Only a screen too narrow for three characters a column is left
    to rich (and the columns it cuts are named on stderr).
    """
    if not all(hasattr(table, name) for name in RICH_INTERNALS):
        return
    console = Console(file=io.StringIO(), width=width)
    room = width - table._extra_width
    options = console.options.update_width(room)
    if sum(table._calculate_column_widths(console, options)) <= room:
        return  # rich's own layout fits: kept as it is
    ranges = [table._measure_column(console, options, column) for column in table.columns]
    # A column's least width is its longest word's, up to MAX_WORD (its min_width): a
    # longer word may fold.
    lows = [
        min(
            measured.minimum,
            (column.min_width or measured.minimum) + table._get_padding_width(index),
        )
        for index, (measured, column) in enumerate(zip(ranges, table.columns, strict=True))
    ]
    wants = [max(measured.maximum - low, 0) for measured, low in zip(ranges, lows, strict=True)]
    spare = room - sum(lows)
    if sum(wants) <= spare or room < 3 * len(lows):  # it fits as it is, or nothing can
        return
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
    for index, (column, total) in enumerate(zip(table.columns, given, strict=True)):
        column.width = total - table._get_padding_width(index)
        column.min_width = None
