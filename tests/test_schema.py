"""The JSON Schema: generated from the model, shipped, and true of facts.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FACTS, REPO
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.loader import load_facts
from cosmetic_valley_cli.problems import DataError

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
        "facts.schema.json is stale: run `python -m cosmetic_valley_cli.generate`"
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
    document["timeline"][0]["year"] = 12
    validator = jsonschema.Draft202012Validator(schema())
    assert len(list(validator.iter_errors(document))) == 3


def test_editors_find_the_schema() -> None:
    first_line = FACTS.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=facts.schema.json"


def _walk(node: object, path: str = "") -> list[tuple[str, dict[str, object]]]:
    """Every sub-schema (a dict) in the schema, with where it is."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found += _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _walk(value, f"{path}/{index}")
    return found


KEYWORDS = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties",
    "required", "additionalProperties", "items", "anyOf", "enum", "pattern", "minLength",
    "minimum", "maximum", "minItems", "default", "if", "then", "const",
}  # fmt: skip


def test_the_schema_speaks_only_json_schema() -> None:
    for path, node in _walk(schema()):
        if path.endswith("/properties") or path.endswith("/$defs"):
            continue  # their keys are names, not keywords
        unknown = set(node) - KEYWORDS
        assert not unknown, f"{path}: {unknown}"


def test_every_property_has_a_description_for_editors() -> None:
    properties = [
        (f"{path}/{name}", node)
        for path, holder in _walk(schema())
        if path.endswith("/properties") and "/if/" not in path and "/then/" not in path
        for name, node in holder.items()
    ]
    assert len(properties) > 80
    bare = [path for path, node in properties if not node.get("description")]  # type: ignore[attr-defined]
    assert bare == []


SHORT_ID = "d89f97f83dd3242d9076e63828f28126571db7a5014dc61ef6ad650750a67438"
# (name, text to find in facts.yaml, its replacement, whether cv and the editor accept it)
MUTATIONS = [
    ("year-too-small", "    year: 1994\n", "    year: 12\n", False),
    ("year-as-quoted-digits", "    year: 1994\n", '    year: "1994"\n', True),
    ("year-as-null", "    year: 1994\n", "    year: null\n", False),
    ("year-as-words", "    year: 1994\n", "    year: nineteen\n", False),
    ("count-negative", "clusters_certified: 48", "clusters_certified: -5", False),
    ("count-quoted", "clusters_certified: 48", 'clusters_certified: "48"', True),
    ("count-float", "clusters_certified: 48", "clusters_certified: 48.5", False),
    ("value-float", "{value: 600,", "{value: 600.5,", False),
    ("unknown-enum", "type: university", "type: universty", False),
    ("unknown-key", "    architect: Search\n", "    architect: Search\n    colour: red\n", False),
    ("missing-key", "    city: Marseille\n", "", False),
    ("empty-text", "    name: LNE\n", '    name: ""\n', False),
    ("blank-text", "    name: LNE\n", '    name: " "\n', False),
    ("digits-as-text", "    name: LNE\n", "    name: 360\n", True),
    ("optional-left-empty", "    architect: Search\n", "    architect:\n", True),
    ("flag-quoted", "led_by_cosmetic_valley: true", 'led_by_cosmetic_valley: "true"', True),
    ("flag-as-text", "led_by_cosmetic_valley: true", 'led_by_cosmetic_valley: "yes"', False),
    ("bad-id", "  - id: aura\n", "  - id: Aura_1\n", False),
    ("no-evidence",
     '    evidence:\n      - source: luxus-2019\n        quote: "its values (... performance"\n',
     "    evidence: []\n", False),
    ("date-unquoted", 'date: "2019"', "date: 2019", True),
    ("date-a-day", 'date: "2019"', 'date: "2019-02-05"', True),
    ("date-no-month-13", 'date: "2019"', 'date: "2019-13"', False),
    ("as-of-a-day", 'as_of: "2019"', 'as_of: "2019-11-26"', True),
    ("sha256-short", f"sha256: {SHORT_ID}", "sha256: d89f", False),
    ("url-https", "    sha256:", "    url: https://example.org/article\n    sha256:", True),
    ("url-ftp", "    sha256:", "    url: ftp://example.org/article\n    sha256:", False),
    ("hedge-about", "qualifier: nearly", "qualifier: about", True),
    ("share-over-all", "{value: 80, unit: percent}", "{value: 180, unit: percent}", False),
    ("share-of-all", "{value: 80, unit: percent}", "{value: 100, unit: percent}", True),
    ("count-of-20-digits", "clusters_applied: 56", "clusters_applied: 10000000000000000000", False),
    ("hedge-unknown", "qualifier: nearly", "qualifier: roughly", False),
    ("single-for-list", "members:\n  - id: members-2019\n", "members:\n    id: members-2019\n",
     False),
    ("no-sources", "sources:\n", "sources: []\nold_sources:\n", False),
]  # fmt: skip


def _cv_accepts(text: str, tmp_path: Path) -> bool:
    path = tmp_path / "mutated.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_facts(path)
    except DataError:
        return False
    return True


@pytest.mark.parametrize(
    ("old", "new", "accepted"), [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS]
)
def test_the_editor_and_cv_agree(tmp_path: Path, old: str, new: str, accepted: bool | None) -> None:
    text = FACTS.read_text(encoding="utf-8")
    assert old in text, old
    mutated = text.replace(old, new, 1)
    validator = jsonschema.Draft202012Validator(schema())
    editor = not list(validator.iter_errors(yaml.safe_load(mutated)))
    cv = _cv_accepts(mutated, tmp_path)
    assert editor == cv, f"editor {'accepts' if editor else 'refuses'}, cv the opposite"
    if accepted is not None:
        assert cv is accepted


def test_the_schema_sends_the_maintainer_to_cv_validate_for_what_it_cannot_see() -> None:
    """Issue 24: the editor schema accepts duplicate ids, an end before a start and an
    unknown source id; its words say so and name `cv validate`."""
    from cosmetic_valley_cli.model import json_schema

    schema = json_schema()
    said = str(schema["description"])
    for words in ("cv validate", "an id used twice", "no source", "ends before it starts"):
        assert words in said, words
    text = json.dumps(schema)
    assert "unique in its section (`cv validate` checks that)" in text
    assert "(`cv validate` checks that it is one)" in text
    assert "(`cv validate` checks it is not before start_year)" in text
