"""Search every section of the dataset, ignoring case and accents.

`orleans` finds "Orléans" and `lemaire` finds Bruno Le Maire through the article's own
spelling in his quote: every text field of a record is searched, its quote included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import Field

from .model import Facts, Model, Record

_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "“": '"', "”": '"'})
_LABELS = ("name", "city", "event", "id")  # the field that names a record, in this order


def fold(text: str) -> str:
    """Text reduced for matching: no accents, no case, one kind of quote and dash."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


class Hit(Model):
    """A record that matches a search, with where it is and the words that back it."""

    section: str = Field(description="The section of facts.yaml the record is in.")
    label: str = Field(description="What names the record: its name, city, event or year.")
    matched: list[str] = Field(description="The record's fields that contain the text.")
    record: dict[str, Any] = Field(description="The whole record, as its command prints it.")
    source: str
    quote: str


def _texts(value: Any, field: str) -> list[tuple[str, str]]:
    """Every piece of text in a JSON value, with the top-level field it sits under."""
    if isinstance(value, dict):
        return [pair for item in value.values() for pair in _texts(item, field)]
    if isinstance(value, list):
        return [pair for item in value for pair in _texts(item, field)]
    return [] if value is None else [(field, str(value))]


def label(record: Record) -> str:
    """The words that name a record in a list of hits."""
    for field in _LABELS:
        value = getattr(record, field, None)
        if value is not None:
            return str(value)
    if hasattr(record, "year"):
        return str(record.year)
    return type(record).__name__.lower()


def search(facts: Facts, text: str) -> list[Hit]:
    """The records, in dataset order, with a field that contains `text` (folded)."""
    from .listing import field_names

    wanted = fold(text)
    hits = []
    for location, record in facts.records():
        dumped = record.model_dump(mode="json")
        matched = [
            field
            for field in field_names(type(record))
            if any(wanted in fold(piece) for _, piece in _texts(dumped[field], field))
        ]
        if wanted and matched:
            hits.append(
                Hit(
                    section=str(location[0]),
                    label=label(record),
                    matched=matched,
                    record={name: dumped[name] for name in field_names(type(record))},
                    source=record.source,
                    quote=record.quote,
                )
            )
    return hits
