"""Search hits' passages for people: the words found marked, for each reader.

A passage is cut into pieces at its marks (outputs.Mark, code points of the text as
written), and each piece is escaped on its own for its reader, since escaping changes
lengths: a terminal gets `visible` text in a rich Text with the marks bold (never
markup read from the data), Markdown gets `markdown_cell` pieces with `**` around the
marks. The table and Markdown formats lay the hits out as any listing's rows and ask
`MARKS` for the passages' cells; the other formats print the passages as data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .escaping import markdown_cell, visible
from .lines import LineByLine
from .listing import Marks, frame

if TYPE_CHECKING:
    from collections.abc import Iterator

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


MARKS = Marks((PASSAGES,), terminal, markdown)
"""How a listing of hits draws their passages: the table and Markdown renderers ask it."""
