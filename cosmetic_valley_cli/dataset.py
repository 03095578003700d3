"""The validated dataset that commands read, and the questions they ask of it.

`load_document` is the load sequence: the bytes (reading.py), then the validation
cache (cache.py), and only on a miss the loader (loader.py, which imports PyYAML and
pydantic). The result is plain JSON data typed by the section declarations
(sections.py), so a command whose dataset is cached never builds a pydantic model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any, cast

from . import cache
from .reading import decode, read_dataset
from .sections import SECTIONS, Document, PartnerRecord, Record, field
from .vocabulary import PartnerType


def load_document(path: str | Path | None = None) -> Document:
    """The dataset, validated, as plain data: from the cache, or checked and then cached.

    Raises DataError (every problem, located) or CvError (an unreadable file), like
    `load_facts`.
    """
    origin, data = read_dataset(path)
    key = cache.key(data)
    document = cache.get(key)
    if document is None:
        from .loader import parse_document

        text = decode(data, origin)
        del data  # the bytes are not needed once decoded: a large dataset is read once
        document = parse_document(text, origin)
        cache.put(key, document)
    return cast("Document", document)


def records(document: Document, section: str) -> list[Record]:
    """A section's records: a list, or the one record of a single-record section."""
    value = cast("Mapping[str, Any]", document)[section]
    return list(value) if SECTIONS[section].many else [value]


def every_record(document: Document) -> Iterator[tuple[str, Record]]:
    """Every record of every section with the section's key, in file order."""
    for key in document:
        for record in records(document, key):
            yield key, record


def of_type(records: list[Record], wanted: Enum | None) -> list[Record]:
    """The records whose `type` is `wanted` (all of them for None), in the dataset's order."""
    if wanted is None:
        return records
    return [record for record in records if field(record, "type") == wanted.value]


def partners_of_type(document: Document, partner_type: PartnerType) -> list[PartnerRecord]:
    """The partners of one type, in the dataset's order."""
    return [partner for partner in document["partners"] if partner["type"] == partner_type.value]


def partner_counts(document: Document) -> dict[PartnerType, int]:
    """How many partners there are of each type, every type listed."""
    counts = dict.fromkeys(PartnerType, 0)
    for partner in document["partners"]:
        counts[PartnerType(partner["type"])] += 1
    return counts
