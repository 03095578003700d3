"""The fast path: an everyday request answered before typer (and pydantic) are imported.

Most runs of cv ask the same few things of a dataset that was validated before: the
summary, a listing, in a format. When the request is of the grammar below and
the dataset's entry in the validation cache is there and trusted, this module answers
it with the same functions the typer commands call (show.py), so the output is the
same bytes; `tests/test_fast_path.py` runs every combination both ways and compares
stdout, stderr and the exit code.

    cv [--data PATH] COMMAND [OPTION [VALUE]]...

COMMAND is `facts` or a listing command, and its options are those that options.py
declares for it, each at most once, with a value that the table accepts as written: the
same table that typer's commands are built from. It never refuses anything itself:
anything it does not fully understand (another shape of arguments, a value that typer
might read differently, a dataset that is not in the cache, stdin) is left to typer,
which says what is wrong as usual.
CV_FAST=off turns it off.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from .dates import is_date
from .formats import OutputFormat
from .options import CHOICE, DATE, FLAG, Option, choices, options_of
from .sections import LISTED, Section

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

Declined = None


class Request(NamedTuple):
    """A request that the option table accepts, parsed."""

    data: str | None
    command: str  # `facts` or a listing command
    values: dict[str, str | bool]  # each option given, by its key in options.py

    @property
    def section(self) -> Section | None:
        """The section a listing command lists; None for `cv facts`."""
        return LISTED.get(self.command)

    @property
    def output_format(self) -> OutputFormat:
        """--format, as typer's commands pass it on."""
        return OutputFormat(self.values.get("output_format", OutputFormat.TABLE.value))

    @property
    def of_type(self) -> list[Enum]:
        """--type, as the section's enums: every value given, each once, in order."""
        section, chosen = self.section, self.values.get("of_type")
        if section is None or section.types is None or not isinstance(chosen, str):
            return []
        return list(dict.fromkeys(section.types(part.lower()) for part in chosen.split(",")))

    def text(self, key: str) -> str | None:
        """An option's text (--fields, --as-of), or None when it was not given."""
        value = self.values.get(key)
        return value if isinstance(value, str) else None


def parse(argv: list[str]) -> Request | None:
    """The request, or None when argv is not exactly one that the option table accepts.

    The options, their spellings and the values each command accepts are options.py's,
    the table typer's commands are built from: a value typer would refuse is not in it,
    so such a request is declined here and typer says what is wrong.
    """
    args = list(argv)
    data: str | None = None
    if args and args[0] == "--data" and len(args) >= 2:
        data, args = args[1], args[2:]
    elif args and args[0].startswith("--data="):
        data, args = args[0].removeprefix("--data="), args[1:]
    if not args or (args[0] != "facts" and args[0] not in LISTED):
        return Declined
    command, rest = args[0], args[1:]
    spelled = {spelling: option for option in options_of(command) for spelling in option.spellings}
    values: dict[str, str | bool] = {}
    while rest:
        name, equals, value = (
            rest[0].partition("=") if rest[0].startswith("--") else (rest[0], "", "")
        )
        option = spelled.get(name)
        if option is None or (option.key in values and not option.many):  # typer decides
            return Declined
        if option.kind == FLAG:
            if equals:
                return Declined
            values[option.key], rest = True, rest[1:]
            continue
        if not equals:
            if len(rest) < 2:
                return Declined
            value, rest = rest[1], rest[1:]
        if not _accepts(command, option, value):
            return Declined
        if option.many and option.key in values:  # --type a --type b: as --type a,b
            value = f"{values[option.key]},{value}"
        values[option.key], rest = value, rest[1:]
    return Request(data, command, values)


def _accepts(command: str, option: Option, value: str) -> bool:
    """Whether typer takes this value as it is written (else it is typer's to say)."""
    if option.kind == CHOICE:
        parts = value.split(",") if option.many else [value]
        return all(part in choices(command, option) for part in parts)
    if option.kind == DATE:
        return is_date(value)
    if option.key == "fields":
        return _known_fields(LISTED.get(command), value)
    if option.key == "base":  # a wrong one is typer's path to say
        from .formats.jsonld import base_problem

        return base_problem(value) is None
    return True


def _known_fields(section: Section | None, spec: str | None) -> bool:
    """Whether --fields names only known fields, each once: else typer's path says so."""
    if section is None or not spec:
        return False
    from .listing import Listing

    names = [name.strip() for name in spec.split(",")]
    available = set(Listing.of(section, []).available)
    return all(names) and len(set(names)) == len(names) and set(names) <= available


COMPLETE_VAR = "_CV_COMPLETE"


def answer(argv: list[str]) -> int | None:
    """Answer argv and return the exit status, or None to leave it to typer.

    Completion is always answered here, whatever CV_FAST says: typer never sees it.
    """
    from . import completion, output

    if os.environ.get(COMPLETE_VAR):  # a script of cv 0.2 (typer's) asks; empty is unset
        statuses: list[int] = []

        def legacy() -> None:
            offered, status = completion.legacy()
            statuses.append(status)
            output.write(f"{offered}\n" if offered else "")

        return _finish(legacy) or (statuses[0] if statuses else 0)
    asked = completion.request(argv)
    if asked is not None:
        what, rest = asked
        shell = rest[0] if rest else None
        if what == "words":
            return _finish(lambda: output.write(completion.answer(rest)))
        if what == "install":
            return _finish(lambda: _say(completion.install(shell)))
        return _finish(lambda: output.write(completion.script(shell)))
    if os.environ.get("CV_FAST", "").lower() in ("off", "0", "no", "false"):
        return Declined
    request = parse(argv)
    if request is None:
        return Declined
    data = request.data if request.data is not None else os.environ.get("CV_DATA")
    if data == "":  # typer's to refuse
        return Declined
    from .dataset import cached_document

    document = cached_document(data)
    if document is None:
        return Declined
    from .show import show_facts, show_section

    def run() -> None:
        from .dataset import with_caveats

        dated = with_caveats(document)  # inside the one error path, as all the work is
        section, chosen, as_json = (
            request.section,
            request.output_format,
            "as_json" in request.values,
        )
        if section is None:
            show_facts(
                dated,
                chosen,
                as_json,
                request.text("as_of"),
                request.text("base"),
                "cite" in request.values,
            )
        else:
            show_section(
                dated,
                section,
                request.of_type,
                chosen,
                as_json,
                request.text("fields"),
                "csv_raw" in request.values,
            )

    return _finish(run)


def _say(lines: list[str]) -> None:
    from . import output

    for line in lines:
        output.error(line)


def _finish(run: Callable[[], None]) -> int:
    """Run the answer and end it as the typer path ends one: the same codes and lines."""
    from . import output

    try:
        run()
        output.flush()
    except BaseException as failure:
        return output.exit_status(failure)
    return 0
