"""The strict loader: each class of bad input has its own named case, located."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FACTS

from cosmetic_valley_cli.dialect import MAX_DEPTH, parse_yaml
from cosmetic_valley_cli.errors import CvError
from cosmetic_valley_cli.loader import load_facts
from cosmetic_valley_cli.problems import DataError
from cosmetic_valley_cli.reading import MAX_BYTES

GOOD = FACTS.read_text(encoding="utf-8")


def problems_in(tmp_path: Path, content: str | bytes) -> list[str]:
    """The located lines load_facts reports for a file with this content."""
    path = tmp_path / "data.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        load_facts(path)
    lines = caught.value.lines()
    assert lines
    assert all(line.startswith(f"{path}:") for line in lines)
    return [line.removeprefix(f"{path}:") for line in lines]


def edit(old: str, new: str, count: int = 1) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, count)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


AUTHOR = line_of(GOOD, "    author: Claire\n")
"""The line of the source's author, which the duplicate-key cases write twice."""

BAD = {
    "duplicate-key": (
        edit("    author: Claire\n", "    author: Claire\n    author: Bob\n"),
        f"duplicate key 'author': first at line {AUTHOR}, again at line {AUTHOR + 1}",
    ),
    "misspelled-type": (
        edit("type: university", "type: universty"),
        "'universty' is not a valid type; expected one of: 'university'",
    ),
    "no-as-a-name": (
        edit("    name: LNE\n", "    name: no\n"),
        "name: unquoted 'no' is a boolean to YAML 1.1 tools",
    ),
    "on-as-a-city": (edit("    city: Dubai\n", "    city: on\n"), "city: unquoted 'on'"),
    "sexagesimal-year": (
        edit("    year: 1994\n", "    year: 33:14\n"),
        "timeline[0].year: expected a whole number written in digits (like 1994), got '33:14'",
    ),
    "octal-looking-year": (edit("    year: 1994\n", "    year: 01994\n"), "got '01994'"),
    "date-as-year": (edit("    year: 1994\n", "    year: 1994-01-01\n"), "got '1994-01-01'"),
    "float-count": (edit("clusters_certified: 48", "clusters_certified: 48.0"), "got '48.0'"),
    "unknown-key": (
        edit("    architect: Search\n", "    architect: Search\n    colour: red\n"),
        "offices[0].colour: unknown key 'colour'; the keys here are: id, name, type",
    ),
    "missing-key": (
        edit("    name: Rouen\n    type: university\n", "    name: Rouen\n"),
        "partners[1]: missing key 'type'",
    ),
    "empty-value": (
        edit("  name: Cosmetic Valley\n", "  name:\n"),
        "cluster.name: expected text, got nothing",
    ),
    "list-for-text": (
        edit("  sector: perfumery and cosmetics\n", "  sector: [a, b]\n"),
        "cluster.sector: expected text, got a list",
    ),
    "unknown-source": (
        edit(
            '      - source: luxus-2019\n        quote: "Created in 1994"',
            '      - source: luxus-2020\n        quote: "Created in 1994"',
        ),
        "timeline[0].evidence[0].source: unknown source 'luxus-2020'",
    ),
    "flag-as-yes-text": (
        edit("led_by_cosmetic_valley: true", 'led_by_cosmetic_valley: "yes"'),
        "expected true or false, got 'yes'",
    ),
    "python-tag": (
        edit(
            "  kind: competitiveness cluster\n",
            "  kind: !!python/object/apply:os.system [echo hi]\n",
        ),
        "tags (!!python/object/apply:os.system) are not allowed",
    ),
    "str-tag": (
        edit("  kind: competitiveness cluster\n", "  kind: !!str cluster\n"),
        "tags (!!str) are not allowed",
    ),
    "anchor-and-alias": (
        edit(
            "  sector: perfumery and cosmetics\n  mandate: mandated",
            "  sector: &s perfumery and cosmetics\n  mandate: *s\n  x: mandated",
        ),
        "aliases (*s) are not allowed",
    ),
    "merge-key": (
        edit("cluster:\n", "cluster:\n  <<: {name: X}\n"),
        "merge keys (<<) are not allowed",
    ),
    "two-documents": (GOOD + "---\nsources: []\n", "a second document starts here"),
    "empty-file": ("", "the file holds no data"),
    "only-comments": ("# nothing here\n", "the file holds no data"),
    "top-level-list": ("- a\n- b\n", "the top level must be a mapping of sections"),
    "top-level-scalar": ("hello\n", "found the text 'hello'"),
    "syntax-error": (edit("cluster:\n", "cluster: [\n"), "did not find expected ',' or ']'"),
    "trailing-space": (
        edit("  kind: competitiveness cluster\n", "  kind: competitiveness cluster \n"),
        "white space at the end",
    ),
    "tab-indent": (
        edit("  kind: competitiveness cluster\n", "\tkind: competitiveness cluster\n"),
        "a tab in the indentation",
    ),
    "not-utf8": (
        GOOD.encode("utf-8").replace("Orléans".encode(), "Orléans".encode("latin-1")),
        "byte 0xe9 is not UTF-8 text",
    ),
    "nul-byte": (edit("Created in 1994", "Created\x00 in 1994"), "is not allowed in YAML"),
}


