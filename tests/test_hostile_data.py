"""Hostile datasets: the loader stays linear, agrees with the parser, and keeps messages short.

No test here is timed. Each asserts on structure instead: the shape of the patterns the
loader runs over user text, how often the line table is made, how many places the error
path records, how long a message is, and where each problem is.
"""

from __future__ import annotations

import re
import sys
import tracemalloc
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FACTS, SHARED, need_shared

from cosmetic_valley_cli import dialect, loader, positions
from cosmetic_valley_cli.dialect import parse_yaml
from cosmetic_valley_cli.errors import CHOICES, SHOWN, choices, shown
from cosmetic_valley_cli.loader import load_facts, parse_document
from cosmetic_valley_cli.positions import Lines, locate
from cosmetic_valley_cli.problems import DataError, Problem
from cosmetic_valley_cli.sections import SECTIONS

GOOD = FACTS.read_text(encoding="utf-8")
BREAKS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}
TRAILING = "white space at the end of the line"
TAB = "a tab in the indentation"
CONTINUATION = "this quote is not closed on its line"


def problems_in(tmp_path: Path, text: str) -> list[str]:
    """The `line:col: message` lines load_facts reports for a file holding this text."""
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(DataError) as caught:
        load_facts(path)
    return [line.removeprefix(f"{path}:") for line in caught.value.lines()]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def after_partners() -> tuple[str, str]:
    """facts.yaml before its partners' records, and from the line after them on."""
    head, rest = GOOD.split("\npartners:\n", 1)
    following = re.search(r"^\S", rest, re.MULTILINE)  # the next section, or its comment
    assert following, "a section after partners"
    return head, rest[following.start() - 1 :]


def partners(count: int, bad: int | None = None) -> str:
    """facts.yaml with `count` generated partners, the one at index `bad` of no valid type."""
    head, tail = after_partners()
    records = "".join(
        f"  - id: partner-{n}\n    name: Partner {n}\n"
        f"    type: {'nowhere' if n == bad else 'network'}\n"
        f'    evidence:\n      - source: luxus-2019\n        quote: "renowned institutions"\n'
        for n in range(count)
    )
    return f"{head}\npartners:\n{records}{tail}"


# --- 1. Linear time: no pattern that backtracks, one line table, bisection ---------------


