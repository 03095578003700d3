"""Words for people, numbers that stay numbers, and the conventions people expect.

Each class the review found has its own named test: field names in tables, words split
mid-word, figures as text in CSV, duplicate fields, colour variables, one-substring
search, choices without a suggestion, misplaced global options, two error styles, and
a bare `cv` that failed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess

import pytest
import typer.main
from conftest import REPO
from test_installed import CV
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.sections import LISTED, SECTIONS, figure_fields
from cosmetic_valley_cli.version import __version__

runner = CliRunner()
_GROUP = typer.main.get_command(app)
COMMANDS = sorted(name for name, command in _GROUP.commands.items()  # type: ignore[attr-defined]
                  if not command.hidden)  # fmt: skip  # __complete: the shells' entry point
FIELD_NAMES = {name for section in SECTIONS.values() for name in section.fields if "_" in name}


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


# Words for people


@pytest.mark.parametrize("columns", ["80", "60"])
@pytest.mark.parametrize("command", [*LISTED, "facts", "search"])
def test_no_table_shows_a_field_name(command: str, columns: str) -> None:
    args = [command, "cosmetic"] if command == "search" else [command]
    shown = run(*args, env={"COLUMNS": columns})
    words = set(re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", shown))
    assert not words & FIELD_NAMES, words & FIELD_NAMES
    assert "true" not in shown.split() and "false" not in shown.split()


def test_flags_and_labels_read_as_words() -> None:
    shown = run("partners", "--type", "cluster")
    assert "led by Cosmetic Valley: yes" in " ".join(shown.split())
    certification = " ".join(run("certification").split())
    assert "clusters that applied: 56" in certification and "certified: 48" in certification


def test_words_wrap_whole_at_60_columns() -> None:
    shown = run("partners", env={"COLUMNS": "60"})
    printed_words = set(shown.split())
    partners = json.loads(run("partners", "--json"))
    for partner in partners:
        for word in partner["name"].split():
            assert word in printed_words, word  # never cut in two across lines
    assert all(len(line) <= 60 for line in shown.splitlines())


# Numbers stay numbers


def test_csv_figures_are_numbers_with_their_qualifier_and_unit() -> None:
    rows = list(csv.DictReader(io.StringIO(run("figures", "--format", "csv"))))
    assert "figure" not in rows[0]
    by_unit = {row["figure.unit"]: row for row in rows}
    assert int(by_unit["employees"]["figure.value"]) == 150000
    assert by_unit["employees"]["figure.qualifier"] == "more than"
    assert int(by_unit["EUR"]["figure.value"]) == 450_000_000
    assert by_unit["EUR"]["figure.qualifier"] == ""
    assert all(re.fullmatch(r"\d+", row["figure.value"]) for row in rows)


def test_every_figure_field_is_split_in_csv_and_markdown() -> None:
    for command, section in LISTED.items():
        fields = figure_fields(section)
        header = run(command, "--format", "csv").splitlines()[0].split(",")
        markdown = run(command, "--format", "markdown").splitlines()[0]
        for name in fields:
            assert name not in header and f"{name}.value" in header, command
            assert f"| {name}.value |" in markdown, command


def test_dotted_fields_are_fields_everywhere() -> None:
    (first, *_) = json.loads(run("figures", "--fields", "id,figure.value", "--json"))
    assert first == {"id": "sector-employees-2019", "figure.value": 150000}
    assert run("figures", "--fields", "figure.value", "--format", "csv").splitlines()[1] == "150000"
    result = runner.invoke(app, ["figures", "--fields", "figure.size"])
    assert result.exit_code == 2
    assert "figure.value, figure.qualifier, figure.unit" in result.stderr


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "markdown"])
def test_a_figure_and_its_part_are_a_field_named_twice(output_format: str) -> None:
    result = runner.invoke(app, ["figures", "--fields", "figure,figure.value", "-f", output_format])
    assert result.exit_code == 2
    assert result.stderr == "cv: error: --fields names 'figure.value' twice; name each field once\n"


@pytest.mark.parametrize("output_format", ["table", "json", "jsonl", "yaml", "csv", "markdown"])
def test_a_field_named_twice_is_refused_in_every_format(output_format: str) -> None:
    result = runner.invoke(app, ["people", "--fields", "name,name", "-f", output_format])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "cv: error: --fields names 'name' twice; name each field once\n"


# Colour


def coloured(env: dict[str, str]) -> bool:
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    result = subprocess.run([str(CV), "facts"], env={**clean, **env}, capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return "\x1b[" in result.stdout


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    assert not coloured({})
    assert coloured({"FORCE_COLOR": "1"})
    assert coloured({"FORCE_COLOR": "1", "NO_COLOR": ""})  # an empty NO_COLOR is unset
    assert not coloured({"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not coloured({"FORCE_COLOR": ""})


# Search


@pytest.mark.parametrize("query", ["marc jamet", "JAMET marc", "jamet  MARC-ANTOINE"])
def test_search_matches_every_word_in_any_order(query: str) -> None:
    hits = json.loads(run("search", query, "--json"))
    unquoted = json.loads(run("search", *query.split(), "--json"))  # cv search marc jamet
    assert unquoted == hits
    # the person's record is his own, by name, so it comes first; the cluster's record
    # names its president; his two quotations name him as their speaker
    assert [hit["id"] for hit in hits] == [
        "marc-antoine-jamet",
        "cosmetic-valley",
        "jamet-thanks-2019",
        "jamet-made-in-france-2019",
    ]


def test_search_needs_every_word() -> None:
    assert json.loads(run("search", "jamet orleans", "--json")) == []


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_is_a_usage_error(query: str) -> None:
    result = runner.invoke(app, ["search", query])
    assert result.exit_code == 2
    assert result.stderr == "cv: error: cv search needs at least one word to look for\n"


def test_search_words_complete_nothing() -> None:
    from cosmetic_valley_cli.completion import candidates

    assert candidates(["search", ""]) == []
    assert candidates(["search", "orleans", ""]) == []


# Choices, misplaced options, one style of error, a bare cv


def test_an_invalid_choice_suggests_the_closest() -> None:
    result = runner.invoke(app, ["partners", "--type", "univ"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "cv: error: invalid --type/-t 'univ'; choose from university, institution, "
        "cluster, region-or-cluster, network",
        "cv: hint: did you mean 'university'?",
    ]
    assert "Value error" not in result.stderr


def test_a_global_option_after_the_command_says_where_it_belongs() -> None:
    result = runner.invoke(app, ["facts", "--data", "x.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        "cv: hint: --data is an option of cv itself: put it before the command, as in "
        "cv --data ... facts"
    )


BAD = [
    ["nosuch"],
    ["partnrs"],
    ["partners", "--jsn"],
    ["partners", "--type"],
    ["partners", "--type", "univ"],
    ["partners", "--format", "xml"],
    ["partners", "--fields", "nope"],
    ["facts", "--as-of", "12"],
    ["facts", "--format", "csv"],
    ["search"],
    ["diff", "one.yaml"],
    ["validate", "--against", "x"],
]


@pytest.mark.parametrize("args", BAD, ids=[" ".join(a) for a in BAD])
def test_every_usage_error_has_one_style(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("cv: error: ")
    assert all(line.startswith(("cv: error: ", "cv: hint: ")) for line in lines), lines
    assert len(lines) <= 2
    assert "Usage:" not in result.stderr


def test_help_keeps_its_usage_box() -> None:
    shown = run("partners", "--help")
    assert shown.startswith("Usage: cv partners [OPTIONS]")


def test_a_bare_cv_is_a_short_overview() -> None:
    result = subprocess.run([str(CV)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stderr == ""
    for command in COMMANDS:
        assert f"\n  {command} " in result.stdout
    assert len(result.stdout.splitlines()) < 40
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_the_version_is_printed_in_one_place() -> None:
    """`cv --version` on every path is version.write_version: the `cv` script calls it
    before any import, and typer's --version option calls it too."""
    package = REPO / "cosmetic_valley_cli"
    texts = {path.name: path.read_text(encoding="utf-8") for path in package.rglob("*.py")}
    printing = re.compile(r"write\(.*__version__")
    writers = [name for name, text in texts.items()
               if "write_version" not in text and printing.search(text)]  # fmt: skip
    assert writers == []
    defined = [path.name for path in package.rglob("*.py")
               if "def write_version" in path.read_text(encoding="utf-8")]  # fmt: skip
    assert defined == ["version.py"]
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"cv {__version__}\n")


