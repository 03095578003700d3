"""Checking quotes against their source's text: each quote must be the source's words.

A quote may skip text with `...` (or `…`): its pieces must then stand in the source in
that order. Before comparing, both sides are folded the way a typist's quote differs
from a typesetter's: typographic quotes and apostrophes become straight ones, dashes
become `-`, and every run of white space one space. Case is kept: verbatim means
verbatim. `../shared/tools/check_quotes.py` is a more lenient, independent reference
(it also ignores case).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_ELISION = re.compile(r"\.\.\.|\u2026")
r"""An elision. The white space around it goes when each piece is folded: a pattern with
`\s*` on both sides would try every start in a run of spaces (quadratic in the run)."""
NEAR = 12  # a passage that shares at least this many folded characters is worth showing
SHOWN = 80  # at most this many characters of a passage are shown


def fold(text: str) -> str:
    """Text as the comparison sees it: one kind of quote, dash and space; case kept."""
    return " ".join(text.translate(_FOLD).split())


def pieces(quote: str) -> list[str]:
    """The folded pieces of a quote, split at its elisions."""
    return [piece for piece in (fold(part) for part in _ELISION.split(quote.strip())) if piece]


@dataclass(frozen=True)
class Missing:
    """A piece of a quote that is not in the source, and the passage nearest to it."""

    piece: str
    nearest: str | None  # the source's words where the piece starts to differ, if near


def check(quote: str, source: str) -> Missing | None:
    """None when every piece stands in the folded source in order; else the first miss.

    `source` must be folded already (`fold`), so that a long text is folded once.
    """
    start = 0
    for piece in pieces(quote):
        at = source.find(piece, start)
        if at < 0:
            return Missing(piece, _nearest(piece, source, start))
        start = at + len(piece)
    return None


def _longest(found: Callable[[int], bool], most: int) -> int:
    """The largest n <= most with found(n), where found is true up to some n: by halving."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if found(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _nearest(piece: str, source: str, start: int) -> str | None:
    """The source's passage that best matches `piece`, if it is near.

    It is where the longest beginning or the longest end of the piece stands in the
    source; each is found by halving, so the cost is a few scans of the source, not one
    per character of the piece.
    """
    size = len(piece)
    head = _longest(lambda n: source.find(piece[:n], start) >= 0, size)
    tail = _longest(lambda n: source.find(piece[size - n :], start) >= 0, size)
    if max(head, tail) < min(NEAR, size):
        return None
    if head >= tail:
        at = source.find(piece[:head], start)
    else:
        at = max(source.find(piece[size - tail :], start) - (size - tail), 0)
    passage = source[at : at + min(size + 10, SHOWN)]
    return passage + ("…" if at + len(passage) < len(source) else "")
