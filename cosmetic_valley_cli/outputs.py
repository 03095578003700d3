"""The rows that only output has: derived from records, never written in a dataset.

A record's fields are declared once, in model.py (records.py is generated from it).
What cv derives from records and prints has its one declaration here: a timeline
entry, a search hit, the summary of `cv facts`, a change of `cv diff`. Views build
these, mypy checks them, and the output schemas are made from them (contracts.py).
A new derived value (a date's basis, a search hit's passage) is declared here once.
Only the standard library is imported: the fast path reads this module.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from .records import (
    CertificationRecord,
    ClusterRecord,
    EvidenceRecord,
    KeyFigureRecord,
    MembersRecord,
    OfficeRecord,
    Record,
    SourceRecord,
)


class TimelineEntry(TypedDict):
    """A row of `cv timeline`: a dated fact from any section, in the order of time."""

    id: str
    section: str
    year: int
    end_year: int | None
    event: str
    year_basis: str | None
    evidence: list[EvidenceRecord]


Rank = Literal["name", "value", "quote"]
"""Where `cv search` found a word in a record, best first: its name, a field's value
(with the field's label), a quote of its evidence."""


class Mark(TypedDict):
    """Where a word of the query stands in a passage: code points, `end` not included."""

    start: int
    end: int


class Passage(TypedDict):
    """Words that a person reads of a record, cut around the words `cv search` found.

    `text` is the record's own text (a long one cut to a window, "…" marking a cut);
    `marks` are where the words stand in `text`, in code points: `text[start:end]`.
    """

    # The record's field ("name", "role"; "evidence" for a quote), or "timeline" for
    # the sentence `cv timeline` makes of the record (a certification's).
    field: str
    where: str  # the field in words: "name", "role", "quote", "timeline"
    source: str | None  # a quote's source (its id); null for a field's value
    text: str
    marks: list[Mark]


class SearchHit(TypedDict):
    """A record that `cv search` found, in words, with the passages where it was found."""

    section: str
    section_title: str  # the section in words: "Trade shows"
    id: str
    label: str  # the record in words: its name, or what it is and when
    # Where the first passage matched, the hits' order: a record's name, the value of
    # one of its fields (with the field's label), or a quote of its evidence.
    matched: Rank
    # The passage holding the most words (names before values before quotes), then
    # each other quote that holds a word: never the evidence that does not.
    passages: list[Passage]
    # What qualifies the record, in words, as the listings' notes say it: a date
    # inferred ("2019 is inferred: ..."), a list the source leaves open.
    caveats: list[str]


class FactsSummary(TypedDict):
    """What `cv facts --json` prints: the headline facts, keys in this order."""

    name: str  # the cluster's name, whatever the date
    as_of: str | None  # the --as-of date (YYYY, YYYY-MM or YYYY-MM-DD), or null
    cluster: ClusterRecord | None  # null with --as-of before the cluster record's date
    headquarters: list[OfficeRecord]  # every office of type headquarters
    members: list[MembersRecord]  # the latest record (all that share the latest date)
    figures: list[KeyFigureRecord]  # the latest record of each series, by name
    certification: list[CertificationRecord]  # the latest period
    timeline: list[TimelineEntry]  # what `cv timeline` prints
    # Each partner type that some partner has, with how many; null with --as-of before
    # the partners' sources: not dated by the source, so unknown rather than 0.
    partners_by_type: dict[str, int] | None
    sources: list[SourceRecord]  # every source, whatever the date


class FieldChange(TypedDict):
    """One field of a record: its value before and after (null when it had none)."""

    field: str
    before: Any
    after: Any


class Change(TypedDict):
    """A record added, removed or changed; `fields` holds every field that differs."""

    section: str
    id: str
    change: Literal["added", "removed", "changed"]
    fields: list[FieldChange]


Row = Record | TimelineEntry | SearchHit
"""Anything a listing prints: a record, a timeline entry, a search hit."""


class ValidationProblem(TypedDict):
    """One problem of `cv validate --format json`, where CI and editors can jump to it.

    `file` and `message` are the text line's own, made visible as every message is
    (escaping.visible): a control character from the data is its escape, not itself.
    """

    file: str
    line: int
    column: int
    code: str
    """Its code in the catalogue (README, "Message codes"): CV202, ..."""
    message: str
    hint: str
    """What the code means and what is right, from the catalogue."""
