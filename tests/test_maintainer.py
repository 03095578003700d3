"""Maintainer tools: `cv diff` to review an update, `cv validate --against` for quotes.

The tests use a small source text and dataset of their own (tests/fixtures, examples
only), and the real article when ../shared is there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ARTICLE, FACTS, REPO, SHARED, need_shared
from typer.testing import CliRunner

from cosmetic_valley_cli import load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.dataset import every_record

runner = CliRunner()
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLE_TEXT = FIXTURES / "example-2023.txt"
EXAMPLE_DATA = FIXTURES / "example-next-year.yaml"
AGAINST_EXAMPLE = f"example-2023={EXAMPLE_TEXT}"


def quotes_by_source(data: Path) -> Counter[str]:
    """How many quotes of a dataset cite each source: every evidence entry, counted."""
    return Counter(
        evidence["source"]
        for _, record in every_record(load_document(data))
        for evidence in record["evidence"]
    )


def copy(tmp_path: Path, text: str, name: str = "new.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def updated(tmp_path: Path) -> Path:
    """facts.yaml with its employees figure changed and an institution renamed."""
    text = FACTS.read_text(encoding="utf-8")
    text = text.replace(
        "{value: 150000, qualifier: more than", "{value: 160000, qualifier: more than"
    )
    text = text.replace("    name: Synchrotron Soleil\n", "    name: SOLEIL Synchrotron\n")
    return copy(tmp_path, text)


# cv diff


def test_a_dataset_agrees_with_itself() -> None:
    result = runner.invoke(app, ["diff", str(FACTS), str(FACTS), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    table = runner.invoke(app, ["diff", str(FACTS), str(FACTS)])
    assert (table.exit_code, table.stdout) == (0, "")
    assert "agree" in table.stderr


def test_diff_reports_exactly_the_changed_records(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(FACTS), str(updated(tmp_path)), "--json"])
    assert result.exit_code == 3, result.output
    changes = json.loads(result.stdout)
    assert [(c["section"], c["id"], c["change"]) for c in changes] == [
        ("partners", "institution-synchrotron-soleil", "changed"),
        ("figures", "sector-employees-2019", "changed"),
    ]
    (name,) = changes[0]["fields"]
    assert (name["field"], name["before"], name["after"]) == (
        "name", "Synchrotron Soleil", "SOLEIL Synchrotron",
    )  # fmt: skip
    (figure,) = changes[1]["fields"]
    assert (figure["before"]["value"], figure["after"]["value"]) == (150000, 160000)


def test_diff_table_shows_the_same_for_people(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["diff", str(FACTS), str(updated(tmp_path))], env={"COLUMNS": "120"}
    )
    assert result.exit_code == 3, result.output
    assert "institution-synchrotron-soleil" in result.stdout
    assert "sector-employees-2019" in result.stdout
    assert "more than 150,000 employees" in result.stdout
    assert "more than 160,000 employees" in result.stdout
    assert "SOLEIL Synchrotron" in result.stdout
    assert result.stdout.count("changed: ") == 2


def test_diff_sees_added_and_removed_records_and_sources(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8")
    text = text.replace("  - id: innovation\n", "  - id: innovation-and-research\n")
    text = text.replace("    publisher: Luxus+\n", "    publisher: Luxus Plus\n")
    result = runner.invoke(app, ["diff", str(FACTS), str(copy(tmp_path, text)), "--json"])
    assert result.exit_code == 3, result.output
    changes = json.loads(result.stdout)
    assert [(c["section"], c["id"], c["change"]) for c in changes] == [
        ("values", "innovation", "removed"),
        ("values", "innovation-and-research", "added"),
        ("sources", "luxus-2019", "changed"),
    ]
    added = changes[1]["fields"]
    assert {f["field"] for f in added} == {"id", "name", "evidence"}
    assert all(f["before"] is None for f in added)


def test_diff_compares_evidence_too(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8").replace(
        'quote: "labelled in 2005"', 'quote: "Created in 1994, labelled in 2005"'
    )
    result = runner.invoke(app, ["diff", str(FACTS), str(copy(tmp_path, text)), "--json"])
    assert result.exit_code == 3
    ((change,),) = [c["fields"] for c in json.loads(result.stdout)]
    assert change["field"] == "evidence"


def test_diff_of_invalid_datasets_reports_both(tmp_path: Path) -> None:
    old = copy(
        tmp_path, FACTS.read_text(encoding="utf-8").replace("year: 1994", "year: 94"), "a.yaml"
    )
    new = copy(tmp_path, "sources: []\n", "b.yaml")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{old}:") and "timeline[0].year" in line for line in lines)
    assert any(line.startswith(f"{new}:1:") for line in lines)


def test_diff_needs_two_datasets() -> None:
    result = runner.invoke(app, ["diff", str(FACTS)])
    assert result.exit_code == 2
    assert result.stdout == ""


# cv validate --against


def test_validate_says_how_many_quotes_were_not_verified() -> None:
    result = runner.invoke(app, ["validate", str(FACTS)])
    assert result.exit_code == 0, result.output
    quotes = quotes_by_source(FACTS).total()
    assert quotes > 0
    assert result.stderr.rstrip().endswith(
        f"{quotes} of {quotes} quotes not verified against their source (--against SOURCE_ID=FILE)"
    )


def test_the_examples_quotes_stand_in_the_example_source() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLE_DATA), "--against", AGAINST_EXAMPLE])
    assert result.exit_code == 0, result.output
    quotes = quotes_by_source(EXAMPLE_DATA)
    assert f"3 quotes found in {EXAMPLE_TEXT}" in result.stderr  # the README's three additions
    assert quotes["example-2023"] == 3
    unverified = quotes.total() - quotes["example-2023"]
    assert f"{unverified} of {quotes.total()} quotes not verified" in result.stderr


def damaged(tmp_path: Path, old: str, new: str) -> list[str]:
    text = EXAMPLE_DATA.read_text(encoding="utf-8")
    assert old in text
    path = copy(tmp_path, text.replace(old, new, 1))
    result = runner.invoke(app, ["validate", str(path), "--against", AGAINST_EXAMPLE])
    assert result.exit_code == 1
    assert result.stdout == ""
    return [line.removeprefix(f"{path}:") for line in result.stderr.splitlines()]


def test_an_altered_quote_is_located_with_the_nearest_passage(tmp_path: Path) -> None:
    (line,) = damaged(tmp_path, "about 650 member companies", "about 560 member companies")
    text = EXAMPLE_DATA.read_text(encoding="utf-8")
    number = text[: text.index('quote: "about 650')].count("\n") + 1
    assert line.startswith(f"{number}:16: CV401 quote not in {EXAMPLE_TEXT}: 'about 560 member")
    assert line.endswith("nearest passage: 'about 650 member companies, 80% of them SMEs.' "
                         "(the quote has '560' where the source has '650')")  # fmt: skip


def test_pieces_must_stand_in_order(tmp_path: Path) -> None:
    (line,) = damaged(tmp_path, 'quote: "founded in 1994"', 'quote: "80% of them SMEs ... 1994"')
    assert "quote not in" in line and "'1994'" in line


def test_case_is_kept_because_verbatim_means_verbatim(tmp_path: Path) -> None:
    (line,) = damaged(tmp_path, 'quote: "founded in 1994"', 'quote: "Founded in 1994"')
    assert "'Founded in 1994'" in line


def test_typographic_quotes_dashes_and_spaces_are_folded(tmp_path: Path) -> None:
    text = EXAMPLE_DATA.read_text(encoding="utf-8").replace(
        'quote: "Example: the cluster\'s members in 2023"',
        'quote: "Example: the cluster’s   members in 2023"',
    )
    path = copy(tmp_path, text)
    result = runner.invoke(app, ["validate", str(path), "--against", AGAINST_EXAMPLE])
    assert result.exit_code == 0, result.output


def test_a_source_text_with_other_bytes_is_refused(tmp_path: Path) -> None:
    lines = damaged(tmp_path, "    publisher: Example Press\n",
                    "    publisher: Example Press\n    sha256: " + "0" * 64 + "\n")  # fmt: skip
    (line,) = lines
    assert f"{EXAMPLE_TEXT} is not the text this source records" in line


@pytest.mark.parametrize(
    ("spec", "message"),
    [("example-2023", "write SOURCE_ID=FILE"), ("nobody=x.txt", "'nobody': the dataset has no")],
    ids=["no-equals", "unknown-source"],
)
def test_a_bad_against_is_a_usage_error(spec: str, message: str) -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLE_DATA), "--against", spec])
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_unreadable_source_text_is_one_line() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLE_DATA), "--against",
                                 "example-2023=no-such.txt"])  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == "cv: error: cannot read no-such.txt: No such file or directory\n"


def check_quotes(facts: Path) -> int:
    tool = need_shared(SHARED / "tools" / "check_quotes.py")
    return subprocess.run([sys.executable, str(tool), str(facts), "--source", str(ARTICLE)],
                          capture_output=True, timeout=60, check=False).returncode  # fmt: skip


def test_cv_and_the_reference_both_accept_facts_yaml_against_the_article() -> None:
    article = need_shared(ARTICLE)
    result = runner.invoke(app, ["validate", str(FACTS), "--against", f"luxus-2019={article}"])
    assert result.exit_code == 0, result.output
    assert f"{quotes_by_source(FACTS)['luxus-2019']} quotes found" in result.stderr
    assert check_quotes(FACTS) == 0


def test_cv_and_the_reference_both_refuse_a_damaged_quote(tmp_path: Path) -> None:
    article = need_shared(ARTICLE)
    text = FACTS.read_text(encoding="utf-8").replace(
        "(nearly 600 companies", "(nearly 650 companies"
    )
    path = copy(tmp_path, text)
    result = runner.invoke(app, ["validate", str(path), "--against", f"luxus-2019={article}"])
    assert result.exit_code == 1
    assert "nearest passage" in result.stderr
    assert check_quotes(path) == 1


def test_diff_ends_with_a_summary_line(tmp_path: Path) -> None:
    """Issue 24: `cv diff` had no summary. The table ends with one on stdout; with
    --json it goes to stderr, so that stdout stays one JSON array."""
    text = FACTS.read_text(encoding="utf-8")
    text = text.replace("  - id: innovation\n", "  - id: innovation-and-research\n")
    text = text.replace("Synchrotron Soleil\n", "SOLEIL Synchrotron\n", 1)
    new = str(copy(tmp_path, text))
    table = runner.invoke(app, ["diff", str(FACTS), new], env={"COLUMNS": "120"})
    assert table.exit_code == 3
    summary = "3 records differ: 1 added, 1 removed, 1 changed"
    assert table.stdout.rstrip("\n").splitlines()[-1] == summary
    as_json = runner.invoke(app, ["diff", str(FACTS), new, "--json"])
    assert as_json.exit_code == 3
    assert len(json.loads(as_json.stdout)) == 3
    assert as_json.stderr == f"cv: {summary}\n"


def test_diff_as_markdown_is_a_table_for_a_pull_request(tmp_path: Path) -> None:
    """Issue 24: `cv diff --format markdown` for a pull request's comment: one row per
    field that differs, the data's markup shown as text, then the summary."""
    import cmarkgfm

    text = FACTS.read_text(encoding="utf-8").replace(
        "Synchrotron Soleil\n", '"SOLEIL *Synchrotron* | [x](https://evil.example)"\n', 1
    )
    result = runner.invoke(app, ["diff", str(FACTS), str(copy(tmp_path, text)), "-f", "markdown"])
    assert result.exit_code == 3, result.stderr
    html = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.DOTALL) for row in rows[1:]]
    assert cells == [["changed", "partners", "institution-synchrotron-soleil", "name",
                      "Synchrotron Soleil",
                      "SOLEIL *Synchrotron* | [x](https://evil.example)"]]  # fmt: skip
    assert "<em>" not in html and "<a " not in html
    assert result.stdout.rstrip("\n").splitlines()[-1] == "1 record differs: 1 changed"


