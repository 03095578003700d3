"""The dataset's records as plain JSON data: GENERATED from model.py, do not edit.

Each class here is one pydantic model of model.py, as the TypedDict of what
`model_dump(mode="json")` gives: enums are their text, nested models their records,
and every field is there, null when the dataset leaves it out. mypy checks the code
against these, and the fast path imports them instead of pydantic. Change a record in
model.py, then run `python -m cosmetic_valley_cli.generate`; `.ci/run` fails while this
file is stale.
"""

from __future__ import annotations

from typing import TypedDict


class EvidenceRecord(TypedDict):
    """One source's words for a record."""

    source: str
    """The id of an entry in `sources` (`cv validate` checks that it is one)."""

    quote: str
    """The source's verbatim words that back the record; '...' skips text between pieces that stand
    in the source in this order. Never join two speakers.
    """


class SourceRecord(TypedDict):
    """An article the facts come from."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    title: str
    """The article's title, as printed."""

    publisher: str | None
    """Who published it: a magazine, a site, an agency."""

    author: str | None
    """The byline, if it has one."""

    date: str
    """When it was published, ISO 8601: "2019" or "2019-02-05"."""

    date_basis: str | None
    """Leave out when the source prints its date. Otherwise one sentence on how the date was
    established; every fact dated by it then says so.
    """

    url: str | None
    """Where it can be read, if known."""

    retrieved: str | None
    """The day the text at `url` was read, YYYY-MM-DD: a citation's access date. Leave out when not
    known.
    """

    archive_url: str | None
    """A lasting copy of the text (an archive's snapshot), if one is known."""

    language: str | None
    """The language the source is written in, as a BCP 47 tag: 'en', 'fr'."""

    sha256: str | None
    """The SHA-256 of the text file that quotes are checked against (`cv validate --against`); a
    file with other bytes is refused.
    """

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class ClusterRecord(TypedDict):
    """Who Cosmetic Valley is."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """The cluster's name."""

    kind: str | None
    """What sort of body it is (competitiveness cluster)."""

    sector: str | None
    """The industry it leads."""

    mandate: str | None
    """What the State has mandated it to do."""

    sector_role: str | None
    """What its sector does for the country."""

    ecosystem: str | None
    """What the cluster has built among its members."""

    president: str | None
    """Its president's name; also listed in `people`."""

    policy: str | None
    """How the source describes its policy."""

    policy_outcomes: list[str] | None
    """The outcomes of that policy the source names."""

    policy_outcomes_are: str | None
    """What the source calls those outcomes."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class PersonRecord(TypedDict):
    """Someone a source names, with the role it gives them."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """The person's name, correctly spelled."""

    spelled_in_source: str | None
    """The source's spelling, when `name` corrects it; the quote keeps it."""

    role: str | None
    """The role the source gives them."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class QuotationRecord(TypedDict):
    """A person's own words, quoted directly by a source: one record per thing said."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    speaker: str
    """Who says it: the id of a person in `people`."""

    about: str | None
    """What the words are about, in a few words; the words themselves are the evidence's quote,
    written once.
    """

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class MilestoneRecord(TypedDict):
    """A dated step in the cluster's history."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    year: int
    """The year it happened, four digits."""

    year_basis: str | None
    """Leave out when the source states the year. Otherwise how the year was inferred, in one
    sentence.
    """

    event: str
    """What happened, in a few words."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class CertificationRecord(TypedDict):
    """A certification of the cluster by the State, for one period."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    start_year: int
    """The first year of the period."""

    end_year: int
    """The last year of the period (`cv validate` checks it is not before start_year)."""

    announced_by: str | None
    """Who announced the certifications."""

    cluster_announced: str | None
    """What the cluster itself announced about it, if anything."""

    clusters_certified: int | None
    """How many clusters were certified."""

    clusters_applied: int | None
    """How many clusters had applied."""

    applied_to: str | None
    """The body the clusters applied to."""

    other_clusters_sectors: list[str] | None
    """The sectors of the other clusters that the source names."""

    other_clusters_sectors_open: bool | None
    """true when the source leaves that list open (etc.): there are more."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class FigureRecord(TypedDict):
    """A quantity as the source states it, with its hedge and its unit."""

    value: int
    """The number, in digits: 600, 150000, 450000000."""

    qualifier: str | None
    """The source's hedge, kept: "nearly 600" has qualifier nearly. Leave it out when the source
    gives the number plainly.
    """

    unit: str
    """What is counted: companies, percent, EUR, employees, ..."""


