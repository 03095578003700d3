"""The sections of a dataset, each declared once: its records' shape and how cv shows it.

Everything that differs from one section to another lives here, as data: the record's
fields in display order (a TypedDict, so that mypy checks every field a view reads),
whether the section is a list, the field that labels a record, the enum of its `type`
filter, the fields that identify a record, and its command with help text and example.
Commands, search, the summary, the sheet, the formats, the cache and the loader read
these declarations; a test ties them to the pydantic model (model.py), so neither can
drift. Only the standard library is imported here: the fastest paths read this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypedDict, cast

from .vocabulary import EventType, OfficeType, PartnerType
from .wording import FigureRecord


class SourceRecord(TypedDict):
    """An article the facts come from."""

    id: str
    title: str
    publisher: str
    author: str
    year: int
    quote: str


class ClusterRecord(TypedDict):
    """Who Cosmetic Valley is."""

    name: str
    kind: str
    sector: str
    mandate: str
    sector_role: str
    ecosystem: str
    president: str
    source: str
    quote: str


class PersonRecord(TypedDict):
    """Someone the source names, with the role it gives them."""

    name: str
    role: str
    source: str
    quote: str


class MilestoneRecord(TypedDict):
    """A dated step in the cluster's history."""

    year: int
    event: str
    source: str
    quote: str


class CertificationRecord(TypedDict):
    """The State's certification of the cluster."""

    start_year: int
    end_year: int
    announced_by: str
    clusters_certified: int
    clusters_applied: int
    applied_to: str
    source: str
    quote: str


class MembersRecord(TypedDict):
    """The cluster's membership."""

    companies: FigureRecord
    sme_share: FigureRecord
    ranking: str
    candidates_per_board: FigureRecord
    board_frequency: str
    source: str
    quote: str


class KeyFigureRecord(TypedDict):
    """A headline figure about the sector or the cluster's work."""

    name: str
    figure: FigureRecord
    source: str
    quote: str


class PartnerRecord(TypedDict):
    """A university, institution, network or other body the cluster works with."""

    name: str
    type: str
    location: str | None
    description: str | None
    members: FigureRecord | None
    countries: list[str] | None
    co_financed_by: str | None
    led_by_cosmetic_valley: bool | None
    source: str
    quote: str


class OfficeRecord(TypedDict):
    """A site of the cluster."""

    name: str
    type: str
    city: str
    description: str | None
    commissioned_by: str | None
    architect: str | None
    source: str
    quote: str


class EventRecord(TypedDict):
    """A gathering the cluster holds or takes part in."""

    name: str
    type: str
    city: str | None
    frequency: str | None
    description: str | None
    source: str
    quote: str


class ServiceRecord(TypedDict):
    """One of the tools the cluster provides its members."""

    name: str
    source: str
    quote: str


class TradeShowRecord(TypedDict):
    """A city where the cluster gives its members access to a major trade show."""

    city: str
    source: str
    quote: str


class ValueRecord(TypedDict):
    """Something the cluster defends."""

    name: str
    source: str
    quote: str


Record = (
    SourceRecord | ClusterRecord | PersonRecord | MilestoneRecord | CertificationRecord
    | MembersRecord | KeyFigureRecord | PartnerRecord | OfficeRecord | EventRecord
    | ServiceRecord | TradeShowRecord | ValueRecord
)  # fmt: skip
"""Any section's record."""


class SearchHit(TypedDict):
    """A record that `cv search` found: not a section's record, but shown like one."""

    section: str
    label: str
    matched: list[str]
    record: dict[str, Any]
    source: str
    quote: str


class Document(TypedDict):
    """A validated dataset as plain JSON data: what `Facts.model_dump(mode="json")` gives."""

    sources: list[SourceRecord]
    cluster: ClusterRecord
    people: list[PersonRecord]
    timeline: list[MilestoneRecord]
    certification: CertificationRecord
    members: MembersRecord
    figures: list[KeyFigureRecord]
    partners: list[PartnerRecord]
    offices: list[OfficeRecord]
    events: list[EventRecord]
    services: list[ServiceRecord]
    trade_shows: list[TradeShowRecord]
    values: list[ValueRecord]


