"""Every command through typer's CliRunner: real content, clean stdout, exit codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import typer.main
from conftest import FACTS
from test_installed import CV
from typer.testing import CliRunner

from cosmetic_valley_cli import load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.outputs import FactsSummary
from cosmetic_valley_cli.sections import LISTED

runner = CliRunner()

LISTINGS = list(LISTED)


def run_json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_facts_summary_at_80_columns() -> None:
    result = runner.invoke(app, ["facts"])
    assert result.exit_code == 0, result.output
    assert "Cosmetic Valley" in result.stdout
    assert "nearly 600 companies" in result.stdout
    assert "1994" in result.stdout
    assert "2005" in result.stdout
    assert "Marc-Antoine Jamet" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "…" not in result.stdout
    assert "\x1b[" not in result.stdout


def test_facts_json_shape() -> None:
    summary = run_json("facts")
    assert isinstance(summary, dict)
    assert list(summary) == list(FactsSummary.__annotations__)
    assert {"members", "partners_by_type", "sources"} <= set(summary)
    assert summary["partners_by_type"]["university"] == 9
    assert summary["name"] == "Cosmetic Valley"
    assert summary["as_of"] is None
    assert summary["members"][0]["companies"] == {
        "value": 600,
        "qualifier": "nearly",
        "unit": "companies",
    }
    assert summary["members"][0]["as_of"] == "2019"
    (headquarters,) = summary["headquarters"]
    assert headquarters["city"] == "Chartres"
    assert headquarters["architect"] == "Search"
    assert headquarters["status"] == "being launched"
    assert [m["year"] for m in summary["timeline"]][:2] == [1994, 2005]
    assert summary["sources"][0]["publisher"] == "Luxus+"


def test_universities_json() -> None:
    universities = run_json("partners", "--type", "university")
    assert isinstance(universities, list)
    assert len(universities) == 9
    assert {u["type"] for u in universities} == {"university"}
    assert universities[0]["name"] == "Orléans"
    assert all(u["evidence"][0]["source"] == "luxus-2019" for u in universities)
    assert universities[0]["id"] == "university-orleans"


def test_json_is_utf8_not_escaped() -> None:
    result = runner.invoke(app, ["partners", "--json"])
    assert "Orléans" in result.stdout
    assert "\\u" not in result.stdout


def test_json_keys_in_documented_order() -> None:
    partners = run_json("partners")
    assert isinstance(partners, list)
    fields = list(LISTED["partners"].fields)
    assert list(partners[0]) == fields
    assert fields[0] == "id" and "name" in fields and fields[-1] == "evidence"


def test_cosmetics4wellbeing_is_a_cluster_of_four_countries() -> None:
    """Issue 23: it was typed `network`; the article: "a European Cosmetics4Wellbeing cluster"."""
    clusters = run_json("partners", "--type", "cluster")
    assert isinstance(clusters, list)
    (wellbeing,) = clusters
    assert wellbeing["name"] == "Cosmetics4Wellbeing"
    assert "a European Cosmetics4Wellbeing cluster" in wellbeing["evidence"][0]["quote"]
    assert wellbeing["countries"] == ["France", "Spain", "Portugal", "Romania"]
    assert wellbeing["co_financed_by"] == "the European Union’s COSME programme"


@pytest.mark.parametrize("command", LISTINGS)
def test_every_listing_prints_json_with_evidence(command: str) -> None:
    records = run_json(command)
    assert isinstance(records, list)
    assert records
    for record in records:
        assert record["id"]
        assert record["evidence"]
        assert all(item["source"] == "luxus-2019" and item["quote"] for item in record["evidence"])
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids)) or command == "timeline"


@pytest.mark.parametrize("command", ["facts", *LISTINGS])
def test_every_command_prints_a_table(command: str) -> None:
    result = runner.invoke(app, [command])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert "…" not in result.stdout


_GROUP = typer.main.get_command(app)
COMMANDS = sorted(name for name, command in _GROUP.commands.items()  # type: ignore[attr-defined]
                  if not command.hidden)  # fmt: skip  # __complete: the shells' entry point


def test_every_command_is_tested() -> None:
    assert "partners" in LISTINGS and "timeline" in LISTINGS
    assert set(COMMANDS) == {"facts", *LISTINGS, "search", "cite", "sheet", "schema", "validate",
                             "diff", "completion"}  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: cv " in result.stdout


def test_series_sections_are_arrays_of_dated_records() -> None:
    members = run_json("members")
    assert isinstance(members, list)
    assert members[0]["id"] == "members-2019"
    assert members[0]["as_of"] == "2019"
    assert members[0]["sme_share"] == {"value": 80, "qualifier": None, "unit": "percent"}
    certification = run_json("certification")
    assert isinstance(certification, list)
    assert (
        certification[0]["announced_by"]
        == "the Government, through Prime Minister Édouard Philippe"
    )
    assert (certification[0]["start_year"], certification[0]["end_year"]) == (2019, 2022)


def test_figures() -> None:
    figures = run_json("figures")
    assert isinstance(figures, list)
    by_unit = {f["figure"]["unit"]: f["figure"] for f in figures}
    assert by_unit["employees"] == {"value": 150000, "qualifier": "more than", "unit": "employees"}
    assert by_unit["EUR"]["value"] == 450_000_000


def test_filters_by_type() -> None:
    offices = run_json("offices", "--type", "headquarters")
    assert isinstance(offices, list)
    assert [o["name"] for o in offices] == ["Cosmetics House"]
    events = run_json("events", "--type", "exhibition")
    assert isinstance(events, list)
    assert [(e["name"], e["city"]) for e in events] == [("Cosmetic 360", "Paris")]


def test_trade_shows() -> None:
    shows = run_json("trade-shows")
    assert isinstance(shows, list)
    assert [s["city"] for s in shows] == ["Hong Kong", "Dubai", "Shanghai", "Las Vegas"]


def test_unknown_type_is_a_usage_error_naming_the_valid_ones() -> None:
    result = runner.invoke(app, ["partners", "--type", "school"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "university" in result.stderr
    assert "cluster" in result.stderr and "startup-support" not in result.stderr


def test_help_lists_the_types() -> None:
    result = runner.invoke(app, ["partners", "--help"])
    assert "university" in result.stdout
    assert "region-or-cluster" in result.stdout


def test_version() -> None:
    from cosmetic_valley_cli import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"cv {__version__}\n"


def test_json_and_another_format_disagree() -> None:
    result = runner.invoke(app, ["partners", "--json", "--format", "csv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "disagree" in result.stderr


def test_data_option_and_environment(tmp_path: Path) -> None:
    from conftest import FACTS

    copy = tmp_path / "copy.yaml"
    copy.write_text(FACTS.read_text(encoding="utf-8").replace("Orléans", "Orléans-la-Source"))
    by_option = run_json("--data", str(copy), "partners", "--type", "university")
    assert isinstance(by_option, list)
    assert by_option[0]["name"] == "Orléans-la-Source"
    result = runner.invoke(app, ["partners", "--json"], env={"CV_DATA": str(copy)})
    assert result.exit_code == 0, result.output
    assert "Orléans-la-Source" in result.stdout


def test_data_from_stdin() -> None:
    from conftest import FACTS

    result = runner.invoke(
        app, ["--data", "-", "people", "--json"], input=FACTS.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0, result.output
    assert "Bruno Le Maire" in result.stdout


def test_missing_file_is_one_line_exit_1() -> None:
    result = runner.invoke(app, ["--data", "no-such-file.yaml", "facts"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "cv: error: cannot read no-such-file.yaml: No such file or directory\n"


def test_validate_a_good_dataset() -> None:
    from conftest import FACTS

    result = runner.invoke(app, ["validate", str(FACTS)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    counts = [
        f"{key}: {len(value) if isinstance(value, list) else 1}"
        for key, value in load_document(FACTS).items()
    ]
    assert "cluster: 1" in counts and len(counts) > 1
    assert result.stderr.startswith(f"{FACTS}: valid ({', '.join(counts)});")


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    from conftest import FACTS

    broken = tmp_path / "broken.yaml"
    text = FACTS.read_text(encoding="utf-8").replace("type: university", "type: universty", 1)
    broken.write_text(text.replace("    year: 2005", "    year: 20O5"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{broken}:") and "timeline[1].year" in lines[0]
    assert "partners[0].type: 'universty'" in lines[1]


def test_validate_uses_the_data_option(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["--data", str(empty), "validate"])
    assert result.exit_code == 1
    said = "the file holds no data; a dataset is a mapping of sections"
    assert result.stderr == f"{empty}:1:1: CV116 {said} (sources:, cluster:, partners:, ...)\n"


def test_a_bug_is_exit_70_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import cosmetic_valley_cli.summary

    def broken(*_: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cosmetic_valley_cli.summary, "summary_view", broken)
    result = runner.invoke(app, ["facts"])
    assert result.exit_code == 70
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "internal error (ZeroDivisionError: division by zero)" in line
    assert "please report it" in line

    monkeypatch.setenv("CV_DEBUG", "1")
    result = runner.invoke(app, ["facts"])
    assert result.exit_code == 70
    assert "Traceback (most recent call last)" in result.stderr


@pytest.mark.parametrize(
    ("text", "valid"),
    [("2019", True), ("2019-03", True), ("2019-03-31", True), ("2020-02-29", True),
     ("2019-02-29", False), ("2019-13", False), ("2019-3", False), ("999", False),
     ("0999", False), ("2019-03-1", False), ("２０１９", False), ("1" * 5000, False)],
)  # fmt: skip
def test_as_of_takes_a_year_a_month_or_a_day(text: str, valid: bool) -> None:
    from cosmetic_valley_cli.dates import is_date

    assert is_date(text) is valid


def test_a_coarse_date_counts_from_its_first_day_and_as_of_through_its_last(
    tmp_path: Path,
) -> None:
    """Issue 24: a record of 2019 holds as of 2019-03; one of 2019-06 does not, but does
    as of 2019 (the year, through its last day). `as_of` in JSON is the date as given."""
    from cosmetic_valley_cli.dates import holds

    assert holds("2019", "2019-03") and holds("2019-03", "2019-03-31")
    assert not holds("2019-06", "2019-03") and holds("2019-06", "2019")
    assert not holds("2019-03-02", "2019-03-01") and holds("2019-02", "2019-02-01")
    text = FACTS.read_text(encoding="utf-8")
    later = text.replace(
        '    as_of: "2019"\n    companies:', '    as_of: "2019-06"\n    companies:', 1
    )
    assert later != text
    data = tmp_path / "later.yaml"
    data.write_text(later, encoding="utf-8")

    def members(as_of: str) -> tuple[str, list[object]]:
        done = subprocess.run([str(CV), "--data", str(data), "facts", "--as-of", as_of, "--json"],
                              capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
        shown = json.loads(done.stdout)
        return shown["as_of"], [m["id"] for m in shown["members"]]

    assert members("2019-03") == ("2019-03", [])
    assert members("2019-06-01") == ("2019-06-01", ["members-2019"])
    assert members("2019") == ("2019", ["members-2019"])
