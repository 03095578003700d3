"""Markdown: a GitHub table, with `|` escaped and line breaks kept as <br>."""

from __future__ import annotations

from ..listing import Listing


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def render(listing: Listing) -> str:
    """A header row, the alignment row, then one row per record."""
    lines = [
        "| " + " | ".join(_escape(name) for name in listing.fields) + " |",
        "|" + "|".join("---" for _ in listing.fields) + "|",
    ]
    lines += ["| " + " | ".join(_escape(text) for text in row) + " |" for row in listing.cells()]
    lines += ["", *(f"> {_escape(note)}" for note in listing.notes)] if listing.notes else []
    return "\n".join(lines) + "\n"
