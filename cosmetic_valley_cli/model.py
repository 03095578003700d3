"""The schema of facts.yaml: what a valid dataset is, as pydantic models.

The loader hands these models plain strings for every scalar (see loader.py), so the
model is where text becomes a number: a year is digits and nothing else, a flag is
`true` or `false`. Nothing YAML 1.1 would guess (`1:20` as 80, `017` as 15, `no` as
false) can reach a field as another value.

Each constrained type carries the JSON Schema that says the same thing
(`WithJsonSchema`), so that `cv schema` gives editors the forms cv accepts, as JSON
Schema keywords, and no others. Every field has a description for editors' hover help.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from .dates import DATE_FORM, DATE_PATTERN, first_day
from .errors import Refusal, shown
from .quotes import pieces
from .vocabulary import EventType, OfficeType, PartnerType, Qualifier, Status
from .wording import figure_text

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHA256_PATTERN = "^[0-9a-f]{64}$"
URL_PATTERN = r"^https?://[^\s\\]+$"  # no "\\", which browsers read as "/"
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LANGUAGE_PATTERN = (  # RFC 5646: a langtag, a private use tag, or a grandfathered one
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+|[Ii]-[A-Za-z]{2,8}|[A-Za-z]{2,3}-[A-Za-z]{2,8}-[A-Za-z]{2,8})$"
)
TEXT_PATTERN = r"\S"

FORMS = {
    ID_PATTERN: "an id is lower-case words and digits joined by hyphens, like 'university-rouen'",
    DATE_PATTERN: DATE_FORM,
    SHA256_PATTERN: "a SHA-256 is 64 lower-case hexadecimal digits, as sha256sum prints it",
    URL_PATTERN: "a URL starts with http:// or https:// and has no space or backslash",
    DAY_PATTERN: "a day is written YYYY-MM-DD, like 2026-12-05",
    LANGUAGE_PATTERN: "a language is a BCP 47 tag, like 'fr', 'en' or 'en-GB'",
    TEXT_PATTERN: "text must hold more than white space",
}
"""What each pattern's values look like, in words, with an example: what a value that
does not match is told (the regex itself is never shown to a person)."""
_DIGITS = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_MAX_DIGITS = 18  # more digits than any count here: refused before int() is asked

Location = tuple[str | int, ...]
"""Where a value sits in the dataset: ("partners", 3, "type") is partners[3].type."""


def _whole_number(value: object) -> object:
    """Accept an int, or text of plain decimal digits; refuse what YAML 1.1 would guess at."""
    if isinstance(value, bool):
        raise Refusal("CV209", "expected a whole number, got true or false")
    if isinstance(value, str):
        if len(value) > _MAX_DIGITS:
            raise Refusal(
                "CV209",
                f"expected a whole number of at most {_MAX_DIGITS} digits, got {shown(value)}",
            )
        if _DIGITS.match(value):
            return int(value)
        raise Refusal(
            "CV209", f"expected a whole number written in digits (like 1994), got {shown(value)}"
        )
    return value


def _flag(value: object) -> object:
    """Accept a bool, or the text `true` or `false`; nothing else is a flag."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        raise Refusal("CV210", f"expected true or false, got {shown(value)}")
    return value


def _calendar_date(value: str) -> str:
    """An ISO 8601 date that exists: 2019, 2019-02 or 2019-02-05, not 2019-02-30."""
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise Refusal("CV211", f"{value!r} is not a day of the calendar") from None
    return value


def _worded(value: str) -> str:
    """A quote that holds words: "..." alone, or punctuation alone, quotes nothing.

    `cv validate --against` found such a quote in any text, an empty one included: it has
    no piece to look for (issue 22's review).
    """
    if not any(char.isalnum() for piece in pieces(value) for char in piece):
        raise Refusal(
            "CV212", "a quote must hold the source's words, not only '...' or punctuation"
        )
    return value


