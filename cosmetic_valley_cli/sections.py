"""The sections of a dataset, each declared once: how cv shows a section's records.

Everything that differs from one section to another lives here, as data: the record
(its TypedDict, generated from model.py into records.py), whether the section is a
list, the field that labels a record, the enum of its `type` filter, and its command
with help text and example. Commands, search, the summary, the sheet, the formats, the
cache and the loader read these declarations; tests/test_structure.py and
tests/test_generated.py tie them to the model, so neither can drift. Only the standard
library is imported here: the fastest paths read this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from .outputs import Row, TimelineEntry
from .records import (
    CertificationRecord,
    ClusterRecord,
    DefendedRecord,
    EventRecord,
    EvidenceRecord,
    FigureRecord,
    KeyFigureRecord,
    MembersRecord,
    MilestoneRecord,
    OfficeRecord,
    PartnerRecord,
    PersonRecord,
    QuotationRecord,
    ServiceRecord,
    SourceRecord,
    TradeShowRecord,
    ValueRecord,
)
from .vocabulary import EventType, OfficeType, PartnerType

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from enum import Enum
    from typing import Any


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
    "section_title": "section",
    "passages": "found in",
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


FIGURE_PARTS = tuple(FigureRecord.__annotations__)
"""A figure field F is F.value, F.qualifier and F.unit in CSV, Markdown and --fields."""
EVIDENCE_PARTS = tuple(EvidenceRecord.__annotations__)
"""An evidence entry's fields: source and quote."""

ID = "id"
"""The field that names a record for good: stable, unique in its section."""
EVIDENCE = "evidence"
"""The field that backs every record: its sources and their words."""


class Section(NamedTuple):
    """One section of the dataset, and everything cv needs to know to show it."""

    key: str
    title: str
    record: type  # the TypedDict of a record: its fields, in display order
    view: type | None = None  # the TypedDict of the rows its command shows, if not records
    many: bool = True  # a list of records, not one record (members)
    label: str | None = None  # the field that names a record in a list of hits
    types: type[Enum] | None = None  # the values of the record's `type`, for --type
    command: str | None = None  # the `cv` command that lists it, if any
    help: str = ""
    example: str = ""  # a command line that shows the command at work
    quoted: bool = False  # its records are words: a table shows their evidence

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

    def titled(self, of_type: Sequence[Enum] = ()) -> str:
        """The title of a listing of this section, or of its records of some types."""
        kinds = ", ".join(kind.value for kind in of_type)
        return f"{self.title} ({kinds})" if kinds else self.title


SECTIONS: dict[str, Section] = {
    section.key: section
    for section in (
        Section(
            "cluster",
            "Cluster",
            ClusterRecord,
            many=False,
            label="name",
        ),
        Section(
            "partners",
            "Partners",
            PartnerRecord,
            label="name",
            types=PartnerType,
            command="partners",
            help="The bodies the cluster works with: universities, institutions, networks, "
            "..., each with the source's words for how.",
            example="cv partners --type university",
        ),
        Section(
            "timeline",
            "Timeline",
            MilestoneRecord,
            view=TimelineEntry,
            label="event",
            command="timeline",
            help="The cluster's history, year by year: every dated fact, in order.",
            example="cv timeline --fields year,event",
        ),
        Section(
            "certification",
            "Certification",
            CertificationRecord,
            label="id",
            command="certification",
            help="The State's certifications of the cluster: one record per period.",
            example="cv certification --json",
        ),
        Section(
            "members",
            "Members",
            MembersRecord,
            label="id",
            command="members",
            help="The cluster's membership: how many companies, how many SMEs, one record "
            "per date.",
            example="cv members --json",
        ),
        Section(
            "figures",
            "Key figures",
            KeyFigureRecord,
            label="name",
            command="figures",
            help="Headline figures, each with its hedge, its unit and its date.",
            example="cv figures --format csv",
        ),
        Section(
            "offices",
            "Offices",
            OfficeRecord,
            label="name",
            types=OfficeType,
            command="offices",
            help="The cluster's sites, with what the sources say of their state.",
            example="cv offices --type headquarters",
        ),
        Section(
            "events",
            "Events",
            EventRecord,
            label="name",
            types=EventType,
            command="events",
            help="The gatherings the cluster holds or takes part in.",
            example="cv events --type exhibition",
        ),
        Section(
            "services",
            "Services",
            ServiceRecord,
            label="name",
            command="services",
            help="The tools the cluster provides its members.",
            example="cv services --fields name",
        ),
        Section(
            "trade_shows",
            "Trade shows",
            TradeShowRecord,
            label="city",
            command="trade-shows",
            help="Trade shows: the cities of the major trade shows the cluster opens to its "
            "members.",
            example="cv trade-shows --fields city",
        ),
        Section(
            "people",
            "People",
            PersonRecord,
            label="name",
            command="people",
            help="The people the sources name, with their roles.",
            example="cv people --fields name,role",
        ),
        Section(
            "quotations",
            "Quotations",
            QuotationRecord,
            label="about",
            command="quotations",
            help="People's own words, quoted by the sources, with who says them.",
            example="cv quotations --json",
            quoted=True,
        ),
        Section(
            "defends",
            "What the cluster defends",
            DefendedRecord,
            label="name",
            command="defends",
            help="What the cluster defends: Made in France.",
            example="cv defends",
        ),
        Section(
            "values",
            "Values",
            ValueRecord,
            label="name",
            command="values",
            help="The values of Made in France that the cluster defends.",
            example="cv values --format markdown",
        ),
        Section(
            "sources",
            "Sources",
            SourceRecord,
            label="id",
            command="sources",
            help="Where the facts come from: each source's title, author, publisher and date.",
            example="cv sources --json",
        ),
    )
}
"""Every section, in the order `cv --help` lists their commands."""

LISTED = {section.command: section for section in SECTIONS.values() if section.command}
"""The sections that have a command, by command name."""

CITABLE = {(section.command or section.key): section for section in SECTIONS.values()}
"""Every section, by the name `cv cite` takes (`trade-shows/dubai`): its command's, else
its key (`cluster`, which has no command)."""

DATED = tuple(key for key, section in SECTIONS.items() if "as_of" in section.record_fields)
"""The sections whose records hold at a date of their own (`as_of`, with its basis)."""

REFERS_TO = ("speaker",)
"""Fields that hold another record's id (a quotation's speaker: a person): said as its
name, which a reader knows, not as the id (`cv cite`), and searched as that name."""

NOTED = ("as_of_basis", "year_basis")
"""Caveats that a table says in its notes under the rows (`2019 is inferred: ...`), not
as a column of long sentences repeated on every row."""

CAVEATS = ("as_of_basis", "year_basis", "spelled_in_source", "status", "open_list",
           "other_clusters_sectors_open", "qualifier")  # fmt: skip
"""The fields that qualify a record's other fields: a date inferred, a name corrected, a
site not yet open, a list left open, a figure's hedge. Left out by --fields, they are
named on stderr (a test checks that each is a field of some record or figure)."""
