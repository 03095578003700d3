"""Records as rows: the one shape every output format prints.

A `Listing` is a section's records (plain JSON data, see document.py) with the fields
to show, in a stable order: each record's own fields, then `source` and `quote`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .document import EVIDENCE, Row, figure_text, is_figure
from .errors import UsageProblem


def cell(value: Any) -> str:
    """A value as the text of one table or CSV cell: no reprs, no "None"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_figure(value):
        return figure_text(value["value"], value["qualifier"], value["unit"])
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {cell(item)}" for key, item in value.items() if cell(item))
    return str(value)


@dataclass(frozen=True)
class Listing:
    """Records to print, and which of their fields to print."""

    title: str
    available: tuple[str, ...]  # every field the records have, in output order
    records: Sequence[Row]
    fields: tuple[str, ...] = ()  # the fields to print
    chosen: bool = False  # the user picked the fields with --fields
    single: bool = False  # a section that is one record (members), not a list
    table_fields: tuple[str, ...] = ()  # a table's columns when they are not the default

    @classmethod
    def of(
        cls,
        title: str,
        fields: tuple[str, ...],
        records: Sequence[Row],
        *,
        single: bool = False,
        table_fields: tuple[str, ...] = (),
    ) -> Listing:
        """All the fields, in output order."""
        return cls(title, fields, records, fields, single=single, table_fields=table_fields)

    def select(self, spec: str | None) -> Listing:
        """Keep the fields named in `name,type,...`, in that order; unknown names are errors."""
        if spec is None:
            return self
        names = tuple(name.strip() for name in spec.split(",") if name.strip())
        unknown = [name for name in names if name not in self.available]
        if unknown or not names:
            what = f"unknown field {', '.join(map(repr, unknown))}" if unknown else "no field"
            valid = ", ".join(self.available)
            raise UsageProblem(f"{what} for {self.title}; the fields are: {valid}")
        return replace(self, fields=names, chosen=True)

    def values(self) -> Iterator[dict[str, Any]]:
        """The records as JSON-ready mappings of the selected fields, one at a time."""
        for record in self.records:
            yield {name: record[name] for name in self.fields}

    def cells(self, fields: Sequence[str] | None = None) -> list[list[str]]:
        """The records as rows of cell text, for tables and Markdown."""
        names = self.fields if fields is None else fields
        return [[cell(record[name]) for name in names] for record in self.records]

    def shown_in_table(self) -> tuple[str, ...]:
        """A table's columns: the chosen fields, or all but evidence and empty columns."""
        if self.chosen:
            return self.fields
        if self.table_fields:
            return self.table_fields
        return (
            tuple(
                name
                for name in self.fields
                if name not in EVIDENCE
                and any(record[name] not in (None, []) for record in self.records)
            )
            or self.fields
        )
