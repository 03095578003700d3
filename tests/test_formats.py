"""Every format of every listing command: real parsers read it, and it holds the JSON records."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import import_module
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cosmetic_valley_cli import load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.formats import MODULES, OutputFormat, render
from cosmetic_valley_cli.listing import Listing
from cosmetic_valley_cli.records import ValueRecord
from cosmetic_valley_cli.sections import LISTED, SECTIONS, figure_fields

runner = CliRunner()
LISTINGS = list(LISTED)


def printed(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def as_list(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else [value]


def test_every_format_has_a_renderer() -> None:
    assert set(MODULES) == set(OutputFormat)
    for module in MODULES.values():
        assert callable(import_module(f"cosmetic_valley_cli.formats.{module}").render)


@pytest.mark.parametrize("command", LISTINGS)
def test_jsonl_and_yaml_hold_the_json_records(command: str) -> None:
    records = as_list(json.loads(printed(command, "--json")))
    lines = printed(command, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == records
    assert as_list(yaml.safe_load(printed(command, "--format", "yaml"))) == records


def flat(command: str, record: dict[str, Any]) -> dict[str, Any]:
    """A JSON record as a flat format holds it: each figure as value, qualifier and unit."""
    figures = figure_fields(LISTED[command])
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in figures:
            for part in ("value", "qualifier", "unit"):
                out[f"{key}.{part}"] = value[part] if value else None
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("command", LISTINGS)
def test_csv_holds_the_json_records(command: str) -> None:
    records = [flat(command, r) for r in as_list(json.loads(printed(command, "--json")))]
    text = printed(command, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert list(row) == list(record)
        for key, value in record.items():
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                assert row[key] == str(value)
            elif value is None:
                assert row[key] == ""
            else:  # nested: readable text, never a Python repr
                assert row[key] and not row[key].startswith(("[", "{", "None"))


@pytest.mark.parametrize("command", LISTINGS)
def test_markdown_holds_the_json_records(command: str) -> None:
    records = [flat(command, r) for r in as_list(json.loads(printed(command, "--json")))]
    table, _, after = printed(command, "--format", "markdown").partition("\n\n")
    header, rule, *rows = table.splitlines()
    notes, _, references = after.partition("References:\n\n")
    assert all(line.startswith("> ") for line in notes.splitlines() if line)
    assert all(re.match(r"[0-9]+\. ", line) for line in references.splitlines())
    assert header == "| " + " | ".join(records[0]) + " |"
    assert set(rule.replace("|", "")) == {"-"}
    assert len(rows) == len(records)
    first_field = next(iter(records[0]))
    for row, record in zip(rows, records, strict=True):
        value = record[first_field]
        assert row.startswith(f"| {value} |" if isinstance(value, (str, int)) else "| ")
        assert row.count(" | ") >= len(record) - 1


# jsonld is for cv facts alone: tests/test_jsonld.py checks it the same way
@pytest.mark.parametrize("output_format", [f.value for f in OutputFormat if f != "jsonld"])
def test_formats_are_case_insensitive_and_short(output_format: str) -> None:
    assert printed("people", "-f", output_format.upper()) == printed(
        "people", "--format", output_format
    )


def test_fields_select_and_order() -> None:
    universities = json.loads(printed("partners", "--type", "university", "--fields",
                                      "name,type", "--json"))  # fmt: skip
    assert len(universities) == 9
    assert all(list(u) == ["name", "type"] for u in universities)
    reordered = json.loads(printed("people", "--fields", "role,name", "--json"))
    assert list(reordered[0]) == ["role", "name"]


@pytest.mark.parametrize("output_format", ["table", "csv", "markdown", "jsonl", "yaml"])
def test_fields_apply_to_every_format(output_format: str) -> None:
    text = printed("partners", "-t", "cluster", "--fields", "name,countries", "-f", output_format)
    assert "Cosmetics4Wellbeing" in text
    assert "Romania" in text
    assert "luxus-2019" not in text


def test_missing_value_is_an_empty_cell() -> None:
    text = printed("partners", "-t", "network", "--fields", "name,countries", "-f", "csv")
    assert text.splitlines()[1] == "Cosmetic Clusters International Network (CCIN),"
    assert "None" not in text


def test_unknown_field_is_a_usage_error_listing_the_fields() -> None:
    result = runner.invoke(app, ["partners", "--fields", "name,colour"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown field 'colour'" in result.stderr
    assert "id, name, type, relation, city" in result.stderr


def test_csv_is_rfc4180() -> None:
    result = runner.invoke(app, ["people", "--format", "csv"])
    people = load_document()["people"]
    assert people
    assert result.stdout_bytes.count(b"\r\n") == 1 + len(people)  # the header, a row each
    text = result.stdout
    assert '"luxus-2019: “Marc-Antoine Jamet, President of COSMETIC VALLEY”"' in text


def test_markdown_escapes_pipes() -> None:
    value = ValueRecord(id="a-b", name="A | B", evidence=[{"source": "s", "quote": "x"}])
    listing = Listing.of(SECTIONS["values"], [value]).select("name,evidence")
    text = render(listing, OutputFormat.MARKDOWN)
    assert text == "| name | evidence |\n|---|---|\n| A \\| B | s: “x” |\n"


def test_yaml_output_is_unicode_and_reloads() -> None:
    text = printed("partners", "--type", "university", "--format", "yaml")
    assert "Orléans" in text
    assert yaml.safe_load(text)[0]["name"] == "Orléans"


def test_table_is_not_cut_when_piped() -> None:
    text = printed("partners")
    assert "…" not in text
    assert "Versailles / Saint" in text and "Quentin-en-Yvelines" in text
    assert "\x1b[" not in text


def test_json_and_format_json_agree() -> None:
    assert printed("figures", "--json") == printed("figures", "--format", "json")


@pytest.mark.parametrize(
    ("argv", "offered"),
    [(["facts", "--format", "csv"], "table, json, yaml, jsonld, markdown"),
     (["partners", "--format", "jsonld"], "table, json, jsonl, yaml, csv, markdown"),
     (["search", "x", "-f", "jsonld"], "table, json, jsonl, yaml, csv, markdown"),
     (["diff", "a", "b", "-f", "yaml"], "table, json, markdown")],
    ids=["facts-csv", "listing-jsonld", "search-jsonld", "diff-yaml"],
)  # fmt: skip
def test_each_command_offers_and_takes_only_its_formats(argv: list[str], offered: str) -> None:
    """Help lists what the command takes, and the error for another format says the same."""
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert f"choose from {offered}\n" in result.stderr
    help_text = runner.invoke(app, [argv[0], "--help"], env={"COLUMNS": "200"}).stdout
    assert f"<{offered.replace(', ', '|')}>" in help_text


def test_facts_prints_yaml() -> None:
    assert yaml.safe_load(printed("facts", "-f", "yaml")) == json.loads(printed("facts", "--json"))


@pytest.mark.parametrize("count", [0, 1, 2, 511, 512, 513, 1500])
def test_json_in_chunks_is_json_dumps_byte_for_byte(count: int) -> None:
    from cosmetic_valley_cli.formats import json_document

    partners = load_document()["partners"]
    records = [partners[n % len(partners)] for n in range(count)]
    listing = Listing.of(SECTIONS["partners"], records)
    written = "".join(json_document.render(listing))
    whole = list(listing.values())
    assert len(whole) == count
    assert written == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


MANY_FIELDS = "id,name,type,relation,city,description,members,countries,co_financed_by"


@pytest.mark.parametrize("width", [30, 40, 60, 80, 100, 120])
def test_a_table_shows_every_word_at_any_width(width: int) -> None:
    """rich laid some tables out wider than the screen, which cut their last characters
    ("a new complementar" at 80 columns): every word of every cell is shown now."""
    result = runner.invoke(app, ["partners"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    shown = set(result.stdout.split())
    records = json.loads(runner.invoke(app, ["partners", "--json"]).stdout)
    for record in records:
        for word in (record["description"] or "").split():
            if len(word) < width // 3:  # narrower than the details column: never folded
                assert word in shown, (word, record["id"])


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_chosen_columns_fit_the_screen_when_they_can(width: int) -> None:
    """Nine --fields at 80 columns: rich cut the last five off; they fit, folded, now."""
    result = runner.invoke(app, ["partners", "--fields", MANY_FIELDS], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no column cut at the screen's edge
    assert max(map(len, result.stdout.splitlines())) <= width


def test_a_screen_too_narrow_for_the_columns_says_what_it_cuts() -> None:
    result = runner.invoke(app, ["partners", "--fields", MANY_FIELDS], env={"COLUMNS": "12"})
    assert result.exit_code == 0
    assert result.stderr.startswith("cv: the table is wider than 12 columns: ")
    assert "are not shown in full; widen the terminal (COLUMNS)" in result.stderr


@pytest.mark.parametrize("command", LISTINGS)
def test_yaml_is_written_record_by_record_as_one_document(command: str) -> None:
    """Each record is its own piece (`| head` ends early), and the pieces are the whole."""
    from cosmetic_valley_cli.dataset import listed
    from cosmetic_valley_cli.formats.yaml_document import dumps, render
    from cosmetic_valley_cli.listing import Listing

    section = LISTED[command]
    listing = Listing.of(section, listed(load_document(), section.key))
    rendered = render(listing)
    whole = [*listing.values()]
    if listing.single:
        assert rendered == dumps(whole[0])
        return
    assert not isinstance(rendered, str)
    pieces = list(rendered)
    assert len(pieces) == len(whole)
    assert "".join(pieces) == dumps(whole)
    assert yaml.safe_load("".join(pieces)) == json.loads(printed(command, "--json"))
