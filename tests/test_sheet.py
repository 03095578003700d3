"""cv sheet: the fact sheet in the terminal, and saved as SVG, HTML and text."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.sheet import big

runner = CliRunner()


def test_sheet_in_the_terminal() -> None:
    result = runner.invoke(app, ["sheet"])
    assert result.exit_code == 0, result.output
    assert "COSMETIC VALLEY" in result.stdout
    assert big("600") in result.stdout.replace("│", " ") or "█▀▀ █▀█ █▀█" in result.stdout
    for words in ("nearly", "1994", "2005", "Sorbonne University", "Las Vegas", "Luxus+"):
        assert words in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_big_digits() -> None:
    assert big("1") == "▄█\n █\n▄█▄"
    assert len(big("80%").splitlines()) == 3


def test_save_svg(tmp_path: Path) -> None:
    path = tmp_path / "fact-sheet.svg"
    result = runner.invoke(app, ["sheet", "--save", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"cv: wrote {path}\n"
    root = ElementTree.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    assert "Sorbonne" in path.read_text(encoding="utf-8")


def test_save_html_has_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "sheet.HTML"
    assert runner.invoke(app, ["sheet", "--save", str(path)]).exit_code == 0
    page = path.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    for figure in ("nearly", "companies", "thousand employees", "million euros", "Orléans"):
        assert figure in page


def test_save_text(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    assert runner.invoke(app, ["sheet", "--save", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "COSMETIC VALLEY" in text and "\x1b[" not in text


@pytest.mark.parametrize("name", ["sheet.pdf", "sheet"])
def test_unknown_extension_is_a_usage_error(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["sheet", "--save", str(tmp_path / name)])
    assert result.exit_code == 2
    assert ".svg, .html, .txt" in result.stderr
    assert not (tmp_path / name).exists()


def test_unwritable_path_is_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sheet", "--save", str(tmp_path / "missing" / "x.svg")])
    assert result.exit_code == 1
    assert result.stderr.startswith("cv: error: cannot write")
