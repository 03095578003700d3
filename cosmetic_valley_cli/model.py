"""The schema of facts.yaml: what a valid dataset is, as pydantic models.

The loader hands these models plain strings for every scalar (see loader.py), so the
model is where text becomes a number: a year is digits and nothing else, a flag is
`true` or `false`. Nothing YAML 1.1 would guess (`1:20` as 80, `017` as 15, `no` as
false) can reach a field as another value.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .vocabulary import EventType, OfficeType, PartnerType, Qualifier
from .wording import FigureRecord, figure_text

_DIGITS = re.compile(r"(?:0|[1-9][0-9]*)\Z")

Location = tuple[str | int, ...]
"""Where a value sits in the dataset: ("partners", 3, "type") is partners[3].type."""


def _whole_number(value: object) -> object:
    """Accept an int, or text of plain decimal digits; refuse what YAML 1.1 would guess at."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number, got true or false")
    if isinstance(value, str):
        if _DIGITS.match(value):
            return int(value)
        raise ValueError(f"expected a whole number written in digits (like 1994), got {value!r}")
    return value


def _flag(value: object) -> object:
    """Accept a bool, or the text `true` or `false`; nothing else is a flag."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        raise ValueError(f"expected true or false, got {value!r}")
    return value


Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Whole = Annotated[int, BeforeValidator(_whole_number), Field(ge=0)]
Year = Annotated[int, BeforeValidator(_whole_number), Field(ge=1000, le=9999)]
Flag = Annotated[bool, BeforeValidator(_flag)]


class Model(BaseModel):
    """Every part of the dataset: unknown keys are errors, and records do not change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(Model):
    """A quantity as the article states it, with its hedge and its unit."""

    value: Whole
    qualifier: Qualifier | None = Field(
        default=None, description='The article\'s hedge: "nearly 600" has qualifier nearly.'
    )
    unit: Text = Field(description="What is counted (companies, percent, EUR, ...).")

    @property
    def text(self) -> str:
        """The figure in words, as a reader says it: "nearly 600 companies", "80%"."""
        qualifier = self.qualifier.value if self.qualifier else None
        return figure_text(FigureRecord(value=self.value, qualifier=qualifier, unit=self.unit))


class Record(Model):
    """A fact with its evidence: the source it comes from and the words that say it."""

    source: Text = Field(description="The id of an entry in `sources`.")
    quote: Text = Field(
        description="The source's verbatim words that back this record; '...' skips text."
    )


class Source(Model):
    """An article the facts come from."""

    id: Text = Field(description="Short name that records use in their `source` key.")
    title: Text
    publisher: Text
    author: Text
    year: Year
    quote: Text


class Cluster(Record):
    """Who Cosmetic Valley is."""

    name: Text
    kind: Text
    sector: Text
    mandate: Text
    sector_role: Text
    ecosystem: Text
    president: Text


class Person(Record):
    """Someone the article names, with the role it gives them."""

    name: Text
    role: Text


class Milestone(Record):
    """A dated step in the cluster's history."""

    year: Year
    event: Text


class Certification(Record):
    """The State's certification of the cluster as a competitiveness cluster."""

    start_year: Year
    end_year: Year
    announced_by: Text
    clusters_certified: Whole
    clusters_applied: Whole
    applied_to: Text

    @model_validator(mode="after")
    def _consistent(self) -> Certification:
        if self.end_year < self.start_year:
            raise ValueError("end_year comes before start_year")
        if self.clusters_certified > self.clusters_applied:
            raise ValueError("more clusters certified than applied")
        return self


class Members(Record):
    """The cluster's membership."""

    companies: Figure
    sme_share: Figure
    ranking: Text
    candidates_per_board: Figure
    board_frequency: Text


class KeyFigure(Record):
    """A headline figure about the sector or the cluster's work."""

    name: Text
    figure: Figure


class Partner(Record):
    """A university, institution, network or other body the cluster works with."""

    name: Text
    type: PartnerType
    location: Text | None = None
    description: Text | None = None
    members: Figure | None = None
    countries: list[Text] | None = None
    co_financed_by: Text | None = None
    led_by_cosmetic_valley: Flag | None = None


class Office(Record):
    """A site of the cluster."""

    name: Text
    type: OfficeType
    city: Text
    description: Text | None = None
    commissioned_by: Text | None = None
    architect: Text | None = None


class Event(Record):
    """A gathering the cluster holds or takes part in."""

    name: Text
    type: EventType
    city: Text | None = None
    frequency: Text | None = None
    description: Text | None = None


class Service(Record):
    """One of the tools the cluster provides its members."""

    name: Text


class TradeShow(Record):
    """A city where the cluster gives its members access to a major trade show."""

    city: Text


class Value(Record):
    """Something the cluster defends."""

    name: Text


class Facts(Model):
    """The whole dataset: every section of facts.yaml."""

    sources: list[Source] = Field(min_length=1)
    cluster: Cluster
    people: list[Person]
    timeline: list[Milestone]
    certification: Certification
    members: Members
    figures: list[KeyFigure]
    partners: list[Partner]
    offices: list[Office]
    events: list[Event]
    services: list[Service]
    trade_shows: list[TradeShow]
    values: list[Value]


def json_schema() -> dict[str, object]:
    """The JSON Schema of facts.yaml, for editors (facts.schema.json) and for checks."""
    generated = Facts.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "facts.schema.json",
        **generated,
        "title": "Cosmetic Valley facts",
    }