def _text_schema(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    # The dialect reads every scalar as text, so `name: 360` is the text "360".
    return {
        "anyOf": [
            {"type": "string", "minLength": 1, "pattern": r"\S", **(extra or {})},
            {"type": "number"},
        ]
    }


Text = Annotated[str, Field(min_length=1, pattern=TEXT_PATTERN), WithJsonSchema(_text_schema())]
Quote = Annotated[Text, AfterValidator(_worded)]
Id = Annotated[
    str,
    Field(pattern=ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
Date = Annotated[
    str,
    BeforeValidator(lambda value: value if not isinstance(value, int) else str(value)),
    Field(pattern=DATE_PATTERN),
    AfterValidator(_calendar_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]
Whole = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 10**18 - 1},
                {"type": "string", "pattern": r"^(0|[1-9][0-9]{0,17})$"},
            ]
        }
    ),
]
Year = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=1000, le=9999),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": "^[1-9][0-9]{3}$"},
            ]
        }
    ),
]
Flag = Annotated[
    bool,
    BeforeValidator(_flag),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}),
]
Sha256 = Annotated[
    str, Field(pattern=SHA256_PATTERN), WithJsonSchema(_text_schema({"pattern": SHA256_PATTERN}))
]
Url = Annotated[
    str, Field(pattern=URL_PATTERN), WithJsonSchema(_text_schema({"pattern": URL_PATTERN}))
]
Day = Annotated[
    str,
    Field(pattern=DAY_PATTERN),
    AfterValidator(_calendar_date),
    WithJsonSchema({"type": "string", "pattern": DAY_PATTERN}),
]
Language = Annotated[
    str,
    Field(pattern=LANGUAGE_PATTERN),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN}),
]


class Model(BaseModel):
    """Every part of the dataset: unknown keys are errors, and records do not change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(Model):
    """A quantity as the source states it, with its hedge and its unit."""

    value: Whole = Field(description="The number, in digits: 600, 150000, 450000000.")
    qualifier: Qualifier | None = Field(
        default=None,
        description='The source\'s hedge, kept: "nearly 600" has qualifier nearly. '
        "Leave it out when the source gives the number plainly.",
    )
    unit: Text = Field(description="What is counted: companies, percent, EUR, employees, ...")

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={  # the schema says what _a_share_is_at_most_all says
            "if": {"properties": {"unit": {"const": "percent"}}, "required": ["unit"]},
            "then": {
                "properties": {
                    "value": {
                        "anyOf": [
                            {"type": "integer", "maximum": 100},
                            {"type": "string", "pattern": "^(100|[1-9]?[0-9])$"},
                        ]
                    }
                }
            },
        },
    )

    @model_validator(mode="after")
    def _a_share_is_at_most_all(self) -> Figure:
        if self.unit == "percent" and self.value > 100:
            raise Refusal("CV213", f"a share of {self.value} percent is more than the whole")
        return self

    @property
    def text(self) -> str:
        """The figure in words, as a reader says it: "nearly 600 companies", "80%"."""
        qualifier = self.qualifier.value if self.qualifier else None
        # A plain dict, typed as FigureRecord by mypy: model.py imports nothing generated
        # from it, so that a stale or broken records.py can always be written again.
        return figure_text({"value": self.value, "qualifier": qualifier, "unit": self.unit})


class Evidence(Model):
    """One source's words for a record."""

    source: Id = Field(
        description="The id of an entry in `sources` (`cv validate` checks that it is one)."
    )
    quote: Quote = Field(
        description="The source's verbatim words that back the record; '...' skips text "
        "between pieces that stand in the source in this order. Never join two speakers."
    )


