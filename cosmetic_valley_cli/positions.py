"""Lines and columns in a text, with line breaks counted exactly as libyaml counts them.

libyaml (and PyYAML's own reader) end a line at LF, CR LF, a CR alone, NEL (U+0085),
LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). Every rule the loader checks
line by line, and every location it works out itself, uses the same breaks, so that its
lines are the parser's lines and its `line:col` agrees with the parser's marks.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import cached_property

BREAKS = "\n\r\x85\u2028\u2029"
"""The characters that end a line (CR LF, the pair, ends one line)."""

# One break per match and nothing repeated: the engine looks at one or two characters at
# each position, so there is nothing to backtrack over, whatever the text holds.
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class Lines:
    """A text's table of line starts, made once when first needed; each lookup is a bisection.

    Line numbers given to and returned by these methods are 0-based for `line` and
    1-based, with 1-based columns, for `locate`, as a person reads them.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> array[int]:
        """Where each line starts, made on first use: a valid file may never need it.

        An array of machine integers, not a list of int objects: 4 bytes a line (a
        dataset is at most 32 MiB, so every offset fits).
        """
        starts = array("I", [0])
        starts.extend(found.end() for found in _BREAK.finditer(self.text))
        return starts

    def __len__(self) -> int:
        return len(self.starts)

    def locate(self, index: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `index`."""
        number = bisect_right(self.starts, index) - 1
        return number + 1, index - self.starts[number] + 1

    def line(self, number: int) -> str:
        """Line `number` (0-based) of the text, without its line break."""
        start = self.starts[number]
        if number + 1 >= len(self.starts):
            return self.text[start:]
        end = self.starts[number + 1] - 1
        if end > start and self.text[end] == "\n" and self.text[end - 1] == "\r":
            end -= 1
        return self.text[start:end]


def locate(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`, for a single lookup (no table kept)."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1
