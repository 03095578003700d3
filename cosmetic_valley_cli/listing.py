"""Records as rows: the one shape every output format prints.

A `Listing` is typed records (records.py) with the section they come from, the
fields to show in a stable order (each record's own fields, then `source` and `quote`),
and a title, so that a format can read a record's section, type and label.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple, cast

from .errors import UsageProblem, choices, closest, shown
from .escaping import visible
from .outputs import Passage, Row, SearchHit
from .sections import (
    CAVEATS,
    EVIDENCE,
    EVIDENCE_PARTS,
    FIGURE_PARTS,
    ID,
    NOTED,
    SECTIONS,
    Section,
    field,
    figure_fields,
)
from .wording import figure_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from typing import Any

    from rich.text import Text

    from .records import FigureRecord, SourceRecord

PASSAGE_PARTS = tuple(Passage.__annotations__)
"""A search hit's passage: the field, in words, a quote's source, the text and marks."""


def is_figure(value: object) -> bool:
    """Whether a JSON value is a figure: {"value", "qualifier", "unit"}."""
    return isinstance(value, dict) and value.keys() == set(FIGURE_PARTS)


def is_evidence(value: object) -> bool:
    """Whether a JSON value is a record's evidence: a list of {"source", "quote"}."""
    return _list_of(value, EVIDENCE_PARTS)


def is_passages(value: object) -> bool:
    """Whether a JSON value is a search hit's passages: a list of outputs.Passage."""
    return _list_of(value, PASSAGE_PARTS)


def _list_of(value: object, parts: tuple[str, ...]) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and item.keys() == set(parts) for item in value)
    )


def frame(passage: Passage) -> tuple[str, str]:
    """What stands before and after a passage's text: a quote is quoted, with its source.

    As an evidence cell quotes it (`luxus-2019: “...”`); a field's value stands alone.
    """
    return ("", "") if passage["source"] is None else (f"{passage['source']}: “", "”")


