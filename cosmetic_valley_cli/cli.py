"""The `cv` command line: commands only. Each parses its options and hands off.

Exit codes: 0 success, 1 invalid data or an unreadable file, 2 a usage error,
70 an internal error (a bug: please report it), 130 Ctrl-C, 141 stdout closed early.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from inspect import Parameter, Signature
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, cast

import typer
from typer.core import TyperGroup

from . import output
from .errors import CvError, Failures, UsageProblem
from .formats import OutputFormat
from .sections import LISTED, Section
from .version import __version__

if TYPE_CHECKING:
    from .listing import Listing
    from .sections import Document

EXIT_DIFFERENT = 3  # cv diff: the datasets differ
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class CvGroup(TyperGroup):
    """The one error path: an expected failure becomes stderr lines and an exit code."""

    def invoke(self, ctx: Any) -> Any:  # noqa: D102 - typer's own Context type is private
        try:
            return super().invoke(ctx)
        except CvError as failure:
            for line in failure.lines():
                output.error(line)
            raise typer.Exit(failure.exit_code) from None
        except output.PipeClosed:
            raise typer.Exit(output.EXIT_BROKEN_PIPE) from None
        except (typer.TyperException, typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as bug:
            _report_bug(bug)
            raise typer.Exit(EXIT_INTERNAL) from None


def _report_bug(bug: BaseException) -> None:
    """One line asking for a report; the traceback only with CV_DEBUG=1."""
    if os.environ.get("CV_DEBUG") == "1":
        traceback.print_exception(bug)
    output.error(
        f"cv: internal error ({type(bug).__name__}: {bug}); this is a bug, please "
        "report it with the command you ran (set CV_DEBUG=1 for the traceback)"
    )


app = typer.Typer(
    cls=CvGroup,
    name="cv",
    epilog="Example: cv partners --type university --json",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """The field names of the command being completed, for `--fields a,b,<TAB>`."""
    from .search import HIT_FIELDS

    section = LISTED.get(ctx.info_name or "")
    fields = HIT_FIELDS if ctx.info_name == "search" else section.fields if section else ()
    done, _, last = incomplete.rpartition(",")
    chosen = set(done.split(","))
    return [
        f"{done},{field}" if done else field
        for field in fields or ()
        if field.startswith(last) and field not in chosen
    ]


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="NAME,...",
        help="Fields to print, in this order (the error for an unknown one lists them all).",
        autocompletion=_complete_fields,
    ),
]


CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="In CSV, write cells that start with =, +, - or @ as they are; by default "
        "they get a leading ' so that spreadsheets do not run them as formulas.",
    ),
]


def _version(value: bool) -> None:
    if value:
        output.write(f"cv {__version__}\n")
        raise typer.Exit


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="CV_DATA",
            metavar="PATH",
            help="Read this dataset instead of the packaged one ('-' for stdin).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Cosmetic Valley at a glance: the cluster's facts, each with the words of its source.

    Every fact carries the words of its source (see cv sources), and its date.
    """
    ctx.obj = data


def _document(ctx: typer.Context) -> Document:
    from .dataset import load_document

    data: str | None = ctx.find_root().obj
    return load_document(data)


def _choose(output_format: OutputFormat, as_json: bool) -> OutputFormat:
    if as_json and output_format not in (OutputFormat.TABLE, OutputFormat.JSON):
        raise UsageProblem(f"--json and --format {output_format.value} disagree; use one")
    return OutputFormat.JSON if as_json else output_format


def _print(listing: Listing, output_format: OutputFormat, as_json: bool, chosen_fields: str | None,
           csv_raw: bool) -> None:  # fmt: skip
    """The one output path of every listing: select the fields, render, write, then notes."""
    from .formats import render

    result = render(replace(listing.select(chosen_fields), csv_raw=csv_raw),
                    _choose(output_format, as_json))  # fmt: skip
    output.write(result)
    for note in getattr(result, "notes", ()):  # what a format changed, said on stderr
        output.error(note)


