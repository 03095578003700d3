"""Statements, not snapshots: the record contract, and the eleven points of the re-read.

Each point of the careful re-read of the article has its own named test, so that none
comes back. Expectations come from the article's own words where they can.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer.main
from conftest import FACTS
from typer.testing import CliRunner

from cosmetic_valley_cli import load_document, load_facts
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.dataset import every_record
from cosmetic_valley_cli.model import ID_PATTERN, Facts
from cosmetic_valley_cli.problems import DataError
from cosmetic_valley_cli.sections import SECTIONS
from cosmetic_valley_cli.vocabulary import Qualifier

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def run_json(*args: str) -> object:
    return json.loads(run(*args, "--json"))


def quotes() -> list[str]:
    return [e["quote"] for _, record in every_record(load_document()) for e in record["evidence"]]


# The record contract


def test_every_record_has_a_stable_id_unique_in_its_section() -> None:
    seen: dict[str, set[str]] = {}
    for section, record in every_record(load_document()):
        assert re.fullmatch(ID_PATTERN.strip("^$"), record["id"]), record["id"]
        assert record["id"] not in seen.setdefault(section, set()), record["id"]
        seen[section].add(record["id"])


def test_evidence_replaces_source_and_quote_everywhere() -> None:
    for key, section in SECTIONS.items():
        assert "source" not in section.fields and "quote" not in section.fields, key
        assert section.fields[-1] == "evidence", key
    hit = json.loads(run("search", "orleans", "--json"))[0]
    assert "source" not in hit and "quote" not in hit  # a hit's quotes are its passages
    assert [(p["field"], p["source"]) for p in hit["passages"]][1:] == [("evidence", "luxus-2019")]


def test_a_repeated_id_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(FACTS.read_text(encoding="utf-8").replace("id: dubai", "id: hong-kong"))
    with pytest.raises(DataError) as caught:
        load_facts(path)
    (line,) = caught.value.lines()
    assert line.endswith("trade_shows[1].id: id 'hong-kong' is used twice in trade_shows")


def test_the_sources_have_dates_and_a_basis_when_the_date_is_inferred() -> None:
    sources = run_json("sources")
    assert isinstance(sources, list)
    (source,) = sources
    assert source["date"] == "2019"
    assert "prints no date" in source["date_basis"]
    assert source["url"] is None  # the article gives none: nothing is made up
    assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])


def test_the_hedges_are_the_usual_ones() -> None:
    words = {q.value for q in Qualifier}
    assert {"about", "around", "almost", "over", "at least", "up to", "nearly"} <= words


def test_every_listing_is_an_array_and_members_are_dated() -> None:
    members = run_json("members")
    assert isinstance(members, list)
    assert all(record["as_of"] for record in members)
    certification = run_json("certification")
    assert isinstance(certification, list)


def test_no_fact_in_code() -> None:
    command = typer.main.get_command(app)
    texts = [command.help or ""] + [
        sub.help or ""
        for sub in command.commands.values()  # type: ignore[attr-defined]
    ]
    for text in texts:
        assert not re.search(r"\b(19|20)\d\d\b", text.replace("cv ", "")), text
        assert "Luxus" not in text, text


# The eleven points of the re-read


def test_point_01_an_office_the_article_does_not_name_has_no_name() -> None:
    marseille = next(o for o in load_facts().offices if o.city == "Marseille")
    assert marseille.name is None
    assert "local office" not in [o.name for o in load_facts().offices]


def test_point_02_the_cosmetics_house_is_being_launched(article: str) -> None:
    assert "launch of an – international – Cosmetics House" in article
    house = next(o for o in load_facts().offices if o.name == "Cosmetics House")
    assert house.status is not None and house.status.value == "being launched"
    assert "Cosmetics House, Chartres (being launched)" in run("facts").replace("\n  ", " ")


def test_point_03_the_incubator_is_a_tool_not_a_partner_or_an_office() -> None:
    facts = load_facts()
    assert not [p for p in facts.partners if "incubator" in p.name]
    assert not [o for o in facts.offices if "incubator" in (o.name or "")]
    startups = next(s for s in facts.services if s.id == "startup-support")
    assert startups.means is not None
    assert "a specialized incubator in Chartres" in startups.means


def test_point_04_marseille_is_not_international_reach() -> None:
    sheet = run("sheet")
    reach = sheet[sheet.index("International reach") : sheet.index("Sites")]
    assert "Marseille" not in reach
    assert "Marseille" in sheet[sheet.index("Sites") :]


def test_point_05_the_inferred_date_says_so_in_every_view() -> None:
    (source,) = load_facts().sources
    assert source.date_basis
    assert "inferred" in run("facts")
    assert "inferred" in run("members")
    assert "inferred" in run("sheet")
    assert "inferred" in run("figures", "--format", "markdown")


def test_point_06_no_quote_joins_a_speaker_to_the_journalist() -> None:
    for quote in quotes():
        pieces = re.split(r"\s*\.\.\.\s*", quote)
        for piece in pieces[:-1]:  # an elision after an opened “ would leave the speech
            assert piece.count("“") <= piece.count("”"), quote
    cluster = load_facts().cluster
    assert not any("I am delighted" in e.quote for e in cluster.evidence)


def test_point_07_the_trade_show_list_is_open(article: str) -> None:
    assert "Las Vegas..)" in article
    shows = run_json("trade-shows")
    assert isinstance(shows, list)
    assert all(show["open_list"] is True for show in shows)
    assert "there may be more" in run("trade-shows")
    assert "Las Vegas, ..." in run("sheet")


def test_point_08_a_corrected_spelling_keeps_the_sources(article: str) -> None:
    assert "Bruno Lemaire" in article
    minister = next(p for p in load_facts().people if p.id == "bruno-le-maire")
    assert (minister.name, minister.spelled_in_source) == ("Bruno Le Maire", "Bruno Lemaire")
    assert "Bruno Lemaire" in run("people")
    others = [p for p in load_facts().people if p.id != "bruno-le-maire"]
    assert all(p.spelled_in_source is None and p.name in article for p in others)


def test_point_09_cosmetic_360_keeps_in_publishing(article: str) -> None:
    assert "a success in publishing" in article
    (exhibition,) = [e for e in load_facts().events if e.name == "Cosmetic 360"]
    assert exhibition.description is not None
    assert exhibition.description.endswith("a success in publishing")


def test_point_10_training_is_a_tool_and_facts_agrees_with_the_timeline() -> None:
    assert "training" not in {e.type.value for e in load_facts().events}
    assert any("training" in s.name for s in load_facts().services)
    timeline = run_json("timeline")
    summary = run_json("facts")
    assert isinstance(timeline, list) and isinstance(summary, dict)
    assert summary["timeline"] == timeline
    table_rows = run("facts").split("Timeline\n")[1].split("\n\n")[0]
    assert len(re.findall(r"^\d{4}", table_rows, re.MULTILINE)) == len(timeline)


def test_point_11_one_name_for_one_idea() -> None:
    for key, section in SECTIONS.items():
        assert "location" not in section.record_fields, key
    assert "city" in SECTIONS["partners"].record_fields
    assert "city" in SECTIONS["offices"].record_fields


def test_only_what_the_source_calls_partners_are_partners_in_the_cluster(article: str) -> None:
    assert "9 universities are partners in the cluster" in article
    partners = load_facts().partners
    assert all(p.relation for p in partners)
    called = {p.name for p in partners if p.relation == "partners in the cluster"}
    assert called == {p.name for p in partners if p.type.value == "university"}
    outcomes = [p for p in partners if p.relation and "four outcomes" in p.relation]
    assert {p.id for p in outcomes} == {"ccin", "cosmetics4wellbeing"}
    for partner in outcomes:
        assert any("four outcomes" in e.quote for e in partner.evidence)


# Context the article gives, in structured fields


def test_the_context_of_the_article_is_recorded(article: str) -> None:
    facts = load_facts()
    (period,) = facts.certification
    assert period.other_clusters_sectors == ["automotive", "health", "nuclear", "digital",
                                             "aeronautics"]  # fmt: skip
    assert period.other_clusters_sectors_open is True
    assert period.cluster_announced == "the renewal of its label"
    assert facts.cluster.policy_outcomes is not None and len(facts.cluster.policy_outcomes) == 4
    assert "four outcomes that are all investments for the future" in article
    assert facts.cluster.policy_outcomes_are == "investments for the future"
    research = next(f for f in facts.figures if f.id == "research-projects-2019")
    assert research.between is not None and len(research.between) == 3


# Time in the views


def test_facts_as_of_2005_holds_only_what_held_then() -> None:
    summary = run_json("facts", "--as-of", "2005")
    assert isinstance(summary, dict)
    assert [(e["year"], e["event"]) for e in summary["timeline"]] == [
        (1994, "created"),
        (2005, "labelled"),
    ]
    assert summary["members"] == [] and summary["figures"] == []
    assert summary["certification"] == [] and summary["headquarters"] == []
    # Issue 23: the partners are dated only by their 2019 source: unknown in 2005, not 0.
    assert summary["partners_by_type"] is None
    table = run("facts", "--as-of", "2005")
    assert "not dated by the source" in " ".join(table.split())
    assert "university 0" not in " ".join(table.split())
    assert "Cosmetic Valley, as of 2005" in table
    assert "600" not in table and "2019–2022" not in table


def test_facts_as_of_shows_the_latest_record_of_each_series(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8").replace(
        "members:\n",
        'members:\n  - id: members-2017\n    as_of: "2017"\n'
        "    companies: {value: 500, qualifier: about, unit: companies}\n"
        "    sme_share: {value: 75, unit: percent}\n"
        "    evidence:\n      - source: luxus-2019\n"
        '        quote: "the one with the most members"\n',
    )  # an example record, for this test only
    data = tmp_path / "series.yaml"
    data.write_text(text, encoding="utf-8")
    latest = run_json("--data", str(data), "facts")
    then = run_json("--data", str(data), "facts", "--as-of", "2018")
    assert isinstance(latest, dict) and isinstance(then, dict)
    assert [m["id"] for m in latest["members"]] == ["members-2019"]
    assert [m["id"] for m in then["members"]] == ["members-2017"]


def test_views_never_drop_a_record_silently(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8").replace(
        "  - id: office-marseille\n    type: local-office\n",
        "  - id: office-marseille\n    type: headquarters\n",
    )  # two headquarters, as an example
    data = tmp_path / "two.yaml"
    data.write_text(text, encoding="utf-8")
    summary = run_json("--data", str(data), "facts")
    assert isinstance(summary, dict)
    assert [o["id"] for o in summary["headquarters"]] == ["cosmetics-house", "office-marseille"]
    identity = run("--data", str(data), "facts").split("\n\n")[1]
    assert [line.split()[0] for line in identity.splitlines()].count("headquarters") == 2


def test_an_old_dataset_gets_one_clear_error(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        "sources:\n  - id: luxus-2019\n    title: T\n    publisher: P\n    author: A\n"
        "    year: 2019\n    quote: q\ncluster:\n  name: X\n  source: luxus-2019\n  quote: q\n"
        "members:\n  companies: {value: 600, unit: companies}\n  source: luxus-2019\n  quote: q\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(old)])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{old}:1:1: CV230 this dataset has the shape of cv 0.1")
    assert "Migrating a 0.1 dataset" in line


def test_the_model_has_every_section() -> None:
    assert set(Facts.model_fields) == set(SECTIONS)
