r"""The one escaping rule: what comes from a dataset is shown to a person, never obeyed.

Every value that leaves for a person (a terminal table, `cv facts`, the sheet, an error
message, Markdown) passes through `visible`: control characters, bidi overrides and
other invisible format characters become visible escapes (`\x1b`, `\u202e`), so no
data can move the cursor, retitle a window, clear a screen or reverse the text around
it. Values given to rich are `Text` objects (`text`), never strings, so nothing from
the data is read as markup (`[link=...]`) or as an emoji code (`:fire:`). Machine
formats stay exact, and safe to show: JSON writes the same characters as `\u`
escapes (`json_text`), which any JSON parser reads back as the same value; CSV guards
against formulas (`csv_cell`), Markdown escapes its own syntax (`markdown_cell`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.table import Table
    from rich.text import Text

# Categories that draw nothing of their own: controls, format characters (bidi
# overrides, zero-width spaces, ...), line and paragraph separators, lone surrogates;
# noncharacters too (_noncharacter).
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_KEPT_IN_BLOCKS = frozenset("\n")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection
WIDE_FORMULA_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
"""The full-width forms of = + - @, which some spreadsheets read as the ASCII ones."""


def _formula(value: str) -> bool:
    """Whether a spreadsheet could run the cell.

    OWASP's starts, and the full-width ones, also after leading white space (a space, a
    no-break space), which spreadsheets skip.
    """
    return value.startswith(FORMULA_STARTS) or value.lstrip().startswith(
        FORMULA_STARTS + WIDE_FORMULA_STARTS
    )


def hidden(char: str) -> bool:
    """Whether a character draws nothing of its own, or controls the terminal: the one rule.

    Controls (C0, DEL, C1), format characters (bidi overrides, zero-width and soft
    hyphens, Arabic number signs, tag characters, ...), line and paragraph separators,
    lone surrogates, noncharacters, and the letters that draw as blank (Hangul fillers).
    Every view (`visible`) and every machine format (`json_text`, `yaml_text`) asks
    this one question, so no reader sees a character another reader shows.
    """
    import unicodedata  # here, not at the top: only text with something to escape (2 ms)

    return unicodedata.category(char) in _HIDDEN or _noncharacter(char) or char in _BLANK


_BLANK = frozenset("\u115f\u1160\u3164\uffa0")
"""Letters that draw as blank space (Hangul fillers): a name of them looks empty.

Other default-ignorable characters are format characters, already hidden, or variation
selectors, which emoji need and which draw nothing alone."""


class _Escapes(dict[int, str]):
    """A `str.translate` table that escapes what `hidden` says, filled as characters come.

    Each distinct character is asked once, then looked up in C: as fast as the one
    regular expression it replaces (0.36 s for 11 MB either way), and derived from the
    rule instead of a hand-kept list of ranges. C0 controls and the line break stay as
    they are: json.dumps and the YAML emitter already escape C0 inside strings, and a
    line break outside one is layout.
    """

    def __init__(self, escape: Callable[[str], str]) -> None:
        super().__init__()
        self._escape = escape

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shown = self._escape(char) if code >= 0x20 and hidden(char) else char
        if len(self) < TABLE_LIMIT:  # a text of every code point must not keep them all
            self[code] = shown
        return shown


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


TABLE_LIMIT = 4096
"""The most characters a table keeps: text in a few scripts never reaches it; past it,
a character is asked again each time it comes (linear still, and bounded in memory:
a value of every code point kept 1.1 million entries, 170 MB)."""

_JSON_ESCAPES = _Escapes(_json_escape)
_YAML_ESCAPES = _Escapes(_escape)


def json_text(dumped: str) -> str:
    r"""JSON text with every hidden character (`hidden`) written as a `\u` escape.

    Outside strings JSON text is ASCII, so each such character stands in a string,
    where the escape means the same character: the value is unchanged, and a terminal
    shows the escape instead of obeying the character. Astral ones become surrogate
    pairs, as JSON writes them. Every other character stays UTF-8.
    """
    return dumped if _nothing_to_escape(dumped) else dumped.translate(_JSON_ESCAPES)


def _nothing_to_escape(dumped: str) -> bool:
    """Whether the text is printable but for its line breaks: then nothing needs escaping.

    Every hidden character is one Python does not call printable, but for the blank
    letters, and a line break in JSON or YAML text is layout. One pass in C: looking at
    each character in Python doubled `cv partners --json` on 100k records (3.2 s against
    1.6 s, benchmarks/startup.py).
    """
    return dumped.replace("\n", "").isprintable() and not _blank_in(dumped)


def _blank_in(value: str) -> bool:
    """Whether a blank letter is in the value: one search in C per letter."""
    return any(letter in value for letter in _BLANK)


def unsafe_in_text(value: str) -> bool:
    """Whether a value holds a character that JSON and YAML text write as an escape."""
    return not _nothing_to_escape(value) and value.translate(_YAML_ESCAPES) != value


def yaml_text(dumped: str) -> str:
    r"""YAML text with every hidden character written as a YAML escape.

    Only for text whose scalars holding such characters are double-quoted (the YAML
    format makes them so, `unsafe_in_text`), where `\x85`, `\u202e` and `\U0001fffe`
    are escapes: the value is unchanged for any YAML parser.
    """
    return dumped if _nothing_to_escape(dumped) else dumped.translate(_YAML_ESCAPES)


def visible(value: str, *, lines: bool = False) -> str:
    """The text with every invisible or controlling character written as an escape.

    With `lines`, a line break stays a line break (a table cell may hold several lines);
    otherwise it is escaped too, so that one message stays one line. Printable text,
    accents and typographic quotes included, is left as it is. Linear in the text.
    """
    if not _blank_in(value) and (
        value.isprintable() or (lines and value.replace("\n", "").isprintable())
    ):
        return value  # the common case: nothing to escape, no character looked at twice
    kept = _KEPT_IN_BLOCKS if lines else frozenset()
    return "".join(_escape(char) if char not in kept and hidden(char) else char for char in value)


def _noncharacter(char: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, ...).

    No text may hold them: XML refuses them even as character references, so a sheet
    (HTML, SVG) would be ill-formed. They are shown as escapes, like controls.
    """
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def text(value: object, style: str = "") -> Text:
    """A rich Text of the value, made visible: rich never parses it as markup or emoji."""
    return lined(visible(str(value), lines=True), style)


