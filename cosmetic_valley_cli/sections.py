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

from .hints import TYPE_CHECKING, TypedDict, cast
from .vocabulary import EventType, OfficeType, PartnerType
from .wording import FigureRecord

if TYPE_CHECKING:
    from collections.abc import Mapping
    from enum import Enum
    from typing import Any


class EvidenceRecord(TypedDict):
    """One source's words for a record."""

    source: str
    quote: str


class SourceRecord(TypedDict):
    """An article the facts come from."""

    id: str
    title: str
    publisher: str
    author: str | None
    date: str
    date_basis: str | None
    url: str | None
    sha256: str | None
    evidence: list[EvidenceRecord]


class ClusterRecord(TypedDict):
    """Who Cosmetic Valley is."""

    id: str
    name: str
    kind: str
    sector: str
    mandate: str
    sector_role: str
    ecosystem: str
    president: str
    policy: str | None
    policy_outcomes: list[str] | None
    policy_outcomes_are: str | None
    evidence: list[EvidenceRecord]


class PersonRecord(TypedDict):
    """Someone a source names, with the role it gives them."""

    id: str
    name: str
    spelled_in_source: str | None
    role: str
    evidence: list[EvidenceRecord]


class MilestoneRecord(TypedDict):
    """A dated step in the cluster's history."""

    id: str
    year: int
    year_basis: str | None
    event: str
    evidence: list[EvidenceRecord]


class CertificationRecord(TypedDict):
    """A certification of the cluster by the State, for one period."""

    id: str
    start_year: int
    end_year: int
    announced_by: str
    cluster_announced: str | None
    clusters_certified: int
    clusters_applied: int
    applied_to: str
    other_clusters_sectors: list[str] | None
    other_clusters_sectors_open: bool | None
    evidence: list[EvidenceRecord]


class MembersRecord(TypedDict):
    """The cluster's membership at one date."""

    id: str
    as_of: str | None
    companies: FigureRecord
    sme_share: FigureRecord
    ranking: str | None
    candidates_per_board: FigureRecord | None
    board_frequency: str | None
    evidence: list[EvidenceRecord]


class KeyFigureRecord(TypedDict):
    """A headline figure at one date; records with the same name form a series."""

    id: str
    as_of: str | None
    name: str
    figure: FigureRecord
    between: list[str] | None
    evidence: list[EvidenceRecord]


class PartnerRecord(TypedDict):
    """A university, institution, network or other body the cluster works with."""

    id: str
    name: str
    type: str
    relation: str | None
    city: str | None
    description: str | None
    members: FigureRecord | None
    countries: list[str] | None
    co_financed_by: str | None
    led_by_cosmetic_valley: bool | None
    evidence: list[EvidenceRecord]


class OfficeRecord(TypedDict):
    """A site of the cluster."""

    id: str
    name: str | None
    type: str
    status: str | None
    city: str
    description: str | None
    commissioned_by: str | None
    architect: str | None
    evidence: list[EvidenceRecord]


class EventRecord(TypedDict):
    """A gathering the cluster holds or takes part in."""

    id: str
    name: str
    type: str
    city: str | None
    frequency: str | None
    description: str | None
    evidence: list[EvidenceRecord]


class ServiceRecord(TypedDict):
    """One of the tools the cluster provides its members."""

    id: str
    name: str
    means: list[str] | None
    evidence: list[EvidenceRecord]


class TradeShowRecord(TypedDict):
    """A city where the cluster gives its members access to a major trade show."""

    id: str
    city: str
    open_list: bool | None
    evidence: list[EvidenceRecord]


class ValueRecord(TypedDict):
    """Something the cluster defends."""

    id: str
    name: str
    evidence: list[EvidenceRecord]


Record = (
    SourceRecord | ClusterRecord | PersonRecord | MilestoneRecord | CertificationRecord
    | MembersRecord | KeyFigureRecord | PartnerRecord | OfficeRecord | EventRecord
    | ServiceRecord | TradeShowRecord | ValueRecord
)  # fmt: skip
"""Any section's record."""


class TimelineEntry(TypedDict):
    """A row of `cv timeline`: a dated fact from any section, in the order of time."""

    id: str
    section: str
    year: int
    end_year: int | None
    event: str
    year_basis: str | None
    evidence: list[EvidenceRecord]


class SearchHit(TypedDict):
    """A record that `cv search` found: not a section's record, but shown like one."""

    section: str
    id: str
    label: str
    matched: list[str]
    record: dict[str, Any]
    evidence: list[EvidenceRecord]


class Document(TypedDict):
    """A validated dataset as plain JSON data: what `Facts.model_dump(mode="json")` gives."""

    sources: list[SourceRecord]
    cluster: ClusterRecord
    people: list[PersonRecord]
    timeline: list[MilestoneRecord]
    certification: list[CertificationRecord]
    members: list[MembersRecord]
    figures: list[KeyFigureRecord]
    partners: list[PartnerRecord]
    offices: list[OfficeRecord]
    events: list[EventRecord]
    services: list[ServiceRecord]
    trade_shows: list[TradeShowRecord]
    values: list[ValueRecord]


Row = Record | TimelineEntry | SearchHit
"""Anything a listing prints: a record, a timeline entry, a search hit."""


def field(record: Row, name: str) -> Any:
    """A record's field by a name known only at run time (`--fields`, a section's label)."""
    return cast("Mapping[str, Any]", record)[name]


