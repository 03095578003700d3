"""`cv facts`: the headline facts, as one JSON-ready mapping and as a terminal view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .dataset import partner_counts
from .sections import SECTIONS, Document, OfficeRecord, Record, field
from .vocabulary import OfficeType
from .wording import figure_text

if TYPE_CHECKING:
    from rich.console import RenderableType


def _ordered(record: Record, section: str) -> dict[str, Any]:
    return {name: field(record, name) for name in SECTIONS[section].fields}


def _headquarters(document: Document) -> OfficeRecord | None:
    offices = document["offices"]
    return next((o for o in offices if o["type"] == OfficeType.HEADQUARTERS.value), None)


def summary(document: Document) -> dict[str, Any]:
    """The summary's data, keys in a fixed order (the README documents it)."""
    headquarters = _headquarters(document)
    return {
        "cluster": _ordered(document["cluster"], "cluster"),
        "headquarters": _ordered(headquarters, "offices") if headquarters else None,
        "members": _ordered(document["members"], "members"),
        "figures": [_ordered(figure, "figures") for figure in document["figures"]],
        "certification": _ordered(document["certification"], "certification"),
        "timeline": [_ordered(milestone, "timeline") for milestone in document["timeline"]],
        "partners_by_type": {kind.value: n for kind, n in partner_counts(document).items()},
        "sources": [_ordered(source, "sources") for source in document["sources"]],
    }


def summary_view(document: Document) -> RenderableType:
    """The summary for a person at a terminal: readable at 80 columns."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    cluster, members = document["cluster"], document["members"]
    certification = document["certification"]

    def section(title: str) -> Table:
        table = Table(
            title=title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE,
            show_header=False,
            show_edge=False,
            pad_edge=False,
        )
        table.add_column(style="cyan", no_wrap=True)
        table.add_column(overflow="fold")
        return table

    identity = section("Identity")
    for name in ("kind", "sector", "sector_role", "mandate", "ecosystem", "president"):
        identity.add_row(name.replace("_", " "), field(cluster, name))
    office = _headquarters(document)
    if office is not None:
        builder = (
            f" (construction entrusted by {office['commissioned_by']} to the "
            f"architectural firm {office['architect']})"
            if office["architect"]
            else ""
        )
        identity.add_row("headquarters", f"{office['name']}, {office['city']}{builder}")

    figures = section("Key figures")
    figures.add_row(
        figure_text(members["companies"]),
        f"members, {figure_text(members['sme_share'])} of them SMEs: {members['ranking']}",
    )
    figures.add_row(
        figure_text(members["candidates_per_board"]),
        f"examined at each {members['board_frequency']} board of directors",
    )
    for key_figure in document["figures"]:
        figures.add_row(figure_text(key_figure["figure"]), key_figure["name"])

    timeline = section("Timeline")
    for milestone in document["timeline"]:
        timeline.add_row(str(milestone["year"]), milestone["event"])
    timeline.add_row(
        f"{certification['start_year']}–{certification['end_year']}",
        f"certification: {certification['clusters_certified']} of the "
        f"{certification['clusters_applied']} clusters that applied were certified, "
        f"{cluster['name']} among them; announced by {certification['announced_by']}",
    )

    partners = section("Partners by type")
    for kind, count in partner_counts(document).items():
        partners.add_row(kind.value, str(count))

    sources = section("Source")
    for source in document["sources"]:
        sources.add_row(
            source["id"],
            f"“{source['title']}”, {source['author']}, {source['publisher']}, {source['year']}",
        )

    parts: list[RenderableType] = [Text(cluster["name"], style="bold")]
    for table in (identity, figures, timeline, partners, sources):
        parts += [Text(""), table]
    return Group(*parts)