def lined(shown: str, style: str = "") -> Text:
    """A rich Text of text already made visible, drawn a line at a time (`lines.LineByLine`).

    rich alone draws one long value in time quadratic in its wrapped lines.
    """
    from .lines import LineByLine

    return LineByLine(shown, style=style)


def add(table: Table, *cells: object) -> None:
    """A row of a rich table, every cell made visible and never read as markup."""
    table.add_row(*(text(cell) for cell in cells))


def csv_cell(value: str) -> tuple[str, bool]:
    """A CSV cell that neither a spreadsheet nor a terminal will run.

    A leading formula character gets a `'` (OWASP), and control or bidi characters
    become visible escapes, as everywhere a person reads; line breaks stay, quoted.
    Returns the cell and whether it was changed (the caller counts them for its note).
    """
    shown = visible(value, lines=True)
    if _formula(value):
        shown = "'" + shown
    return shown, shown != value


_MARKDOWN = str.maketrans(
    {char: f"\\{char}" for char in "\\`*_[]()!|~$"}
    | {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>"}
)
"""GFM's inline syntax, shown: emphasis, code, links and images, strikethrough, math, a
cell's end, entities and HTML; a line break is a `<br>` so the cell stays one line."""


def markdown_cell(value: str, *, starts_line: bool = True) -> str:
    """Text that a GFM renderer shows as it is: no link, image, emphasis or HTML.

    Every character of inline syntax is escaped (`_MARKDOWN`); so are the `://` and
    `www.` that GFM would turn into a link, and a block marker (`#`, `-`, `1.`) at the
    start, which would make a heading or a list where a note stands on its own line. An
    e-mail address is still linked by GFM, to itself. Control characters are visible;
    spaces at the start are entities, so that no marker after them makes a block; a
    piece that does not start a line (`starts_line=False`) needs none of that.
    """
    import re

    shown = visible(value.replace("\r\n", "\n"), lines=True).translate(_MARKDOWN)
    shown = re.sub(r"(?i)\b(www)\.", r"\1\\.", shown.replace("://", "\\://"))
    # Spaces before a block marker (or four, a code block) would still make a block: as
    # entities, they are text.
    if not starts_line:  # a piece within a line (search's marked words): no block to make
        return shown
    shown = re.sub(r"^[ \t]+", lambda blank: blank.group().replace(" ", "&#32;").replace(
        "\t", "&#9;"), shown)  # fmt: skip
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([#+=-])", r"\\\1", shown))
