"""The fast path: an everyday request answered before typer (and pydantic) are imported.

Most runs of cv ask the same few things of a dataset that was validated before: the
summary, a listing, in a format. When the request is in the canonical grammar below and
the dataset's entry in the validation cache is there and trusted, this module answers
it with the same functions the typer commands call (show.py), so the output is the
same bytes; `tests/test_fast_path.py` runs every combination both ways and compares
stdout, stderr and the exit code.

    cv [--data PATH] COMMAND [--type T] [--json | --format F] [--fields NAMES] [--csv-raw]
    cv --version

COMMAND is `facts` or a listing command; F is table, json, jsonl, csv or markdown
(table or json for facts); T is one of the section's types. Everything it is derived
from is declared elsewhere: the commands, their types and fields come from sections.py,
the formats from formats/. It never reports an error itself: anything it does not fully
understand (another shape of arguments, a value it would have to refuse, a dataset
that is not in the cache, stdin) is left to typer, which says what is wrong as usual.
CV_FAST=off turns it off.
"""

from __future__ import annotations

import os

from .formats import OutputFormat
from .hints import TYPE_CHECKING
from .sections import LISTED, Section

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

FAST_FORMATS = frozenset({"table", "json", "jsonl", "csv", "markdown"})
FACTS_FORMATS = frozenset({"table", "json"})
Declined = None


class Request:
    """A request of the canonical grammar, parsed (a plain class: no typing imported)."""

    __slots__ = ("as_json", "csv_raw", "data", "fields", "of_type", "output_format", "section")

    def __init__(self, data: str | None, section: Section | None, of_type: Enum | None,
                 output_format: OutputFormat, as_json: bool, fields: str | None,
                 csv_raw: bool) -> None:  # fmt: skip
        self.data = data
        self.section = section  # None for `cv facts`
        self.of_type = of_type
        self.output_format = output_format
        self.as_json = as_json
        self.fields = fields
        self.csv_raw = csv_raw


def parse(argv: list[str]) -> Request | None:
    """The request, or None when argv is not exactly of the canonical grammar."""
    args = list(argv)
    data: str | None = None
    if args and args[0].startswith("--data"):
        if args[0] == "--data" and len(args) >= 2:
            data, args = args[1], args[2:]
        elif args[0].startswith("--data="):
            data, args = args[0].removeprefix("--data="), args[1:]
        else:
            return Declined
    if not args:
        return Declined
    command, options = args[0], args[1:]
    section = LISTED.get(command)
    if section is None and command != "facts":
        return Declined
    seen: dict[str, str | None] = {}
    while options:
        name, value, options = _option(options)
        if name is None or name in seen:  # unknown, or given twice: typer decides
            return Declined
        seen[name] = value
    allowed = {"json", "format"} | ({"type", "fields", "csv-raw"} if section else set())
    if section is None or section.types is None:
        allowed.discard("type")
    if not set(seen) <= allowed:
        return Declined
    formats = FAST_FORMATS if section is not None else FACTS_FORMATS
    chosen = seen.get("format") or "table"
    if chosen not in formats or ("json" in seen and chosen not in ("table", "json")):
        return Declined
    of_type = None
    if "type" in seen and section is not None and section.types is not None:
        values = {member.value: member for member in section.types}
        if seen["type"] not in values:
            return Declined
        of_type = values[seen["type"]]
    if "fields" in seen and not _known_fields(section, seen["fields"]):
        return Declined
    return Request(data, section, of_type, OutputFormat(chosen), "json" in seen,
                   seen.get("fields"), "csv-raw" in seen)  # fmt: skip


_WITH_VALUE = {"--type": "type", "-t": "type", "--format": "format", "-f": "format",
               "--fields": "fields"}  # fmt: skip
_FLAGS = {"--json": "json", "--csv-raw": "csv-raw"}


def _option(options: list[str]) -> tuple[str | None, str | None, list[str]]:
    """The first option, its value and the rest; (None, None, []) when not understood."""
    first = options[0]
    if first in _FLAGS:
        return _FLAGS[first], None, options[1:]
    if first in _WITH_VALUE and len(options) >= 2 and not options[1].startswith("-"):
        return _WITH_VALUE[first], options[1], options[2:]
    key, equals, value = first.partition("=")
    if equals and key.startswith("--") and key in _WITH_VALUE and value:
        return _WITH_VALUE[key], value, options[1:]
    return None, None, []


def _known_fields(section: Section | None, spec: str | None) -> bool:
    """Whether --fields names only known fields, each once: else typer's path says so."""
    if section is None or not spec:
        return False
    from .listing import Listing

    names = [name.strip() for name in spec.split(",")]
    available = set(Listing.of(section, []).available)
    return all(names) and len(set(names)) == len(names) and set(names) <= available


