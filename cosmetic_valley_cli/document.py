"""The validated dataset as plain JSON data, and the questions the commands ask of it.

Commands read a `Document`: exactly what `Facts.model_dump(mode="json")` gives for a
dataset that passed validation. Working on plain data lets a command answer from the
validation cache (cache.py) without building the pydantic model at every start. Only
the standard library is imported here: this module is on every command's path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .vocabulary import PartnerType

Document = dict[str, Any]
Row = Mapping[str, Any]


@dataclass(frozen=True)
class Section:
    """A section of facts.yaml: its key, its title, and its records' fields in output order.

    The fields repeat the model's (own fields first, then source and quote) so that
    commands and completion need not import pydantic; a test keeps the two equal.
    """

    key: str
    title: str
    fields: tuple[str, ...]
    single: bool = False  # one record (members), not a list

    @property
    def command(self) -> str:
        """The `cv` command that lists this section."""
        return self.key.replace("_", "-")


EVIDENCE = ("source", "quote")
SECTIONS: dict[str, Section] = {
    section.key: section
    for section in (
        Section("sources", "Sources", ("id", "title", "publisher", "author", "year", "quote")),
        Section("cluster", "Cluster", ("name", "kind", "sector", "mandate", "sector_role",
                "ecosystem", "president", *EVIDENCE), single=True),
        Section("people", "People", ("name", "role", *EVIDENCE)),
        Section("timeline", "Timeline", ("year", "event", *EVIDENCE)),
        Section("certification", "Certification", ("start_year", "end_year", "announced_by",
                "clusters_certified", "clusters_applied", "applied_to", *EVIDENCE), single=True),
        Section("members", "Members", ("companies", "sme_share", "ranking",
                "candidates_per_board", "board_frequency", *EVIDENCE), single=True),
        Section("figures", "Key figures", ("name", "figure", *EVIDENCE)),
        Section("partners", "Partners", ("name", "type", "location", "description", "members",
                "countries", "co_financed_by", "led_by_cosmetic_valley", *EVIDENCE)),
        Section("offices", "Offices", ("name", "type", "city", "description", "commissioned_by",
                                       "architect", *EVIDENCE)),
        Section("events", "Events", ("name", "type", "city", "frequency", "description",
                                     *EVIDENCE)),
        Section("services", "Services", ("name", *EVIDENCE)),
        Section("trade_shows", "Trade shows", ("city", *EVIDENCE)),
        Section("values", "Values", ("name", *EVIDENCE)),
    )
}  # fmt: skip


def load_document(path: str | Path | None = None) -> Document:
    """The dataset, validated, as plain data: from the cache, or checked and then cached.

    Raises DataError (every problem, located) or CvError (an unreadable file), like
    `load_facts`.
    """
    from . import cache
    from .reading import decode, read_dataset

    origin, data = read_dataset(path)
    key = cache.key(data)
    document = cache.get(key)
    if document is None:
        from .loader import parse_document

        text = decode(data, origin)
        del data  # the bytes are not needed once decoded: a large dataset is read once
        document = parse_document(text, origin)
        cache.put(key, document)
    return document


def records(document: Document, section: str) -> list[Row]:
    """A section's records: a list, or the one record of a single-record section."""
    value = document[section]
    return [value] if SECTIONS[section].single else list(value)


def every_record(document: Document) -> Iterator[tuple[str, Row]]:
    """Every record of every section with the section's key, in file order."""
    for key in SECTIONS:
        for record in records(document, key):
            yield key, record


def partners_of_type(document: Document, partner_type: PartnerType | None = None) -> list[Row]:
    """The partners, or only those of one type, in the dataset's order."""
    partners: list[Row] = document["partners"]
    if partner_type is None:
        return list(partners)
    return [partner for partner in partners if partner["type"] == partner_type.value]


def partner_counts(document: Document) -> dict[PartnerType, int]:
    """How many partners there are of each type, every type listed."""
    counts = dict.fromkeys(PartnerType, 0)
    for partner in document["partners"]:
        counts[PartnerType(partner["type"])] += 1
    return counts


def figure_text(value: int, qualifier: str | None, unit: str) -> str:
    """A figure in words, as a reader says it: "nearly 600 companies", "80%"."""
    if unit == "percent":
        amount = f"{value}%"
    elif unit == "EUR" and value >= 1_000_000 and value % 1_000_000 == 0:
        amount = f"{value // 1_000_000:,} million euros"
    elif unit == "EUR":
        amount = f"{value:,} euros"
    else:
        amount = f"{value:,} {unit}"
    return f"{qualifier} {amount}" if qualifier else amount


def is_figure(value: object) -> bool:
    """Whether a JSON value is a figure: {"value", "qualifier", "unit"}."""
    return isinstance(value, dict) and value.keys() == {"value", "qualifier", "unit"}
