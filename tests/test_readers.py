"""One escaping rule per reader, each tested with a real reader of its kind.

A name in the data holds what a terminal would obey or hide: C1 controls (xterm reads
U+009B as CSI), a bidi override, zero-width and separator characters, DEL, the BOM,
and noncharacters. JSON, JSON Lines and JSON-LD write them as `\\u` escapes, which a
JSON parser reads back as the very same value; the bytes hold none of them raw.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import FACTS
from test_installed import CV

HOSTILE = "LNE \x9b2J \u202e evil \u200b \u2028 \uffff \U0001ffff \ufeff \x7f \x85 end"
RAW = [char for char in HOSTILE if not char.isascii() or char == "\x7f"]
YAML_FORM = r'"LNE \x9b2J \u202e evil \u200b \u2028 \uffff \U0001ffff \ufeff \x7f \x85 end"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readers") / "hostile.yaml"
    text = FACTS.read_text(encoding="utf-8")
    assert "    name: LNE\n" in text
    path.write_text(text.replace("    name: LNE\n", f"    name: {YAML_FORM}\n", 1), "utf-8")
    return path


def printed(path: Path, *args: str, fast: bool = True) -> bytes:
    env = {**os.environ, **({} if fast else {"CV_FAST": "off"})}
    done = subprocess.run([str(CV), "--data", str(path), *args], capture_output=True,
                          timeout=60, check=False, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def names(value: object) -> list[str]:
    """Every string in a JSON value that holds the hostile name's first word and more."""
    if isinstance(value, str):
        return [value] if value.startswith("LNE ") else []
    if isinstance(value, dict):
        return [name for item in value.values() for name in names(item)]
    if isinstance(value, list):
        return [name for item in value for name in names(item)]
    return []


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "typer-path"])
@pytest.mark.parametrize(
    "args", [["partners", "--json"], ["partners", "-f", "jsonl"], ["search", "evil", "--json"]],
    ids=["json", "jsonl", "search-json"],
)  # fmt: skip
def test_json_escapes_what_a_terminal_would_obey(
    hostile: Path, args: list[str], fast: bool
) -> None:
    data = printed(hostile, *args, fast=fast)
    text = data.decode("utf-8")
    assert [char for char in RAW if char in text] == []
    assert "é" in printed(hostile, "partners", "--json").decode("utf-8")  # UTF-8 stays UTF-8
    lines = text.splitlines() if "jsonl" in args else [text]
    found = [name for line in lines for name in names(json.loads(line))]
    assert found
    assert set(found) == {HOSTILE}


def test_json_ld_escapes_it_too(hostile: Path) -> None:
    text = printed(hostile, "facts", "--format", "jsonld").decode("utf-8")
    assert [char for char in RAW if char in text] == []
    graph = json.loads(text)
    assert HOSTILE in names(graph)


def test_yaml_escapes_it_too_and_has_no_aliases(hostile: Path) -> None:
    """YAML writes the same set as escapes, in double quotes; PyYAML reads the same value."""
    import yaml

    text = printed(hostile, "partners", "-f", "yaml").decode("utf-8")
    assert [char for char in RAW if char in text] == []
    assert HOSTILE in names(yaml.safe_load(text))
    assert yaml.safe_load(text) == json.loads(printed(hostile, "partners", "--json"))
    summary = printed(hostile, "facts", "-f", "yaml").decode("utf-8")
    assert "&id" not in summary and "*id" not in summary  # cv's own loader refuses aliases
    assert yaml.safe_load(summary) == json.loads(printed(hostile, "facts", "--json"))
