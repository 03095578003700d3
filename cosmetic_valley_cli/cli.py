"""The `cv` command line: commands only. Each parses its options and hands off.

Exit codes: 0 success, 1 invalid data or an unreadable file, 2 a usage error,
70 an internal error (a bug: please report it), 130 Ctrl-C, 141 stdout closed early.
"""

from __future__ import annotations

import os
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import __version__, output
from .errors import CvError, UsageProblem
from .formats import OutputFormat
from .vocabulary import EventType, OfficeType, PartnerType

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .document import Document, Row

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
    from .document import SECTIONS
    from .search import HIT_FIELDS

    by_command = {section.command: section.fields for section in SECTIONS.values()}
    fields = HIT_FIELDS if ctx.info_name == "search" else by_command.get(ctx.info_name or "")
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

    Every fact comes from the Luxus+ article on the State's 2019 renewal of the
    cluster's certification, and carries the article's own words as its quote.
    """
    ctx.obj = data


def _document(ctx: typer.Context) -> Document:
    from .document import load_document

    data: str | None = ctx.find_root().obj
    return load_document(data)


def _choose(output_format: OutputFormat, as_json: bool) -> OutputFormat:
    if as_json and output_format not in (OutputFormat.TABLE, OutputFormat.JSON):
        raise UsageProblem(f"--json and --format {output_format.value} disagree; use one")
    return OutputFormat.JSON if as_json else output_format


def _show(
    title: str,
    fields: tuple[str, ...],
    records: Sequence[Row],
    output_format: OutputFormat,
    as_json: bool,
    chosen_fields: str | None,
    *,
    single: bool = False,
    table_fields: tuple[str, ...] = (),
) -> None:
    """Print records: the path every listing command shares."""
    from .formats import render
    from .listing import Listing

    chosen = _choose(output_format, as_json)
    listing = Listing.of(title, fields, records, single=single, table_fields=table_fields)
    output.write(render(listing.select(chosen_fields), chosen))


def _show_section(
    ctx: typer.Context,
    key: str,
    output_format: OutputFormat,
    as_json: bool,
    chosen_fields: str | None,
    *,
    of_type: Enum | None = None,
    title: str | None = None,
) -> None:
    """Print a section of the dataset, or only its records of one type."""
    from .document import SECTIONS, records

    section = SECTIONS[key]
    rows = records(_document(ctx), key)
    if of_type is not None:
        rows = [row for row in rows if row["type"] == of_type.value]
    _show(title or section.title, section.fields, rows, output_format, as_json, chosen_fields,
          single=section.single)  # fmt: skip


@app.command()
def facts(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
) -> None:
    """The facts at a glance: identity, key figures, timeline, partners, source.

    Example: cv facts --json | jq .members.companies
    """
    from .summary import summary, summary_view

    chosen = _choose(output_format, as_json)
    dataset = _document(ctx)
    if chosen is OutputFormat.TABLE:
        output.write(summary_view(dataset))
    elif chosen is OutputFormat.JSON:
        from .formats.json_document import dumps

        output.write(dumps(summary(dataset)))
    elif chosen is OutputFormat.YAML:
        from .formats.yaml_document import dumps as yaml_dumps

        output.write(yaml_dumps(summary(dataset)))
    else:
        raise UsageProblem(
            f"cv facts is a summary, printed as table, json or yaml, not {chosen.value}; "
            "the listing commands (cv partners, cv figures, ...) print every format"
        )


@app.command()
def partners(
    ctx: typer.Context,
    partner_type: Annotated[
        PartnerType | None,
        typer.Option("--type", "-t", help="Only partners of this type.", case_sensitive=False),
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The cluster's partners: universities, institutions, networks, start-up support.

    Example: cv partners --type university
    """
    title = f"Partners ({partner_type.value})" if partner_type else "Partners"
    _show_section(
        ctx, "partners", output_format, as_json, fields, title=title, of_type=partner_type
    )