EvidenceList = Annotated[
    list[Evidence],
    Field(
        min_length=1,
        description="What backs this record: one or more {source, quote}. A second source "
        "that confirms the fact adds an entry here, not a new record.",
    ),
]
RecordId = Annotated[
    Id,
    Field(
        description="A stable name for the record, unique in its section (`cv validate` "
        "checks that): lower-case words joined by '-' (university-orleans, members-2019). "
        "Never change it once published."
    ),
]
AsOf = Annotated[
    Date | None,
    Field(
        default=None,
        description='The date the record holds at, ISO 8601: "2019" or "2019-02-05". '
        "Without it, the record holds at its earliest source's date.",
    ),
]
AsOfBasis = Annotated[
    Text | None,
    Field(
        default=None,
        description="Leave out when the source prints the date. Otherwise how the date was "
        "established, in one sentence. When left out and the date is its source's inferred "
        "date, cv gives the source's `date_basis` here in every output.",
    ),
]


class Source(Model):
    """An article the facts come from."""

    id: RecordId
    title: Text = Field(description="The article's title, as printed.")
    publisher: Text | None = Field(
        default=None, description="Who published it: a magazine, a site, an agency."
    )
    author: Text | None = Field(default=None, description="The byline, if it has one.")
    date: Date = Field(description='When it was published, ISO 8601: "2019" or "2019-02-05".')
    date_basis: Text | None = Field(
        default=None,
        description="Leave out when the source prints its date. Otherwise one sentence on "
        "how the date was established; every fact dated by it then says so.",
    )
    url: Url | None = Field(default=None, description="Where it can be read, if known.")
    retrieved: Day | None = Field(
        default=None,
        description="The day the text at `url` was read, YYYY-MM-DD: a citation's access "
        "date. Leave out when not known.",
    )
    archive_url: Url | None = Field(
        default=None,
        description="A lasting copy of the text (an archive's snapshot), if one is known.",
    )
    language: Language | None = Field(
        default=None,
        description="The language the source is written in, as a BCP 47 tag: 'en', 'fr'.",
    )
    sha256: Sha256 | None = Field(
        default=None,
        description="The SHA-256 of the text file that quotes are checked against "
        "(`cv validate --against`); a file with other bytes is refused.",
    )
    evidence: EvidenceList

    @model_validator(mode="after")
    def _read_after_published(self) -> Source:
        if self.retrieved is not None and self.retrieved < first_day(self.date):
            raise Refusal(
                "CV216", f"retrieved on {self.retrieved}, before the source's date {self.date}"
            )
        return self


class Cluster(Model):
    """Who Cosmetic Valley is."""

    id: RecordId
    name: Text = Field(description="The cluster's name.")
    kind: Text | None = Field(
        default=None, description="What sort of body it is (competitiveness cluster)."
    )
    sector: Text | None = Field(default=None, description="The industry it leads.")
    mandate: Text | None = Field(default=None, description="What the State has mandated it to do.")
    sector_role: Text | None = Field(
        default=None, description="What its sector does for the country."
    )
    ecosystem: Text | None = Field(
        default=None, description="What the cluster has built among its members."
    )
    president: Text | None = Field(
        default=None, description="Its president's name; also listed in `people`."
    )
    policy: Text | None = Field(default=None, description="How the source describes its policy.")
    policy_outcomes: list[Text] | None = Field(
        default=None, description="The outcomes of that policy the source names."
    )
    policy_outcomes_are: Text | None = Field(
        default=None, description="What the source calls those outcomes."
    )
    evidence: EvidenceList


class Person(Model):
    """Someone a source names, with the role it gives them."""

    id: RecordId
    name: Text = Field(description="The person's name, correctly spelled.")
    spelled_in_source: Text | None = Field(
        default=None,
        description="The source's spelling, when `name` corrects it; the quote keeps it.",
    )
    role: Text | None = Field(default=None, description="The role the source gives them.")
    evidence: EvidenceList


class Quotation(Model):
    """A person's own words, quoted directly by a source: one record per thing said."""

    id: RecordId
    speaker: Id = Field(description="Who says it: the id of a person in `people`.")
    about: Text | None = Field(
        default=None,
        description="What the words are about, in a few words; the words "
        "themselves are the evidence's quote, written once.",
    )
    evidence: EvidenceList


