"""Issue 23: every view as true as the record, each point held against the article's words.

The audit's findings, one test each: counts the source does not give, categories the
text does not support, wording that overstates.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FACTS, REPO
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.quotes import Source, check, fold
from cosmetic_valley_cli.vocabulary import PartnerType

runner = CliRunner()
DATA = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
ARTICLE = Source(fold((REPO.parent / "shared" / "seeds" / "000_9e8f03860a0667c4.txt")
                      .read_text(encoding="utf-8")))  # fmt: skip


def said(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def in_article(words: str) -> bool:
    return check(words, ARTICLE) is None


def test_no_count_of_a_type_that_no_record_has() -> None:
    """`startup-support 0`: the article gives no such count (it accompanies start-ups)."""
    counts = json.loads(said("facts", "--json"))["partners_by_type"]
    assert 0 not in counts.values()
    assert counts == {"university": 9, "institution": 3, "cluster": 1, "region-or-cluster": 1,
                      "network": 1}  # fmt: skip
    assert " 0 " not in said("facts")


def test_the_partner_types_are_the_article_s_categories() -> None:
    """A type no record uses and the article does not name has left the vocabulary."""
    used = {partner["type"] for partner in DATA["partners"]}
    assert {kind.value for kind in PartnerType} == used
    assert in_article("a European Cosmetics4Wellbeing cluster")
    (wellbeing,) = [p for p in DATA["partners"] if p["id"] == "cosmetics4wellbeing"]
    assert wellbeing["type"] == "cluster"
    (aura,) = [p for p in DATA["partners"] if p["id"] == "aura"]
    assert aura["type"] == "region-or-cluster"  # "new regions or new complementary poles"


def test_the_institutions_relation_follows_the_article() -> None:
    """They were "one of the renowned scientific institutions", which describes them; the
    article ties them to the cluster through its collaborative research projects."""
    institutions = [p for p in DATA["partners"] if p["type"] == "institution"]
    assert [p["name"] for p in institutions] == ["CNRS", "LNE", "Synchrotron Soleil"]
    for institution in institutions:
        assert institution["relation"].startswith("collaborative research projects developed")
        assert institution["description"] == "a renowned scientific institution"
        (evidence,) = institution["evidence"]
        assert in_article(evidence["quote"])
        assert "developed between manufacturers" in evidence["quote"]


def test_an_unnamed_site_reads_as_its_kind_in_its_city() -> None:
    """The sheet called the Marseille site "office"; the article: "additional local offices
    (Marseille)". It has no name, and none is made up."""
    (marseille,) = [o for o in DATA["offices"] if o["city"] == "Marseille"]
    assert "name" not in marseille
    assert in_article("opening of additional local offices (Marseille)")
    assert "local office in Marseille (being opened)" in said("sheet")
    assert "office, Marseille" not in said("sheet")


def test_the_article_s_one_quotation_is_two_records_of_jamet_s_words() -> None:
    """Issue 23: only the journalist's paraphrases were recorded."""
    quotations = json.loads(said("quotations", "--json"))
    assert [q["id"] for q in quotations] == ["jamet-thanks-2019", "jamet-made-in-france-2019"]
    assert {q["speaker"] for q in quotations} == {"marc-antoine-jamet"}
    thanks, made_in_france = (q["evidence"][0]["quote"] for q in quotations)
    assert (
        thanks.startswith("I am delighted") and "I sincerely thank the public authorities" in thanks
    )
    assert "Minister of Economy, Bruno Lemaire" in thanks  # the source's spelling, quoted
    assert "defend the excellence of “Made in France”" in made_in_france
    assert made_in_france.endswith("an increasingly competitive environment.")
    assert all(in_article(q["evidence"][0]["quote"]) for q in quotations)
    found = json.loads(said("search", "delighted", "--json"))
    assert [hit["id"] for hit in found] == ["jamet-thanks-2019"]


def test_made_in_france_is_what_the_cluster_defends_not_a_value() -> None:
    """ "An ardent defender of Made in France and its values (environmental protection, ...)":
    the bracket gives Made in France's values; Made in France is what is defended."""
    (defended,) = json.loads(said("defends", "--json"))
    assert (defended["id"], defended["name"]) == ("made-in-france", "Made in France")
    quotes = [item["quote"] for item in defended["evidence"]]
    assert quotes[0] == "An ardent defender of Made in France and its values"
    assert "will continue to defend the excellence of “Made in France”" in quotes[1]
    assert all(in_article(quote) for quote in quotes)
    values = json.loads(said("values", "--json"))
    assert [v["name"] for v in values] == ["environmental protection", "consumer safety",
        "authenticity of raw materials", "performance", "innovation"]  # fmt: skip


