"""`cv sheet`: the fact sheet, one page of cited facts for a screen, a printer or a slide.

sheet_facts.py chooses the facts and numbers their citations; this module draws them in
the terminal and in the .txt file (`SheetView`, with rich), and saves the sheet in the
format its file's extension names: sheet_page.py draws the .html page and the .svg
image. Every value is escaped when it leaves (escaping.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import sheet_page
from .errors import CvError, UsageProblem
from .escaping import text, visible
from .lines import LineByLine
from .output import SIDE_BY_SIDE_WIDTH, text_console
from .records import Document
from .sheet_facts import Figure, Sheet, build, citation_text
from .wording import markers

if TYPE_CHECKING:
    from rich.console import (
        Console,
        ConsoleOptions,
        JustifyMethod,
        OverflowMethod,
        RenderableType,
        RenderResult,
    )
    from rich.containers import Lines
    from rich.text import Text

TEXT_WIDTH = 80  # the .txt file: a terminal's width, a mail's width
BIG_FIGURES_WIDTH = 60  # below this many columns the figures are plain text, not blocks
SAVE_FORMATS = (".svg", ".html", ".txt")

# Three rows of block characters per glyph: enough to read a figure across a room.
_GLYPHS = {
    "0": ("█▀█", "█ █", "█▄█"),
    "1": ("▄█ ", " █ ", "▄█▄"),
    "2": ("▀▀█", "█▀▀", "█▄▄"),
    "3": ("▀▀█", " ▀█", "▄▄█"),
    "4": ("█ █", "▀▀█", "  █"),
    "5": ("█▀▀", "▀▀█", "▄▄█"),
    "6": ("█▀▀", "█▀█", "█▄█"),
    "7": ("▀▀█", "  █", "  █"),
    "8": ("█▀█", "█▀█", "█▄█"),
    "9": ("█▀█", "▀▀█", "▄▄█"),
    ",": (" ", " ", "▄"),
    "%": ("█ ▄", " ▄▀", "▄▀█"),
}


def big(number: str) -> str:
    """Text drawn in block digits, three lines high; characters without a glyph stay small."""
    rows = ["", "", ""]
    for char in number:
        glyph = _GLYPHS.get(char, (" ", " ", char))
        rows = [row + part + " " for row, part in zip(rows, glyph, strict=True)]
    return "\n".join(row.rstrip() for row in rows)


# The terminal and the text file.

_JOIN = "\ufdd0"
"""Stands for the space before a citation marker while rich wraps a line: not white space
to rich, so the marker and its last word wrap as one word, and never in shown data
(`visible` escapes every noncharacter). `Kept` turns it back into a space."""


class Kept(LineByLine):
    """Text whose citation markers never start a line: each stays with its last word."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """The wrapping of rich, then the joins shown as the spaces they stand for.

        A word too long for the width is cut (`fold`); where the cut falls on the join,
        just before it or inside the marker, the marker goes down whole with its word, or
        with the word's last letter where the word does not fit a line.
        """
        lines = super().wrap(
            console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap
        )
        for index in range(1, len(lines)):
            before, after = lines[index - 1], lines[index]
            end = len(before.plain.rstrip())
            join = before.plain.rfind(_JOIN, 0, end)
            if after.plain.startswith(_JOIN):  # cut just before the marker
                cut = end - 1
            elif join >= 0 and "]" not in before.plain[join:end]:  # cut in it, or after the join
                cut = join - 1
            else:
                continue
            word = before.plain.rfind(" ", 0, cut) + 1  # where the marker's word starts
            if word > 0 and end - word + len(after.plain.rstrip()) <= width:
                cut = word  # the whole word fits below: it goes down, not cut
            if cut >= 1:  # the marker goes down whole, with its word (or its last letter)
                head, moved, _ = before.divide([cut, end])
                lines[index - 1], lines[index] = head, moved + after
        for line in lines:
            if _JOIN in line.plain:
                line.plain = line.plain.replace(_JOIN, " ")
        return lines


def kept(value: str, style: str = "") -> Kept:
    """A value made visible, as `escaping.text`, in a Text that keeps markers with words."""
    return Kept(visible(value, lines=True), style=style)


class SheetView:
    """The sheet in a terminal: block digits when there is room, plain figures when not.

    `plain` is the .txt file: figures as words and no drawing beyond letters, so that it
    pastes into a mail or a CMS as the text it is.
    """

    def __init__(self, sheet: Sheet, *, plain: bool = False) -> None:
        self.sheet = sheet
        self.plain = plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The parts of the sheet, laid out for the width the console gives."""
        from rich.text import Text

        sheet = self.sheet
        name = text(sheet.name.upper(), style="bold magenta")
        yield name
        if self.plain:  # a rule as wide as the name drawn (escapes and wide letters too)
            yield Text("=" * min(name.cell_len, options.max_width))
        for fact in sheet.about:
            yield self._cited(fact.says, fact.cites)
        yield Text("")
        stacked = options.max_width < SIDE_BY_SIDE_WIDTH
        if options.max_width >= BIG_FIGURES_WIDTH and not self.plain:
            yield self._tiles()
        else:
            yield self._plain_figures(stacked or not self.plain)  # beside: the .txt's 80
        for block in sheet.blocks:
            yield Text("")
            yield self._block(
                block.title, ((f.label, f.says, f.cites) for f in block.facts), stacked
            )
        yield Text("")
        yield text("Sources and their words", style="bold magenta")
        for source in sheet.sources:
            yield text(sheet.source_line(source))
        yield Text("")
        yield self._block(
            "",
            ((f"[{c.number}]", citation_text(sheet, c), ()) for c in sheet.citations),
            stacked,
            inline=True,
        )
        if sheet.notes:
            yield Text("")
            yield text("Notes", style="bold magenta")
            for number, line in enumerate(sheet.note_lines()):
                yield from (Text(""), text(line)) if number else (text(line),)

    @staticmethod
    def _cited(says: str, cites: Sequence[int]) -> Text:
        shown = kept(says)
        if cites:
            shown.append(_JOIN + markers(cites), style="dim")
        return shown

    def _tiles(self) -> RenderableType:
        from rich import box
        from rich.panel import Panel
        from rich.table import Table

        def tile(figure: Figure) -> Panel:
            body = Kept(justify="center")
            body.append(visible(figure.qualifier or ""), style="italic")
            body.append("\n" + big(figure.number) + "\n", style="bold magenta")
            body.append(visible(figure.unit) + "\n" if figure.unit else "", style="bold")
            body.append_text(self._cited(f"{figure.caption}, {figure.when}", figure.cites))
            return Panel(body, box=box.ROUNDED, padding=(0, 1))

        grid = Table.grid(expand=True, padding=(0, 1))
        for _ in range(3):
            grid.add_column(ratio=1)
        tiles = [tile(figure) for figure in self.sheet.figures]
        for start in range(0, len(tiles), 3):
            grid.add_row(*tiles[start : start + 3])
        return grid

    def _plain_figures(self, stacked: bool) -> RenderableType:
        rows = (
            (figure.words, f"{figure.caption}, {figure.when}", figure.cites)
            for figure in self.sheet.figures
        )
        return self._block("Key figures", rows, stacked)

    def _block(
        self,
        title: str,
        rows: Iterator[tuple[str, str, Sequence[int]]],
        stacked: bool = False,
        *,
        inline: bool = False,
    ) -> RenderableType:
        """A titled table: the label beside the text, or above it (`stacked`, narrow).

        An `inline` label (a footnote's number) starts its text's first line instead.
        """
        from rich.table import Table

        table = Table(
            title=title or None,
            title_justify="left",
            title_style="bold magenta",
            box=None,
            show_header=False,
            pad_edge=False,
            expand=True,
        )
        if stacked:
            table.add_column(overflow="fold")
            for label, says, cites in rows:
                shown = kept(label)
                shown.stylize("bold")  # the label only, not the text appended below
                shown.append(" " if inline else "\n")
                shown.append_text(self._cited(says, cites))
                table.add_row(shown)
            return table
        table.add_column(style="bold", overflow="fold")
        table.add_column(overflow="fold", ratio=1)
        for label, says, cites in rows:
            table.add_row(text(label, style="bold"), self._cited(says, cites))
        return table


