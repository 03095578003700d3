"""Search every section of the dataset, ignoring case and accents.

`orleans` finds "Orléans" and `lemaire` finds Bruno Le Maire through the article's own
spelling in his quote: every text field of a record is searched, its quote included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .document import SECTIONS, Document, Row, every_record

_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "“": '"', "”": '"'})
_LABELS = ("name", "city", "event", "id")  # the field that names a record, in this order

HIT_FIELDS = ("section", "label", "matched", "record", "source", "quote")
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


def label(record: Row) -> str:
    """The words that name a record in a list of hits."""
    for field in _LABELS:
        if record.get(field) is not None:
            return str(record[field])
    return str(record.get("year", ""))


def search(document: Document, text: str) -> list[dict[str, Any]]:
    """The records, in dataset order, with a field that contains `text` (folded)."""
    wanted = fold(text)
    if not wanted:
        return []
    hits = []
    for section, record in every_record(document):
        fields = SECTIONS[section].fields
        matched = [f for f in fields if any(wanted in fold(t) for t in _texts(record[f]))]
        if matched:
            hits.append({
                "section": section,
                "label": label(record) or section,
                "matched": matched,
                "record": {name: record[name] for name in fields},
                "source": record.get("source", record.get("id")),
                "quote": record["quote"],
            })  # fmt: skip
    return hits