def _repeats(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The (min, max) of every repeat in a compiled pattern, nested ones included."""
    parser: Any = re._parser  # type: ignore[attr-defined]
    found: list[tuple[int, int]] = []

    def walk(node: Any) -> None:
        if isinstance(node, parser.SubPattern):
            for op, argument in node:
                if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                    found.append((argument[0], argument[1]))
                walk(argument)
        elif isinstance(node, (list, tuple)):
            for part in node:
                walk(part)

    walk(parser.parse(pattern.pattern, pattern.flags))
    return found


@pytest.mark.skipif(sys.version_info < (3, 11), reason="re._parser is Python 3.11's name")
def test_no_pattern_run_over_user_text_can_backtrack() -> None:
    # A pattern whose every repeat is bounded by a small constant looks at a bounded
    # number of characters per attempt, so a scan is linear whatever the text holds.
    # `[ \t]+(?=\r?$)` was not: 50,000 spaces then `x` took 42 s.
    patterns = [
        value
        for module in (loader, positions)
        for value in vars(module).values()
        if isinstance(value, re.Pattern)
    ]
    assert patterns
    for pattern in patterns:
        for _low, high in _repeats(pattern):
            assert high <= 3, f"{pattern.pattern!r} repeats up to {high} times"


def test_a_long_run_of_blanks_then_text_is_fine() -> None:
    _tree, problems = parse_yaml("a: b\n" + " " * 50_000 + "x\n")
    assert not [p for p in problems if TRAILING in p.message]


def test_one_line_table_locates_every_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    make = Lines.__dict__["starts"].func  # the cached_property's own function

    def counted(self: Lines) -> Any:
        built.append(self.text)
        return make(self)

    starts = cached_property(counted)
    starts.__set_name__(Lines, "starts")
    monkeypatch.setattr(Lines, "starts", starts)
    count = 500
    text = "top:\n" + "".join(f'  k{n}: "v{n} \n  w"\n' for n in range(count))
    _tree, problems = parse_yaml(text)
    assert len(built) == 1, "the line table is made once, however many problems"
    trailing = [(p.line, p.column) for p in problems if TRAILING in p.message]
    continued = [(p.line, p.column) for p in problems if CONTINUATION in p.message]
    assert trailing == [(2 * n + 2, len(f'  k{n}: "v{n}') + 1) for n in range(count)]
    # Said once for each quoted value, where its quote opens (issue 24), not at the line
    # it runs on to.
    assert continued == [(2 * n + 2, len(f"  k{n}: ") + 1) for n in range(count)]


# --- 2. The dialect agrees with the parser: every line break libyaml counts --------------


@pytest.mark.parametrize("name", BREAKS)
def test_line_table_agrees_with_the_parsers_marks(name: str) -> None:
    text = (
        GOOD.replace("\n", BREAKS[name])
        + "x:\n  - 'quoted\n\n    over lines'\n  - \u00e9t\u00e9 \U0001f600\n"
    )
    table = Lines(text)
    for parser in {dialect.PARSER, yaml.SafeLoader}:
        event: Any
        for event in yaml.parse(text, Loader=parser):
            for mark in (event.start_mark, event.end_mark):
                assert table.locate(mark.index) == (mark.line + 1, mark.column + 1)
                assert locate(text, mark.index) == (mark.line + 1, mark.column + 1)


def test_line_table_agrees_with_the_parser_on_the_yaml_test_suite() -> None:
    suite = need_shared(SHARED / "corpora" / "yaml-test-suite")
    checked = 0
    for path in sorted(suite.rglob("in.yaml")):
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        table = Lines(text)
        event: Any
        try:
            for event in yaml.parse(text, Loader=dialect.PARSER):
                mark = event.start_mark
                if mark.index == len(text):
                    continue  # libyaml ends the stream on a line of its own
                assert table.locate(mark.index) == (mark.line + 1, mark.column + 1), path
                checked += 1
        except yaml.YAMLError:
            continue
    assert checked > 1000


def test_a_line_without_its_break() -> None:
    table = Lines("a\r\nb\rc\x85d\u2028e\u2029f\n\ng")
    assert [table.line(n) for n in range(len(table))] == ["a", "b", "c", "d", "e", "f", "", "g"]


@pytest.mark.parametrize("name", BREAKS)
def test_every_kind_of_line_break_keeps_facts_valid(tmp_path: Path, name: str) -> None:
    path = tmp_path / "facts.yaml"
    text = GOOD.replace("    name: Rouen\n", '    name: "Rou\n      en"\n')
    path.write_text(text.replace("\n", BREAKS[name]), encoding="utf-8", newline="")
    facts = load_facts(path)
    # Quoted text folds a line break into a space; YAML 1.1 keeps LS and PS as they are.
    kept = BREAKS[name] if name in ("LS", "PS") else " "
    assert facts.partners[1].name == f"Rou{kept}en"


@pytest.mark.parametrize("name", BREAKS)
def test_every_problem_is_located_alike_whatever_the_line_breaks(tmp_path: Path, name: str) -> None:
    # Bare CR let trailing blanks into block text unseen; U+2028 moved every location.
    text = GOOD.replace("  kind: competitiveness cluster\n", "  kind: competitiveness cluster \n")
    text = text.replace("type: network", "type: netwrk", 1)
    text = text.replace("    name: Rouen\n", '    name: "Rou\n    en"\n')
    trailing = line_of(text, "competitiveness cluster \n")
    expected = [
        f"{trailing}:{len('  kind: competitiveness cluster') + 1}: CV102 {TRAILING}",
        f"{line_of(text, 'Rou')}:11: CV108 {CONTINUATION}",
        f"{line_of(text, 'netwrk')}:11: CV203 partners[",
    ]
    found = problems_in(tmp_path, text.replace("\n", BREAKS[name]))
    for start in expected:
        assert any(line.startswith(start) for line in found), (start, found)


@pytest.mark.parametrize("name", BREAKS)
def test_a_tab_in_the_indentation_is_refused_after_every_line_break(name: str) -> None:
    text = "a:\n  b: 1\n\tc: 2\n  d: 3\n".replace("\n", BREAKS[name])
    _tree, problems = parse_yaml(text)
    assert (3, 1, "a tab in the indentation; indent with spaces") in [
        (p.line, p.column, p.message) for p in problems
    ]


def test_a_forbidden_character_is_located_after_accented_text(tmp_path: Path) -> None:
    # libyaml reports a byte offset: the loader turns it into a character's place.
    text = GOOD.replace("Created in 1994", "Créé en 1994 \x01")
    (problem,) = problems_in(tmp_path, text)
    line = text[: text.index("\x01")]
    column = len(line) - line.rfind("\n")
    assert problem.startswith(f"{line_of(text, chr(1))}:{column}: CV101 character '\\x01' ")


# --- 3. Bounded messages ------------------------------------------------------------------


def test_choices_show_five_then_how_many_more() -> None:
    names = [f"k{n}" for n in range(12)]
    assert choices(names) == "k0, k1, k2, k3, k4 and 7 more"
    assert choices(names[:CHOICES], last=" or ") == "k0, k1, k2, k3 or k4"
    assert choices(["a"]) == "a"
    assert choices([]) == ""


def test_a_shown_value_is_cut_with_its_length() -> None:
    assert shown("abc") == "'abc'"
    assert shown("a" * 50_000) == f"'{'a' * SHOWN}…' (50,000 characters)"
    assert shown("é" * SHOWN) == repr("é" * SHOWN)


def test_an_unknown_key_names_at_most_five_valid_keys(tmp_path: Path) -> None:
    text = GOOD.replace("  president: ", "  colour: red\n  president: ")
    (problem,) = problems_in(tmp_path, text)
    keys = SECTIONS["cluster"].record_fields
    assert len(keys) > 5
    assert problem.endswith(
        "cluster.colour: unknown key 'colour'; the keys here are: "
        f"{', '.join(keys[:5])} and {len(keys) - 5} more"
    )


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace("type: network", f"type: {'n' * 50_000}", 1),
        GOOD.replace("  president: ", f"  {'k' * 1_000}: red\n  president: "),
        GOOD.replace("    author: Claire\n", f"    {'a' * 1_000}: 1\n    {'a' * 1_000}: 2\n"),
        "root:x:0:0:root:/root:/bin/bash\n" * 2_000,
        "- " + "x" * 50_000 + "\n",
        "a: &" + "b" * 50_000 + " 1\n",
    ],
    ids=["long-value", "long-key", "long-duplicate-key", "passwd", "list", "anchor"],
)
def test_every_message_is_bounded(tmp_path: Path, text: str) -> None:
    for line in problems_in(tmp_path, text):
        assert len(line) < 400, line[:400]


def test_a_5000_digit_year_gets_a_clean_message(tmp_path: Path) -> None:
    text = GOOD.replace("    year: 1994\n", f"    year: {'9' * 5_000}\n")
    found = problems_in(tmp_path, text)
    assert any("timeline[0].year" in line for line in found), found
    assert not any("int_max_str_digits" in line for line in found), found
    assert all(len(line) < 400 for line in found)


def test_a_long_bad_year_is_cut(tmp_path: Path) -> None:
    text = GOOD.replace("    year: 1994\n", f"    year: {'9' * 4_000}x\n")
    assert all(len(line) < 400 for line in problems_in(tmp_path, text))


# --- 4. Memory: the error path records only the places it reports -------------------------


def test_locating_a_problem_records_only_its_place_and_parents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded: list[int] = []
    place = loader._place

    def counting(
        where: Any, message: str, at_key: bool, code: str, found: dict[Any, Any]
    ) -> Problem:
        recorded.append(len(found))
        return place(where, message, at_key, code, found)

    monkeypatch.setattr(loader, "_place", counting)
    with pytest.raises(DataError) as caught:
        parse_document(partners(2_000, bad=1_500), "big.yaml")
    (line,) = caught.value.lines()
    assert "partners[1500].type" in line
    assert recorded == [4]  # the root, partners, partners[1500], partners[1500].type


def test_one_bad_value_costs_no_more_memory_than_a_valid_file() -> None:
    valid, invalid = partners(3_000), partners(3_000, bad=2_999)

    def peak(text: str) -> int:
        tracemalloc.start()
        try:
            parse_document(text, "big.yaml")
        except DataError:
            pass
        finally:
            _now, most = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        return most

    assert peak(invalid) <= peak(valid) * 1.2


# --- 5. Memory on every path: streaming records, no copy of the text, compact problems ---


def short_records(count: int) -> str:
    """facts.yaml with `count` partners as short as a valid record can be."""
    head, tail = after_partners()
    records = "".join(
        f"  - {{id: p{n}, name: P, type: network, evidence: [{{source: luxus-2019, quote: Q}}]}}\n"
        for n in range(count)
    )
    return f"{head}\npartners:\n{records}{tail}"


def test_each_record_is_checked_as_soon_as_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Checked only after the whole file was read, the raw records all sat beside the
    # validated ones: 15x the file at peak for a valid file of many records.
    text = short_records(3_000)
    first = text.index("{id: p0,")
    reads: list[int] = []
    pieces = dialect._Pieces.read

    def counted(self: Any, size: int = -1) -> str:
        piece: str = pieces(self, size)
        reads.append(self.at)
        return piece

    monkeypatch.setattr(dialect._Pieces, "read", counted)
    watched_reads: list[tuple[int, int]] = []
    original = loader._Records.__call__

    def checking(self: Any, section: str, index: int, raw: Any) -> Any:
        if section == "partners":
            watched_reads.append((text.index(f"{{id: p{index},") - first, reads[-1] - first))
        return original(self, section, index, raw)

    monkeypatch.setattr(loader._Records, "__call__", checking)
    assert parse_document(text, "many.yaml")["partners"][-1]["id"] == "p2999"
    assert len(watched_reads) == 2_999
    # libyaml reads ahead by a buffer (16 KiB or so), never the whole file.
    assert all(read - at < 64 * 1024 for at, read in watched_reads)


def test_reading_a_file_does_not_copy_it_whole() -> None:
    # Given a whole str, PyYAML's C parser made a UTF-8 copy of all of it first.
    text = "a: " + "x" * 4_000_000 + "\n"
    tracemalloc.start()
    try:
        parse_yaml(text)
        _now, most = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert most < 1.5 * len(text)  # the value itself, and a piece at a time


def test_a_problem_on_every_line_costs_a_few_bytes_each() -> None:
    # A Problem (a NamedTuple) and its line's int cost about 120 bytes: 25x a file of
    # 5-byte lines, each with a problem. Each line printed as well, all joined in one
    # text, cost about 300 bytes a problem: 36x.
    text = "- x \n" * 200_000
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as caught:
            parse_document(text, "blanks.yaml")
        printed = sum(1 for _line in caught.value.lines())
        _now, most = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert printed == 200_001  # every problem still printed, and the list at the top
    assert most < 30 * len(text)


def test_problems_come_out_in_file_order_however_they_went_in() -> None:
    found = [Problem(3, 1, "b", "CV299"), Problem(1, 5, "z", "CV299"),
             Problem(3, 1, "a", "CV299"), Problem(2, 9, "m", "CV299")]  # fmt: skip
    error = DataError("f.yaml", found)
    assert list(error.problems) == sorted(found)
    assert list(error.lines()) == [
        f"f.yaml:{p.line}:{p.column}: {p.code} {p.message}" for p in sorted(found)
    ]
    assert str(error) == "\n".join(error.lines())


def test_the_sources_are_listed_once_however_many_are_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each unknown-source message listed every source id again (a list of N per
    # message, N messages): 40,000 of them took 21 s in _reference_problems alone.
    listed: list[int] = []

    def counting(names: Any, last: str = ", ") -> str:
        listed.append(len(names))
        return choices(names, last)

    monkeypatch.setattr(loader, "choices", counting)
    head, rest = GOOD.split("\ncluster:\n", 1)
    extra = "".join(
        f'  - id: s{n}\n    title: T\n    publisher: P\n    date: "2019"\n'
        f'    evidence:\n      - source: nowhere-{n}\n        quote: "Q"\n'
        for n in range(500)
    )
    with pytest.raises(DataError) as caught:
        parse_document(f"{head}\n{extra}cluster:\n{rest}", "sources.yaml")
    assert len(caught.value.lines()) == 500
    assert sum(listed) < 2 * 501 + 100  # the sources listed once, not once per message
