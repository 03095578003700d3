"""What the everyday commands print, shared by the typer commands and the fast path.

`cv facts` and the listing commands (`cv partners`, ...) do their work here, given an
already parsed request and a validated dataset: the typer command (cli.py) and the
fast path (fast.py) call the same functions, so they print the same bytes. Only the
standard library is imported here; rich is imported by the table renderers, when a
table is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from . import output
from .errors import UsageProblem, shown
from .formats import OutputFormat, render
from .listing import Listing
from .records import Document
from .sections import Section


def choose(output_format: OutputFormat, as_json: bool) -> OutputFormat:
    """The format asked for: `--json` is short for `--format json`, and both must agree."""
    if as_json and output_format not in (OutputFormat.TABLE, OutputFormat.JSON):
        raise UsageProblem(f"--json and --format {output_format.value} disagree; use one")
    return OutputFormat.JSON if as_json else output_format


def print_listing(
    listing: Listing,
    output_format: OutputFormat,
    as_json: bool,
    chosen_fields: str | None,
    csv_raw: bool,
) -> None:
    """The one output path of every listing: select the fields, render, write, then notes."""
    chosen = choose(output_format, as_json)
    selected = listing.select(chosen_fields)
    result = render(selected._replace(csv_raw=csv_raw), chosen)
    output.write(result)
    for note in getattr(result, "notes", ()):  # what a format changed, said on stderr
        output.error(note)
    dropped = selected.dropped_caveats()
    if dropped:
        output.error(
            f"cv: note: --fields leaves out {', '.join(dropped)}, which qualif"
            f"{'ies' if len(dropped) == 1 else 'y'} what is printed; add "
            f"{'it' if len(dropped) == 1 else 'them'} to keep the caveat"
        )


def show_section(
    document: Document,
    section: Section,
    of_type: Sequence[Enum],
    output_format: OutputFormat,
    as_json: bool,
    chosen_fields: str | None,
    csv_raw: bool,
) -> None:
    """A listing command: a section's rows (of one type), with their notes."""
    from .dataset import listed, notes, sources_by_id
    from .dataset import of_type as only

    rows = only(listed(document, section.key), of_type)
    listing = Listing.of(section, rows, title=section.titled(of_type))
    if not rows:  # nothing on stdout but what the format prints for none ([] in JSON)
        kinds = f" of type {', '.join(kind.value for kind in of_type)}" if of_type else ""
        output.error(f"cv: no {section.key.replace('_', ' ')}{kinds} in the dataset")
    print_listing(
        listing._replace(notes=notes(document, rows), sources=sources_by_id(document)),
        output_format,
        as_json,
        chosen_fields,
        csv_raw,
    )


def checked_base(chosen: OutputFormat, base: str | None) -> str:
    """--base, checked: only with --format jsonld, and an absolute http(s) URL."""
    if base is None:
        return ""
    if chosen is not OutputFormat.JSONLD:
        raise UsageProblem(
            f"--base is for --format jsonld (the graph's ids), not --format {chosen.value}"
        )
    from .formats.jsonld import base_problem

    problem = base_problem(base)
    if problem is not None:
        raise UsageProblem(f"invalid --base {shown(base)}: {problem}")
    return base


def checked_cite(chosen: OutputFormat, cite: bool) -> None:
    """--cite: only with the table, which it numbers (Markdown always is; JSON has evidence)."""
    if cite and chosen is not OutputFormat.TABLE:
        said = {
            OutputFormat.MARKDOWN: "always cites",
            OutputFormat.JSONLD: "holds no quotes, for search engines",
        }.get(chosen, "carries each record's evidence")
        raise UsageProblem(
            f"--cite numbers the table's citations; --format {chosen.value} {said}",
            "leave out --cite",
        )


def show_facts(
    document: Document,
    output_format: OutputFormat,
    as_json: bool,
    as_of: str | None,
    base: str | None = None,
    cite: bool = False,
) -> None:
    """`cv facts`: the summary as a table, JSON, YAML or Markdown, or the JSON-LD graph."""
    from .summary import summary, summary_markdown, summary_view

    chosen = choose(output_format, as_json)
    base = checked_base(chosen, base)
    checked_cite(chosen, cite)
    if chosen is OutputFormat.TABLE:
        output.write(summary_view(document, as_of, cite))
    elif chosen is OutputFormat.MARKDOWN:
        output.write(summary_markdown(document, as_of))
    elif chosen is OutputFormat.JSON:
        from .formats.json_document import dumps

        output.write(dumps(summary(document, as_of)))
    elif chosen is OutputFormat.YAML:
        from .formats.yaml_document import dumps as yaml_dumps

        output.write(yaml_dumps(summary(document, as_of)))
    elif chosen is OutputFormat.JSONLD:
        from .formats.jsonld import dumps as jsonld_dumps

        output.write(jsonld_dumps(document, as_of, base))
    else:
        raise UsageProblem(
            f"cv facts is a summary, printed as table, json, yaml or markdown (or jsonld for "
            f"a web page), not {chosen.value}; the listing commands (cv partners, ...) print it"
        )
