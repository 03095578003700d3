"""`cv facts`: the headline facts, as one JSON-ready mapping and as a terminal view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Facts, Record
from .vocabulary import OfficeType

if TYPE_CHECKING:
    from rich.console import RenderableType


def _dump(record: Record) -> dict[str, Any]:
    from .listing import field_names

    dumped = record.model_dump(mode="json")
    return {name: dumped[name] for name in field_names(type(record))}


def summary(facts: Facts) -> dict[str, Any]:
    """The summary's data, keys in a fixed order (the README documents it)."""
    headquarters = [o for o in facts.offices if o.type is OfficeType.HEADQUARTERS]
    return {
        "cluster": _dump(facts.cluster),
        "headquarters": _dump(headquarters[0]) if headquarters else None,
        "members": _dump(facts.members),
        "figures": [_dump(figure) for figure in facts.figures],
        "certification": _dump(facts.certification),
        "timeline": [_dump(milestone) for milestone in facts.timeline],
        "partners_by_type": {kind.value: n for kind, n in facts.partner_counts().items()},
        "sources": [source.model_dump(mode="json") for source in facts.sources],
    }


def summary_view(facts: Facts) -> RenderableType:
    """The summary for a person at a terminal: readable at 80 columns."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    cluster, members, certification = facts.cluster, facts.members, facts.certification

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
    identity.add_row("kind", cluster.kind)
    identity.add_row("sector", cluster.sector)
    identity.add_row("mandate", cluster.mandate)
    identity.add_row("president", cluster.president)
    for office in facts.offices:
        if office.type is OfficeType.HEADQUARTERS:
            builder = (
                f" (construction entrusted by {office.commissioned_by} to the "
                f"architectural firm {office.architect})"
                if office.architect
                else ""
            )
            identity.add_row("headquarters", f"{office.name}, {office.city}{builder}")

    figures = section("Key figures")
    figures.add_row(
        members.companies.text, f"members, {members.sme_share.text} of them SMEs: {members.ranking}"
    )
    figures.add_row(
        members.candidates_per_board.text,
        f"examined at each {members.board_frequency} board of directors",
    )
    for key_figure in facts.figures:
        figures.add_row(key_figure.figure.text, key_figure.name)

    timeline = section("Timeline")
    for milestone in facts.timeline:
        timeline.add_row(str(milestone.year), milestone.event)
    timeline.add_row(
        f"{certification.start_year}–{certification.end_year}",
        f"certification: {certification.clusters_certified} of the "
        f"{certification.clusters_applied} clusters that applied were certified, "
        f"{cluster.name} among them; announced by {certification.announced_by}",
    )

    partners = section("Partners by type")
    for kind, count in facts.partner_counts().items():
        partners.add_row(kind.value, str(count))

    sources = section("Source")
    for source in facts.sources:
        sources.add_row(
            source.id, f"“{source.title}”, {source.author}, {source.publisher}, {source.year}"
        )

    parts: list[RenderableType] = [Text(cluster.name, style="bold")]
    for table in (identity, figures, timeline, partners, sources):
        parts += [Text(""), table]
    return Group(*parts)