def cell(value: Any, *, human: bool = False) -> str:
    """A value as the text of one cell: no reprs, no "None".

    `human` cells are for people (tables, Markdown): a flag reads yes or no. Machine
    cells (CSV) keep true and false.
    """
    if is_evidence(value):
        return "\n".join(f"{item['source']}: “{item['quote']}”" for item in value)
    if is_passages(value):
        return "\n".join(item["text"].join(frame(item)) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("yes" if value else "no") if human else ("true" if value else "false")
    if is_figure(value):
        return figure_text(cast("FigureRecord", value))
    if isinstance(value, list):
        return "; ".join(cell(item, human=human) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {cell(item, human=human)}" for key, item in value.items() if cell(item)
        )
    return str(value)


def _get(record: Row, name: str) -> Any:
    """A field of a record, or a part of a figure field (`figure.value`)."""
    base, dot, part = name.partition(".")
    value = field(record, base)
    if dot:
        return value.get(part) if isinstance(value, dict) else None
    return value


def _human(name: str, value: Any) -> str:
    """A cell for people: a section key reads as its section's title."""
    if name == "section" and isinstance(value, str) and value in SECTIONS:
        return SECTIONS[value].title
    return cell(value, human=True)


class Marks(NamedTuple):
    """How some fields of a listing are drawn for people beyond their text: marked.

    Search's passages carry where the words were found; a terminal shows them bold, a
    Markdown reader in `**`. Each function is given the field's value and returns the
    cell, made visible (a rich Text) or escaped (Markdown) by the reader's one rule.
    The cell's text is the one `cell` gives: the table is laid out by it.
    """

    fields: tuple[str, ...]
    terminal: Callable[[Any], Text]
    markdown: Callable[[Any], str]


class Listing(NamedTuple):
    """Records to print, the section they belong to, and which of their fields to print.

    Never changed once made: `_replace` gives a new one.
    """

    title: str
    section: Section | None  # None for rows that are not a section's records (search hits)
    available: tuple[str, ...]  # every field the records have, in output order
    records: Sequence[Row]
    fields: tuple[str, ...] = ()  # the fields to print
    chosen: bool = False  # the user picked the fields with --fields
    table_fields: tuple[str, ...] = ()  # a table's columns when they are not the default
    notes: tuple[str, ...] = ()  # what a person should know beyond the cells
    csv_raw: bool = False  # CSV cells as they are, formulas included (--csv-raw)
    sources: Mapping[str, SourceRecord] | None = None  # to cite the evidence's sources by
    marks: Marks | None = None  # fields drawn marked (search's passages)

    @classmethod
    def of(cls, section: Section, records: Sequence[Row], title: str | None = None) -> Listing:
        """A section's records with all their fields, in output order."""
        available = (
            *section.fields,
            *(f"{name}.{part}" for name in figure_fields(section) for part in FIGURE_PARTS),
        )
        return cls(title or section.title, section, available, records, section.fields)

    @classmethod
    def rows(
        cls,
        title: str,
        fields: tuple[str, ...],
        records: Sequence[SearchHit],
        table_fields: tuple[str, ...] = (),
        marks: Marks | None = None,
    ) -> Listing:
        """Rows that are not one section's records, such as search hits."""
        return cls(title, None, fields, records, fields, table_fields=table_fields, marks=marks)

    def marked(self, name: str) -> Marks | None:
        """How the field is drawn marked, or None: a plain cell."""
        return self.marks if self.marks is not None and name in self.marks.fields else None

    @property
    def single(self) -> bool:
        """A section that is one record (members), printed as an object, not a list."""
        return self.section is not None and not self.section.many

    def select(self, spec: str | None) -> Listing:
        """Keep the fields named in `name,type,...`, in that order; unknown names are errors."""
        if spec is None:
            return self
        names = tuple(name.strip() for name in spec.split(","))
        if "" in names and any(names):
            raise UsageProblem(
                "--fields has an empty name (two commas in a row, or one at an end); "
                "name each field once, as in --fields name,type"
            )
        names = tuple(name for name in names if name)
        figures = set(figure_fields(self.section)) if self.section is not None else set()
        columns = [f"{name}.{part}" for name in names if name in figures for part in FIGURE_PARTS]
        columns += [name for name in names if name not in figures]
        counted = Counter(columns)
        twice = sorted(name for name, count in counted.items() if count > 1)
        if twice:
            raise UsageProblem(
                f"--fields names {choices([repr(name) for name in twice])} twice; "
                "name each field once"
            )
        unknown = [name for name in names if name not in self.available]
        if unknown or not names:
            what = "no field"
            if unknown:
                what = f"unknown field {choices([shown(name) for name in unknown])}"
            valid = ", ".join(self.available)
            near = closest(unknown[0], list(self.available)) if unknown else None
            raise UsageProblem(
                f"{what} for {self.title}; the fields are: {valid}",
                f"did you mean {near!r}?" if near else None,
            )
        return self._replace(fields=names, chosen=True)

    def dropped_caveats(self) -> list[str]:
        """The caveat columns (sections.CAVEATS) that --fields left out, where a record has one.

        A date inferred, a name corrected, a figure's hedge: printed without them, the
        other columns say more than the source does, so the user is told.
        """
        if not self.chosen:
            return []
        kept = set(self.fields)
        return [
            name
            for name in self.available
            if name.rpartition(".")[2] in CAVEATS
            and name not in kept
            and name.partition(".")[0] not in kept
            and any(_get(record, name) not in (None, False, []) for record in self.records)
        ]

    def values(self) -> Iterator[dict[str, Any]]:
        """The records as JSON-ready mappings of the selected fields, one at a time."""
        for record in self.records:
            yield {name: _get(record, name) for name in self.fields}

    def cells(self, fields: Sequence[str] | None = None) -> list[list[str]]:
        """The records as rows of cell text for people (tables), made visible."""
        names = self.fields if fields is None else fields
        return [
            [visible(_human(name, _get(record, name)), lines=True) for name in names]
            for record in self.records
        ]

    def flat_fields(self) -> tuple[str, ...]:
        """The columns of a flat format (CSV, Markdown): each figure as value, qualifier, unit.

        So a spreadsheet or pandas reads numbers as numbers: `figure.value` is 150000.
        """
        figures = set(figure_fields(self.section)) if self.section is not None else set()
        return tuple(
            part
            for name in self.fields
            for part in (
                [f"{name}.{piece}" for piece in FIGURE_PARTS] if name in figures else [name]
            )
        )

    def flat_cells(self, machine: bool) -> Iterator[list[str]]:
        """The records as rows of flat cells: machine text for CSV, human text for Markdown."""
        names = self.flat_fields()
        for record in self.records:
            yield [
                cell(_get(record, name))
                if machine
                else visible(_human(name, _get(record, name)), lines=True)
                for name in names
            ]

    def shown_in_table(self) -> tuple[str, ...]:
        """A table's columns: the chosen fields, or all but id, evidence and empty columns."""
        if self.chosen:
            return self.fields
        if self.table_fields:
            return self.table_fields
        return (
            tuple(
                name
                for name in self.fields
                if name not in (ID, *NOTED)
                and (name != EVIDENCE or (self.section is not None and self.section.quoted))
                and any(_get(record, name) not in (None, []) for record in self.records)
            )
            or self.fields
        )