@app.command()
def facts(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--as-of",
            metavar="YEAR",
            min=1000,
            max=9999,
            help="The facts as they stood in YEAR: later records left out, each series at "
            "its latest record up to YEAR.",
        ),
    ] = None,
) -> None:
    """The facts at a glance: identity, latest figures, timeline, partners, sources.

    --format jsonld prints them as schema.org JSON-LD, for a web page's
    <script type="application/ld+json"> element.

    Example: cv facts --json | jq '.members[0].companies'
    """
    from .summary import summary, summary_view

    chosen = _choose(output_format, as_json)
    dataset = _document(ctx)
    if chosen is OutputFormat.TABLE:
        output.write(summary_view(dataset, year))
    elif chosen is OutputFormat.JSON:
        from .formats.json_document import dumps

        output.write(dumps(summary(dataset, year)))
    elif chosen is OutputFormat.YAML:
        from .formats.yaml_document import dumps as yaml_dumps

        output.write(yaml_dumps(summary(dataset, year)))
    elif chosen is OutputFormat.JSONLD:
        from .formats.jsonld import dumps as jsonld_dumps

        output.write(jsonld_dumps(dataset, year))
    else:
        raise UsageProblem(
            f"cv facts is a summary, printed as table, json or yaml (or jsonld for a web "
            f"page), not {chosen.value}; the listing commands (cv partners, ...) print it"
        )


def _listing_command(section: Section) -> Callable[..., None]:
    """The command that lists a section: its options and help, built from its declaration."""

    def command(
        ctx: typer.Context,
        output_format: OutputFormat,
        as_json: bool,
        fields: str | None,
        csv_raw: bool,
        of_type: Enum | None = None,
    ) -> None:
        from .dataset import listed, notes
        from .dataset import of_type as only
        from .listing import Listing

        document = _document(ctx)
        rows = only(listed(document, section.key), of_type)
        listing = Listing.of(section, rows, title=section.titled(of_type))
        _print(replace(listing, notes=notes(document, rows)), output_format, as_json, fields,
               csv_raw)  # fmt: skip

    parameters = [
        Parameter("ctx", Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        Parameter("output_format", Parameter.KEYWORD_ONLY, annotation=FormatOption,
                  default=OutputFormat.TABLE),
        Parameter("as_json", Parameter.KEYWORD_ONLY, annotation=JsonOption, default=False),
        Parameter("fields", Parameter.KEYWORD_ONLY, annotation=FieldsOption, default=None),
        Parameter("csv_raw", Parameter.KEYWORD_ONLY, annotation=CsvRawOption, default=False),
    ]  # fmt: skip
    if section.types is not None:
        type_option = typer.Option(
            "--type", "-t", help=f"Only {section.key} of this type.", case_sensitive=False
        )
        # A type built at run time, from the declaration: mypy cannot follow it.
        annotation = Annotated[Optional[section.types], type_option]  # type: ignore[name-defined]  # noqa: UP045
        parameters.insert(
            1, Parameter("of_type", Parameter.KEYWORD_ONLY, annotation=annotation, default=None)
        )
    command.__signature__ = Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    command.__doc__ = f"{section.help}\n\nExample: {section.example}"
    return command


for _section in LISTED.values():
    app.command(_section.command)(_listing_command(_section))


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What to look for; case and accents are ignored.")],
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    csv_raw: CsvRawOption = False,
) -> None:
    """Search every section: each hit with its section, the record and its evidence.

    No hit is not an error: the result is empty (an empty list in JSON), a note goes to
    stderr and the exit code is 0.

    Example: cv search orleans
    """
    from .search import search as find

    hits = find(_document(ctx), text)
    if not hits:
        output.error(f"cv: nothing matches {text!r}")
    from .listing import Listing
    from .search import HIT_FIELDS

    table = ("section", "label", "evidence")
    listing = Listing.rows(f"Search: {text}", HIT_FIELDS, hits, table_fields=table)
    _print(listing, output_format, as_json, fields, csv_raw)


def _complete_outputs(incomplete: str) -> list[str]:
    from .contracts import OUTPUTS

    return [command for command in OUTPUTS if command.startswith(incomplete)]


