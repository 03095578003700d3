"""`cv sheet`: a one-page fact sheet for people who would rather look than read.

The headline figures are drawn in large block digits; the same layout is saved as SVG,
HTML or text through rich's console export, ready for a slide or a web page.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from .dataset import date_basis, effective_date, partner_counts, partners_of_type
from .errors import CvError, UsageProblem
from .escaping import add, visible
from .sections import Document, KeyFigureRecord, MembersRecord
from .vocabulary import PartnerType
from .wording import FigureRecord, figure_text

if TYPE_CHECKING:
    from rich.console import RenderableType

SAVE_WIDTH = 96
SAVE_FORMATS = (".svg", ".html", ".txt")

# Three rows of block characters per glyph: enough to read a figure across a room.
_GLYPHS = {
    "0": ("█▀█", "█ █", "█▄█"),
    "1": ("▄█ ", " █ ", "▄█▄"),
    "2": ("▀▀█", "█▀▀", "█▄▄"),
    "3": ("▀▀█", " ▀█", "▄▄█"),
    "4": ("█ █", "▀▀█", "  █"),
    "5": ("█▀▀", "▀▀█", "▄▄█"),
    "6": ("█▀▀", "█▀█", "█▄█"),
    "7": ("▀▀█", "  █", "  █"),
    "8": ("█▀█", "█▀█", "█▄█"),
    "9": ("█▀█", "▀▀█", "▄▄█"),
    ",": (" ", " ", "▄"),
    "%": ("█ ▄", " ▄▀", "▄▀█"),
}


def big(text: str) -> str:
    """Text drawn in block digits, three lines high; characters without a glyph stay small."""
    rows = ["", "", ""]
    for char in text:
        glyph = _GLYPHS.get(char, (" ", " ", char))
        rows = [row + part + " " for row, part in zip(rows, glyph, strict=True)]
    return "\n".join(row.rstrip() for row in rows)


def _headline(figure: FigureRecord) -> tuple[str, str]:
    """The number to draw large and the words under it: 150,000 is "150" "thousand"."""
    value, unit = figure["value"], figure["unit"]
    words = "" if unit == "percent" else "euros" if unit == "EUR" else unit
    number = f"{value}%" if unit == "percent" else f"{value:,}"
    for size, word in ((1_000_000, "million"), (1_000, "thousand")):
        if value >= 10 * size and value % size == 0:
            number, words = f"{value // size:,}", f"{word} {words}"
            break
    return number, words


def fact_sheet(document: Document) -> RenderableType:
    """The whole sheet as one rich renderable."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from .summary import summarize

    facts = summarize(document)
    cluster = document["cluster"]

    def tile(figure: FigureRecord, caption: str) -> Panel:
        number, unit = _headline(figure)
        body = Text(justify="center")
        body.append(visible(f"{figure['qualifier'] or ''}\n", lines=True), style="italic")
        body.append(big(number), style="bold magenta")
        body.append(visible(f"\n{unit}\n" if unit else "\n", lines=True), style="bold")
        body.append(visible(caption))
        return Panel(body, box=box.ROUNDED, padding=(0, 1))

    universities = partner_counts(document)[PartnerType.UNIVERSITY]
    counted = FigureRecord(value=universities, qualifier=None, unit="universities")

    def when(record: MembersRecord | KeyFigureRecord) -> str:
        inferred = " (inferred)" if date_basis(record, facts.dates) else ""
        return f"as of {effective_date(record, facts.dates)}{inferred}"

    tiles = [
        *(tile(members["companies"], f"members, {when(members)}") for members in facts.members),
        *(tile(members["sme_share"], "of the members are SMEs") for members in facts.members),
        tile(counted, "partners of the cluster"),
        *(tile(key["figure"], f"{key['name']}, {when(key)}") for key in facts.figures),
    ]
    figures = Table.grid(expand=True, padding=(0, 1))
    for _ in range(3):
        figures.add_column(ratio=1)
    for start in range(0, len(tiles), 3):
        figures.add_row(*tiles[start : start + 3])

    def block(title: str) -> Table:
        table = Table(title=title, title_justify="left", title_style="bold magenta",
                      box=None, show_header=False, pad_edge=False, expand=True)  # fmt: skip
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold", ratio=1)
        return table

    history = block("Timeline")
    for entry in facts.timeline:
        span = f"{entry['year']}–{entry['end_year']}" if entry["end_year"] else str(entry["year"])
        add(history, span, entry["event"] + (" (year inferred)" if entry["year_basis"] else ""))

    partners = block("Partners")
    for kind in PartnerType:
        names = [partner["name"] for partner in partners_of_type(document, kind)]
        if names:
            add(partners, f"{kind.value} ({len(names)})", ", ".join(names))

    reach = block("International reach")
    shows = document["trade_shows"]
    more = ", ..." if any(show["open_list"] for show in shows) else ""
    add(reach, "trade shows", ", ".join(show["city"] for show in shows) + more)
    for partner in partners_of_type(document, PartnerType.NETWORK):
        size = partner["members"]
        details = [figure_text(size) if size else "",
                   ", ".join(partner["countries"] or [])]  # fmt: skip
        add(reach, "network", f"{partner['name']}: {'; '.join(d for d in details if d)}")
    sites = block("Sites")
    for office in document["offices"]:
        status = f" ({office['status']})" if office["status"] else ""
        add(sites, office["type"], f"{office['name'] or 'office'}, {office['city']}{status}")

    heading = Text(justify="center")
    heading.append(visible(cluster["name"].upper()), style="bold magenta")
    heading.append(
        "\n" + visible(f"{cluster['kind']} · {cluster['sector']} · president "
                       f"{cluster['president']}") + "\n"
    )  # fmt: skip
    heading.append(visible(cluster["mandate"]), style="italic")
    source = Text(style="dim")
    for number, cited in enumerate(document["sources"]):
        by = f", {cited['author']}" if cited["author"] else ""
        inferred = " (date inferred)" if cited["date_basis"] else ""
        line = visible(f"Source: “{cited['title']}”{by}, {cited['publisher']}, "
                       f"{cited['date']}{inferred}.")  # fmt: skip
        source.append(("\n" if number else "") + line)
    return Group(heading, Text(""), figures, history, Text(""), partners, Text(""), reach,
                 Text(""), sites, Text(""), source)  # fmt: skip


def save(renderable: RenderableType, path: Path) -> None:
    """Write the sheet to an .svg, .html or .txt file, chosen by the file's extension."""
    from rich.console import Console

    from .files import replace_file

    suffix = path.suffix.lower()
    if suffix not in SAVE_FORMATS:
        raise UsageProblem(
            f"cannot save a sheet as {path.name!r}; the file must end in " + ", ".join(SAVE_FORMATS)
        )
    console = Console(record=True, file=io.StringIO(), width=SAVE_WIDTH, markup=False,
                      emoji=False, color_system="truecolor", force_terminal=True)  # fmt: skip
    console.print(renderable)
    if suffix == ".svg":
        document = console.export_svg(title="Cosmetic Valley fact sheet")
    elif suffix == ".html":
        document = console.export_html(inline_styles=True)
    else:
        document = console.export_text()
    try:
        replace_file(path, (document,))
    except OSError as error:
        raise CvError(f"cannot write {path}: {error.strerror or error}") from None