def fact_sheet(document: Document) -> SheetView:
    """The whole sheet as one rich renderable, laid out for the console's width."""
    return SheetView(build(document))


def plain_text(sheet: Sheet, width: int = TEXT_WIDTH) -> str:
    """The sheet as plain text: `width` columns at most, no colour, drawing or trailing space."""
    console = text_console(width)
    console.print(SheetView(sheet, plain=True))
    drawn: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "".join(line.rstrip() + "\n" for line in drawn.splitlines())


def render(sheet: Sheet, suffix: str) -> Iterable[str]:
    """The saved sheet, piece by piece, in the format its file's extension names."""
    if suffix == ".html":
        return (sheet_page.html_page(sheet),)
    if suffix == ".svg":
        return sheet_page.svg_image(sheet)
    return (plain_text(sheet),)


def save(view: SheetView | Sheet, path: str) -> None:
    """Write the sheet to an .html, .svg or .txt file, chosen by the file's extension.

    The name is taken as typed: `x.svg/` names a folder, and is refused, not written as
    `x.svg`.
    """
    import os

    from .files import replace_file
    from .reading import shown_name

    if path.endswith(("/", os.sep)):
        raise UsageProblem(
            f"cannot save a sheet as '{shown_name(path)}': a name that ends in '/' is a "
            "folder's; name the file, as in fact-sheet.html"
        )
    suffix = Path(path).suffix.lower()  # after the check: Path drops a trailing '/'
    if suffix not in SAVE_FORMATS:
        raise UsageProblem(
            f"cannot save a sheet as '{shown_name(path)}'; the file must end in "
            + ", ".join(SAVE_FORMATS)
        )
    sheet = view.sheet if isinstance(view, SheetView) else view
    try:
        replace_file(Path(path), render(sheet, suffix))
    except OSError as error:
        raise CvError(f"cannot write {shown_name(path)}: {error.strerror or error}") from None