def test_a_quotation_s_speaker_must_be_a_person(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8").replace(
        "    speaker: marc-antoine-jamet\n    about: the certification",
        "    speaker: the-president\n    about: the certification",
    )
    path = tmp_path / "speaker.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    line = text.splitlines().index("    speaker: the-president") + 1
    assert result.stderr.startswith(
        f"{path}:{line}:14: CV303 quotations[0].speaker: unknown person 'the-president'; a "
        "quotation's speaker is the id of a person in people:"
    ), result.stderr


def only_required(data: dict[str, Any]) -> dict[str, Any]:
    """The dataset with every field left out that the model does not require."""
    from cosmetic_valley_cli.model import Facts

    def strip(model: Any, record: dict[str, Any]) -> dict[str, Any]:
        return {name: record[name] for name, declared in model.model_fields.items()
                if declared.is_required()}  # fmt: skip

    kept: dict[str, Any] = {}
    for key, declared in Facts.model_fields.items():
        if not declared.is_required():
            continue
        if typing.get_origin(declared.annotation) is list:
            model = typing.get_args(declared.annotation)[0]
            kept[key] = [strip(model, record) for record in data[key]]
        else:
            kept[key] = strip(declared.annotation, data[key])
    return kept


def test_a_dataset_of_only_required_fields_shows_in_every_view(tmp_path: Path) -> None:
    """Issue 23: a source that does not name what a field holds leaves it out, and every
    view says what there is, with no "None" and no error."""
    from cosmetic_valley_cli.options import FORMATS
    from cosmetic_valley_cli.sections import LISTED

    path = tmp_path / "only-required.yaml"
    path.write_text(yaml.safe_dump(only_required(DATA), allow_unicode=True), encoding="utf-8")
    runs = [["facts", "-f", f] for f in FORMATS["facts"]]
    runs += [[command, "-f", f] for command in LISTED for f in FORMATS[command]]
    runs += [["search", "cosmetic"], ["sheet"]]
    runs += [
        ["sheet", "--save", str(tmp_path / f"sheet.{kind}")] for kind in ("html", "svg", "txt")
    ]
    for args in runs:
        result = runner.invoke(app, ["--data", str(path), *args])
        assert result.exit_code == 0, (args, result.output)
        assert "None" not in result.stdout, args
    for kind in ("html", "svg", "txt"):
        assert "None" not in (tmp_path / f"sheet.{kind}").read_text(encoding="utf-8")
    assert "applied_to" not in only_required(DATA)["certification"][0]


@pytest.mark.parametrize(
    ("section", "required"),
    [("sources", ["id", "title", "date", "evidence"]), ("cluster", ["id", "name", "evidence"]),
     ("people", ["id", "name", "evidence"]), ("quotations", ["id", "speaker", "evidence"]),
     ("timeline", ["id", "year", "event", "evidence"]),
     ("certification", ["id", "start_year", "end_year", "evidence"]),
     ("members", ["id", "companies", "evidence"]),
     ("figures", ["id", "name", "figure", "evidence"]),
     ("partners", ["id", "name", "type", "evidence"]),
     ("offices", ["id", "type", "city", "evidence"]),
     ("events", ["id", "name", "type", "evidence"]), ("services", ["id", "name", "evidence"]),
     ("trade_shows", ["id", "city", "evidence"]), ("defends", ["id", "name", "evidence"]),
     ("values", ["id", "name", "evidence"])],
)  # fmt: skip
def test_only_what_identifies_a_record_is_required(section: str, required: list[str]) -> None:
    """The README's table of required fields, held against the model."""
    from cosmetic_valley_cli.model import Facts

    declared = Facts.model_fields[section].annotation
    model: Any = typing.get_args(declared)[0] if typing.get_origin(declared) is list else declared
    assert [name for name, f in model.model_fields.items() if f.is_required()] == required
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{section}` |"))
    assert row.split("|")[2].strip() == ", ".join(f"`{name}`" for name in required)
