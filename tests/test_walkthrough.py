"""The README's "Adding next year's facts" walk-through, run on an example fixture.

The fixture `tests/fixtures/example-next-year.yaml` is `facts.yaml` with the README's
additions, for a hypothetical second source (`tests/fixtures/example-2023.txt`): an
example only, never part of `facts.yaml`. `python tests/test_walkthrough.py` writes it
again after `facts.yaml` or the README changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FACTS, REPO
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app

FIXTURES = REPO / "tests" / "fixtures"
EXAMPLE = FIXTURES / "example-next-year.yaml"
ADDITION = re.compile(r"<!-- add after: (.+?) -->\n```yaml\n(.*?)```", re.DOTALL)
runner = CliRunner()


def next_year() -> str:
    """facts.yaml with each of the README's additions put after the line it names."""
    text = FACTS.read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    additions = ADDITION.findall(readme)
    assert len(additions) == 3
    for after, block in additions:
        line = after + "\n"
        assert line in text, after
        text = text.replace(line, line + block, 1)
    return text


def test_the_fixture_is_facts_yaml_with_the_readmes_additions() -> None:
    assert EXAMPLE.read_text(encoding="utf-8") == next_year(), (
        "run `python tests/test_walkthrough.py` to write the fixture again"
    )


def test_the_example_stays_out_of_facts_yaml() -> None:
    assert "example" not in FACTS.read_text(encoding="utf-8").casefold()


def test_the_new_count_is_the_latest_and_the_old_one_stays(tmp_path: Path) -> None:
    data = tmp_path / "next.yaml"
    data.write_text(next_year(), encoding="utf-8")
    validated = runner.invoke(app, ["validate", str(data)])
    assert validated.exit_code == 0, validated.output
    assert "sources: 2" in validated.stderr and "members: 2" in validated.stderr
    summary = json.loads(runner.invoke(app, ["--data", str(data), "facts", "--json"]).stdout)
    assert [m["id"] for m in summary["members"]] == ["members-2023"]
    assert summary["members"][0]["companies"]["qualifier"] == "about"
    then = json.loads(
        runner.invoke(app, ["--data", str(data), "facts", "--as-of", "2019", "--json"]).stdout
    )
    assert [m["id"] for m in then["members"]] == ["members-2019"]
    timeline = json.loads(runner.invoke(app, ["--data", str(data), "timeline", "--json"]).stdout)
    created = next(entry for entry in timeline if entry["id"] == "created-1994")
    assert [e["source"] for e in created["evidence"]] == ["luxus-2019", "example-2023"]


def test_the_examples_quotes_stand_in_the_example_source() -> None:
    source = " ".join((FIXTURES / "example-2023.txt").read_text(encoding="utf-8").split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quoted = re.findall(r'source: example-2023\n\s+quote: "([^"]+)"', readme)
    assert len(quoted) == 3
    assert all(quote in source for quote in quoted)


if __name__ == "__main__":
    EXAMPLE.write_text(next_year(), encoding="utf-8")
