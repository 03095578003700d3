"""The published output contracts: every command's real --json output meets its schema."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
import typer.main
from conftest import FACTS, REPO
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.contracts import OUTPUTS
from cosmetic_valley_cli.options import FORMATS
from cosmetic_valley_cli.sections import LISTED

runner = CliRunner()
SCHEMAS = REPO / "docs" / "schemas"
NEXT_YEAR = REPO / "tests" / "fixtures" / "example-next-year.yaml"


def output_schema(command: str) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", "--output", command])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def validator(command: str) -> jsonschema.Draft202012Validator:
    schema = output_schema(command)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def json_output(args: list[str], exit_code: int = 0) -> Any:
    result = runner.invoke(app, args)
    assert result.exit_code == exit_code, result.output
    return json.loads(result.stdout)


def test_every_command_that_prints_json_has_a_contract() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    printing_json = {
        name
        for name, command in commands.items()
        if any("--json" in param.opts for param in command.params)
        or "json" in FORMATS.get(name, ())  # `cv validate --format json`, for CI
    }
    assert printing_json == {"facts", *LISTED, "search", "diff", "validate"}
    assert set(OUTPUTS) == printing_json


# (name, the arguments, the command whose contract applies, the exit code)
RUNS: list[tuple[str, list[str], str, int]] = [
    ("facts", ["facts", "--json"], "facts", 0),
    ("validate-valid", ["validate", "--format", "json"], "validate", 0),
    ("facts-as-of-2005", ["facts", "--as-of", "2005", "--json"], "facts", 0),
    *[(command, [command, "--json"], command, 0) for command in LISTED],
    *[
        (f"{command}-type-{kind.value}", [command, "--type", kind.value, "--json"], command, 0)
        for command, section in LISTED.items()
        if section.types is not None
        for kind in section.types
    ],
    ("search", ["search", "orleans", "--json"], "search", 0),
    ("search-evidence", ["search", "lemaire", "--json"], "search", 0),
    ("search-no-hit", ["search", "nothing-like-this", "--json"], "search", 0),
    ("diff", ["diff", str(FACTS), str(NEXT_YEAR), "--json"], "diff", 3),
    ("diff-backwards", ["diff", str(NEXT_YEAR), str(FACTS), "--json"], "diff", 3),
    ("diff-same", ["diff", str(FACTS), str(FACTS), "--json"], "diff", 0),
]


@pytest.mark.parametrize(("args", "command", "exit_code"), [r[1:] for r in RUNS],
                         ids=[r[0] for r in RUNS])  # fmt: skip
def test_real_output_meets_its_contract(args: list[str], command: str, exit_code: int) -> None:
    printed = json_output(args, exit_code)
    errors = [error.message for error in validator(command).iter_errors(printed)]
    assert errors == []


def test_the_runs_print_real_content() -> None:
    """The runs above validate something: the facts, the nine universities, a real diff."""
    facts = json_output(["facts", "--json"])
    assert facts["partners_by_type"]["university"] == 9
    early = json_output(["facts", "--as-of", "2005", "--json"])
    assert early["cluster"] is None and early["as_of"] == "2005"
    assert len(json_output(["partners", "--type", "university", "--json"])) == 9
    changes = json_output(["diff", str(FACTS), str(NEXT_YEAR), "--json"], 3)
    assert {(c["section"], c["id"], c["change"]) for c in changes} >= {
        ("sources", "example-2023", "added"),
        ("members", "members-2023", "added"),
    }


def test_the_contract_spells_out_the_enums() -> None:
    schema = output_schema("partners")
    defs = schema["$defs"]
    assert schema["items"] == {"$ref": "#/$defs/PartnerRecord"}
    partner = defs["PartnerRecord"]
    assert partner["additionalProperties"] is False
    assert partner["required"] == list(LISTED["partners"].fields)
    assert partner["properties"]["type"] == {
        "$ref": "#/$defs/PartnerType",
        "description": "What kind of partner it is.",
    }
    assert "university" in defs["PartnerType"]["enum"]
    assert "nearly" in defs["Qualifier"]["enum"]
    city = partner["properties"]["city"]["anyOf"]
    assert {"type": "null"} in city and {"type": "string"} in city
    assert {"type": "null"} not in partner["properties"]["name"].get("anyOf", [])
    offices = output_schema("offices")["$defs"]
    assert "under construction" in offices["Status"]["enum"]
    diff = output_schema("diff")["$defs"]["Change"]["properties"]
    assert diff["change"]["enum"] == ["added", "removed", "changed"]
    assert "partners" in diff["section"]["enum"]


def _partners() -> list[dict[str, Any]]:
    printed: list[dict[str, Any]] = json_output(["partners", "--json"])
    return printed


def _facts() -> dict[str, Any]:
    printed: dict[str, Any] = json_output(["facts", "--json"])
    return printed


def _set(path: tuple[str | int, ...], value: Any) -> Any:
    def change(document: Any) -> Any:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return document

    return change


def _drop(path: tuple[str | int, ...]) -> Any:
    def change(document: Any) -> Any:
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        return document

    return change


# (name, the command, what is changed in its real output, the word the error names)
WRONG: list[tuple[str, str, Any, str]] = [
    ("misspelt-type", "partners", _set((0, "type"), "universty"), "universty"),
    ("unknown-key", "partners", _set((0, "colour"), "red"), "colour"),
    ("missing-key", "partners", _drop((0, "city")), "city"),
    ("null-name", "partners", _set((0, "name"), None), "None"),
    ("year-as-text", "timeline", _set((0, "year"), "1994"), "1994"),
    ("unknown-hedge", "facts", _set(("members", 0, "companies", "qualifier"), "roughly"),
     "roughly"),
    ("count-of-a-type-as-text", "facts", _set(("partners_by_type", "network"), "1"), "'1'"),
    ("type-not-in-the-vocabulary", "facts", _set(("partners_by_type", "startup-support"), 0),
     "startup-support"),
    ("cluster-not-a-record", "facts", _set(("cluster",), "Cosmetic Valley"), "Cosmetic Valley"),
]  # fmt: skip


@pytest.mark.parametrize(("command", "change", "named"), [w[1:] for w in WRONG],
                         ids=[w[0] for w in WRONG])  # fmt: skip
def test_the_contract_catches_a_wrong_value(command: str, change: Any, named: str) -> None:
    printed = json_output([command, "--json"])
    assert list(validator(command).iter_errors(printed)) == []  # right before the change
    errors = [error.message for error in validator(command).iter_errors(change(printed))]
    assert len(errors) == 1, errors
    assert named in errors[0]


def test_an_unknown_command_is_a_usage_error_that_lists_the_valid_ones() -> None:
    result = runner.invoke(app, ["schema", "--output", "sheet"])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("cv: error: no command 'sheet' prints JSON")
    assert all(command in line for command in OUTPUTS)


def test_the_dataset_schema_is_still_cv_schema_alone() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.stdout == (REPO / "facts.schema.json").read_text(encoding="utf-8")


def test_the_published_schemas_are_current() -> None:
    published = sorted(path.name for path in SCHEMAS.glob("*.json"))
    assert published == sorted(f"{command}.json" for command in OUTPUTS)
    for command in OUTPUTS:
        shown = (SCHEMAS / f"{command}.json").read_text(encoding="utf-8")
        assert shown == runner.invoke(app, ["schema", "--output", command]).stdout, (
            f"docs/schemas/{command}.json is stale: run `python -m cosmetic_valley_cli.generate`"
        )


def test_the_readme_links_every_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in OUTPUTS:
        assert f"(docs/schemas/{command}.json)" in readme, command


def test_the_contracts_need_no_pydantic_until_a_schema_is_asked() -> None:
    code = "import sys, cosmetic_valley_cli.contracts;print('pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    assert result.stdout.strip() == "False", result.stderr


KEPT_0_2 = "b228b1baac21be239c447a1e5037d88532e33fb4d580b46ba73d521bf11eb1d3"
"""The SHA-256 of docs/schemas/0.2/ as 0.2.0 published it: kept schemas never change."""


def test_the_schemas_of_the_version_before_are_kept() -> None:
    """Changed schemas get a new versioned $id; a consumer pinned to 0.2 finds its own."""
    from cosmetic_valley_cli.contracts import CONTRACT

    kept = sorted((SCHEMAS / "0.2").glob("*.json"))
    digest = hashlib.sha256()
    for path in kept:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    assert digest.hexdigest() == KEPT_0_2
    assert CONTRACT != "0.2"
    assert "partners.json" in [path.name for path in kept]
    for path in kept:
        command = path.name.removesuffix(".json")
        old = json.loads(path.read_text(encoding="utf-8"))
        assert old["$id"] == path.name
        if command in OUTPUTS:  # still published, under the new version
            new = json.loads((SCHEMAS / path.name).read_text(encoding="utf-8"))
            assert new["$id"] == f"urn:cosmetic-valley-cli:{CONTRACT}:output:{command}"
            assert old["title"] == new["title"] == f"cv {command} --json"
