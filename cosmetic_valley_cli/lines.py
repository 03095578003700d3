"""A rich Text drawn a segment per line: the same drawing, linear in the lines.

rich draws a Text by wrapping it into lines, joining them with line breaks into one
Text and cutting that into lines again (`Segment.split_and_crop_lines`), which copies
the rest of a segment at each line break: quadratic when one value wraps into many
lines. A name of 8 MiB took 34.9 s as a table, 3.58× per doubling
(`python benchmarks/hostile.py long-name-table`); yielding each wrapped line as its own
segments, then a line break, makes the same output in linear time. Only public rich
API is used: `Text.wrap`, `Text.render` and `Segment.line`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Span, Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions


class LineByLine(Text):
    """A Text that rich draws a wrapped line at a time (see the module), its style kept."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        no_wrap = self.no_wrap if self.no_wrap is not None else bool(options.no_wrap)
        wrapped = self.wrap(
            console,
            options.max_width,
            justify=self.justify or options.justify or "default",
            overflow=self.overflow or options.overflow or "fold",
            tab_size=(console.tab_size if self.tab_size is None else self.tab_size) or 8,
            no_wrap=no_wrap,
        )
        last = len(wrapped) - 1
        for number, line in enumerate(wrapped):
            if line.style:  # Text.render draws a Text of no spans without its own style
                line.spans.insert(0, Span(0, len(line), line.style))
            yield from line.render(console, end="")
            if number < last:
                yield Segment.line()
        if self.end:
            yield Segment(self.end)
