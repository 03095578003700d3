"""Search hits' passages for people: the words found marked, for each reader.

A passage is cut into pieces at its marks (outputs.Mark, code points of the text as
written), and each piece is escaped on its own for its reader, since escaping changes
lengths: a terminal gets `visible` text in a rich Text with the marks bold (never
markup read from the data), Markdown gets `markdown_cell` pieces with `**` around the
marks. The table and Markdown formats lay the hits out as any listing's rows and ask
`MARKS` for the passages' cells; the other formats print the passages as data.
"""

from __future__ import annotations

import string
import unicodedata
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
        escaped = [
            (markdown_cell(piece, starts_line=False), marked)
            for piece, marked in pieces(passage)
            if piece
        ]
        cell = [markdown_cell(before)]
        for number, (piece, marked) in enumerate(escaped):
            if marked:
                following = escaped[number + 1][0] if number + 1 < len(escaped) else after
                piece = _strong(cell[-1][-1:], piece, following[:1])
            cell.append(piece)
        lines.append("".join(cell) + after)
    return "<br>".join(lines)


def _strong(previous: str, piece: str, following: str) -> str:
    """The piece in `**`, or in `<strong>` where GFM would not read `**` as strong.

    A `**` that touches punctuation inside a word opens or closes nothing (GFM's
    flanking rules: `Cosmet**’up**` stays as written), so there the mark is the
    `<strong>` element that `**` stands for, as the cell's `<br>` is HTML.
    """
    opens = not _punctuation(piece[0]) or _boundary(previous)
    closes = not _punctuation(piece[-1]) or _boundary(following)
    return f"**{piece}**" if opens and closes else f"<strong>{piece}</strong>"


def _punctuation(char: str) -> bool:
    """Punctuation as GFM's flanking rules read it: ASCII's, and Unicode's P categories."""
    return char in string.punctuation or unicodedata.category(char).startswith("P")


def _boundary(char: str) -> bool:
    """Whether a `**` beside this character may open or close: none, space, punctuation."""
    return not char or char.isspace() or _punctuation(char)


MARKS = Marks((PASSAGES,), terminal, markdown)
"""How a listing of hits draws their passages: the table and Markdown renderers ask it."""
