"""Search every section of the dataset, ignoring case and accents.

`orleans` finds "Orléans" and `lemaire` finds Bruno Le Maire through the article's own
spelling in his quote: every text field of a record is searched, its quote included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .dataset import every_record
from .outputs import SearchHit
from .records import Document
from .sections import NOTED, SECTIONS, field

_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "“": '"', "”": '"'})

HIT_FIELDS = tuple(SearchHit.__annotations__)
"""A hit: the record's section, what names it, the fields that matched, the whole
record, and the evidence that backs it."""


def fold(text: str) -> str:
    """Text reduced for matching: no accents, no case, one kind of quote and dash."""
    if text.isascii():  # most text: no accent to strip, no typographic quote or dash
        return " ".join(text.lower().split())
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
    """The records, in dataset order, that hold every word of `text`, in any order.

    Words are folded (no case, no accents, one kind of quote and dash); each may stand in
    any field of the record but the bases of its dates (sections.NOTED), which explain
    a date rather than state a fact. `matched` names the fields that hold at least one word.
    """
    words = list(dict.fromkeys(fold(text).split()))  # a word given twice is looked for once
    if not words:
        return []
    hits: list[SearchHit] = []
    for key, record in every_record(document):
        section = SECTIONS[key]
        fields = section.record_fields
        searched = [name for name in fields if name not in NOTED]  # caveats: not the facts
        folded = {name: " ".join(fold(t) for t in _texts(field(record, name))) for name in searched}
        whole = " ".join(folded.values())
        if not all(word in whole for word in words):
            continue
        matched = [name for name in searched if any(word in folded[name] for word in words)]
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
