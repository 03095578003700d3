"""The `cv` command line: commands only. Each parses its options and hands off.

Exit codes: 0 success, 1 invalid data or an unreadable file, 2 a usage error,
70 an internal error (a bug: please report it), 130 Ctrl-C, 141 stdout closed early.
"""

from __future__ import annotations

import inspect
import itertools
import sys
from collections.abc import Callable
from enum import Enum
from inspect import Parameter, Signature
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, TypeVar, cast

import typer
from typer.core import TyperGroup

from . import output
from .dates import DATE_FORM, is_date
from .errors import CvError, UsageProblem, closest, shown
from .formats import OutputFormat
from .options import (
    COMMAND,
    COMMANDS,
    DATE,
    FLAG,
    FORMATS,
    GLOBAL,
    OPTIONS,
    PATH,
    TEXT,
    Option,
    choices,
    help_text,
    options_of,
)
from .problems import Failures
from .reading import read_once, shown_name
from .sections import LISTED, Section
from .version import write_version

if TYPE_CHECKING:
    from .records import Document

EXIT_DIFFERENT = 3  # cv diff: the datasets differ


class CvGroup(TyperGroup):
    """typer's group, whose every failure leaves through the one error path.

    That path is `output.exit_status`: typer's usage errors are translated into cv's
    own (`_click_problem`) and handed to it, like everything a command raises.
    """

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's parsing, with its usage errors said in the project's one style."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            returned = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            status = returned if isinstance(returned, int) else 0
        except typer.TyperException as failure:  # click's errors, which typer bundles
            status = output.exit_status(_click_problem(failure, argv))
        except typer.Abort:
            status = output.EXIT_INTERRUPTED
        if standalone_mode:
            sys.exit(status)
        return status

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands of `cv --help`, each summary whole and wrapped.

        click cuts a summary to fit the width with "...", which on 50 columns left "The
        facts at a glance:..." with nothing said.
        """
        rows = [
            (name, _summary(command))
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:  # noqa: D102 - click's
        name = args[0] if args else ""
        if not name.startswith("-") and self.get_command(ctx, name) is None:
            listed = [
                command
                for command in self.list_commands(ctx)
                if not self.get_command(ctx, command).hidden  # type: ignore[union-attr]
            ]
            near = closest(name, listed)
            hint = f"did you mean {near!r}?" if near else "cv (alone) lists the commands"
            raise UsageProblem(f"no such command {shown(name)}", hint)
        return super().resolve_command(ctx, args)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 - click's
        try:
            return super().make_context(*args, **kwargs)
        except OSError as failure:  # an eager option (--help) printing to a bad stdout
            if failure.errno not in output.WRITE_ERRORS:
                raise
            # click would end a closed pipe with exit 1 and no word: 141, as for a command
            raise output.failed(failure) from None

    def invoke(self, ctx: Any) -> Any:  # noqa: D102 - typer's own Context type is private
        try:
            return super().invoke(ctx)
        except (typer.TyperException, typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
            raise  # typer's own, and Ctrl-C: said where they end
        except BaseException as failure:
            # Said here: click would end a closed pipe in a command with exit 1, unsaid.
            raise typer.Exit(output.exit_status(failure)) from None


app = typer.Typer(
    cls=CvGroup,
    name="cv",
    epilog="Example: cv partners --type university --json",
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,  # completion is cv's own (completion.py), answered before typer
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _option(command: str, option: Option) -> tuple[Any, Any]:
    """An option of the table (options.py) as typer's parameter type, and its default."""
    spellings, shown = option.spellings, help_text(command, option)
    if option.kind == FLAG:
        return Annotated[bool, typer.Option(*spellings, help=shown)], False
    if option.kind == TEXT:
        text = typer.Option(*spellings, metavar=option.metavar, help=shown)
        if option.many:
            return Annotated[Optional[list[str]], text], None  # noqa: UP045 - built at run time
        return Annotated[Optional[str], text], None  # noqa: UP045 - built at run time
    if option.kind == PATH:
        path = typer.Option(*spellings, metavar=option.metavar, help=shown)
        # Text, not Path: Path("x.svg/") is "x.svg", and the '/' said a folder was meant.
        return Annotated[Optional[str], path], None  # noqa: UP045 - built at run time
    if option.kind == COMMAND:
        name = typer.Option(*spellings, metavar=option.metavar, help=shown)
        return Annotated[Optional[str], name], None  # noqa: UP045 - built at run time
    if option.kind == DATE:
        date = typer.Option(*spellings, metavar=option.metavar, help=shown, callback=_date(option))
        return Annotated[Optional[str], date], None  # noqa: UP045 - built at run time
    values = choices(command, option)
    check = _checked(command, option)
    if option.many:  # `--type a --type b` or `--type a,b`: every value checked, the union

        def check_each(given: list[str] | None) -> list[Any]:
            parts = [part for value in given or [] for part in value.split(",")]
            return list(dict.fromkeys(check(part) for part in parts))

        several = typer.Option(
            *spellings, help=shown, metavar=f"<{'|'.join(values)}>[,...]", callback=check_each
        )
        return Annotated[Optional[list[str]], several], None  # noqa: UP045 - built at run time
    choice = typer.Option(*spellings, help=shown, metavar=f"<{'|'.join(values)}>", callback=check)
    if option.key == "output_format":  # the command's first format: table, or text
        return Annotated[str, choice], values[0]
    return Annotated[Optional[str], choice], None  # noqa: UP045 - built at run time


