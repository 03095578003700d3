"""The plain-data view of the dataset agrees with the model it comes from."""

from __future__ import annotations

import typing

from cosmetic_valley_cli import load_document, load_facts
from cosmetic_valley_cli.document import EVIDENCE, SECTIONS, every_record, figure_text, records
from cosmetic_valley_cli.model import Facts


def test_sections_are_the_models_sections_in_order() -> None:
    assert list(SECTIONS) == list(Facts.model_fields)


def test_section_fields_are_the_models_fields() -> None:
    for key, section in SECTIONS.items():
        model = Facts.model_fields[key].annotation
        while typing.get_args(model):
            (model,) = typing.get_args(model)
        own = [name for name in model.model_fields if name not in EVIDENCE]  # type: ignore[union-attr]
        evidence = [name for name in EVIDENCE if name in model.model_fields]  # type: ignore[union-attr]
        assert section.fields == (*own, *evidence), key


def test_the_document_is_the_models_dump() -> None:
    assert load_document() == load_facts().model_dump(mode="json")


def test_every_record_has_its_sections_fields() -> None:
    document = load_document()
    for key, record in every_record(document):
        assert set(record) == set(SECTIONS[key].fields), key
    assert records(document, "members") == [document["members"]]


def test_figure_text_is_the_models() -> None:
    members = load_facts().members
    assert figure_text(600, "nearly", "companies") == members.companies.text
