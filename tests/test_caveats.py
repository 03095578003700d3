"""Issue 23: a caveat is part of the record, in every format, and --fields says when it
leaves one out.

`as_of_basis` stands right after `as_of` in members and figures: null when the source
prints the date, else the record's own sentence or its source's `date_basis`.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest
import yaml
from conftest import FACTS, REPO
from test_installed import CV
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.records import FigureRecord
from cosmetic_valley_cli.sections import CAVEATS, DATED, SECTIONS

runner = CliRunner()
DATA = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
BASIS = DATA["sources"][0]["date_basis"]
NEXT_YEAR = REPO / "tests" / "fixtures" / "example-next-year.yaml"


def run(*args: str) -> tuple[str, str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_the_dated_sections_are_members_and_figures() -> None:
    assert set(DATED) == {"members", "figures"}
    for key in DATED:
        fields = SECTIONS[key].fields
        assert fields[fields.index("as_of") + 1] == "as_of_basis"


@pytest.mark.parametrize("command", ["members", "figures"])
def test_json_carries_the_inferred_date_s_basis(command: str) -> None:
    records = json.loads(run(command, "--json")[0])
    assert records and all(record["as_of"] == "2019" for record in records)
    assert all(record["as_of_basis"] == BASIS for record in records)
    assert all(list(record)[list(record).index("as_of") + 1] == "as_of_basis"
               for record in records)  # fmt: skip


@pytest.mark.parametrize("output_format", ["jsonl", "yaml", "csv", "markdown"])
@pytest.mark.parametrize("command", ["members", "figures"])
def test_every_machine_format_carries_it(command: str, output_format: str) -> None:
    out, _ = run(command, "--format", output_format)
    if output_format == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif output_format == "yaml":
        rows = yaml.safe_load(out)
    elif output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
    else:
        header = out.splitlines()[0]
        assert "as_of_basis" in header.replace("\\_", "_")
        assert "1994 + 25 = 2019" in out
        return
    assert rows and all(row["as_of_basis"] == BASIS for row in rows)


def test_the_summary_json_carries_it() -> None:
    summary = json.loads(run("facts", "--json")[0])
    assert summary["members"][0]["as_of_basis"] == BASIS
    assert {figure["as_of_basis"] for figure in summary["figures"]} == {BASIS}


def test_a_printed_date_has_no_basis() -> None:
    """The example's 2023 record is dated by a source that prints its date."""
    records = json.loads(run("--data", str(NEXT_YEAR), "members", "--json")[0])
    by_date = {record["as_of"]: record["as_of_basis"] for record in records}
    assert by_date == {"2023-03-01": None, "2019": BASIS}


def test_fields_that_leave_out_a_caveat_say_so_on_stderr() -> None:
    result = subprocess.run([str(CV), "members", "--fields", "as_of,companies.value", "-f", "csv"],
                            capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    assert result.stdout == "as_of,companies.value\n2019,600\n"
    assert "as_of_basis" in result.stderr and "companies.qualifier" in result.stderr
    _, said = run("members", "--fields", "as_of,as_of_basis,companies", "-f", "csv")
    assert "as_of_basis" not in said and "companies.qualifier" not in said
    _, said = run("people", "--fields", "id,name", "--json")
    assert "spelled_in_source" in said


def test_every_caveat_is_a_field_of_a_record() -> None:
    names = {name for section in SECTIONS.values() for name in section.record_fields}
    assert set(CAVEATS) <= names | set(FigureRecord.__annotations__)


def test_the_timeline_note_names_which_2019_is_inferred() -> None:
    """Issue 23: "2019 is inferred" under two 2019 rows, one of them printed (2019–2022)."""
    out, _ = run("timeline")
    assert "2019 (25th anniversary) is inferred:" in " ".join(out.split())
    assert "\n2019 is inferred" not in out


def test_a_table_says_the_basis_under_the_rows_not_in_a_column() -> None:
    out, _ = run("figures")
    assert "as of basis" not in out
    assert out.count("1994 + 25 = 2019") == 1
