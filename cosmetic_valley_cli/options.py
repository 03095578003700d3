"""The options of cv's everyday commands, declared once, as data.

Each option has its spellings, the kind of value it takes, its help, and per command
the values it accepts. The typer commands (cli.py) are built from this table, and so
are the fast path's parser (fast.py) and shell completion (completion.py), so the
three cannot disagree: a value that typer refuses is one that the table does not list,
and the fast path then leaves the request to typer, which says what is wrong.
Only the standard library is imported here: the fast path reads this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .sections import CITABLE, LISTED

if TYPE_CHECKING:
    from .sections import Section

FLAG, CHOICE, TEXT, DATE, PATH, COMMAND, SHELL = (
    "flag",
    "choice",
    "text",
    "date",
    "path",
    "command",
    "shell",
)
"""The kinds of value: none (a flag), one of the command's choices, any text, a date, a
file's name, the name of a command that prints JSON, or a shell's name."""

COMMANDS = (
    "facts",
    *LISTED,
    "search",
    "cite",
    "schema",
    "sheet",
    "validate",
    "diff",
    "completion",
)
"""Every command of cv, in the order `cv --help` lists them (a test compares the two)."""

SHELLS = ("bash", "zsh", "fish")
"""The shells cv completes in."""

ARGUMENTS: dict[str, str] = {
    "search": TEXT,
    "cite": TEXT,
    "validate": PATH,
    "diff": PATH,
    "completion": SHELL,
}
"""What a command's arguments are, for completion: words, file names, or a shell."""

LISTING_FORMATS = ("table", "json", "jsonl", "yaml", "csv", "markdown")
FORMATS: dict[str, tuple[str, ...]] = {
    "facts": ("table", "json", "yaml", "jsonld", "markdown"),
    **dict.fromkeys(LISTED, LISTING_FORMATS),
    "search": LISTING_FORMATS,
    "diff": ("table", "json", "markdown"),
    "validate": ("text", "json", "github"),
    "cite": ("text", "markdown", "html", "csl-json", "bibtex", "ris"),
}
"""The formats each command prints, in the order help lists them; the first is the default
(table, or text for `cv validate` and `cv cite`)."""


class Option(NamedTuple):
    """One option: its long and short spellings, what it takes, and its help."""

    key: str  # the name of the command's parameter
    long: str
    short: str | None
    kind: str
    help: str
    metavar: str | None = None
    many: bool = False  # it may be given more than once

    def __repr__(self) -> str:
        return f"Option({self.long!r})"

    @property
    def spellings(self) -> tuple[str, ...]:
        """How the option may be written: `--format`, `-f`."""
        return (self.long, self.short) if self.short else (self.long,)


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        Option(
            "of_type",
            "--type",
            "-t",
            CHOICE,
            "Only {records} of this type; repeat it, or give a comma list, for several.",
            many=True,
        ),
        Option("output_format", "--format", "-f", CHOICE, "Output format."),
        Option("as_json", "--json", None, FLAG, "Short for --format json."),
        Option(
            "fields",
            "--fields",
            None,
            TEXT,
            "Fields to print, in this order (the error for an unknown one lists them all).",
            metavar="NAME,...",
        ),
        Option(
            "csv_raw",
            "--csv-raw",
            None,
            FLAG,
            "In CSV, write cells that start with =, +, - or @ as they are; by default "
            "they get a leading ' so that spreadsheets do not run them as formulas.",
        ),
        Option(
            "as_of",
            "--as-of",
            None,
            DATE,
            "The facts as they stood at DATE (YYYY, YYYY-MM or YYYY-MM-DD; a year or a "
            "month counts through its last day): later records left out, each series at "
            "its latest record up to DATE.",
            metavar="DATE",
        ),
        Option(
            "cite",
            "--cite",
            None,
            FLAG,
            "In the table, end each fact with the numbers of the quotes it rests on, "
            "listed below it (--format markdown always does).",
        ),
        Option(
            "base",
            "--base",
            None,
            TEXT,
            "For --format jsonld: the page's URL (absolute http or https, no #fragment); "
            "the graph's ids become absolute against it. Without it they are relative.",
            metavar="URL",
        ),
        Option(
            "save",
            "--save",
            None,
            PATH,
            "Write the sheet to FILE: .html (one A4 page, to print), .svg (a slide) or .txt.",
            metavar="FILE",
        ),
        Option(
            "command",
            "--output",
            None,
            COMMAND,
            "Print instead the JSON Schema of what `cv COMMAND --json` prints.",
            metavar="COMMAND",
        ),
        Option(
            "section",
            "--section",
            None,
            CHOICE,
            "Cite every record of this section (the name of the command that lists it, "
            "or cluster); with ids, look for them in it alone.",
        ),
        Option(
            "against",
            "--against",
            None,
            TEXT,
            "Check every quote from this source against the text in FILE (repeatable).",
            metavar="SOURCE_ID=FILE",
            many=True,
        ),
    )
}
"""Every option of cv's commands, by the name of its parameter."""

GLOBAL: tuple[Option, ...] = (
    Option(
        "data",
        "--data",
        None,
        PATH,
        "Read this dataset instead of the packaged one ('-' for stdin).",
        metavar="PATH",
    ),
    Option("version", "--version", None, FLAG, "Print the version."),
    Option(
        "show_completion",
        "--show-completion",
        None,
        FLAG,
        "Print the completion script for your shell (or for SHELL, after it).",
    ),
    Option(
        "install_completion",
        "--install-completion",
        None,
        FLAG,
        "Install completion for your shell (or for SHELL, after it).",
    ),
)
"""The options of cv itself, given before the command."""
HELP = ("--help", "-h")


def options_of(command: str) -> tuple[Option, ...]:
    """The options a command takes, in the order its help lists them."""
    section = LISTED.get(command)
    keys: tuple[str, ...] = OTHERS.get(command, ())
    if command == "facts":
        keys = ("output_format", "as_json", "as_of", "cite", "base")
    elif command == "diff":
        keys = ("output_format", "as_json")
    elif command == "search" or section is not None:
        keys = ("output_format", "as_json", "fields", "csv_raw")
        if section is not None and section.types is not None:
            keys = ("of_type", *keys)
    return tuple(OPTIONS[key] for key in keys)


OTHERS = {
    "sheet": ("save",),
    "schema": ("command",),
    "validate": ("against", "output_format"),
    "cite": ("section", "output_format"),
}
"""The options of the commands that are neither `cv facts` nor a listing."""


def json_commands() -> tuple[str, ...]:
    """The commands that print JSON (those with --json): `cv schema --output` takes these."""
    return tuple(command for command in COMMANDS if OPTIONS["as_json"] in options_of(command))


def choices(command: str, option: Option) -> tuple[str, ...]:
    """The values an option of CHOICE kind accepts in a command."""
    if option.key == "output_format":
        return FORMATS[command]
    section: Section | None = LISTED.get(command)
    if option.key == "of_type" and section is not None and section.types is not None:
        return tuple(member.value for member in section.types)
    if option.key == "section":
        return tuple(CITABLE)
    return ()


def help_text(command: str, option: Option) -> str:
    """An option's help in a command, such as "Only partners of this type."."""
    section = LISTED.get(command)
    return option.help.format(records=section.key if section else "records")