LABELS = {
    "as_of": "as of",
    "year_basis": "how the year is known",
    "date_basis": "how the date is known",
    "start_year": "from",
    "end_year": "to",
    "clusters_certified": "certified",
    "clusters_applied": "clusters that applied",
    "cluster_announced": "the cluster announced",
    "other_clusters_sectors": "other clusters' sectors",
    "other_clusters_sectors_open": "more sectors not listed",
    "sme_share": "SMEs",
    "candidates_per_board": "candidates at each board",
    "board_frequency": "boards meet",
    "co_financed_by": "co-financed by",
    "led_by_cosmetic_valley": "led by Cosmetic Valley",
    "commissioned_by": "construction entrusted by",
    "spelled_in_source": "spelled in the source",
    "open_list": "in a list left open",
    "policy_outcomes_are": "the outcomes are",
    "sha256": "SHA-256",
    "url": "URL",
    "label": "record",
    "matched": "matched in",
}
"""Words for people, where a field's name is not already one: tables show these, while
JSON, CSV and `--fields` keep the names. Any other field reads as its name in words."""


def label(name: str) -> str:
    """A field's name as a person reads it: `clusters_applied` is "clusters that applied"."""
    base, dot, part = name.partition(".")
    words = LABELS.get(base, base.replace("_", " "))
    return f"{words} ({part})" if dot else words


def figure_fields(section: Section) -> tuple[str, ...]:
    """The fields of a section's rows that hold a figure ({value, qualifier, unit})."""
    hints = (section.view or section.record).__annotations__
    return tuple(name for name, hint in hints.items() if "FigureRecord" in str(hint))


FIGURE_PARTS = ("value", "qualifier", "unit")
"""A figure field F is F.value, F.qualifier and F.unit in CSV, Markdown and --fields."""

ID = "id"
"""The field that names a record for good: stable, unique in its section."""
EVIDENCE = "evidence"
"""The field that backs every record: its sources and their words."""


class Section:
    """One section of the dataset, and everything cv needs to know to show it.

    A plain class, not a NamedTuple: typing's NamedTuple would import typing, which
    costs every start of cv more than its whole warm answer (hints.py).
    """

    __slots__ = ("command", "example", "help", "key", "label", "many", "record", "title",
                 "types", "view")  # fmt: skip

    def __init__(
        self,
        key: str,
        title: str,
        record: type,  # the TypedDict of a record: its fields, in display order
        view: type | None = None,  # the TypedDict of the rows its command shows, if not records
        many: bool = True,  # a list of records, not one record (members)
        label: str | None = None,  # the field that names a record in a list of hits
        types: type[Enum] | None = None,  # the values of the record's `type`, for --type
        command: str | None = None,  # the `cv` command that lists it, if any
        help: str = "",
        example: str = "",  # a command line that shows the command at work
    ) -> None:
        self.key = key
        self.title = title
        self.record = record
        self.view = view
        self.many = many
        self.label = label
        self.types = types
        self.command = command
        self.help = help
        self.example = example

    def __repr__(self) -> str:
        return f"Section({self.key!r})"

    @property
    def record_fields(self) -> tuple[str, ...]:
        """The fields of a record in the dataset, in display order."""
        return tuple(self.record.__annotations__)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields its command shows, in display order: the id, the rest, the evidence."""
        return tuple((self.view or self.record).__annotations__)

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
            command="partners",
            help="The bodies the cluster works with: universities, institutions, networks, "
            "..., each with the source's words for how.",
            example="cv partners --type university",
        ),
        Section(
            "timeline", "Timeline", MilestoneRecord, view=TimelineEntry, label="event",
            command="timeline",
            help="The cluster's history, year by year: every dated fact, in order.",
            example="cv timeline --fields year,event",
        ),
        Section(
            "certification", "Certification", CertificationRecord, label="id",
            command="certification",
            help="The State's certifications of the cluster: one record per period.",
            example="cv certification --json",
        ),
        Section(
            "members", "Members", MembersRecord, label="id", command="members",
            help="The cluster's membership: how many companies, how many SMEs, one record "
            "per date.",
            example="cv members --json",
        ),
        Section(
            "figures", "Key figures", KeyFigureRecord, label="name", command="figures",
            help="Headline figures, each with its hedge, its unit and its date.",
            example="cv figures --format csv",
        ),
        Section(
            "offices", "Offices", OfficeRecord, label="name", types=OfficeType,
            command="offices",
            help="The cluster's sites, with what the sources say of their state.",
            example="cv offices --type headquarters",
        ),
        Section(
            "events", "Events", EventRecord, label="name", types=EventType, command="events",
            help="The gatherings the cluster holds or takes part in.",
            example="cv events --type exhibition",
        ),
        Section(
            "services", "Services", ServiceRecord, label="name", command="services",
            help="The tools the cluster provides its members.",
            example="cv services --fields name",
        ),
        Section(
            "trade_shows", "Trade shows", TradeShowRecord, label="city",
            command="trade-shows",
            help="Trade shows: the cities of the major trade shows the cluster opens to its "
            "members.",
            example="cv trade-shows --fields city",
        ),
        Section(
            "people", "People", PersonRecord, label="name", command="people",
            help="The people the sources name, with their roles.",
            example="cv people --fields name,role",
        ),
        Section(
            "values", "Values", ValueRecord, label="name", command="values",
            help="The values the cluster defends.",
            example="cv values --format markdown",
        ),
        Section(
            "sources", "Sources", SourceRecord, label="id", command="sources",
            help="Where the facts come from: each source's title, author, publisher and date.",
            example="cv sources --json",
        ),
    )
}  # fmt: skip
"""Every section, in the order `cv --help` lists their commands."""

LISTED = {section.command: section for section in SECTIONS.values() if section.command}
"""The sections that have a command, by command name."""