def field(record: Record | SearchHit, name: str) -> Any:
    """A record's field by a name known only at run time (`--fields`, a section's label)."""
    return cast("Mapping[str, Any]", record)[name]


EVIDENCE = ("source", "quote")
"""The fields that back a record: the id of its source and the source's words."""


@dataclass(frozen=True)
class Section:
    """One section of the dataset, and everything cv needs to know to show it."""

    key: str
    title: str
    record: type  # the TypedDict of a record: its fields, in display order
    many: bool = True  # a list of records, not one record (members)
    label: str | None = None  # the field that names a record in a list of hits
    types: type[Enum] | None = None  # the values of the record's `type`, for --type
    identity: tuple[str, ...] = ()  # fields no two records may share all of
    command: str | None = None  # the `cv` command that lists it, if any
    help: str = ""  # the command's help text: a line, a blank line, more
    example: str = ""  # a command line that shows the command at work

    @property
    def fields(self) -> tuple[str, ...]:
        """The record's fields, in display order: its own, then its evidence."""
        return tuple(self.record.__annotations__)

    def titled(self, of_type: Enum | None = None) -> str:
        """The title of a listing of this section, or of its records of one type."""
        return f"{self.title} ({of_type.value})" if of_type is not None else self.title


SECTIONS: dict[str, Section] = {
    section.key: section
    for section in (
        Section(
            "cluster", "Cluster", ClusterRecord, many=False, label="name",
        ),
        Section(
            "partners", "Partners", PartnerRecord, label="name", types=PartnerType,
            identity=("name", "type"), command="partners",
            help="The cluster's partners: universities, institutions, networks, start-up "
            "support.",
            example="cv partners --type university",
        ),
        Section(
            "timeline", "Timeline", MilestoneRecord, label="event", command="timeline",
            help="The cluster's history, year by year.",
            example="cv timeline --fields year,event",
        ),
        Section(
            "certification", "Certification", CertificationRecord, many=False,
            command="certification",
            help="The State's certification of the cluster for 2019–2022.",
            example="cv certification --json",
        ),
        Section(
            "members", "Members", MembersRecord, many=False, command="members",
            help="The cluster's membership: how many companies, how many SMEs, how it grows.",
            example="cv members --json",
        ),
        Section(
            "figures", "Key figures", KeyFigureRecord, label="name", command="figures",
            help="Key figures: the sector's jobs, the research projects and their funding.",
            example="cv figures --format csv",
        ),
        Section(
            "offices", "Offices", OfficeRecord, label="name", types=OfficeType,
            command="offices",
            help="The cluster's sites: the headquarters, local offices and the incubator.",
            example="cv offices --type headquarters",
        ),
        Section(
            "events", "Events", EventRecord, label="name", types=EventType, command="events",
            help="Exhibitions, board meetings, training and conferences.",
            example="cv events --type exhibition",
        ),
        Section(
            "services", "Services", ServiceRecord, label="name", command="services",
            help="The tools the cluster provides its members: training, networking, "
            "research, ...",
            example="cv services --fields name",
        ),
        Section(
            "trade_shows", "Trade shows", TradeShowRecord, label="city",
            command="trade-shows",
            help="The cities of the major trade shows the cluster opens to its members.",
            example="cv trade-shows --fields city",
        ),
        Section(
            "people", "People", PersonRecord, label="name", command="people",
            help="The people the article names, with their roles.",
            example="cv people --fields name,role",
        ),
        Section(
            "values", "Values", ValueRecord, label="name", command="values",
            help="The values the cluster defends.",
            example="cv values --format markdown",
        ),
        Section(
            "sources", "Sources", SourceRecord, label="id", command="sources",
            help="Where the facts come from: each source's title, author, publisher and year.",
            example="cv sources --json",
        ),
    )
}  # fmt: skip
"""Every section, in the order `cv --help` lists their commands."""

LISTED = {section.command: section for section in SECTIONS.values() if section.command}
"""The sections that have a command, by command name."""
