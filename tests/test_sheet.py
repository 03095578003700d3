"""cv sheet: the fact sheet in the terminal, and saved as an HTML page, an SVG and text.

Expectations come from the dataset (its figures, names and quotes) and, for which
record of a series is the latest, from `cv facts --json`; never from code.
The page in a real browser is tested in test_sheet_browser.py.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.dataset import load_document, partners_of_type
from cosmetic_valley_cli.sheet import big
from cosmetic_valley_cli.sheet_facts import build, headline
from cosmetic_valley_cli.vocabulary import PartnerType

runner = CliRunner()
DOCUMENT = load_document()
SHEET = build(DOCUMENT)
BLOCKS = frozenset("█▀▄")


def saved(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    result = runner.invoke(app, ["sheet", "--save", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"cv: wrote {path}\n"
    return path.read_text(encoding="utf-8")


def words_of(page: str) -> str:
    """The text a reader sees in an HTML or SVG document: tags dropped, spaces folded."""
    body = page.split("<body>", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def headline_figures() -> list[tuple[str | None, str, str]]:
    """(qualifier, number, unit) of every headline figure: the dataset's latest records.

    The latest of each series as `cv facts --json` prints them (tests/test_statements.py
    checks that choice), so that next year's record replaces this year's on the sheet.
    """
    result = runner.invoke(app, ["facts", "--json"])
    assert result.exit_code == 0, result.output
    latest = json.loads(result.stdout)
    figures = [
        *(members["companies"] for members in latest["members"]),
        *(members["sme_share"] for members in latest["members"]),
        *(key["figure"] for key in latest["figures"]),
    ]
    assert figures
    return [(figure["qualifier"], *headline(figure)) for figure in figures]


def every_quote() -> list[str]:
    return [item["quote"] for citation in SHEET.citations for item in citation.evidence]


# The terminal.


@pytest.mark.parametrize("columns", [80, 60])
def test_wide_terminals_draw_the_figures_in_block_digits(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, ["sheet"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines)
    assert "COSMETIC VALLEY" in result.stdout
    for _, number, _ in headline_figures():
        for row in big(number).splitlines():  # each row of the digits, whole, on some line
            assert any(row in line for line in lines), (number, row)


@pytest.mark.parametrize("columns", [59, 40])
def test_narrow_terminals_get_plain_figures_not_scrambled_blocks(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, ["sheet"])
    assert result.exit_code == 0, result.output
    assert not BLOCKS & set(result.stdout)
    assert all(len(line) <= columns for line in result.stdout.splitlines())
    flat = " ".join(result.stdout.split())
    for qualifier, number, unit in headline_figures():
        assert " ".join(part for part in (qualifier, number, unit) if part) in flat


def test_the_terminal_sheet_has_the_sections_and_citations() -> None:
    result = runner.invoke(app, ["sheet"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    for words in ("Timeline", "Partners", "International reach", "Sites", "Sorbonne University"):
        assert words in flat
    assert f"[{len(SHEET.citations)}]" in flat


def test_big_digits() -> None:
    assert big("1") == "▄█\n █\n▄█▄"
    assert len(big("80%").splitlines()) == 3


# The text file.


def test_save_text_fits_80_columns_with_no_trailing_space(tmp_path: Path) -> None:
    text = saved(tmp_path, "sheet.txt")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert [line for line in lines if line != line.rstrip()] == []
    assert "COSMETIC VALLEY" in text and "\x1b[" not in text
    flat = " ".join(text.split())
    for quote in every_quote():
        assert " ".join(quote.split()) in flat


# The HTML page.


def test_the_page_is_self_contained(tmp_path: Path) -> None:
    page = saved(tmp_path, "sheet.HTML")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert f"<title>{html.escape(DOCUMENT['cluster']['name'])}" in page
    assert re.search(r"@page\s*\{\s*size:\s*A4", page)
    assert not re.search(r"https?:", page, re.IGNORECASE)
    assert not re.search(r"<(script|link|img|iframe|object)\b|@import|url\(", page)
    assert set(re.findall(r'href="([^"]*)"', page)) <= {
        f"#cite-{c.number}" for c in SHEET.citations
    }


def test_the_page_keeps_qualifiers_dates_and_their_basis(tmp_path: Path) -> None:
    shown = words_of(saved(tmp_path, "sheet.html"))
    for qualifier, number, unit in headline_figures():
        assert " ".join(part for part in (qualifier, number, unit) if part) in shown
    (source,) = DOCUMENT["sources"]
    assert source["date_basis"] and source["date_basis"] in shown
    assert f"as of {source['date']} (inferred: note 1)" in shown


def test_every_fact_is_cited_and_every_citation_has_the_articles_words(tmp_path: Path) -> None:
    page = saved(tmp_path, "sheet.html")
    shown = words_of(page)
    cited = {int(n) for n in re.findall(r'<a href="#cite-(\d+)">', page)}
    listed = {int(n) for n in re.findall(r'<li id="cite-(\d+)">', page)}
    assert cited == listed == set(range(1, len(SHEET.citations) + 1))
    for quote in every_quote():
        assert f"“{' '.join(quote.split())}”" in shown
    for row in re.findall(r"<tr>.*?</tr>", page):  # every line of every block has its mark
        assert 'class="cite"' in row
    tiles = re.findall(r'<div class="figure">.*?</div>', page)
    assert len(tiles) == len(SHEET.figures)
    assert all('class="cite"' in tile for tile in tiles)


def test_partners_are_grouped_by_type_and_open_lists_say_so(tmp_path: Path) -> None:
    shown = words_of(saved(tmp_path, "sheet.html"))
    for kind in PartnerType:
        partners = partners_of_type(DOCUMENT, kind)
        if partners and kind is not PartnerType.NETWORK:
            names = ", ".join(p["name"] for p in partners)
            assert f"{kind.value} ({len(partners)}) {names}" in shown
    cities = ", ".join(show["city"] for show in DOCUMENT["trade_shows"])
    assert all(show["open_list"] for show in DOCUMENT["trade_shows"])
    assert f"{cities}, ... (the source's list is open)" in shown


# The SVG.


def test_the_svg_is_a_page_not_a_terminal(tmp_path: Path) -> None:
    image = saved(tmp_path, "sheet.svg")
    root = ElementTree.fromstring(image)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # The namespace is a name, not a resource: no other URL, no font loaded from anywhere.
    assert re.findall(r"https?://[^\"' ]*", image) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"@import|url\(|@font-face|<image|foreignObject|Fira", image)
    assert not BLOCKS & set(image)  # digits are text in a system font, not block glyphs
    texts = ["".join(element.itertext()) for element in root.iter() if element.tag.endswith("text")]
    for _, number, _ in headline_figures():
        assert number in texts
    assert not [e for e in root.iter() if e.tag.endswith("circle")]  # no window buttons
    assert "Sorbonne University" in " ".join(" ".join(texts).split())


def test_the_svg_is_an_a4_page_with_every_citation(tmp_path: Path) -> None:
    root = ElementTree.fromstring(saved(tmp_path, "sheet.svg"))
    assert root.get("viewBox") == "0 0 595 842"  # A4 in points: it fits, as the page does
    texts = ["".join(element.itertext()) for element in root.iter() if element.tag.endswith("text")]
    assert f"[{len(SHEET.citations)}]" in texts


# Errors.


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
