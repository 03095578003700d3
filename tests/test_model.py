"""The pydantic model: typing rules and the questions the library answers."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cosmetic_valley_cli import load_document, load_facts
from cosmetic_valley_cli.dataset import partner_counts, partners_of_type
from cosmetic_valley_cli.model import Figure, Milestone, Partner
from cosmetic_valley_cli.vocabulary import PartnerType, Qualifier

EVIDENCE = {"id": "x", "evidence": [{"source": "luxus-2019", "quote": "Created in 1994"}]}


def test_the_packaged_dataset_loads() -> None:
    facts = load_facts()
    assert facts.cluster.name == "Cosmetic Valley"
    assert [m.year for m in facts.timeline][:2] == [1994, 2005]
    (certification,) = facts.certification
    assert certification.start_year == 2019
    assert certification.end_year == 2022
    assert (certification.clusters_certified, certification.clusters_applied) == (48, 56)


def test_vague_figures_keep_their_qualifier() -> None:
    (members,) = load_facts().members
    assert (members.companies.value, members.companies.qualifier) == (600, Qualifier.NEARLY)
    assert members.companies.text == "nearly 600 companies"
    assert members.sme_share is not None and members.sme_share.text == "80%"
    assert members.candidates_per_board is not None
    assert members.candidates_per_board.qualifier is Qualifier.SOME


def test_partner_selection_and_counts() -> None:
    document = load_document()
    universities = partners_of_type(document, PartnerType.UNIVERSITY)
    assert len(universities) == 9
    assert partner_counts(document)[PartnerType.UNIVERSITY] == 9
    assert sum(partner_counts(document).values()) == len(document["partners"])
    facts = load_facts()
    wellbeing = next(p for p in facts.partners if p.name == "Cosmetics4Wellbeing")
    assert wellbeing.countries == ["France", "Spain", "Portugal", "Romania"]
    assert wellbeing.led_by_cosmetic_valley is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (Figure(value=450_000_000, unit="EUR"), "450 million euros"),
        (
            Figure(value=150_000, qualifier=Qualifier.MORE_THAN, unit="employees"),
            "more than 150,000 employees",
        ),
        (Figure(value=1234, unit="EUR"), "1,234 euros"),
    ],
)
def test_figure_text(text: Figure, expected: str) -> None:
    assert text.text == expected


@pytest.mark.parametrize("year", ["1994", 1994])
def test_a_year_is_digits(year: object) -> None:
    assert Milestone.model_validate({"year": year, "event": "created", **EVIDENCE}).year == 1994


@pytest.mark.parametrize(
    "year",
    ["33:14", "017", "1_994", "0x7ca", "1994.0", " 1994", "", True, "nineteen"],
    ids=[
        "sexagesimal",
        "octal-looking",
        "underscore",
        "hex",
        "float",
        "space",
        "empty",
        "bool",
        "words",
    ],
)
def test_a_year_is_nothing_else(year: object) -> None:
    with pytest.raises(ValidationError):
        Milestone.model_validate({"year": year, "event": "created", **EVIDENCE})


@pytest.mark.parametrize(("flag", "expected"), [("true", True), ("false", False), (True, True)])
def test_flags(flag: object, expected: bool) -> None:
    partner = Partner.model_validate(
        {"name": "X", "type": "network", "led_by_cosmetic_valley": flag, **EVIDENCE}
    )
    assert partner.led_by_cosmetic_valley is expected


@pytest.mark.parametrize("flag", ["yes", "no", "1", "True"])
def test_flags_refuse_guesses(flag: str) -> None:
    with pytest.raises(ValidationError):
        Partner.model_validate(
            {"name": "X", "type": "network", "led_by_cosmetic_valley": flag, **EVIDENCE}
        )


def test_unknown_keys_and_types_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Partner.model_validate({"name": "X", "type": "network", "colour": "red", **EVIDENCE})
    with pytest.raises(ValidationError):
        Partner.model_validate({"name": "X", "type": "universty", **EVIDENCE})


def test_records_are_frozen() -> None:
    partner = load_facts().partners[0]
    with pytest.raises(ValidationError):
        partner.name = "Elsewhere"  # type: ignore[misc]
