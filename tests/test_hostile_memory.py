"""Peak memory on hostile inputs stays a few times the file's size (issue 11's last target).

No test here is timed. Each measures the peak of one run on a moderate input, with
tracemalloc in this process, against a bound the code before each fix clearly passed.
"""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from conftest import FACTS

from cosmetic_valley_cli import loader
from cosmetic_valley_cli.errors import DataError
from cosmetic_valley_cli.loader import parse_document

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
    # The tree kept every key and value under `top`, and each key's line as an int:
    # 15x the file at peak, where the file's own problems (a line each) cost 1.3x.
    text = unknown_mapping(50_000)
    assert peak(failing(text)) < 8 * len(text)


def test_every_problem_under_a_refused_key_is_still_reported() -> None:
    text = (
        "top:\n  a: yes\n  b:\n    - &x 1\n  a: 2\n"
        + "".join(f"  k{n}: v\n" for n in range(200))
        + "  k7: again\n  c: {d: 1, d: 2}\n"
    )
    error = failing(text)()
    missing = ["certification", "cluster", "events", "figures", "members", "offices",
               "partners", "people", "services", "sources", "timeline", "trade_shows",
               "values"]  # fmt: skip
    assert list(error.lines()) == [
        *(f"hostile.yaml:1:1: the dataset: missing key {key!r}" for key in missing),
        "hostile.yaml:1:1: top: unknown key 'top'; the keys here are: sources, cluster, "
        "people, timeline, certification and 8 more",
        "hostile.yaml:2:6: a: unquoted 'yes' is a boolean to YAML 1.1 tools; "
        'write "yes" for the text, or true/false',
        "hostile.yaml:4:7: anchors (&x) are not allowed; write the value out",
        "hostile.yaml:5:3: duplicate key 'a': first at line 2, again at line 5",
        "hostile.yaml:206:3: duplicate key 'k7': first at line 13, again at line 206",
        "hostile.yaml:207:13: duplicate key 'd': first at line 207, again at line 207",
    ]


def test_a_refused_key_in_a_record_is_reported_at_its_place() -> None:
    text = FACTS.read_text(encoding="utf-8").replace(
        "  president: ", "  colour:\n    - {a: 1, a: 2}\n  president: ", 1
    )
    line = text[: text.index("  colour:")].count("\n") + 1
    assert [problem[len("hostile.yaml:") :] for problem in failing(text)().lines()] == [
        f"{line}:3: cluster.colour: unknown key 'colour'; the keys here are: "
        "id, name, kind, sector, mandate and 7 more",
        f"{line + 1}:14: duplicate key 'a': first at line {line + 1}, again at line {line + 1}",
    ]


@pytest.mark.parametrize("count", [3, 64, 65, 1_000, 20_000])
def test_packed_keys_find_exactly_the_duplicates_a_dict_finds(count: int) -> None:
    chance = random.Random(count)
    words = [f"k{chance.randrange(count)}" for _ in range(count)] + ["é", "\ud800", "", "é"]
    keys, seen = loader._Keys(), dict[str, int]()
    for line, word in enumerate(words, start=1):
        assert keys.first(word, line) == seen.get(word), word
        seen.setdefault(word, line)
