"""cv search: every section, no case, no accents, each hit with its quote."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cosmetic_valley_cli import load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.search import fold, search

runner = CliRunner()


def hits(text: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["search", text, "--json"])
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_orleans_finds_the_university_of_orleans() -> None:
    (hit,) = hits("orleans")
    assert hit["section"] == "partners"
    assert hit["label"] == "Orléans"
    assert hit["record"] == {**hit["record"], "name": "Orléans", "type": "university"}  # type: ignore[dict-item]
    assert hit["id"] == "university-orleans"
    assert hit["evidence"] == [
        {"source": "luxus-2019", "quote": "9 universities are partners in the cluster: Orléans"}
    ]


@pytest.mark.parametrize("text", ["ORLÉANS", "Orleans", "orléans", "  orleans "])
def test_case_accents_and_spaces_are_ignored(text: str) -> None:
    assert [hit["label"] for hit in hits(text)] == ["Orléans"]


def test_the_quote_is_searched_too() -> None:
    person, quotation = hits("lemaire")
    assert person["label"] == "Bruno Le Maire"
    assert person["matched"] == ["spelled_in_source", "evidence"]
    assert (quotation["section"], quotation["matched"]) == ("quotations", ["evidence"])


def test_every_section_is_searched() -> None:
    sections = {hit["section"] for hit in hits("chartres")}
    assert sections == {"offices", "services"}
    assert {hit["section"] for hit in hits("1994")} == {"sources", "timeline"}
    assert [hit["label"] for hit in hits("dubai")] == ["Dubai"]


def test_typographic_apostrophes_match_straight_ones() -> None:
    assert [hit["label"] for hit in hits("cosmet'up")] == ["accompanying startups"]


def test_no_hit_is_exit_0_empty_with_a_note() -> None:
    result = runner.invoke(app, ["search", "societe", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == "cv: nothing matches 'societe'\n"
    table = runner.invoke(app, ["search", "societe"])
    assert table.exit_code == 0
    assert table.stdout == ""


def test_search_table_shows_section_record_and_quote() -> None:
    result = runner.invoke(app, ["search", "orleans"])
    assert result.exit_code == 0, result.output
    assert "partners" in result.stdout
    assert "Orléans" in result.stdout
    assert "9 universities are partners" in result.stdout


@pytest.mark.parametrize("output_format", ["csv", "jsonl", "yaml", "markdown"])
def test_search_takes_every_format(output_format: str) -> None:
    result = runner.invoke(app, ["search", "orleans", "--format", output_format])
    assert result.exit_code == 0, result.output
    assert "Orléans" in result.stdout


def test_fold_and_library_search() -> None:
    assert fold("Société Générale – Ça") == "societe generale - ca"
    assert [hit["label"] for hit in search(load_document(), "SORBONNE")] == ["Sorbonne University"]
    assert search(load_document(), "") == []
