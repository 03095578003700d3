"""The plain-data view of the dataset agrees with the model it comes from."""

from __future__ import annotations

from typing import cast

from cosmetic_valley_cli import load_document, load_facts
from cosmetic_valley_cli.dataset import every_record, records, with_caveats
from cosmetic_valley_cli.model import Figure
from cosmetic_valley_cli.records import Document, FigureRecord
from cosmetic_valley_cli.sections import SECTIONS
from cosmetic_valley_cli.wording import figure_text


def test_the_document_is_the_models_dump_with_its_caveats() -> None:
    assert load_document() == with_caveats(cast("Document", load_facts().model_dump(mode="json")))


def test_every_record_has_its_sections_fields() -> None:
    document = load_document()
    for key, record in every_record(document):
        assert set(record) == set(SECTIONS[key].record_fields), key
    assert records(document, "members") == document["members"]
    assert records(document, "cluster") == [document["cluster"]]


def test_every_record_comes_in_file_order() -> None:
    keys = [key for key, _ in every_record(load_document())]
    assert keys[0] == "sources"
    assert keys.index("people") < keys.index("partners") < keys.index("values")


def test_figure_text_is_the_models() -> None:
    figure = FigureRecord(value=600, qualifier="nearly", unit="companies")
    assert figure_text(figure) == "nearly 600 companies"
    assert Figure.model_validate(figure).text == "nearly 600 companies"
