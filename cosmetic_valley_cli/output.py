"""The one way anything reaches stdout, and the one way messages reach stderr.

Machine formats are written as UTF-8 bytes, untouched by rich; a rich renderable is
drawn to text first, in colour only for a terminal (and never with NO_COLOR), at the
terminal's width or 80 columns when piped.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

EXIT_BROKEN_PIPE = 141  # what a shell reports for a program ended by SIGPIPE


class PipeClosed(Exception):
    """The reader of stdout went away (`cv ... | head`): stop quietly."""


def stdout_is_terminal() -> bool:
    """Whether a person is looking at stdout."""
    return sys.stdout is not None and sys.stdout.isatty()


def draw(renderable: RenderableType, width: int | None = None) -> str:
    """A rich renderable as the text a terminal or a pipe should get."""
    from rich.console import Console

    terminal = stdout_is_terminal()
    if width is None:  # COLUMNS, else the terminal's width, else 80 (a pipe)
        width = shutil.get_terminal_size((80, 24)).columns
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=terminal,
        color_system="auto" if terminal else None,
        no_color=not terminal or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(renderable)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    if terminal:
        return text
    # Rich pads every line to the width; a file or a pipe is better without the padding.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def write(result: str | Iterator[str] | RenderableType) -> None:
    """Print a command's output on stdout: text, text piece by piece, or a renderable."""
    if isinstance(result, Iterator):
        pieces: Iterable[str] = result
    else:
        pieces = (result if isinstance(result, str) else draw(result),)
    stream = sys.stdout
    if stream is None:
        return
    try:
        buffer = getattr(stream, "buffer", None)
        stream.flush()
        for piece in pieces:
            if buffer is not None:
                buffer.write(piece.encode("utf-8"))
            else:
                stream.write(piece)
        (buffer or stream).flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        raise PipeClosed from None


def error(line: str) -> None:
    """One line on stderr."""
    if sys.stderr is not None:
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):
            pass
