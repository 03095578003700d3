"""The JSON Schema: generated from the model, shipped, and true of facts.yaml."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import FACTS, REPO
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app

runner = CliRunner()
SHIPPED = REPO / "facts.schema.json"


def schema() -> dict[str, object]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    printed: dict[str, object] = json.loads(result.stdout)
    return printed


def test_shipped_schema_is_what_cv_schema_prints() -> None:
    result = runner.invoke(app, ["schema"])
    assert SHIPPED.read_text(encoding="utf-8") == result.stdout, (
        "facts.schema.json is stale: run `cv schema > facts.schema.json`"
    )


def test_facts_yaml_validates_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    validator.check_schema(validator.schema)
    errors = list(validator.iter_errors(yaml.safe_load(FACTS.read_text(encoding="utf-8"))))
    assert errors == []


def test_schema_refuses_what_the_model_refuses() -> None:
    document = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    document["partners"][0]["type"] = "universty"
    document["cluster"]["colour"] = "red"
    validator = jsonschema.Draft202012Validator(schema())
    assert len(list(validator.iter_errors(document))) == 2


def test_editors_find_the_schema() -> None:
    first_line = FACTS.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=facts.schema.json"