def _date(option: Option) -> Callable[[str | None], str | None]:
    """The check of a DATE option: YYYY, YYYY-MM or YYYY-MM-DD, a day of the calendar."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        if not is_date(value):
            why = DATE_FORM + ", from year 1000"
            day = value[len("YYYY-MM-") :]
            if len(day) == 2 and day.isascii() and day.isdigit() and is_date(value[:7] + "-01"):
                why = "not a day of the calendar"  # 2019-02-29: the form is right
            raise UsageProblem(
                f"invalid {option.long} {shown(value)}; {why}", "see cv facts --help"
            )
        return value

    return check


def _checked(command: str, option: Option) -> Callable[[str | None], Any]:
    """The check of a CHOICE option's value against the table: cv's own usage error.

    Case is ignored, as typer's choices ignore it. The error names the choices and the
    closest one, or the commands that take the value (a format of another command).
    """
    values = choices(command, option)
    section = LISTED.get(command)

    def check(value: str | None) -> Any:
        if value is None:
            return None
        chosen = value.lower()
        if chosen not in values:
            name = "/".join(option.spellings)
            elsewhere = _taken_by(chosen) if option.key == "output_format" else []
            near = closest(value, list(values))
            hint = f"did you mean {near!r}?" if near else f"see cv {command} --help"
            if elsewhere:
                hint = f"{chosen} is a format of {_listed(elsewhere)}"
            raise UsageProblem(
                f"invalid {name} {shown(value)}; choose from {', '.join(values)}", hint
            )
        if option.key == "of_type" and section is not None and section.types is not None:
            return section.types(chosen)
        return chosen

    return check


_Command = TypeVar("_Command", bound=Callable[..., None])
GLOBALS = {option.key: option for option in GLOBAL}


def with_options(command: str) -> Callable[[_Command], _Command]:
    """Give a command the options the table declares for it, as typer reads them.

    The function names each option's parameter (options.py's key) with a plain type and
    default; its other parameters (ctx, arguments) keep their own. An option the table
    gives this command but the function lacks is an error at import, so neither drifts.
    """

    def decorate(function: _Command) -> _Command:
        # Not typing.get_type_hints: before Python 3.11 it wraps a parameter whose default
        # is None in Optional[...], hiding its typer.Argument (`cv validate FILE`).
        hints = inspect.get_annotations(function, eval_str=True)
        own = [
            parameter.replace(annotation=hints[parameter.name])
            for parameter in inspect.signature(function).parameters.values()
            if parameter.name not in OPTIONS
        ]
        table = options_of(command)
        missing = [
            option.long
            for option in table
            if option.key not in inspect.signature(function).parameters
        ]
        if missing:
            raise TypeError(f"cv {command} takes {', '.join(missing)}: give it a parameter")
        for option in table:
            annotation, default = _option(command, option)
            own.append(
                Parameter(
                    option.key, Parameter.KEYWORD_ONLY, annotation=annotation, default=default
                )
            )
        function.__signature__ = Signature(own)  # type: ignore[attr-defined]
        function.__annotations__ = {parameter.name: parameter.annotation for parameter in own}
        return function

    return decorate


def _version(value: bool) -> None:
    if value:
        try:
            write_version()  # the one writer, which the `cv` script calls first
        except OSError as failure:
            raise output.failed(failure) from None
        raise typer.Exit


def _completion_flag(value: bool, parameter: typer.CallbackParam) -> None:
    """--show-completion and --install-completion, for the user's shell ($SHELL).

    `cv --show-completion [SHELL]` and `--install-completion [SHELL]` before the command
    are answered before typer (completion.request), like every completion request; this
    serves them when typer parses them all the same (after `--data PATH`, say).
    """
    if value:
        from . import completion

        if parameter.name == "install_completion":
            for line in completion.install(None):
                output.error(line)
        else:
            output.write(completion.script(None))
        raise typer.Exit


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            GLOBALS["data"].long,
            envvar="CV_DATA",
            metavar=GLOBALS["data"].metavar,
            help=GLOBALS["data"].help,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            GLOBALS["version"].long, callback=_version, is_eager=True, help=GLOBALS["version"].help
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            GLOBALS["show_completion"].long,
            callback=_completion_flag,
            is_eager=True,
            help=GLOBALS["show_completion"].help,
        ),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            GLOBALS["install_completion"].long,
            callback=_completion_flag,
            is_eager=True,
            help=GLOBALS["install_completion"].help,
        ),
    ] = False,
) -> None:
    """Cosmetic Valley at a glance: the cluster's facts, each with the words of its source.

    Every fact carries the words of its source (see cv sources), and its date.
    """
    ctx.obj = data
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        output.write(_overview(ctx))  # a bare `cv`: what there is to do, the way gh does it
        raise typer.Exit(0)


def _summary(command: Any) -> str:
    """A command's summary: its help's first line, up to a colon, whole at any width."""
    first = (command.help or "").split("\n")[0]
    return str(first.split(":")[0].rstrip("."))


def _overview(ctx: typer.Context) -> str:
    """The short overview a bare `cv` prints: the commands, their first lines, examples."""
    group = ctx.command
    names = [
        name
        for name in group.list_commands(ctx)  # type: ignore[attr-defined]
        if not group.get_command(ctx, name).hidden  # type: ignore[attr-defined]
    ]
    width = max(len(name) for name in names) + 3
    lines = [
        "cv: Cosmetic Valley at a glance, each fact with the words of its source.",
        "",
        "Usage: cv [--data PATH] COMMAND [OPTIONS]",
        "",
        "Commands:",
    ]
    for name in names:
        lines.append(f"  {name.ljust(width)}{_summary(group.get_command(ctx, name))}")  # type: ignore[attr-defined]
    lines += [
        "",
        "Examples:",
        "  cv facts",
        "  cv partners --type university --json",
        "",
        "cv COMMAND --help tells more about a command; cv --help lists every option.",
    ]
    return "\n".join(lines) + "\n"


def _document(ctx: typer.Context) -> Document:
    from .dataset import load_document

    data: str | None = ctx.find_root().obj
    return load_document(data)


@app.command()
@with_options("facts")
def facts(
    ctx: typer.Context,
    output_format: str = OutputFormat.TABLE.value,
    as_json: bool = False,
    as_of: str | None = None,
    cite: bool = False,
    base: str | None = None,
) -> None:
    """The facts at a glance: identity, latest figures, timeline, partners, sources.

    --format markdown prints them with numbered citations, the quotes and the
    references, to paste into an article; --cite numbers the table the same way.
    --format jsonld prints them as schema.org JSON-LD, for a web page's
    <script type="application/ld+json"> element.

    Example: cv facts --json | jq '.members[0].companies'
    """
    from .show import checked_base, checked_cite, choose, show_facts

    chosen = OutputFormat(output_format)
    checked_base(choose(chosen, as_json), base)  # usage errors before the dataset is read
    checked_cite(choose(chosen, as_json), cite)
    show_facts(_document(ctx), chosen, as_json, as_of, base, cite)


def _listing_command(section: Section) -> Callable[..., None]:
    """The command that lists a section: its options and help, from its declarations."""

    def command(
        ctx: typer.Context,
        output_format: str = OutputFormat.TABLE.value,
        as_json: bool = False,
        fields: str | None = None,
        csv_raw: bool = False,
        of_type: list[Enum] | None = None,
    ) -> None:
        from .show import show_section

        show_section(
            _document(ctx),
            section,
            of_type or [],
            OutputFormat(output_format),
            as_json,
            fields,
            csv_raw,
        )

    command.__doc__ = f"{section.help}\n\nExample: {section.example}"
    return with_options(section.command or section.key)(command)


for _section in LISTED.values():
    app.command(_section.command)(_listing_command(_section))


@app.command()
@with_options("search")
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            help="The words to look for, in any order; case and accents are ignored.",
            show_default=False,
        ),
    ],
    output_format: str = OutputFormat.TABLE.value,
    as_json: bool = False,
    fields: str | None = None,
    csv_raw: bool = False,
) -> None:
    """Search what a person reads: the records whose name, values or quotes hold every word.

    Case and accents are ignored; ids and hashes are not searched. Each hit shows its
    section and record in words, and the passage where it matched with the words
    marked (bold in a terminal, **...** in Markdown, start and end in JSON), then the
    other quotes that hold a word. Hits whose name matches come first, then those
    matched by a value, then by a quote.

    No hit is not an error: the result is empty (an empty list in JSON), a note goes to
    stderr and the exit code is 0.

    Example: cv search orleans
    """
    from .listing import Listing
    from .search import HIT_FIELDS, TABLE_FIELDS, fold
    from .search import search as find
    from .search_view import MARKS
    from .show import print_listing

    text = " ".join(words)
    if not fold(text).split():  # nothing but spaces, or accents with no letter
        raise UsageProblem("cv search needs at least one word to look for")
    hits = find(_document(ctx), text)
    if not hits:
        output.error(f"cv: nothing matches {shown(text)}")
    listing = Listing.rows(f"Search: {text}", HIT_FIELDS, hits, TABLE_FIELDS, MARKS)
    said = dict.fromkeys(caveat for hit in hits for caveat in hit["caveats"])
    listing = listing._replace(notes=tuple(said))  # each caveat once, under the table
    print_listing(listing, OutputFormat(output_format), as_json, fields, csv_raw)


@app.command()
@with_options("cite")
def cite(
    ctx: typer.Context,
    names: Annotated[
        Optional[list[str]],  # noqa: UP045 - read by typer at run time
        typer.Argument(
            metavar="SECTION/ID",
            help="The records to cite, as SECTION/ID (partners/university-orleans); an id "
            "alone where one section has it.",
            show_default=False,
        ),
    ] = None,
    section: str | None = None,
    output_format: str = "text",
) -> None:
    """Cite records, ready to paste: each fact in words, its caveats, quotes and source.

    Text, Markdown and HTML show each fact with its hedge and caveats (an inferred date,
    a list left open, a corrected name), the source's words, and one numbered reference
    list. CSL-JSON (Zotero, pandoc), BibTeX and RIS hold one entry per source cited,
    keyed by the source's id. Where a source has a URL, a quote links to its words with
    a text fragment (#:~:text=...).

    Example: cv cite partners/university-orleans --format bibtex
    """
    from .citations import checked, citations, resolve
    from .reference_formats import RENDERERS

    given = checked(names or [], section)  # usage errors before the dataset is read
    document = _document(ctx)
    cited = citations(document, resolve(document, given, section))
    if not cited.facts:
        output.error(f"cv: no {section} in the dataset")
    output.write(RENDERERS[output_format](cited))


@app.command()
@with_options("schema")
def schema(command: str | None = None) -> None:
    """Print the JSON Schema of facts.yaml, generated from the model.

    The repository ships it as facts.schema.json, which editors use to check and
    complete facts.yaml as it is typed. With --output COMMAND, the schema of that
    command's --json output instead (facts, a listing, search or diff): every key
    required, no other key allowed, the enums spelled out. docs/schemas/ has them all.

    Example: cv schema > facts.schema.json; cv schema --output partners
    """
    from .formats.json_document import dumps

    if command is None:
        from .model import json_schema

        output.write(dumps(json_schema()))
    else:
        from .contracts import output_schema

        output.write(dumps(output_schema(command)))


@app.command()
@with_options("sheet")
def sheet(ctx: typer.Context, save: str | None = None) -> None:
    """A one-page fact sheet: headline figures, timeline, partners, reach, citations.

    In the terminal, the figures are drawn large (plain text below 60 columns). Saved
    as HTML it is one A4 page for print or a screen, each fact with a numbered citation
    of the source's words; as SVG, the same design for a slide.

    Example: cv sheet --save fact-sheet.html
    """
    from .sheet import fact_sheet
    from .sheet import save as save_sheet

    drawn = fact_sheet(_document(ctx))
    if save is None:
        output.write(drawn)
    else:
        save_sheet(drawn, save)
        output.error(f"cv: wrote {shown_name(save)}")


@app.command()
@with_options("validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            help="The dataset to check ('-' for stdin); default: --data, else the packaged one.",
            show_default=False,
            readable=False,  # reading checks it, with the same message as --data
        ),
    ] = None,
    against: list[str] | None = None,
    output_format: str = "text",
) -> None:
    """Check a dataset: every problem, one `file:line:col: CODE message` line each.

    Always a full validation, never the cache. With --against, every quote whose
    evidence names that source must stand in FILE, its pieces in order; typographic
    quotes, dashes and runs of white space are folded, and case is kept. Exit 0 with a
    summary on stderr when the dataset is valid, 1 when not. For CI, --format json
    prints the problems as one JSON array on stdout, and --format github as GitHub's
    annotations (::error file=...,line=...,col=...::message).

    Example: cv validate my-facts.yaml --against my-source=article.txt
    """
    from .problems import DataError
    from .verification import parse_against, problem_records, report_lines
    from .verification import validate as check

    target: str | None = str(path) if path is not None else ctx.find_root().obj
    try:
        report = check(target, parse_against(against or []))
    except DataError as failure:
        if output_format == "text":
            raise
        output.write(report_lines(problem_records(failure), output_format))
        count = len(failure.problems)
        output.error(f"cv: {count:,} problem{'s' if count != 1 else ''} in {failure.origin}")
        raise typer.Exit(1) from None
    if output_format != "text":
        output.write(report_lines([], output_format))
    output.error(report.summary(report.origin if target else "the packaged dataset"))


@app.command()
@with_options("diff")
def diff(
    old: Annotated[str, typer.Argument(help="The dataset before the update.")],
    new: Annotated[str, typer.Argument(help="The dataset after the update.")],
    output_format: str = OutputFormat.TABLE.value,
    as_json: bool = False,
) -> None:
    """Review an update: the records added, removed and changed, matched by section and id.

    Both datasets are validated in full. A changed record shows each field that differs,
    before and after, evidence included. Exit 0 when the datasets agree, 3 when they
    differ, 1 when either is invalid.

    Example: cv diff facts.yaml new-facts.yaml
    """
    from .diff import changes, counted, diff_markdown, diff_view, summary_line
    from .formats.json_document import dumps
    from .show import choose

    chosen = choose(OutputFormat(output_format), as_json)
    read_once((old, new))
    failures: list[CvError] = []
    documents: list[Document] = []
    for path in (old, new):
        try:
            documents.append(_validated(path))
        except CvError as failure:  # both are checked, so both sets of problems show
            failures.append(failure)
    if failures:
        raise Failures(failures)
    found = changes(*documents)
    first = next(found, None)
    if first is None:
        if chosen is OutputFormat.JSON:
            output.write(dumps([]))
        else:
            output.error(f"cv: {shown_name(old)} and {shown_name(new)} agree")
        return
    tally: dict[str, int] = {}
    every = counted(itertools.chain([first], found), tally)
    if chosen is OutputFormat.JSON:
        output.write(dumps(list(every)))
        output.error(f"cv: {summary_line(tally)}")  # stdout stays one JSON array
    else:
        view = diff_markdown if chosen is OutputFormat.MARKDOWN else diff_view
        output.write(view(every))  # written as it comes
        output.write(f"{'' if view is diff_view else chr(10)}{summary_line(tally)}\n")
    raise typer.Exit(EXIT_DIFFERENT)


@app.command()
def completion(
    shell: Annotated[str, typer.Argument(help="The shell: bash, zsh or fish.", show_default=False)],
) -> None:
    """Print the completion script for bash, zsh or fish.

    Load it from the shell's start-up file. The script asks `cv __complete` for the
    words that may come next; nothing it prints is evaluated. `cv --install-completion`
    writes it where the shell finds it.

    Example: cv completion bash > ~/.bash_completions/cv.sh
    """
    from .completion import script

    output.write(script(shell))


@app.command("__complete", hidden=True)
def complete(words: Annotated[list[str] | None, typer.Argument()] = None) -> None:
    """The words that may come next after `cv WORDS...` (completion.py; for the scripts)."""
    from .completion import answer

    output.write(answer(words or [""]))


def _validated(path: str) -> Document:
    """A dataset validated in full, not from the cache: `cv diff` reviews untrusted files."""
    from .loader import parse_document
    from .reading import decode, read_dataset

    origin, data = read_dataset(path)
    return cast("Document", parse_document(decode(data, origin), origin))


def main() -> NoReturn:
    """The `cv` console script's typer path.

    CvGroup handles what goes wrong in a command; this catches what goes wrong before
    one runs (an eager option such as --version, start-up), and writes out what typer
    printed itself (help, a usage error) before the exit code is decided, so that a
    full disk or a closed stdout is reported there too. All through one error path.
    """
    direct = output.direct_stdout()  # what typer prints is written whole, or fails
    if direct is not None:
        sys.stdout = direct
    try:
        app(prog_name="cv")
        status = 0
    except BaseException as failure:
        status = output.exit_status(failure)
    try:
        output.flush()
    except BaseException as failure:
        status = output.exit_status(failure)
    sys.exit(status)


def _click_problem(error: typer.TyperException, argv: list[str]) -> CvError:
    """Typer's error as cv's own, from the exception's attributes and declarations.

    typer bundles click since 0.26 and names only `TyperException` (their base) and
    `BadParameter` in public; the rest is told apart by click's documented attributes
    (`exit_code` 2 for a usage error, `possibilities` for an unknown option,
    `param_type` for a missing one), not by importing `typer._click`. The message and
    its hint never come from parsing click's English. An unknown option names the
    command that takes it, or cv itself for a global one given after the command;
    otherwise the nearest option. A value that an option refuses is cv's own error
    (`_checked`, `_date`), and an unknown command `resolve_command`'s.
    """
    failure: Any = error
    if getattr(failure, "exit_code", 1) != 2:  # not a usage error: said as it is
        return CvError(failure.format_message())
    context = failure.ctx
    within = context.info_name if context is not None and context.parent else None
    command = within or next((word for word in argv if word in COMMANDS), None)
    help_hint = f"see cv {command} --help" if command else "see cv --help"
    if hasattr(failure, "possibilities"):  # no such option
        name = failure.option_name
        return UsageProblem(
            f"no such option: {name}",
            _misplaced(name, within, argv)
            or (
                f"did you mean {' or '.join(sorted(failure.possibilities))}?"
                if failure.possibilities
                else help_hint
            ),
        )
    if hasattr(failure, "param_type") and failure.param is not None:  # missing
        param = failure.param
        argument = param.param_type_name == "argument"
        missing = param.name if argument else param.opts[0]
        return UsageProblem(f"missing {param.param_type_name} {missing!r}", help_hint)
    if isinstance(failure, typer.BadParameter) and failure.param is not None:
        name = "/".join(failure.param.opts) or (failure.param.name or "").upper()
        return UsageProblem(f"invalid value for {name}: {failure.message}", help_hint)
    return UsageProblem(failure.message[:1].lower() + failure.message[1:], help_hint)


def _misplaced(name: str, command: str | None, argv: list[str]) -> str | None:
    """Where an option given in the wrong place belongs, from the declarations."""
    if command is not None and name in {spelling for o in GLOBAL for spelling in o.spellings}:
        return (
            f"{name} is an option of cv itself: put it before the command, as in "
            f"cv {name} ... {command}"
        )
    takers = [
        other for other in COMMANDS if any(name in option.spellings for option in options_of(other))
    ]
    if not takers:
        return None
    if command is None:
        given = next((word for word in argv if word in takers), None)
        if given is not None:
            return (
                f"{name} is an option of cv {given}: put it after the command, as in "
                f"cv {given} {name}"
            )
    return f"{name} is an option of {_listed(takers)}"


def _taken_by(value: str) -> list[str]:
    """The commands whose --format takes the value (options.py's table)."""
    return [command for command, formats in FORMATS.items() if value in formats]


def _listed(commands: list[str]) -> str:
    """Commands in words: `cv facts`; `cv partners, cv timeline, ... (13 commands)`."""
    named = [f"cv {command}" for command in commands]
    if len(named) <= 3:
        return " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    return f"{', '.join(named[:2])}, ... ({len(named)} commands)"