@app.command()
def timeline(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The cluster's history, year by year.

    Example: cv timeline --fields year,event
    """
    _show_section(ctx, "timeline", output_format, as_json, fields)


@app.command()
def certification(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The State's certification of the cluster for 2019–2022.

    Example: cv certification --json
    """
    _show_section(ctx, "certification", output_format, as_json, fields)


@app.command()
def members(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The cluster's membership: how many companies, how many SMEs, how it grows.

    Example: cv members --json
    """
    _show_section(ctx, "members", output_format, as_json, fields)


@app.command()
def figures(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Key figures: the sector's jobs, the research projects and their funding.

    Example: cv figures --format csv
    """
    _show_section(ctx, "figures", output_format, as_json, fields)


@app.command()
def offices(
    ctx: typer.Context,
    office_type: Annotated[
        OfficeType | None,
        typer.Option("--type", "-t", help="Only offices of this type.", case_sensitive=False),
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The cluster's sites: the headquarters, local offices and the incubator.

    Example: cv offices --type headquarters
    """
    _show_section(ctx, "offices", output_format, as_json, fields, of_type=office_type)


@app.command()
def events(
    ctx: typer.Context,
    event_type: Annotated[
        EventType | None,
        typer.Option("--type", "-t", help="Only events of this type.", case_sensitive=False),
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Exhibitions, board meetings, training and conferences.

    Example: cv events --type exhibition
    """
    _show_section(ctx, "events", output_format, as_json, fields, of_type=event_type)


@app.command()
def services(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The tools the cluster provides its members: training, networking, research, ...

    Example: cv services --fields name
    """
    _show_section(ctx, "services", output_format, as_json, fields)


@app.command("trade-shows")
def trade_shows(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The cities of the major trade shows the cluster opens to its members.

    Example: cv trade-shows --fields city
    """
    _show_section(ctx, "trade_shows", output_format, as_json, fields)


@app.command()
def people(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The people the article names, with their roles.

    Example: cv people --fields name,role
    """
    _show_section(ctx, "people", output_format, as_json, fields)


@app.command("values")
def values_(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The values the cluster defends.

    Example: cv values --format markdown
    """
    _show_section(ctx, "values", output_format, as_json, fields)


@app.command()
def sources(
    ctx: typer.Context,
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Where the facts come from: each source's title, author, publisher and year.

    Example: cv sources --json
    """
    _show_section(ctx, "sources", output_format, as_json, fields)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What to look for; case and accents are ignored.")],
    output_format: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Search every section: each hit with its section, the record and its quote.

    No hit is not an error: the result is empty (an empty list in JSON), a note goes to
    stderr and the exit code is 0.

    Example: cv search orleans
    """
    from .search import HIT_FIELDS
    from .search import search as find

    hits = find(_document(ctx), text)
    if not hits:
        output.error(f"cv: nothing matches {text!r}")
    table = ("section", "label", "quote")
    _show(f"Search: {text}", HIT_FIELDS, hits, output_format, as_json, fields, table_fields=table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of facts.yaml, generated from the model.

    The repository ships it as facts.schema.json, which editors use to check and
    complete facts.yaml as it is typed.

    Example: cv schema > facts.schema.json
    """
    from .formats.json_document import dumps
    from .model import json_schema

    output.write(dumps(json_schema()))


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
) -> None:
    """Check a dataset: every problem, one `file:line:col: message` line each, on stderr.

    Exit 0 with a summary of the sections on stderr when the dataset is valid, 1 when not.

    Example: cv validate my-facts.yaml
    """
    from .loader import load_facts

    target: str | None = str(path) if path is not None else ctx.find_root().obj
    dataset = load_facts(target)
    counts = ", ".join(
        f"{name}: {len(section) if isinstance(section, list) else 1}" for name, section in dataset
    )
    output.error(f"{target or 'the packaged dataset'}: valid ({counts})")


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