class MembersRecord(TypedDict):
    """The cluster's membership at one date: one record per date, a series over time."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    as_of: str | None
    """The date the record holds at, ISO 8601: "2019" or "2019-02-05". Without it, the record holds
    at its earliest source's date.
    """

    as_of_basis: str | None
    """Leave out when the source prints the date. Otherwise how the date was established, in one
    sentence. When left out and the date is its source's inferred date, cv gives the source's
    `date_basis` here in every output.
    """

    companies: FigureRecord
    """How many member companies."""

    sme_share: FigureRecord | None
    """The share of the members that are SMEs."""

    ranking: str | None
    """How the membership ranks among the clusters."""

    candidates_per_board: FigureRecord | None
    """How many candidates each board of directors examines."""

    board_frequency: str | None
    """How often the board of directors meets."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class KeyFigureRecord(TypedDict):
    """A headline figure at one date; records with the same name form a series."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    as_of: str | None
    """The date the record holds at, ISO 8601: "2019" or "2019-02-05". Without it, the record holds
    at its earliest source's date.
    """

    as_of_basis: str | None
    """Leave out when the source prints the date. Otherwise how the date was established, in one
    sentence. When left out and the date is its source's inferred date, cv gives the source's
    `date_basis` here in every output.
    """

    name: str
    """What the figure measures; the same name across dates."""

    figure: FigureRecord
    """The figure, with its hedge and unit."""

    between: list[str] | None
    """For joint work: who it is between, in the source's words."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class PartnerRecord(TypedDict):
    """A university, institution, network or other body the cluster works with."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """The partner's name, as the source gives it."""

    type: str
    """What kind of partner it is."""

    relation: str | None
    """How the source relates it to the cluster, in the source's words ("partners in the cluster",
    one of the outcomes of its policy, ...).
    """

    city: str | None
    """Where it is, if the source says."""

    description: str | None
    """What it is, in a phrase."""

    members: FigureRecord | None
    """For a network: its size."""

    countries: list[str] | None
    """For a network: the countries it involves."""

    co_financed_by: str | None
    """Who co-finances it."""

    led_by_cosmetic_valley: bool | None
    """true when the source says Cosmetic Valley leads it."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class OfficeRecord(TypedDict):
    """A site of the cluster."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str | None
    """The site's name; leave out when the source gives none."""

    type: str
    """What the site is for."""

    status: str | None
    """What the source says of its state (being launched, in operation, ...)."""

    city: str
    """The city it is in."""

    description: str | None
    """What it is, in a phrase."""

    commissioned_by: str | None
    """Who entrusted its construction, if the source says."""

    architect: str | None
    """The architectural firm."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class EventRecord(TypedDict):
    """A gathering the cluster holds or takes part in."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """The event's name."""

    type: str
    """What kind of gathering it is."""

    city: str | None
    """Where it takes place."""

    frequency: str | None
    """How often it takes place."""

    description: str | None
    """What it is, in a phrase."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class ServiceRecord(TypedDict):
    """One of the tools the cluster provides its members."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """The tool, in the source's words."""

    means: list[str] | None
    """Through what the cluster provides it, if the source says."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class TradeShowRecord(TypedDict):
    """A city where the cluster gives its members access to a major trade show."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    city: str
    """The city of the trade show."""

    open_list: bool | None
    """true when the source names this city in a list it leaves open (Hong Kong, Dubai, ...): there
    may be more.
    """

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class DefendedRecord(TypedDict):
    """What the cluster defends, as the source names it (Made in France)."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """What it defends, in the source's words."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class ValueRecord(TypedDict):
    """A value of what the cluster defends, as the source lists them."""

    id: str
    """A stable name for the record, unique in its section (`cv validate` checks that): lower-case
    words joined by '-' (university-orleans, members-2019). Never change it once published.
    """

    name: str
    """The value, in the source's words."""

    evidence: list[EvidenceRecord]
    """What backs this record: one or more {source, quote}. A second source that confirms the fact
    adds an entry here, not a new record.
    """


class Document(TypedDict):
    """The whole dataset: every section of facts.yaml."""

    sources: list[SourceRecord]
    """The articles the facts come from."""

    cluster: ClusterRecord
    """Who the cluster is."""

    people: list[PersonRecord]
    """The people the sources name."""

    quotations: list[QuotationRecord]
    """People's own words that the sources quote directly."""

    timeline: list[MilestoneRecord]
    """Dated steps in the cluster's history."""

    certification: list[CertificationRecord]
    """The State's certifications of the cluster, one record per period."""

    members: list[MembersRecord]
    """The membership, one record per date."""

    figures: list[KeyFigureRecord]
    """Headline figures, one record per date."""

    partners: list[PartnerRecord]
    """Bodies the cluster works with."""

    offices: list[OfficeRecord]
    """The cluster's sites."""

    events: list[EventRecord]
    """Gatherings the cluster holds or takes part in."""

    services: list[ServiceRecord]
    """The tools the cluster provides its members."""

    trade_shows: list[TradeShowRecord]
    """Cities of the major trade shows."""

    defends: list[DefendedRecord]
    """What the cluster defends (Made in France)."""

    values: list[ValueRecord]
    """The values of what the cluster defends."""


