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
    import re

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


# What JSON text must not hold raw, though JSON allows it: DEL and C1 (xterm obeys
# U+009B as CSI), bidi controls and zero-width characters, line and paragraph
# separators, the BOM, lone surrogates, and noncharacters (U+FDD0..U+FDEF and the last
# two code points of every plane). json.dumps already escapes C0.
_JSON_UNSAFE = (
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)


def json_text(dumped: str) -> str:
    r"""JSON text with every character of _JSON_UNSAFE written as a `\u` escape.

    Outside strings JSON text is ASCII, so each such character stands in a string,
    where the escape means the same character: the value is unchanged, and a terminal
    shows the escape instead of obeying the character. Astral ones become surrogate
    pairs, as JSON writes them. Every other character stays UTF-8.
    """
    if _nothing_to_escape(dumped):
        return dumped
    import re

    return re.sub(_JSON_UNSAFE, _json_escape, dumped)


def _nothing_to_escape(dumped: str) -> bool:
    """Whether the text is printable but for its line breaks: then nothing needs escaping.

    Every character of _JSON_UNSAFE is one Python does not call printable, and a line
    break in JSON or YAML text is layout. Two passes in C: the pattern would look at each
    character in the regex engine, which doubled `cv partners --json` on 100k records
    (3.2 s against 1.6 s, benchmarks/startup.py).
    """
    return dumped.replace("\n", "").isprintable()


def unsafe_in_text(value: str) -> bool:
    """Whether a value holds a character that JSON and YAML text write as an escape."""
    import re

    return re.search(_JSON_UNSAFE, value) is not None


def yaml_text(dumped: str) -> str:
    r"""YAML text with every character of _JSON_UNSAFE written as a YAML escape.

    Only for text whose scalars holding such characters are double-quoted (the YAML
    format makes them so), where ``, `‮` and `🿾` are escapes: the
    value is unchanged for any YAML parser.
    """
    if _nothing_to_escape(dumped):
        return dumped
    import re

    return re.sub(_JSON_UNSAFE, _yaml_escape, dumped)


def _yaml_escape(found: re.Match[str]) -> str:
    return _escape(found.group())


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(value: str, *, lines: bool = False) -> str:
    """The text with every invisible or controlling character written as an escape.

    With `lines`, a line break stays a line break (a table cell may hold several lines);
    otherwise it is escaped too, so that one message stays one line. Printable text,
    accents and typographic quotes included, is left as it is. Linear in the text.
    """
    if value.isprintable() or (lines and value.replace("\n", "").isprintable()):
        return value  # the common case: nothing to escape, no character looked at twice
    import unicodedata  # here, not at the top: only a value with something to escape (2 ms)

    kept = _KEPT_IN_BLOCKS if lines else frozenset()
    return "".join(
        _escape(char)
        if char not in kept and (unicodedata.category(char) in _HIDDEN or _noncharacter(char))
        else char
        for char in value
    )


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
    """A rich Text of text already made visible, one span per line.

    rich splits the lines of one unbroken segment by copying the rest of it at each
    line break, which is quadratic in a cell of many lines; a span per line makes a
    segment per line, and the same output.
    """
    from rich.text import Text

    drawn = Text(shown, style=style)
    start = 0
    while (end := shown.find("\n", start)) >= 0:
        drawn.stylize("none", start, end)
        start = end + 1
    return drawn


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


def markdown_cell(value: str) -> str:
    """Text that a GFM renderer shows as it is: no link, image, emphasis or HTML.

    Every character of inline syntax is escaped (`_MARKDOWN`); so are the `://` and
    `www.` that GFM would turn into a link, and a block marker (`#`, `-`, `1.`) at the
    start, which would make a heading or a list where a note stands on its own line. An
    e-mail address is still linked by GFM, to itself. Control characters are visible.
    """
    import re

    shown = visible(value.replace("\r\n", "\n"), lines=True).translate(_MARKDOWN)
    shown = re.sub(r"(?i)\b(www)\.", r"\1\\.", shown.replace("://", "\\://"))
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([#+=-])", r"\\\1", shown))