@app.command()
def schema(
    command: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="COMMAND",
            help="Print instead the JSON Schema of what `cv COMMAND --json` prints.",
            autocompletion=_complete_outputs,
        ),
    ] = None,
) -> None:
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
def sheet(
    ctx: typer.Context,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", metavar="FILE", help="Write the sheet to FILE: .svg, .html or .txt."
        ),
    ] = None,
) -> None:
    """A one-page fact sheet: headline figures in large digits, timeline, partners, reach.

    Example: cv sheet --save fact-sheet.svg
    """
    from .sheet import fact_sheet
    from .sheet import save as save_sheet

    drawn = fact_sheet(_document(ctx))
    if save is None:
        output.write(drawn)
    else:
        save_sheet(drawn, save)
        output.error(f"cv: wrote {save}")


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The dataset to check ('-' for stdin); default: --data, else the packaged one.",
            show_default=False,
            readable=False,  # reading checks it, with the same message as --data
        ),
    ] = None,
    against: Annotated[
        list[str] | None,
        typer.Option(
            "--against",
            metavar="SOURCE_ID=FILE",
            help="Check every quote from this source against the text in FILE (repeatable).",
        ),
    ] = None,
) -> None:
    """Check a dataset: every problem, one `file:line:col: message` line each, on stderr.

    Always a full validation, never the cache. With --against, every quote whose
    evidence names that source must stand in FILE, its pieces in order; typographic
    quotes, dashes and runs of white space are folded, and case is kept. Exit 0 with a
    summary on stderr when the dataset is valid, 1 when not.

    Example: cv validate my-facts.yaml --against my-source=article.txt
    """
    from .verification import parse_against
    from .verification import validate as check

    target: str | None = str(path) if path is not None else ctx.find_root().obj
    report = check(target, parse_against(against or []))
    output.error(report.summary(target or "the packaged dataset"))


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The dataset before the update.")],
    new: Annotated[Path, typer.Argument(help="The dataset after the update.")],
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
) -> None:
    """Review an update: the records added, removed and changed, matched by section and id.

    Both datasets are validated in full. A changed record shows each field that differs,
    before and after, evidence included. Exit 0 when the datasets agree, 3 when they
    differ, 1 when either is invalid.

    Example: cv diff facts.yaml new-facts.yaml
    """
    from .diff import changes, diff_view
    from .formats.json_document import dumps

    chosen = _choose(output_format, as_json)
    if chosen not in (OutputFormat.TABLE, OutputFormat.JSON):
        raise UsageProblem(f"cv diff prints a table or json, not {chosen.value}")
    failures: list[CvError] = []
    documents: list[Document] = []
    for path in (old, new):
        try:
            documents.append(_validated(path))
        except CvError as failure:  # both are checked, so both sets of problems show
            failures.append(failure)
    if failures:
        raise Failures(failures)
    found = list(changes(*documents))
    if chosen is OutputFormat.JSON:
        output.write(dumps(found))
    elif found:
        output.write(diff_view(found))
    else:
        output.error(f"cv: {old} and {new} agree")
    if found:
        raise typer.Exit(EXIT_DIFFERENT)


def _validated(path: Path) -> Document:
    """A dataset validated in full, not from the cache: `cv diff` reviews untrusted files."""
    from .loader import parse_document
    from .reading import decode, read_dataset

    origin, data = read_dataset(path)
    return cast("Document", parse_document(decode(data, origin), origin))


def main() -> NoReturn:
    """The `cv` console script.

    CvGroup handles what goes wrong in a command; this catches what goes wrong before
    one runs (an eager option such as --version, shell completion, start-up), and
    writes out what typer printed itself (help, a usage error) before the exit code
    is decided, so that a full disk or a closed stdout is reported there too.
    """
    status: int | str | None
    try:
        app(prog_name="cv")
        status = 0
    except SystemExit as end:
        status = end.code
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except output.PipeClosed:
        status = output.EXIT_BROKEN_PIPE
    except CvError as failure:
        status = _fail(failure)
    except OSError as failure:  # typer printing help or a usage error to a bad stream
        problem = output.failed(failure)
        if isinstance(problem, output.PipeClosed):
            status = output.EXIT_BROKEN_PIPE
        else:
            status = _fail(problem)
    except Exception as bug:
        _report_bug(bug)
        status = EXIT_INTERNAL
    try:
        output.flush()
    except output.PipeClosed:
        status = output.EXIT_BROKEN_PIPE
    except CvError as failure:
        status = _fail(failure)
    sys.exit(status)


def _fail(failure: CvError) -> int:
    for line in failure.lines():
        output.error(line)
    return failure.exit_code
