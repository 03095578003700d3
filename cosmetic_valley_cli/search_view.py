"""Search hits for people: each passage with the words found marked, for each reader.

A passage is cut into pieces at its marks (outputs.Mark, code points of the text as
written), and each piece is escaped on its own for its reader, since escaping changes
lengths: a terminal gets `visible` text in a rich Text with the marks bold (never
markup read from the data), Markdown gets `markdown_cell` pieces with `**` around the
marks. The other formats print the hits as the listing machinery prints rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .escaping import lined, markdown_cell, text, visible
from .formats import OutputFormat
from .lines import LineByLine
from .listing import frame
from .sections import field, label

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from rich.table import Table

    from .listing import Listing
    from .outputs import Passage

PASSAGES = "passages"


def pieces(passage: Passage) -> Iterator[tuple[str, bool]]:
    """The passage's text in pieces, each with whether it is a mark: together, the text."""
    said, at = passage["text"], 0
    for mark in passage["marks"]:
        yield said[at : mark["start"]], False
        yield said[mark["start"] : mark["end"]], True
        at = mark["end"]
    yield said[at:], False


def terminal(passages: list[Passage]) -> LineByLine:
    """The passages, a line each, the marks bold, everything made visible.

    Drawn a line at a time (lines.LineByLine): a record may hold many quotes.
    """
    drawn = LineByLine()
    for number, passage in enumerate(passages):
        before, after = frame(passage)
        drawn.append(("\n" if number else "") + visible(before))
        for piece, marked in pieces(passage):
            drawn.append(visible(piece, lines=True), style="bold" if marked else "")
        drawn.append(after)
    return drawn


def markdown(passages: list[Passage]) -> str:
    """The passages for a Markdown cell: each piece escaped alone, marks in `**`."""
    lines = []
    for passage in passages:
        before, after = frame(passage)
        lines.append(
            markdown_cell(before)
            + "".join(
                f"**{markdown_cell(piece)}**" if marked else markdown_cell(piece)
                for piece, marked in pieces(passage)
                if piece
            )
            + after
        )
    return "<br>".join(lines)


def table(listing: Listing) -> str | Table:
    """The hits as a table: their section and record in words, the passages marked."""
    from rich import box
    from rich.table import Table

    if not listing.records:
        return ""
    names = listing.shown_in_table()
    drawn = Table(title=text(listing.title), box=box.SIMPLE_HEAD, show_edge=False)
    for name in names:
        drawn.add_column(label(name), overflow="fold")
    for row, record in zip(listing.cells(names), listing.records, strict=True):
        drawn.add_row(
            *(
                terminal(field(record, name)) if name == PASSAGES else lined(shown)
                for name, shown in zip(names, row, strict=True)
            )
        )
    return drawn


def markdown_table(listing: Listing) -> str:
    """The hits as a GitHub table, like any listing's, the passages marked in `**`."""
    names = listing.flat_fields()
    rows = (
        "| "
        + " | ".join(
            markdown(field(record, name)) if name == PASSAGES else markdown_cell(shown)
            for name, shown in zip(names, row, strict=True)
        )
        + " |"
        for row, record in zip(listing.flat_cells(machine=False), listing.records, strict=True)
    )
    return "\n".join(
        ["| " + " | ".join(names) + " |", "|" + "|".join("---" for _ in names) + "|", *rows, ""]
    )


RENDERERS: dict[OutputFormat, Callable[[Listing], str | Table]] = {
    OutputFormat.TABLE: table,
    OutputFormat.MARKDOWN: markdown_table,
}
"""The formats whose hits are drawn here; the others print them as any listing's rows."""