def _misplaced_cases() -> list[tuple[list[str], str]]:
    """Every option of the table given before its command, and cv's own after one."""
    from cosmetic_valley_cli.options import COMMANDS, GLOBAL, options_of

    cases = []
    for command in COMMANDS:
        for option in options_of(command):
            said = (f"{option.long} is an option of cv {command}: put it after the command, "
                    f"as in cv {command} {option.long}")  # fmt: skip
            cases.append(([option.long, command], said))
    for option in GLOBAL[:1]:
        cases += [([command, option.long, "x"], f"{option.long} is an option of cv itself: put "
                   f"it before the command, as in cv {option.long} ... {command}")
                  for command in COMMANDS]  # fmt: skip
    return cases


@pytest.mark.parametrize(("argv", "hint"), _misplaced_cases(), ids=lambda v: " ".join(v)
                         if isinstance(v, list) else None)  # fmt: skip
def test_a_misplaced_option_is_moved_where_it_belongs(argv: list[str], hint: str) -> None:
    """Built from the option table and the exception's attributes, for every option."""
    result = runner.invoke(app, argv, env={"CV_FAST": "off"})
    assert result.exit_code == 2
    option = argv[0] if argv[0].startswith("-") else argv[1]
    assert result.stderr == f"cv: error: no such option: {option}\ncv: hint: {hint}\n"


def test_no_message_of_click_is_parsed() -> None:
    """Hints come from the exceptions' attributes and the declarations, not click's English."""
    source = (REPO / "cosmetic_valley_cli" / "cli.py").read_text(encoding="utf-8")
    assert "import re\n" not in source
    assert "format_message()" not in source.replace("CvError(failure.format_message())", "")


def test_the_benchmarks_reference_apps_know_the_partner_types_of_now() -> None:
    """benchmarks/click_app.py and floor.py write cv's partner types out (they import
    nothing of cv's); startup.py's large dataset uses them all. A type renamed in
    vocabulary.py once left the 100k dataset invalid, and the benchmark measured errors."""
    import re

    from conftest import REPO

    from cosmetic_valley_cli.vocabulary import PartnerType

    kinds = [kind.value for kind in PartnerType]
    click_app = (REPO / "benchmarks" / "click_app.py").read_text(encoding="utf-8")
    listed = re.search(r"^PARTNER_TYPES = \[(.*)\]$", click_app, re.MULTILINE)
    assert listed is not None
    assert re.findall(r'"([^"]+)"', listed.group(1)) == kinds
    floor = (REPO / "benchmarks" / "floor.py").read_text(encoding="utf-8")
    enum = floor[floor.index("class PartnerType") :].split("\n\n", 1)[0]
    assert re.findall(r'= "([^"]+)"', enum) == kinds
