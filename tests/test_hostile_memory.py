"""Peak memory on hostile inputs stays within 30 times the file's size (issue 21's bound);
a table's, linear in its lines (issue 21).

The bound is the one `benchmarks/hostile.py` judges: (peak - the same command's peak on
facts.yaml) / file size <= 30. No test here is timed. Each measures the peak of one run
on a moderate input, with tracemalloc in this process (the growth beyond what was held
before, the same quantity without the interpreter's fixed cost), against that bound.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import FACTS
from test_hostile_data import short_records

from cosmetic_valley_cli.dataset import listed
from cosmetic_valley_cli.errors import choices
from cosmetic_valley_cli.formats import OutputFormat
from cosmetic_valley_cli.listing import Listing
from cosmetic_valley_cli.loader import parse_document
from cosmetic_valley_cli.model import Facts
from cosmetic_valley_cli.problems import DataError
from cosmetic_valley_cli.records import Document
from cosmetic_valley_cli.sections import SECTIONS
from cosmetic_valley_cli.show import print_listing

TRAILING = "white space at the end of the line (it hides in block text)"


def peak(run: Callable[[], Any]) -> int:
    """The most memory allocated at once while `run` runs, beyond what was held before."""
    tracemalloc.start()
    try:
        run()
        _now, most = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return most


def failing(text: str) -> Callable[[], DataError]:
    def run() -> DataError:
        with pytest.raises(DataError) as caught:
            parse_document(text, "hostile.yaml")
        return caught.value

    return run


# --- A mapping of many made-up keys under a key the schema refuses ----------------------


def unknown_mapping(count: int) -> str:
    return "top:\n" + "".join(f"  k{n}: v \n" for n in range(count))


def test_nothing_is_built_under_a_key_the_schema_refuses() -> None:
    # Each key's line in a dict, and a problem (a trailing blank) on every line: 20x
    # the file at peak; 23x when the tree kept every key and value under `top` as well.
    text = unknown_mapping(50_000)
    assert peak(failing(text)) < 30 * len(text)


def test_every_problem_under_a_refused_key_is_still_reported() -> None:
    text = (
        "top:\n  a: yes\n  b:\n    - &x 1\n  a: 2\n"
        + "".join(f"  k{n}: v\n" for n in range(200))
        + "  k7: again\n  c: {d: 1, d: 2}\n"
    )
    error = failing(text)()
    sections = list(Facts.model_fields)
    required = [key for key, declared in Facts.model_fields.items() if declared.is_required()]
    assert "partners" in sections
    assert list(error.lines()) == [
        *(f"hostile.yaml:1:1: CV201 the dataset: missing key {key!r}" for key in sorted(required)),
        f"hostile.yaml:1:1: CV202 top: unknown key 'top'; the keys here are: {choices(sections)}",
        "hostile.yaml:2:6: CV112 a: unquoted 'yes' is a boolean to YAML 1.1 tools; "
        'write "yes" for the text, or true/false',
        "hostile.yaml:4:7: CV104 anchors (&x) are not allowed; write the value out",
        "hostile.yaml:5:3: CV115 duplicate key 'a': first at line 2, again at line 5",
        "hostile.yaml:206:3: CV115 duplicate key 'k7': first at line 13, again at line 206",
        "hostile.yaml:207:13: CV115 duplicate key 'd': first at line 207, again at line 207",
    ]


def test_a_refused_key_in_a_record_is_reported_at_its_place() -> None:
    text = FACTS.read_text(encoding="utf-8").replace(
        "  president: ", "  colour:\n    - {a: 1, a: 2}\n  president: ", 1
    )
    line = text[: text.index("  colour:")].count("\n") + 1
    assert [problem[len("hostile.yaml:") :] for problem in failing(text)().lines()] == [
        f"{line}:3: CV202 cluster.colour: unknown key 'colour'; the keys here are: "
        f"{choices(SECTIONS['cluster'].record_fields)}",
        f"{line + 1}:14: CV115 duplicate key 'a': first at line {line + 1}, again at line "
        f"{line + 1}",
    ]


# --- A table of many lines: memory linear in them ------------------------------------------


def facts_document() -> Document:
    return cast("Document", parse_document(FACTS.read_text(encoding="utf-8"), "facts.yaml"))


def a_cell_of(count: int) -> Listing:
    """The partners, one of them with a description of `count` lines."""
    document = facts_document()
    document["partners"][1]["description"] = "".join(f"line {n}\n" for n in range(count))
    return Listing.of(SECTIONS["partners"], listed(document, "partners"))


def rows_of(count: int) -> Listing:
    """`count` partners, each as short as a valid record can be."""
    document = cast("Document", parse_document(short_records(count), "many.yaml"))
    return Listing.of(SECTIONS["partners"], listed(document, "partners"))


def print_table(listing: Listing) -> None:
    print_listing(listing, OutputFormat.TABLE, False, None, False)


@pytest.mark.parametrize(
    ("listing_of", "count"), [(a_cell_of, 3_000), (rows_of, 800)], ids=["cell", "rows"]
)
def test_a_tables_memory_is_linear_in_its_lines(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    listing_of: Callable[[int], Listing],
    count: int,
) -> None:
    """Twice the lines, at most 2.3 times the memory (issue 21: no fixed factor).

    rich draws a table whole, with several objects a line: a cell of 6,000 lines costs
    about 130 times its text. Drawn a band of lines at a time, at the price of reading
    rich's private members, it cost 25 times; a person does not read such a table.
    """
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys, "stdout", (tmp_path / "out.txt").open("w", encoding="utf-8"))
    print_table(listing_of(3))  # rich and the format imported first
    small, large = listing_of(count), listing_of(2 * count)
    ratio = peak(lambda: print_table(large)) / peak(lambda: print_table(small))
    assert ratio <= 2.3, ratio


# --- Many short records -------------------------------------------------------------------


def test_many_short_records_cost_a_dumped_record_each() -> None:
    # Each record, as pydantic dumps it, is a dict of every field (460 bytes for a
    # partner whose line is 85): 10.6x the file here.
    text = short_records(10_000)
    parse_document(short_records(10), "warm.yaml")  # pydantic's first-call caches
    assert peak(lambda: parse_document(text, "many.yaml")) < 30 * len(text)


def test_records_are_plain_data() -> None:
    text = short_records(200)
    document = parse_document(text, "many.yaml")
    partner = document["partners"][150]
    fields = SECTIONS["partners"].record_fields  # each field the record does not give is None
    assert type(partner) is dict and partner == {
        **dict.fromkeys(fields), "id": "p150", "name": "P", "type": "network",
        "evidence": [{"source": "luxus-2019", "quote": "Q"}],
    }  # fmt: skip
    assert list(partner) == list(fields) and "city" in fields
    assert list(partner) == list(document["partners"][0])
    partner["new"] = 1  # still an ordinary dict
    assert list(partner)[-1] == "new" and "new" not in document["partners"][151]
    assert json.loads(json.dumps(document)) == document


# --- A problem on every record: located in a second pass ------------------------------------


def unknown_sources(count: int) -> str:
    """facts.yaml with `count` more partners, each citing a source the dataset lacks."""
    head, rest = FACTS.read_text(encoding="utf-8").split("\npartners:\n", 1)
    extra = "".join(
        f"  - id: extra-{n}\n    name: Extra {n}\n    type: network\n    evidence:\n"
        f"      - source: nowhere-{n}\n        quote: Q\n"
        for n in range(count)
    )
    return f"{head}\npartners:\n{extra}{rest}"


def test_the_places_of_many_problems_cost_a_few_times_the_file() -> None:
    """Each place is a (line, column) pair for its key and its value: 16x the file here."""
    text = unknown_sources(4000)
    error = None

    def run() -> None:
        nonlocal error
        error = failing(text)()

    peak_of = peak(run)
    assert isinstance(error, DataError)
    assert len(error.problems) == 4000
    first = next(iter(error.lines()))
    assert first.endswith("partners[0].evidence[0].source: unknown source 'nowhere-0'; "
                          "the sources are: luxus-2019")  # fmt: skip
    size = len(text.encode("utf-8"))
    assert peak_of < 30 * size, peak_of / size
