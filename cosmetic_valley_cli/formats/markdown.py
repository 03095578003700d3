"""Markdown: a GitHub table; cells escaped by the one rule (escaping.markdown_cell).

Its columns are the field names and figures are split like CSV's (`figure.value` in
digits), so the table can be read back by a script; the cells are for people. The
evidence cites each source by a number, `“…” [1]`, and the references follow the table
(author, title, publisher, date), as a reader cites an article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..citations import reference_text
from ..escaping import markdown_cell
from ..listing import Listing
from ..sections import EVIDENCE, field

if TYPE_CHECKING:
    from ..outputs import Row
    from ..records import EvidenceRecord


def _cell(listing: Listing, record: Row, name: str, text: str) -> str:
    """A cell escaped, or a field the listing draws marked (search's passages) by its own rule."""
    marks = listing.marked(name)
    return markdown_cell(text) if marks is None else marks.markdown(field(record, name))


def render(listing: Listing) -> str:
    """The table (header, alignment, a row per record), the notes as quotes, the references."""
    names = listing.flat_fields()
    sources = listing.sources or {}
    numbers: dict[str, int] = {}  # each source cited, its number, in the order first cited

    def cited(evidence: list[EvidenceRecord]) -> str:
        return "\n".join(
            f"“{item['quote']}” [{numbers.setdefault(item['source'], len(numbers) + 1)}]"
            for item in evidence
        )

    lines = [
        "| " + " | ".join(names) + " |",  # cv's own field names: nothing to escape
        "|" + "|".join("---" for _ in names) + "|",
    ]
    at = names.index(EVIDENCE) if EVIDENCE in names and sources else None
    for record, row in zip(listing.records, listing.flat_cells(machine=False), strict=True):
        cells = [_cell(listing, record, name, text) for name, text in zip(names, row, strict=True)]
        if at is not None:
            cells[at] = markdown_cell(cited(record[EVIDENCE]))  # type: ignore[literal-required]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *(f"> {markdown_cell(note)}" for note in listing.notes)] if listing.notes else []
    if numbers:
        lines += ["", "References:", ""]
        lines += [
            f"{number}. {markdown_cell(reference_text(sources[source]))}"
            for source, number in numbers.items()
        ]
    return "\n".join(lines) + "\n"