TYPER_TESTED = "0.29.2"
"""The typer whose completion answers tests/test_fast_path.py compared with these; with
another typer installed, completion goes through typer."""
COMPLETE_VAR = "_CV_COMPLETE"


def complete() -> str | None:
    """The answer to a shell's completion request for an option's value, or None.

    Only `--type`/`-t` and `--format`/`-f` after a request of the canonical grammar, in
    bash, zsh or fish, lowercase, with at least one value to offer: the words are the
    declared values, written the way typer writes them. Anything else goes to typer.
    """
    shell = os.environ.get(COMPLETE_VAR, "").removeprefix("complete_")
    if shell not in ("bash", "zsh", "fish") or _typer_version() != TYPER_TESTED:
        return None
    if shell == "bash":
        words = os.environ.get("COMP_WORDS", "")
        cword = os.environ.get("COMP_CWORD", "")
        parts = words.split(" ")
        if not cword.isdigit() or parts != words.split() + [""] * (parts[-1:] == [""]):
            return None
        args, index = parts[1:], int(cword) - 1
        if index != len(args) - 1:
            return None
        args, incomplete = args[:-1], args[-1]
    else:
        if shell == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") != "get-args":
            return None
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        args = line.split()[1:]
        if line.endswith(" ") or not args:
            incomplete = ""
        else:
            args, incomplete = args[:-1], args[-1]
    if any(char in _words(args, incomplete) for char in "\"'$`\\"):
        return None
    values = _values(args)
    if values is None or (not incomplete.islower() and incomplete):
        return None
    offered = [value for value in values if value.startswith(incomplete)]
    if not offered:
        return None
    if shell == "zsh":
        return "_arguments '*: :((" + "\n".join(f'"{value}"' for value in offered) + "))'\n"
    return "".join(f"{value}\n" for value in offered)


def _words(args: list[str], incomplete: str) -> str:
    return " ".join([*args, incomplete])


def _values(args: list[str]) -> list[str] | None:
    """The values the option at the end of args takes, when args are of the grammar."""
    if not args or args[-1] not in ("--type", "-t", "--format", "-f"):
        return None
    if parse(args[:-1]) is None:
        return None
    command = args[:-1][2:] if args[0] == "--data" else args[:-1]
    section = LISTED.get(command[0]) if command else None
    if args[-1] in ("--format", "-f"):
        return [choice.value for choice in OutputFormat]
    if section is None or section.types is None:
        return None
    return [member.value for member in section.types]


def _typer_version() -> str | None:
    """The installed typer's version, read from its source without importing it."""
    import sys

    for folder in sys.path:
        path = os.path.join(folder or ".", "typer", "__init__.py")
        try:
            with open(path, encoding="utf-8") as source:
                for line in source:
                    if line.startswith("__version__"):
                        return line.split("=", 1)[1].strip().strip("\"'")
        except OSError:
            continue
    return None


def answer(argv: list[str]) -> int | None:
    """Answer argv and return the exit status, or None to leave it to typer."""
    if os.environ.get("CV_FAST", "").lower() in ("off", "0", "no", "false"):
        return Declined
    if COMPLETE_VAR in os.environ:  # a shell asks for completions: argv is empty
        offered = complete()
        if offered is None:
            return Declined
        from . import output

        return _finish(lambda: output.write(offered))
    if argv == ["--version"]:
        from . import output
        from .version import __version__

        return _finish(lambda: output.write(f"cv {__version__}\n"))
    request = parse(argv)
    if request is None:
        return Declined
    data = request.data if request.data is not None else os.environ.get("CV_DATA")
    if data in ("", "-"):  # stdin cannot be read twice, and "" is typer's to refuse
        return Declined
    from .dataset import cached_document

    document = cached_document(data)
    if document is None:
        return Declined
    from .show import show_facts, show_section

    def run() -> None:
        if request.section is None:
            show_facts(document, request.output_format, request.as_json, None)
        else:
            show_section(document, request.section, request.of_type, request.output_format,
                         request.as_json, request.fields, request.csv_raw)  # fmt: skip

    return _finish(run)


def _finish(run: Callable[[], None]) -> int:
    """Run the answer and end it as the typer path ends one: the same codes and lines."""
    from . import output
    from .errors import CvError

    try:
        run()
        output.flush()
    except output.PipeClosed:
        return output.EXIT_BROKEN_PIPE
    except CvError as failure:
        for line in failure.lines():
            output.error(line)
        return failure.exit_code
    except Exception as bug:
        output.report_bug(bug)
        return output.EXIT_INTERNAL
    return 0
