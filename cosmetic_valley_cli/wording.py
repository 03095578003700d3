"""How a figure reads in words, for every view that shows one to a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import FigureRecord


def figure_text(figure: FigureRecord) -> str:
    """A figure in words, as a reader says it: "nearly 600 companies", "80%"."""
    value, qualifier, unit = figure["value"], figure["qualifier"], figure["unit"]
    if unit == "percent":
        amount = f"{value}%"
    elif unit == "EUR" and value >= 1_000_000 and value % 1_000_000 == 0:
        amount = f"{value // 1_000_000:,} million euros"
    elif unit == "EUR":
        amount = f"{value:,} euros"
    else:
        amount = f"{value:,} {unit}"
    return f"{qualifier} {amount}" if qualifier else amount