@pytest.mark.parametrize(("content", "expected"), BAD.values(), ids=BAD.keys())
def test_bad_input_is_located(tmp_path: Path, content: str | bytes, expected: str) -> None:
    problems = problems_in(tmp_path, content)
    assert any(expected in line for line in problems), problems
    for line in problems:
        where, _, message = line.partition(": ")
        assert [int(n) for n in where.split(":")], line
        assert message


def test_the_three_problems_of_the_issue(tmp_path: Path) -> None:
    text = edit("    author: Claire\n", "    author: Claire\n    author: Bob\n")
    text = text.replace("type: university", "type: universty", 1)
    text = text.replace("    name: LNE\n", "    name: no\n")
    problems = problems_in(tmp_path, text)
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"{AUTHOR + 1}:5: CV115 duplicate key 'author'")
    assert problems[1].startswith(f"{line_of(text, 'universty')}:11: CV203 partners[0].type")
    assert problems[2].startswith(f"{line_of(text, 'name: no')}:11: CV112 name: unquoted 'no'")


def test_problems_are_sorted_and_all_reported(tmp_path: Path) -> None:
    text = edit("    year: 2005\n", "    year: MMV\n").replace("type: network", "type: net")
    problems = problems_in(tmp_path, text.replace("  kind: competitiveness", "  kind: [1]\n  k: "))
    lines = [int(p.split(":")[0]) for p in problems]
    assert lines == sorted(lines)
    assert len(problems) >= 4


def test_missing_key_points_at_its_parent(tmp_path: Path) -> None:
    text = edit("    name: Rouen\n    type: university\n", "    name: Rouen\n")
    (problem,) = problems_in(tmp_path, text)
    assert problem.startswith(f"{line_of(text, '- id: university-rouen')}:5: ")


def test_unknown_key_points_at_the_key(tmp_path: Path) -> None:
    text = edit("    architect: Search\n", "    architect: Search\n    colour: red\n")
    (problem,) = problems_in(tmp_path, text)
    assert problem.startswith(f"{line_of(text, 'colour: red')}:5: ")


def test_byte_order_mark_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    facts = load_facts(path)
    assert facts.cluster.name == "Cosmetic Valley"
    assert facts.partners[0].name == "Orléans"


def test_not_utf8_is_located_at_its_line_and_column(tmp_path: Path) -> None:
    content = GOOD.encode("utf-8").replace("Orléans".encode(), "Orléans".encode("latin-1"))
    (problem,) = problems_in(tmp_path, content)
    assert problem.startswith(f"{line_of(GOOD, 'name: Orléans')}:{len('    name: Orl') + 1}: ")


def test_quoted_no_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "quoted.yaml"
    path.write_text(edit("    name: LNE\n", '    name: "no"\n'), encoding="utf-8")
    assert load_facts(path).partners[10].name == "no"


def test_alias_bomb_fails_fast() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{','.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9)
    )
    started = time.perf_counter()
    _tree, problems = parse_yaml(bomb)
    assert time.perf_counter() - started < 1
    assert any("aliases" in p.message for p in problems)


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "], ids=["flow-list", "flow-map", "block"])
def test_deep_nesting_is_refused_without_crashing(opener: str) -> None:
    tree, problems = parse_yaml("x: " + (opener * 100_000).rstrip())
    assert tree is None
    assert problems
    assert problems[0].line == 1
    if opener != "- ":  # flow: libyaml's limit or cv's, said in cv's words
        assert problems[0].message == f"nested deeper than {MAX_DEPTH} levels"


def test_nesting_limit_is_reported() -> None:
    text = "a:\n" + "".join("  " * n + "- \n" for n in range(1, MAX_DEPTH + 5))
    tree, problems = parse_yaml(text.replace("- \n", "-\n"))
    assert tree is None
    assert any(f"nested deeper than {MAX_DEPTH}" in p.message for p in problems)


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.write(b"a: " + b"x" * (64 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    problem = _refused(path)
    assert time.perf_counter() - started < 5
    assert f"larger than {MAX_BYTES // (1024 * 1024)} MiB" in problem


def _refused(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_facts(path)
    (line,) = caught.value.lines()
    return line


def test_directory_and_missing_file_are_clear() -> None:
    with pytest.raises(CvError, match=r"cannot read .*: No such file or directory"):
        load_facts("/no/such/dataset.yaml")
    with pytest.raises(CvError, match="Is a directory"):
        load_facts(FACTS.parent)
