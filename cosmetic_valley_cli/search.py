"""Search every section of the dataset, ignoring case and accents.

`orleans` finds "Orléans" and `lemaire` finds Bruno Le Maire through the article's own
spelling in his quote: every text field of a record is searched, its quote included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .dataset import every_record
from .sections import SECTIONS, Document, SearchHit, field

_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "“": '"', "”": '"'})

HIT_FIELDS = tuple(SearchHit.__annotations__)
"""A hit: the record's section, what names it, the fields that matched, the whole
record, and the evidence that backs it."""


def fold(text: str) -> str:
    """Text reduced for matching: no accents, no case, one kind of quote and dash."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def _texts(value: Any) -> list[str]:
    """Every piece of text in a JSON value."""
    if isinstance(value, dict):
        return [piece for item in value.values() for piece in _texts(item)]
    if isinstance(value, list):
        return [piece for item in value for piece in _texts(item)]
    return [] if value is None else [str(value)]


def search(document: Document, text: str) -> list[SearchHit]:
    """The records, in dataset order, with a field that contains `text` (folded)."""
    wanted = fold(text)
    if not wanted:
        return []
    hits: list[SearchHit] = []
    for key, record in every_record(document):
        section = SECTIONS[key]
        fields = section.record_fields
        matched = [
            name for name in fields if any(wanted in fold(t) for t in _texts(field(record, name)))
        ]
        if matched:
            named = field(record, section.label) if section.label else None
            hits.append(
                SearchHit(
                    section=key,
                    id=record["id"],
                    label=str(named) if named else key,
                    matched=matched,
                    record={name: field(record, name) for name in fields},
                    evidence=record["evidence"],
                )
            )
    return hits