class Milestone(Model):
    """A dated step in the cluster's history."""

    id: RecordId
    year: Year = Field(description="The year it happened, four digits.")
    year_basis: Text | None = Field(
        default=None,
        description="Leave out when the source states the year. Otherwise how the year was "
        "inferred, in one sentence.",
    )
    event: Text = Field(description="What happened, in a few words.")
    evidence: EvidenceList


class Certification(Model):
    """A certification of the cluster by the State, for one period."""

    id: RecordId
    start_year: Year = Field(description="The first year of the period.")
    end_year: Year = Field(
        description="The last year of the period (`cv validate` checks it is not before "
        "start_year)."
    )
    announced_by: Text | None = Field(default=None, description="Who announced the certifications.")
    cluster_announced: Text | None = Field(
        default=None, description="What the cluster itself announced about it, if anything."
    )
    clusters_certified: Whole | None = Field(
        default=None, description="How many clusters were certified."
    )
    clusters_applied: Whole | None = Field(
        default=None, description="How many clusters had applied."
    )
    applied_to: Text | None = Field(default=None, description="The body the clusters applied to.")
    other_clusters_sectors: list[Text] | None = Field(
        default=None, description="The sectors of the other clusters that the source names."
    )
    other_clusters_sectors_open: Flag | None = Field(
        default=None,
        description="true when the source leaves that list open (etc.): there are more.",
    )
    evidence: EvidenceList

    @model_validator(mode="after")
    def _consistent(self) -> Certification:
        if self.end_year < self.start_year:
            raise Refusal("CV214", "end_year comes before start_year")
        certified, applied = self.clusters_certified, self.clusters_applied
        if certified is not None and applied is not None and certified > applied:
            raise Refusal("CV215", "more clusters certified than applied")
        return self


class Members(Model):
    """The cluster's membership at one date: one record per date, a series over time."""

    id: RecordId
    as_of: AsOf
    as_of_basis: AsOfBasis
    companies: Figure = Field(description="How many member companies.")
    sme_share: Figure | None = Field(
        default=None, description="The share of the members that are SMEs."
    )
    ranking: Text | None = Field(
        default=None, description="How the membership ranks among the clusters."
    )
    candidates_per_board: Figure | None = Field(
        default=None, description="How many candidates each board of directors examines."
    )
    board_frequency: Text | None = Field(
        default=None, description="How often the board of directors meets."
    )
    evidence: EvidenceList


class KeyFigure(Model):
    """A headline figure at one date; records with the same name form a series."""

    id: RecordId
    as_of: AsOf
    as_of_basis: AsOfBasis
    name: Text = Field(description="What the figure measures; the same name across dates.")
    figure: Figure = Field(description="The figure, with its hedge and unit.")
    between: list[Text] | None = Field(
        default=None, description="For joint work: who it is between, in the source's words."
    )
    evidence: EvidenceList


class Partner(Model):
    """A university, institution, network or other body the cluster works with."""

    id: RecordId
    name: Text = Field(description="The partner's name, as the source gives it.")
    type: PartnerType = Field(description="What kind of partner it is.")
    relation: Text | None = Field(
        default=None,
        description="How the source relates it to the cluster, in the source's words "
        '("partners in the cluster", one of the outcomes of its policy, ...).',
    )
    city: Text | None = Field(default=None, description="Where it is, if the source says.")
    description: Text | None = Field(default=None, description="What it is, in a phrase.")
    members: Figure | None = Field(default=None, description="For a network: its size.")
    countries: list[Text] | None = Field(
        default=None, description="For a network: the countries it involves."
    )
    co_financed_by: Text | None = Field(default=None, description="Who co-finances it.")
    led_by_cosmetic_valley: Flag | None = Field(
        default=None, description="true when the source says Cosmetic Valley leads it."
    )
    evidence: EvidenceList


