"""The one escaping rule: nothing from a dataset reaches a person raw, nothing is obeyed.

Each class found by the hostile review has its own named test: terminal control and
bidi characters, rich markup and emoji codes, CSV formulas, Markdown's own syntax,
error messages that quote a file. Machine formats stay exact.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FACTS
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.escaping import csv_cell, markdown_cell, visible

runner = CliRunner()

# A name that would retitle the window, clear the screen, hide text and reverse the
# line; a description that rich would read as a live link, an emoji, a dropped word
# and a broken tag; a name that a spreadsheet would run.
HOSTILE_NAME = "CNRS\x1b]0;OWNED\x07\x1b[2J\x00\u202egnp.exe\u200b"
MARKUP = "[link=javascript:alert(1)]click[/link] :fire: [sic] a [/b] b <script>x</script>"
FORMULA = '=HYPERLINK("http://example.invalid")'
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]")


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value` (JSON strings are YAML)."""
    return json.dumps(value)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = FACTS.read_text(encoding="utf-8")
    text = text.replace("    name: CNRS\n", f"    name: {yaml_string(HOSTILE_NAME)}\n")
    text = text.replace("    name: LNE\n", f"    name: {yaml_string(FORMULA)}\n")
    text = text.replace(
        "    description: a new region or a new complementary pole of its activities\n",
        f"    description: {yaml_string(MARKUP)}\n",
    )
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def out(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stderr), result.stderr
    return result.stdout


def test_visible_escapes_controls_bidi_and_invisible_characters() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("\u202eabc\u200b") == "\\u202eabc\\u200b"
    assert visible("\x00\x7f\x85") == "\\x00\\x7f\\x85"
    assert visible("one\ntwo") == "one\\x0atwo"
    assert visible("one\ntwo", lines=True) == "one\ntwo"
    assert visible("Orléans “Made in France” – ok") == "Orléans “Made in France” – ok"


@pytest.mark.parametrize(
    "command",
    [
        ["partners"],
        ["partners", "--format", "markdown"],
        ["facts"],
        ["search", "gnp", "--fields", "label"],
        ["sheet"],
    ],
    ids=["table", "markdown", "facts", "search", "sheet"],
)
def test_terminal_control_characters_are_shown_not_obeyed(
    hostile: Path, command: list[str]
) -> None:
    shown = out("--data", str(hostile), *command)
    assert not RAW.search(shown)
    if "markdown" in command:  # what a reader sees: Markdown's own escapes rendered
        import html

        import cmarkgfm

        rendered = cmarkgfm.github_flavored_markdown_to_html(shown)
        shown = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    if command[0] != "facts":  # the summary shows no partner's name
        joined = "".join(shown.split())  # a table may wrap the name anywhere
        assert "\\x1b]0;OWNED" in joined
        assert "\\u202egnp.exe" in joined


