"""Records as rows: the one shape every output format prints.

A `Listing` is a section's records with the fields to show, in a stable order: each
record's own fields as the model declares them, then `source` and `quote`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from pydantic import BaseModel

from .errors import UsageProblem
from .model import Figure

EVIDENCE = ("source", "quote")


def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's fields in output order: its own first, its evidence last."""
    names = [name for name in model.model_fields if name not in EVIDENCE]
    return (*names, *(name for name in EVIDENCE if name in model.model_fields))


def cell(value: Any) -> str:
    """A value as the text of one table or CSV cell: no reprs, no "None"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Figure):
        return value.text
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {cell(item)}" for key, item in value.items() if cell(item))
    return str(value)


@dataclass(frozen=True)
class Listing:
    """Records of one model to print, and which of its fields to print."""

    title: str
    model: type[BaseModel]
    records: Sequence[BaseModel]
    fields: tuple[str, ...] = ()
    chosen: bool = False  # the user picked the fields with --fields
    single: bool = False  # a section that is one record (members), not a list
    table_fields: tuple[str, ...] = ()  # a table's columns when they are not the default

    @classmethod
    def of(
        cls,
        title: str,
        model: type[BaseModel],
        records: Sequence[BaseModel],
        *,
        single: bool = False,
        table_fields: tuple[str, ...] = (),
    ) -> Listing:
        """All of a model's fields, in output order."""
        fields = field_names(model)
        return cls(title, model, records, fields, single=single, table_fields=table_fields)

    def select(self, spec: str | None) -> Listing:
        """Keep the fields named in `name,type,...`, in that order; unknown names are errors."""
        if spec is None:
            return self
        names = tuple(name.strip() for name in spec.split(",") if name.strip())
        valid = field_names(self.model)
        unknown = [name for name in names if name not in valid]
        if unknown or not names:
            what = f"unknown field {', '.join(map(repr, unknown))}" if unknown else "no field"
            raise UsageProblem(f"{what} for {self.title}; the fields are: {', '.join(valid)}")
        return replace(self, fields=names, chosen=True)

    def values(self) -> list[dict[str, Any]]:
        """The records as JSON-ready mappings of the selected fields."""
        return [
            {name: dumped[name] for name in self.fields}
            for dumped in (record.model_dump(mode="json") for record in self.records)
        ]

    def cells(self, fields: Sequence[str] | None = None) -> list[list[str]]:
        """The records as rows of cell text, for tables, CSV and Markdown."""
        names = self.fields if fields is None else fields
        return [[cell(getattr(record, name)) for name in names] for record in self.records]

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
                and any(getattr(record, name) not in (None, []) for record in self.records)
            )
            or self.fields
        )