Record = (
    SourceRecord
    | ClusterRecord
    | PersonRecord
    | QuotationRecord
    | MilestoneRecord
    | CertificationRecord
    | MembersRecord
    | KeyFigureRecord
    | PartnerRecord
    | OfficeRecord
    | EventRecord
    | ServiceRecord
    | TradeShowRecord
    | DefendedRecord
    | ValueRecord
)
"""Any section's record."""


SHAPES: dict[str, dict[str, str]] = {
    "EvidenceRecord": {
        "source": "str",
        "quote": "str",
    },
    "SourceRecord": {
        "id": "str",
        "title": "str",
        "publisher": "str | None",
        "author": "str | None",
        "date": "str",
        "date_basis": "str | None",
        "url": "str | None",
        "retrieved": "str | None",
        "archive_url": "str | None",
        "language": "str | None",
        "sha256": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "ClusterRecord": {
        "id": "str",
        "name": "str",
        "kind": "str | None",
        "sector": "str | None",
        "mandate": "str | None",
        "sector_role": "str | None",
        "ecosystem": "str | None",
        "president": "str | None",
        "policy": "str | None",
        "policy_outcomes": "list[str] | None",
        "policy_outcomes_are": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "PersonRecord": {
        "id": "str",
        "name": "str",
        "spelled_in_source": "str | None",
        "role": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "QuotationRecord": {
        "id": "str",
        "speaker": "str",
        "about": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "MilestoneRecord": {
        "id": "str",
        "year": "int",
        "year_basis": "str | None",
        "event": "str",
        "evidence": "list[EvidenceRecord]",
    },
    "CertificationRecord": {
        "id": "str",
        "start_year": "int",
        "end_year": "int",
        "announced_by": "str | None",
        "cluster_announced": "str | None",
        "clusters_certified": "int | None",
        "clusters_applied": "int | None",
        "applied_to": "str | None",
        "other_clusters_sectors": "list[str] | None",
        "other_clusters_sectors_open": "bool | None",
        "evidence": "list[EvidenceRecord]",
    },
    "FigureRecord": {
        "value": "int",
        "qualifier": "str | None",
        "unit": "str",
    },
    "MembersRecord": {
        "id": "str",
        "as_of": "str | None",
        "as_of_basis": "str | None",
        "companies": "FigureRecord",
        "sme_share": "FigureRecord | None",
        "ranking": "str | None",
        "candidates_per_board": "FigureRecord | None",
        "board_frequency": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "KeyFigureRecord": {
        "id": "str",
        "as_of": "str | None",
        "as_of_basis": "str | None",
        "name": "str",
        "figure": "FigureRecord",
        "between": "list[str] | None",
        "evidence": "list[EvidenceRecord]",
    },
    "PartnerRecord": {
        "id": "str",
        "name": "str",
        "type": "str",
        "relation": "str | None",
        "city": "str | None",
        "description": "str | None",
        "members": "FigureRecord | None",
        "countries": "list[str] | None",
        "co_financed_by": "str | None",
        "led_by_cosmetic_valley": "bool | None",
        "evidence": "list[EvidenceRecord]",
    },
    "OfficeRecord": {
        "id": "str",
        "name": "str | None",
        "type": "str",
        "status": "str | None",
        "city": "str",
        "description": "str | None",
        "commissioned_by": "str | None",
        "architect": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "EventRecord": {
        "id": "str",
        "name": "str",
        "type": "str",
        "city": "str | None",
        "frequency": "str | None",
        "description": "str | None",
        "evidence": "list[EvidenceRecord]",
    },
    "ServiceRecord": {
        "id": "str",
        "name": "str",
        "means": "list[str] | None",
        "evidence": "list[EvidenceRecord]",
    },
    "TradeShowRecord": {
        "id": "str",
        "city": "str",
        "open_list": "bool | None",
        "evidence": "list[EvidenceRecord]",
    },
    "DefendedRecord": {
        "id": "str",
        "name": "str",
        "evidence": "list[EvidenceRecord]",
    },
    "ValueRecord": {
        "id": "str",
        "name": "str",
        "evidence": "list[EvidenceRecord]",
    },
    "Document": {
        "sources": "list[SourceRecord]",
        "cluster": "ClusterRecord",
        "people": "list[PersonRecord]",
        "quotations": "list[QuotationRecord]",
        "timeline": "list[MilestoneRecord]",
        "certification": "list[CertificationRecord]",
        "members": "list[MembersRecord]",
        "figures": "list[KeyFigureRecord]",
        "partners": "list[PartnerRecord]",
        "offices": "list[OfficeRecord]",
        "events": "list[EventRecord]",
        "services": "list[ServiceRecord]",
        "trade_shows": "list[TradeShowRecord]",
        "defends": "list[DefendedRecord]",
        "values": "list[ValueRecord]",
    },
}
"""Each record's fields and their JSON types, as above, for a check at run
time: the cache reads an entry only when its data has these shapes (cache.fits).
"""
