"""Issue 24 (a first part): a value that does not fit its pattern is told its form, with
an example, never "must not be empty" (which every pattern failure said before)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FACTS
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.model import FORMS, json_schema

runner = CliRunner()


@pytest.mark.parametrize(
    ("line", "wrong", "told"),
    [("  - id: university-rouen", "  - id: University Rouen",
      "partners[1].id: 'University Rouen' does not fit: an id is lower-case words"),
     ("  - id: university-rouen", "  - id: university_rouen", "like 'university-rouen'"),
     ('    as_of: "2019"', '    as_of: "March 2019"',
      "members[0].as_of: 'March 2019' does not fit: a date is YYYY, YYYY-MM or YYYY-MM-DD"),
     ('    as_of: "2019"', '    as_of: "2019-13-45"', "a date is YYYY, YYYY-MM or YYYY-MM-DD"),
     ("    name: Rouen", '    name: "   "', "partners[1].name: '   ' does not fit: text must"),
     ("    sha256: d89f", "    sha256: D89F", "a SHA-256 is 64 lower-case hexadecimal digits")],
)  # fmt: skip
def test_a_value_that_does_not_fit_is_told_its_form(
    tmp_path: Path, line: str, wrong: str, told: str
) -> None:
    text = FACTS.read_text(encoding="utf-8")
    assert line in text
    path = tmp_path / "wrong.yaml"
    path.write_text(text.replace(line, wrong, 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert told in result.stderr, result.stderr
    assert "must not be empty" not in result.stderr


def test_every_pattern_of_the_schema_has_its_form_in_words() -> None:
    patterns = set(re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', json.dumps(json_schema())))
    patterns = {json.loads(f'"{pattern}"') for pattern in patterns}
    numeric = {pattern for pattern in patterns if pattern.startswith(("^(0|", "^[1-9]", "^(100"))}
    assert patterns - numeric - set(FORMS) == set()


@pytest.mark.parametrize("fast", ["on", "off"])
@pytest.mark.parametrize(
    "args",
    [["-t", "university", "-t", "institution"], ["--type", "university,institution"],
     ["--type", "institution,university"], ["-t", "university", "--type=institution,university"]],
)  # fmt: skip
def test_several_types_are_their_union_in_the_data_s_order(args: list[str], fast: str) -> None:
    """Issue 24: `--type university --type institution` silently kept the last one."""
    import os
    import subprocess

    from test_installed import CV

    result = subprocess.run([str(CV), "partners", *args, "--json"], capture_output=True,
                            text=True, timeout=60, check=True,
                            env={**os.environ, "CV_FAST": fast})  # fmt: skip
    kinds = [partner["type"] for partner in json.loads(result.stdout)]
    assert kinds == ["university"] * 9 + ["institution"] * 3


def test_an_empty_listing_says_so_on_stderr() -> None:
    """Issue 24: a listing with no records printed nothing at all, on stdout or stderr."""
    result = runner.invoke(app, ["events", "--type", "training"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "cv: no events of type training in the dataset\n"
    as_json = runner.invoke(app, ["events", "--type", "training", "--json"])
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (0, [])


def test_an_empty_name_in_a_type_list_is_refused() -> None:
    result = runner.invoke(app, ["partners", "--type", "university,"])
    assert result.exit_code == 2
    assert result.stderr.startswith("cv: error: invalid --type/-t ''; choose from university")


@pytest.mark.parametrize(
    ("args", "hint"),
    [(["partners", "--fields", "nme"], "did you mean 'name'?"),
     (["figures", "--fields", "id,figure.valu"], "did you mean 'figure.value'?"),
     (["schema", "--output", "partner"], "did you mean 'partners'?")],
)  # fmt: skip
def test_a_misspelt_name_gets_a_did_you_mean(args: list[str], hint: str) -> None:
    """Issue 24: no did-you-mean for --fields nme, figure.valu or schema --output partner."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"cv: hint: {hint}"


def test_many_unknown_fields_get_one_hint_only() -> None:
    spec = ",".join(f"nme{n}" for n in range(2000))
    result = runner.invoke(app, ["partners", "--fields", spec])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 2


@pytest.mark.parametrize(
    ("original", "altered", "shown"),
    [("some twenty candidates eager to join it\"", "some 20 candidates eager to join it\"",
      "'…boards of directors some twenty candidates eager to join it. Perfumery and cosme…' "
      "(the quote has '20' where the source has 'twenty')"),
     ('quote: "labelled in 2005"', 'quote: "labeled in 2005"',
      "(the quote has 'labeled' where the source has 'labelled')"),
     ('quote: "By Claire"', 'quote: "By Claire Dupont"',
      "(the quote has 'Dupont' where the source has 'Created')")],
)  # fmt: skip
def test_the_nearest_passage_shows_where_a_quote_differs(
    tmp_path: Path, original: str, altered: str, shown: str
) -> None:
    """Issue 24: "some twenty" made "some 20" in a 200-character quote gave a passage cut
    off before the difference, and short quotes ("labeled in 2005") got none."""
    from conftest import REPO

    text = FACTS.read_text(encoding="utf-8")
    assert original in text
    path = tmp_path / "altered.yaml"
    path.write_text(text.replace(original, altered, 1), encoding="utf-8")
    article = REPO.parent / "shared" / "seeds" / "000_9e8f03860a0667c4.txt"
    result = runner.invoke(app, ["validate", str(path), "--against", f"luxus-2019={article}"])
    assert result.exit_code == 1
    assert shown in result.stderr, result.stderr