def test_an_error_message_quoting_a_file_is_one_visible_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('sources: []\n"\\e]0;OWNED\\a\\e[2J\\u202e": 1\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert not RAW.search(result.stderr)
    assert "\\x1b]0;OWNED" in result.stderr
    assert all(line.startswith(f"{path}:") for line in result.stderr.splitlines())


def test_a_file_name_is_shown_not_obeyed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data", str(tmp_path / "x\x1b[2J.yaml"), "facts"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "x\\x1b[2J.yaml" in result.stderr


@pytest.mark.parametrize("suffix", [".html", ".svg", ".txt"])
def test_the_saved_sheet_reads_no_markup(hostile: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"sheet{suffix}"
    result = runner.invoke(app, ["--data", str(hostile), "sheet", "--save", str(target)])
    assert result.exit_code == 0, result.output
    saved = target.read_text(encoding="utf-8")
    assert not RAW.search(saved)
    assert "javascript:" not in saved.replace("[link=javascript:", "")
    assert 'href="javascript' not in saved
    assert "🔥" not in saved
    if suffix == ".svg":
        ET.fromstring(saved)  # well-formed XML, ESC and all


def test_the_sheet_keeps_brackets_and_emoji_codes_as_text(hostile: Path) -> None:
    shown = out("--data", str(hostile), "partners", "--fields", "description", "-t",
                "region-or-cluster")  # fmt: skip
    flat = " ".join(shown.split())
    assert "[sic]" in flat and ":fire:" in flat and "[/b]" in flat


def test_csv_formulas_get_a_leading_quote_and_a_note(hostile: Path) -> None:
    result = runner.invoke(app, ["--data", str(hostile), "partners", "-t", "institution",
                                 "--format", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert f"'{FORMULA}" in names
    assert result.stderr.startswith("cv: 2 CSV cells changed so that a spreadsheet")
    raw = runner.invoke(app, ["--data", str(hostile), "partners", "-t", "institution",
                              "--format", "csv", "--csv-raw"])  # fmt: skip
    readable = raw.stdout.replace("\0", "\\0")  # Python 3.10's reader refuses NUL
    assert FORMULA in [row["name"] for row in csv.DictReader(io.StringIO(readable))]
    assert raw.stderr == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_guarded(start: str) -> None:
    assert csv_cell(f"{start}1+1") == (f"'{visible(start)}1+1", True)
    assert csv_cell("1+1") == ("1+1", False)


def test_csv_shows_control_characters_to_a_terminal(hostile: Path) -> None:
    result = runner.invoke(app, ["--data", str(hostile), "partners", "-t", "institution",
                                 "--format", "csv"])  # fmt: skip
    assert not RAW.search(result.stdout)
    assert "CNRS\\x1b]0;OWNED" in result.stdout
    raw = runner.invoke(app, ["--data", str(hostile), "partners", "-t", "institution",
                              "--format", "csv", "--csv-raw"])  # fmt: skip
    assert HOSTILE_NAME in raw.stdout


def test_markdown_escapes_its_syntax_and_html() -> None:
    assert markdown_cell("a | b") == "a \\| b"
    # A bare CR is shown as \x0d; Markdown reads the backslash doubled as one backslash.
    assert markdown_cell("one\r\ntwo\rthree\nfour") == "one<br>two\\\\x0dthree<br>four"
    assert markdown_cell("<script>&") == "&lt;script&gt;&amp;"


def test_markdown_rows_stay_rows(hostile: Path) -> None:
    shown = out("--data", str(hostile), "partners", "--format", "markdown", "--fields",
                "name,description")  # fmt: skip
    table = shown.split("\n\n")[0].splitlines()
    assert all(line.startswith("| ") and line.endswith(" |") for line in table[2:])
    assert "<script>" not in shown and "&lt;script&gt;" in shown


@pytest.mark.parametrize("output_format", ["json", "jsonl", "yaml"])
def test_machine_formats_stay_exact(hostile: Path, output_format: str) -> None:
    import yaml

    shown = out("--data", str(hostile), "partners", "-t", "institution", "-f", output_format)
    if output_format == "jsonl":
        names = [json.loads(line)["name"] for line in shown.splitlines()]
    elif output_format == "json":
        names = [record["name"] for record in json.loads(shown)]
    else:
        names = [record["name"] for record in yaml.safe_load(shown)]
    assert names[:2] == [HOSTILE_NAME, FORMULA]


@pytest.mark.parametrize(
    "value",
    ["first line\n" + "x y z\n" * 50 + "last", "word " * 200 + "end", "W" * 500],
    ids=["many-lines", "many-words", "one-long-word"],
)
def test_a_long_cell_renders_as_one_text_would_a_segment_a_line(value: str) -> None:
    """The same drawing as rich's Text, but no segment holds two lines.

    rich cuts a segment at each line break by copying the rest of it, which is
    quadratic in a value wrapped into many lines (3.58× per doubling at 8 MiB,
    benchmarks/hostile.py long-name-table): a cell yields a segment per line instead.
    """
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from cosmetic_valley_cli.escaping import lined

    def drawn(cell: Text) -> str:
        table = Table()
        table.add_column("a", overflow="fold")
        table.add_row(cell)
        console = Console(file=io.StringIO(), width=12)
        console.print(table)
        return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]

    assert drawn(lined(value)) == drawn(Text(value))
    coloured = Console(file=io.StringIO(), width=12, force_terminal=True, color_system="standard")
    for style in ("bold", "cyan"):  # a Text's own style: the one a heading has
        drawn_ours = list(coloured.render(lined(value, style), coloured.options))
        drawn_rich = list(coloured.render(Text(value, style=style), coloured.options))
        assert [(s.text, s.style) for s in drawn_ours if s.text.strip()] == [
            (s.text, s.style) for s in drawn_rich if s.text.strip()
        ]
    console = Console(file=io.StringIO(), width=12)
    segments = list(console.render(lined(value), console.options))
    assert sum(segment.text.count("\n") for segment in segments) > 10
    assert max(segment.text.count("\n") for segment in segments) == 1


@pytest.mark.parametrize("nul_writable", [True, False])
def test_raw_csv_writes_nul_on_every_python(nul_writable: bool) -> None:
    """Python 3.10's csv writer refuses NUL: the row is the one 3.11 writes, not exit 70."""
    import csv

    from cosmetic_valley_cli.formats.csv_rows import NUL_WRITABLE, write_row

    if nul_writable and not NUL_WRITABLE:
        pytest.skip("this Python's csv writer refuses NUL")
    buffer = io.StringIO()
    row = ["a\0b", 'say "\0"', "\ue000,x", "plain"]
    write_row(csv.writer(buffer), buffer, row, nul_writable=nul_writable)
    assert buffer.getvalue() == 'a\0b,"say ""\0""","\ue000,x",plain\r\n'
