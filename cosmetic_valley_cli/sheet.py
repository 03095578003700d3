"""`cv sheet`: the fact sheet, one page of cited facts for a screen, a printer or a slide.

sheet_facts.py chooses the facts and numbers their citations; this module draws them in
the terminal and in the .txt file (`SheetView`, with rich), and saves the sheet in the
format its file's extension names: sheet_page.py draws the .html page and the .svg
image. Every value is escaped when it leaves (escaping.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import sheet_page
from .errors import CvError, UsageProblem
from .escaping import text, visible
from .output import SIDE_BY_SIDE_WIDTH, text_console
from .records import Document
from .sheet_facts import Figure, Sheet, build, citation_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
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


class SheetView:
    """The sheet in a terminal: block digits when there is room, plain figures when not."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The parts of the sheet, laid out for the width the console gives."""
        from rich.text import Text

        sheet = self.sheet
        yield text(sheet.name.upper(), style="bold magenta")
        for fact in sheet.about:
            yield self._cited(fact.says, fact.cite)
        yield Text("")
        if options.max_width >= BIG_FIGURES_WIDTH:
            yield self._tiles()
        else:
            yield self._plain_figures()
        stacked = options.max_width < SIDE_BY_SIDE_WIDTH
        for block in sheet.blocks:
            yield Text("")
            yield self._block(
                block.title,
                ((f.label, f.says + sheet.note_mark(f.note), f.cite) for f in block.facts),
                stacked,
            )
        yield Text("")
        yield text("Sources and their words", style="bold magenta")
        for source in sheet.sources:
            yield text(sheet.source_line(source))
        yield Text("")
        yield self._block(
            "",
            ((f"[{c.number}]", citation_text(sheet, c), None) for c in sheet.citations),
            stacked,
        )
        if sheet.notes:
            yield Text("")
            notes = ((f"note {n}", basis, None) for n, basis in enumerate(sheet.notes, start=1))
            yield self._block("Notes", notes, stacked)

    @staticmethod
    def _cited(says: str, cite: int | None) -> Text:
        shown = text(says)
        if cite is not None:
            shown.append(f" [{cite}]", style="dim")
        return shown

    def _tiles(self) -> RenderableType:
        from rich import box
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        def tile(figure: Figure) -> Panel:
            body = Text(justify="center")
            body.append(visible(figure.qualifier or ""), style="italic")
            body.append("\n" + big(figure.number) + "\n", style="bold magenta")
            body.append(visible(figure.unit) + "\n" if figure.unit else "", style="bold")
            body.append_text(self._cited(figure.caption, None))
            body.append(visible(f", {figure.when}{self.sheet.note_mark(figure.note)}"))
            body.append(f" [{figure.cite}]", style="dim")
            return Panel(body, box=box.ROUNDED, padding=(0, 1))

        grid = Table.grid(expand=True, padding=(0, 1))
        for _ in range(3):
            grid.add_column(ratio=1)
        tiles = [tile(figure) for figure in self.sheet.figures]
        for start in range(0, len(tiles), 3):
            grid.add_row(*tiles[start : start + 3])
        return grid

    def _plain_figures(self) -> RenderableType:
        rows = (
            (
                figure.words,
                f"{figure.caption}, {figure.when}{self.sheet.note_mark(figure.note)}",
                figure.cite,
            )
            for figure in self.sheet.figures
        )
        return self._block("Key figures", rows, stacked=True)

    def _block(
        self, title: str, rows: Iterator[tuple[str, str, int | None]], stacked: bool = False
    ) -> RenderableType:
        """A titled table: the label beside the text, or above it (`stacked`, narrow)."""
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
            for label, says, cite in rows:
                shown = text(label)
                shown.stylize("bold")  # the label only, not the text appended below
                shown.append("\n")
                shown.append_text(self._cited(says, cite))
                table.add_row(shown)
            return table
        table.add_column(style="bold", overflow="fold")
        table.add_column(overflow="fold", ratio=1)
        for label, says, cite in rows:
            table.add_row(text(label, style="bold"), self._cited(says, cite))
        return table


def fact_sheet(document: Document) -> SheetView:
    """The whole sheet as one rich renderable, laid out for the console's width."""
    return SheetView(build(document))


def plain_text(sheet: Sheet, width: int = TEXT_WIDTH) -> str:
    """The sheet as plain text: `width` columns at most, no colour, no trailing space."""
    console = text_console(width)
    console.print(SheetView(sheet))
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
