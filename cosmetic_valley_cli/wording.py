"""How figures and sites read in words, for every view that shows them to a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .records import FigureRecord, OfficeRecord


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


def site_text(office: OfficeRecord) -> str:
    """A site as a reader says it, with its state: "local office in Marseille (being opened)".

    A named site is its name and city ("Cosmetics House, Chartres"); an unnamed one is
    its kind in words and its city, never a made-up name (issue 23: "office, Marseille").
    """
    said = (
        f"{office['name']}, {office['city']}"
        if office["name"]
        else f"{kind_text(office['type'])} in {office['city']}"
    )
    return f"{said} ({office['status']})" if office["status"] else said


def kind_text(kind: str) -> str:
    """A type in words: `region-or-cluster` is "region or cluster", never a slug."""
    return kind.replace("-", " ")


def markers(cites: Sequence[int], number: Callable[[int], str] = str) -> str:
    """The citation numbers as one unbreakable word: [2], [1–4], [5,7]; nothing for none.

    `number` draws each number (the page makes it a link).
    """
    if not cites:
        return ""
    said = []
    for first, last in runs(cites):
        joint = "" if first == last else "," if last == first + 1 else "–"
        said.append(number(first) + (joint + number(last) if joint else ""))
    return "[" + ",".join(said) + "]"


def runs(cites: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last): [1, 2, 3, 5] is (1, 3), (5, 5)."""
    found: list[tuple[int, int]] = []
    for number in cites:
        if found and number == found[-1][1] + 1:
            found[-1] = (found[-1][0], number)
        else:
            found.append((number, number))
    return found