@pytest.mark.parametrize(
    ("name", "after"),
    [('"Orléans "', "'Orléans '"), ('"Orle\\u0301ans"', "'Orle\\u0301ans'"),
     ('"Orléans\\t"', "'Orléans\\u0009'"), ('"Orl\\xe9ans\\xa0"', "'Orléans\\u00a0'")],
    ids=["trailing-space", "decomposed-accent", "trailing-tab", "no-break-space"],
)  # fmt: skip
def test_a_change_the_eye_cannot_see_is_shown_as_escapes(
    tmp_path: Path, name: str, after: str
) -> None:
    """A name changed by a trailing space or a decomposed accent read `before: Orléans`,
    `after: Orléans` (issue 22's hostile pass): both sides are quoted, what the eye
    cannot tell apart written as escapes, and the rest as it is (not Python's repr)."""
    text = FACTS.read_text(encoding="utf-8").replace("    name: Orléans\n", f"    name: {name}\n")
    new = str(copy(tmp_path, text))
    table = runner.invoke(app, ["diff", str(FACTS), new])
    assert table.exit_code == 3, table.stderr
    assert "    before: 'Orléans'\n" in table.stdout
    assert f"    after: {after}\n" in table.stdout
    markdown = runner.invoke(app, ["diff", str(FACTS), new, "-f", "markdown"])
    assert after.replace("\\", "\\\\") in markdown.stdout