SMALL = "".join(
    [
        "sources:\n",
        "  - id: a\n",
        "    title: T\n",
        '    date: "2019"\n',
        "    evidence:\n",
        "      - source: a\n",
        "        quote: Q\n",
    ]
)


@pytest.mark.parametrize("shape", ["facts", "small"])
@pytest.mark.parametrize(
    ("mistake", "told"),
    [("unclosed-quote", "this quote is"), ("missing-colon", "a key needs ':' after it"),
     ("tab", "a tab in the indentation; indent with spaces"),
     ("over-indented", "': ' here would start a key inside a value")],
)  # fmt: skip
def test_a_yaml_mistake_is_told_once_at_the_line_to_edit(
    tmp_path: Path, shape: str, mistake: str, told: str
) -> None:
    """Issue 24: an unclosed quote gave a message on each line it swallowed, and never
    named the line where it opens; libyaml's words reached the user raw."""
    text = FACTS.read_text(encoding="utf-8") if shape == "facts" else SMALL
    lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("    title: "))
    key, value = lines[at].rstrip("\n").split(": ", 1)
    lines[at] = {
        "unclosed-quote": f'{key}: "{value.strip(chr(34))}\n',
        "missing-colon": f"{key} {value}\n",
        "tab": "\t" + lines[at].lstrip(" "),
        "over-indented": "  " + lines[at],
    }[mistake]
    said = one_message(tmp_path, lines, at + 1)
    assert told in said
    assert "while scanning" not in said and "while parsing" not in said


def one_message(tmp_path: Path, lines: list[str], line: int) -> str:
    """The one message `cv validate` gives for the lines, which must be at `line`."""
    path = tmp_path / "mistake.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    said = result.stderr.splitlines()
    assert len(said) == 1, said  # one cause, one message
    assert said[0].startswith(f"{path}:{line}:"), said
    return said[0]


@pytest.mark.parametrize(
    ("line", "wrong", "told"),
    [("    evidence:\n      - source: luxus-2019\n        quote: \"9 universities",
      "    evidnce:\n      - source: luxus-2019\n        quote: \"9 universities",
      "unknown key 'evidnce'; did you mean 'evidence'? the keys here are: evidence, "),
     ("    name: Rouen\n", "    nmae: Rouen\n",
      "unknown key 'nmae'; did you mean 'name'? the keys here are: name, "),
     ("  - source: luxus-2019\n        quote: \"9 universities",
      "  - sourc: luxus-2019\n        quote: \"9 universities",
      "unknown key 'sourc'; did you mean 'source'? the keys here are: source, quote")],
    ids=["evidence", "name", "nested-source"],
)  # fmt: skip
def test_a_misspelt_key_is_one_problem_with_the_right_key_first(
    tmp_path: Path, line: str, wrong: str, told: str
) -> None:
    """Issue 24: `evidnce:` listed "id, name, type, relation, city and 6 more", hiding
    the right key, and said `missing key 'evidence'` as a second problem of one cause."""
    text = FACTS.read_text(encoding="utf-8")
    start = text.index("partners:")
    at = text.index(line, start)
    path = tmp_path / "misspelt.yaml"
    path.write_text(text[:at] + wrong + text[at + len(line) :], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines  # not also "missing key"
    assert told in lines[0]


def test_an_unknown_source_of_against_gets_a_did_you_mean(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("words", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--against", f"luxus-2018={text}"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "cv: hint: did you mean 'luxus-2019'?"


def test_an_unknown_source_or_speaker_in_the_data_gets_a_did_you_mean(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8")
    at = text.index("      - source: luxus-2019", text.index("partners:"))
    wrong = (
        text[:at] + "      - source: luxus-2091" + text[at + len("      - source: luxus-2019") :]
    )
    path = tmp_path / "unknown.yaml"
    path.write_text(wrong, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "unknown source 'luxus-2091'; did you mean 'luxus-2019'?" in result.stderr


EXAMPLE = FACTS.parent / "tests" / "fixtures" / "example-next-year.yaml"


@pytest.mark.parametrize("shape", ["facts", "example-next-year"])
@pytest.mark.parametrize(
    ("mistake", "offset", "told"),
    [("duplicate-key", 1, "CV115 duplicate key 'title': first at line"),
     ("stray-character", 0, "CV124 the character '@' cannot start a value here: quote the value"),
     ("list-in-a-mapping", 0, "CV121 this line is not a key of the mapping that starts at"),
     ("under-indented", 0, "an item there starts with '- ' at column 3, and a key of an "
                           "item at column 5")],
)  # fmt: skip
def test_more_yaml_mistakes_are_told_at_the_line_to_edit(
    tmp_path: Path, shape: str, mistake: str, offset: int, told: str
) -> None:
    """Issue 24: a duplicate key, a stray character, a list item where a key goes, and
    an under-indented key, each on two files of different shapes. Where two columns
    would be right (an item of the list, or a key of its item), both are named."""
    text = (FACTS if shape == "facts" else EXAMPLE).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("    title: "))
    key, value = lines[at].rstrip("\n").split(": ", 1)
    lines[at] = {
        "duplicate-key": lines[at] + lines[at],
        "stray-character": f"{key}: @{value}\n",
        "list-in-a-mapping": "    - " + lines[at].lstrip(" "),
        "under-indented": lines[at][1:],
    }[mistake]
    assert told in one_message(tmp_path, lines, at + 1 + offset)