class Office(Model):
    """A site of the cluster."""

    id: RecordId
    name: Text | None = Field(
        default=None, description="The site's name; leave out when the source gives none."
    )
    type: OfficeType = Field(description="What the site is for.")
    status: Status | None = Field(
        default=None,
        description="What the source says of its state (being launched, in operation, ...).",
    )
    city: Text = Field(description="The city it is in.")
    description: Text | None = Field(default=None, description="What it is, in a phrase.")
    commissioned_by: Text | None = Field(
        default=None, description="Who entrusted its construction, if the source says."
    )
    architect: Text | None = Field(default=None, description="The architectural firm.")
    evidence: EvidenceList


class Event(Model):
    """A gathering the cluster holds or takes part in."""

    id: RecordId
    name: Text = Field(description="The event's name.")
    type: EventType = Field(description="What kind of gathering it is.")
    city: Text | None = Field(default=None, description="Where it takes place.")
    frequency: Text | None = Field(default=None, description="How often it takes place.")
    description: Text | None = Field(default=None, description="What it is, in a phrase.")
    evidence: EvidenceList


class Service(Model):
    """One of the tools the cluster provides its members."""

    id: RecordId
    name: Text = Field(description="The tool, in the source's words.")
    means: list[Text] | None = Field(
        default=None, description="Through what the cluster provides it, if the source says."
    )
    evidence: EvidenceList


class TradeShow(Model):
    """A city where the cluster gives its members access to a major trade show."""

    id: RecordId
    city: Text = Field(description="The city of the trade show.")
    open_list: Flag | None = Field(
        default=None,
        description="true when the source names this city in a list it leaves open "
        "(Hong Kong, Dubai, ...): there may be more.",
    )
    evidence: EvidenceList


class Defended(Model):
    """What the cluster defends, as the source names it (Made in France)."""

    id: RecordId
    name: Text = Field(description="What it defends, in the source's words.")
    evidence: EvidenceList


class Value(Model):
    """A value of what the cluster defends, as the source lists them."""

    id: RecordId
    name: Text = Field(description="The value, in the source's words.")
    evidence: EvidenceList


class Facts(Model):
    """The whole dataset: every section of facts.yaml."""

    sources: list[Source] = Field(min_length=1, description="The articles the facts come from.")
    cluster: Cluster = Field(description="Who the cluster is.")
    people: list[Person] = Field(description="The people the sources name.")
    quotations: list[Quotation] = Field(
        default=[], description="People's own words that the sources quote directly."
    )
    timeline: list[Milestone] = Field(description="Dated steps in the cluster's history.")
    certification: list[Certification] = Field(
        description="The State's certifications of the cluster, one record per period."
    )
    members: list[Members] = Field(description="The membership, one record per date.")
    figures: list[KeyFigure] = Field(description="Headline figures, one record per date.")
    partners: list[Partner] = Field(description="Bodies the cluster works with.")
    offices: list[Office] = Field(description="The cluster's sites.")
    events: list[Event] = Field(description="Gatherings the cluster holds or takes part in.")
    services: list[Service] = Field(description="The tools the cluster provides its members.")
    trade_shows: list[TradeShow] = Field(description="Cities of the major trade shows.")
    defends: list[Defended] = Field(
        default=[], description="What the cluster defends (Made in France)."
    )
    values: list[Value] = Field(description="The values of what the cluster defends.")


def json_schema() -> dict[str, object]:
    """The JSON Schema of facts.yaml, for editors (facts.schema.json) and for checks."""
    generated = Facts.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "facts.schema.json",
        **generated,
        "title": "Cosmetic Valley facts",
        "description": f"{generated.get('description', '')} {VALIDATE_ONLY}".strip(),
    }


VALIDATE_ONLY = (
    "This schema checks each value's form, as an editor can; run `cv validate FILE` for "
    "what no JSON Schema can see: an id used twice in a section, evidence that names no "
    "source of the dataset, a quotation's speaker who is no person, a period that ends "
    "before it starts, and, with --against, each quote in its source's text."
)
"""What the editor schema cannot check, said in its description: the maintainer is sent
to `cv validate` (issue 24: the schema let these pass without a word)."""
