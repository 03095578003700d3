"""Checking quotes against their source's text: each quote must be the source's words.

A quote may skip text with `...` (or `…`): its pieces must then stand in the source in
that order. Before comparing, both sides are folded the way a typist's quote differs
from a typesetter's: typographic quotes and apostrophes become straight ones, dashes
become `-`, every run of white space one space, and accents are composed (NFC). Case
is kept: verbatim means verbatim. `../shared/tools/check_quotes.py` is a more lenient,
independent reference (it also ignores case).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from unicodedata import normalize

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
BEFORE = 4  # words shown before the first one that differs


def fold(text: str) -> str:
    """Text as the comparison sees it: one kind of quote, dash and space; case kept.

    Composed (NFC) first: "é" may be one character or an "e" and a combining accent,
    the same text to a reader, and a source saved either way must match.
    """
    return " ".join(normalize("NFC", text).translate(_FOLD).split())


def written_pieces(quote: str) -> list[str]:
    """The pieces of a quote as written, split at its elisions, each run of space one space.

    Not folded: a text fragment (`#:~:text=`) is matched by a browser as written.
    """
    return [piece for piece in (" ".join(part.split()) for part in _ELISION.split(quote)) if piece]


def pieces(quote: str) -> list[str]:
    """The folded pieces of a quote, split at its elisions."""
    return [piece for piece in (fold(part) for part in _ELISION.split(quote.strip())) if piece]


@dataclass(frozen=True)
class Missing:
    """A piece of a quote that is not in the source, and the passage nearest to it."""

    piece: str
    nearest: Nearest | None  # the source's words where the piece starts to differ, if near


@dataclass(frozen=True)
class Nearest:
    """The source's passage nearest to a missing piece, and the first word they part on."""

    passage: str
    differs: tuple[str, str] | None  # (the quote's word, the source's word there)

    def __str__(self) -> str:
        said = repr(self.passage)
        if self.differs is not None:
            quoted, written = self.differs
            said += f" (the quote has {quoted!r} where the source has {written!r})"
        return said


_TOKEN = re.compile(r"\w+|[^\w\s]")
"""A word, or one mark of punctuation: what a quote's pieces are matched by."""
_PRIME = (1 << 61) - 1  # the rolling hash's modulus
_BASE = 1_000_003


class Source:
    """A source's folded text, indexed once by its words, so each quote costs its own size.

    Searching each quote in the whole text cost quotes × text (issue 22: 5.6× per
    doubling). Here the text is cut into tokens (words and marks of punctuation), each
    token is given a number, and for each number the list of places it stands is kept;
    a rolling hash of the token numbers then tells in one step whether a run of tokens
    stands at a place. A piece of a quote is looked for only where its rarest token
    stands, so a quote with a word the text does not have costs nothing more than its
    own length. A piece matches whole tokens: `ntitions` is not a quote of
    `institutions`, as it is not one of its words.

    Built from the standard library alone: re, array and bisect.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        numbers: dict[str, int] = {}
        ids = array("q")
        starts = array("q")
        for match in _TOKEN.finditer(text):
            ids.append(numbers.setdefault(match.group(), len(numbers)))
            starts.append(match.start())
        self.numbers, self.ids, self.starts = numbers, ids, starts
        self.names = list(numbers)  # each token's text, by its number
        self.hashes = array("q", [0])
        self.powers = array("q", [1])
        for number in ids:
            self.hashes.append((self.hashes[-1] * _BASE + number + 1) % _PRIME)
            self.powers.append(self.powers[-1] * _BASE % _PRIME)
        # The places of each token, grouped by token: a counting sort, in text order.
        counts = array("q", bytes(8 * (len(numbers) + 1)))
        for number in ids:
            counts[number + 1] += 1
        for number in range(len(numbers)):
            counts[number + 1] += counts[number]
        self.first = array("q", counts)  # token n's places are places[first[n]:first[n + 1]]
        self.places = array("q", bytes(8 * len(ids)))
        for place, number in enumerate(ids):
            self.places[counts[number]] = place
            counts[number] += 1

    def word(self, place: int) -> str:
        """The token at a place of the text."""
        return self.names[self.ids[place]]

    def _hash(self, start: int, size: int) -> int:
        return (self.hashes[start + size] - self.hashes[start] * self.powers[size]) % _PRIME

    def find(self, tokens: list[str], start: int = 0) -> int:
        """The first token place >= start where the tokens stand in a row, or -1."""
        wanted = [self.numbers.get(token, -1) for token in tokens]
        if not wanted or -1 in wanted:
            return -1
        size = len(wanted)
        digest = 0
        for number in wanted:
            digest = (digest * _BASE + number + 1) % _PRIME
        counts = [self.first[number + 1] - self.first[number] for number in wanted]
        rarest = counts.index(min(counts))
        number = wanted[rarest]
        end = self.first[number + 1]
        for index in range(bisect_left(self.places, start + rarest, self.first[number], end), end):
            place = self.places[index] - rarest
            if place + size > len(self.ids):
                break
            if self._hash(place, size) == digest and self.ids[place : place + size] == array(
                "q", wanted
            ):
                return place
        return -1


def check(quote: str, source: Source) -> Missing | None:
    """None when every piece stands in the source, whole tokens, in order; else the first miss."""
    start, found = 0, pieces(quote)
    if not found:  # "..." alone: nothing to find is not found (the model refuses it too)
        return Missing(quote.strip(), None)
    for piece in found:
        tokens = _TOKEN.findall(piece)
        at = source.find(tokens, start)
        if at < 0:
            return Missing(piece, _nearest(tokens, source, start))
        start = at + len(tokens)
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


def _nearest(tokens: list[str], source: Source, start: int) -> Nearest | None:
    """The source's passage that best matches a piece, if it is near, and where they part.

    The passage is where the longest beginning or the longest end of the piece stands
    in the source, each found by halving, with the index: a few look-ups, not a scan of
    the text per character of the piece. It is shown from a few words before the first
    word that differs, so that a long quote's difference is never cut off.
    """
    size = len(tokens)
    head = _longest(lambda n: source.find(tokens[:n], start) >= 0, size)
    tail = _longest(lambda n: source.find(tokens[size - n :], start) >= 0, size)
    shared = max(len("".join(tokens[:head])), len("".join(tokens[size - tail :])))
    if not shared or shared < min(NEAR, len("".join(tokens)) // 2):  # half of a short one
        return None  # nothing of the piece in the source (an empty text, say): no passage
    if len("".join(tokens[:head])) >= len("".join(tokens[size - tail :])):
        at = source.find(tokens[:head], start)
    else:
        at = max(source.find(tokens[size - tail :], start) - (size - tail), 0)
    total = len(source.ids)
    first = next(
        (k for k in range(size) if at + k >= total or source.word(at + k) != tokens[k]), size
    )
    shown_from = max(at, at + first - BEFORE)
    offset = source.starts[min(shown_from, total - 1)]
    passage = source.text[offset : offset + SHOWN]
    passage = ("…" if shown_from > at else "") + passage
    passage += "…" if offset + SHOWN < len(source.text) else ""
    differs = None
    if first < size and at + first < total:
        differs = (tokens[first], source.word(at + first))
    return Nearest(passage, differs)
