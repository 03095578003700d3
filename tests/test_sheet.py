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
from cosmetic_valley_cli.vocabulary import OfficeType, PartnerType

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
    """The text a reader sees in an HTML or SVG document: tags dropped, spaces folded.

    A marker's links are one word ("[1–4]"), as a reader sees them; the word joiner
    before it draws nothing.
    """
    body = page.split("<body>", 1)[-1].replace("&#8288;", "")
    body = re.sub(r"<sup[^>]*>(.*?)</sup>", lambda m: " " + re.sub(r"<[^>]+>", "", m[1]), body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


MARKER = re.compile(r"\[(\d+(?:[,–]\d+)*)\]")
"""A citation marker as every format writes it: [2], [8,9], [1–4], [11,13]."""


def cited_numbers(shown: str) -> set[int]:
    """Every footnote number the markers in the text point to: [1–4] is 1, 2, 3 and 4."""
    numbers: set[int] = set()
    for marker in MARKER.findall(shown):
        for part in marker.split(","):
            first, _, last = part.partition("–")
            numbers.update(range(int(first), int(last or first) + 1))
    return numbers


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
    """Each footnote's words, as the sheet quotes them."""
    return [citation.quote for citation in SHEET.citations]


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
    assert f"as of {source['date']}* " in shown  # the sign of the note that says how
    assert f"Dates marked * are inferred. {source['date_basis']}" in shown


def test_every_fact_is_cited_and_every_citation_has_the_articles_words(tmp_path: Path) -> None:
    page = saved(tmp_path, "sheet.html")
    shown = words_of(page)
    marks = " ".join(re.findall(r'<sup class="cite">(.*?)</sup>', page))
    cited = cited_numbers(re.sub(r"<[^>]+>", "", marks))
    listed = {int(n) for n in re.findall(r'<li id="cite-(\d+)">', page)}
    assert cited == listed == set(range(1, len(SHEET.citations) + 1))
    linked = {int(n) for n in re.findall(r'<a href="#cite-(\d+)">', page)}
    assert linked <= listed and len(linked) > len(SHEET.citations) / 2
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
            label = kind.value.replace("-", " ")  # words, not the slug
            assert f"{label} ({len(partners)}) {names}" in shown
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


# Issue 25, part 5: a sheet in words, for print and screen.

TERMINAL_WIDTHS = (20, 30, 40, 59, 60, 80, 120)
DRAWING = re.compile("[\u2500-\u259f]")
"""Box-drawing (U+2500–257F) and block (U+2580–259F) characters."""


def terminal(columns: int) -> str:
    result = runner.invoke(app, ["sheet"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def every_format(tmp_path: Path) -> dict[str, str]:
    """What a reader sees in each format: the terminal (wide, narrow), .txt, HTML, SVG."""
    return {
        "terminal-80": terminal(80),
        "terminal-40": terminal(40),
        "txt": saved(tmp_path, "sheet.txt"),
        "html": words_of(saved(tmp_path, "sheet.html")),
        "svg": words_of(saved(tmp_path, "sheet.svg")),
    }


def flat(shown: str) -> str:
    """The text with its lines joined and its runs of spaces folded; box sides dropped."""
    return " ".join(shown.replace("│", " ").split())


def test_labels_are_words_never_slugs(tmp_path: Path) -> None:
    slugs = [kind.value for kind in (*PartnerType, *OfficeType) if "-" in kind.value]
    shown_types = {p["type"] for p in DOCUMENT["partners"]} | {
        o["type"] for o in DOCUMENT["offices"]
    }
    assert {"region-or-cluster", "local-office"} <= set(slugs) & shown_types
    for name, shown in every_format(tmp_path).items():
        said = flat(shown)
        for slug in slugs:
            assert slug not in said, (name, slug)
        for office in DOCUMENT["offices"]:
            assert office["type"].replace("-", " ") in said, name
        for kind in PartnerType:
            group = partners_of_type(DOCUMENT, kind)
            if group and kind is not PartnerType.NETWORK:
                assert f"{kind.value.replace('-', ' ')} ({len(group)})" in said, name


def only_markers(line: str) -> bool:
    """Whether a drawn line holds nothing but citation markers (and a tile's sides)."""
    rest = MARKER.sub("", line.replace("│", ""))
    return bool(MARKER.search(line)) and not rest.strip()


@pytest.mark.parametrize("columns", TERMINAL_WIDTHS)
def test_a_citation_marker_never_stands_alone_in_the_terminal(columns: int) -> None:
    lines = terminal(columns).splitlines()
    assert [line for line in lines if only_markers(line)] == []
    assert sum(bool(MARKER.search(line)) for line in lines) > len(SHEET.citations)


def test_a_citation_marker_never_stands_alone_in_the_text_or_svg(tmp_path: Path) -> None:
    lines = saved(tmp_path, "sheet.txt").splitlines()
    assert [line for line in lines if only_markers(line)] == []
    root = ElementTree.fromstring(saved(tmp_path, "sheet.svg"))
    marked = [e for e in root.iter() if e.tag.endswith("text") and e.find("{*}tspan") is not None]
    assert len(marked) >= len(SHEET.figures)
    for element in marked:  # the words of the line come first, then the marker
        assert (element.text or "").strip(), ElementTree.tostring(element)


def test_an_svg_paragraph_keeps_its_marker_with_its_last_word() -> None:
    """At every width a line can be cut, the marker follows a word and fits the room."""
    from cosmetic_valley_cli.sheet_page import _Canvas, _width

    says = "headquarters Cosmetics House, Chartres (being launched)"
    narrowest = int(_width("d [12,14]", 8.4)) + 1  # a letter and the marker
    for room in range(narrowest, int(_width(says + " [12,14]", 8.4)) + 20):
        canvas = _Canvas([])
        canvas.paragraph(0, 0, says, room, 8.4, cites=(12, 14))
        last = ElementTree.fromstring(canvas.parts[-1])
        line = "".join(last.itertext())
        assert (last.text or "").strip() and line.endswith(" [12,14]"), (room, line)
        assert _width(line, 8.4) <= room, (room, line)
        drawn = "".join("".join(ElementTree.fromstring(p).itertext()) for p in canvas.parts)
        assert "".join(drawn.split()) == "".join(f"{says} [12,14]".split())  # every letter


def test_a_caveat_shared_by_several_facts_is_said_once(tmp_path: Path) -> None:
    (source,) = DOCUMENT["sources"]
    bases = [
        basis
        for basis in dict.fromkeys(
            [source["date_basis"], *(e["year_basis"] for e in DOCUMENT["timeline"])]
        )
        if basis is not None
    ]
    assert source["date_basis"] and len(SHEET.figures) >= 6
    for name, shown in every_format(tmp_path).items():
        said = flat(shown)
        assert "(inferred: note" not in said, name
        for basis in bases:
            assert said.count(" ".join(basis.split())) == 1, (name, basis)
        assert said.count(" are inferred.") == len(bases), name
        # every figure dated by the source says the sign, and the note says what it means
        if name != "terminal-80":  # not across the lines of tiles side by side
            assert said.count(f"as of {source['date']}*") >= len(SHEET.figures), name
        assert f"Dates marked * are inferred. {' '.join(bases[0].split())}" in said


def shared_start(quotes: list[str]) -> str:
    """The words before the elision that the dataset's excerpts of one sentence share."""
    starts = {quote.partition("...")[0].strip() for quote in quotes[1:]}
    assert len(starts) == 1, starts
    (start,) = starts
    assert all(start in quote for quote in quotes)
    return start


def test_one_quote_cited_by_several_facts_is_one_footnote(tmp_path: Path) -> None:
    footnotes = [citation.quote for citation in SHEET.citations]
    assert len(set(footnotes)) == len(footnotes)
    # The nine excerpts of one sentence are one footnote, its start said once.
    universities = partners_of_type(DOCUMENT, PartnerType.UNIVERSITY)
    quotes = [item["quote"] for p in universities for item in p["evidence"]]
    start = shared_start(quotes)
    assert len(quotes) == 9 and start.startswith("9 universities are partners")
    for name, shown in every_format(tmp_path).items():
        said = flat(shown)
        assert said.count(start) == 1, name
        for quote in quotes:
            assert quote.partition("...")[2].strip() or quote in said
    # A quote that backs several records is one footnote: every record points to it.
    records = [*DOCUMENT["partners"], DOCUMENT["cluster"]]
    backing: dict[str, int] = {}
    for record in records:
        for item in record["evidence"]:
            backing[item["quote"]] = backing.get(item["quote"], 0) + 1
    shared = [quote for quote, count in backing.items() if count > 1]
    assert shared
    for quote in shared:
        assert [c.number for c in SHEET.citations if quote in c.quote].__len__() == 1, quote


def test_quotes_are_separated_in_every_format(tmp_path: Path) -> None:
    for name, shown in every_format(tmp_path).items():
        assert "”“" not in shown, name
        assert not re.search(r"”\s*“", shown), name
    for citation in SHEET.citations:
        assert citation.quote.count("“") <= citation.quote.count("”") + 1


def test_the_text_file_is_plain_text_that_pastes(tmp_path: Path) -> None:
    text = saved(tmp_path, "sheet.txt")
    assert not DRAWING.search(text)
    assert all(len(line) <= 80 and line == line.rstrip() for line in text.splitlines())
    name = DOCUMENT["cluster"]["name"].upper()
    assert text.startswith(f"{name}\n{'=' * len(name)}\n")  # an ASCII rule, no box
    drawn = {char for char in text if not (char.isalnum() or char.isspace())}
    assert drawn <= set(".,:;!?'\"()[]/*&%+=-–—…“”’‘·") | {"\u00a0"}, drawn
    for qualifier, number, unit in headline_figures():
        words = " ".join(part for part in (qualifier, number, unit) if part)
        assert any(line.startswith(words) for line in text.splitlines()), words
    assert DRAWING.search(terminal(80))  # the terminal keeps its tiles and large digits


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


CUT_MARKER = re.compile(r"\[[0-9,–]*$|^\s*[0-9,–]*\]")
"""A marker cut in two: `[5` ending a line, or `,19]` starting one."""


def test_a_citation_marker_is_whole_and_follows_a_word_at_every_width() -> None:
    """Every terminal width from 20 to 120: none alone, none cut (the review found 42 to 48)."""
    for columns in range(20, 121):
        lines = terminal(columns).splitlines()
        assert [line for line in lines if only_markers(line)] == [], columns
        assert [
            line for line in lines if CUT_MARKER.search(line.replace("│", "").rstrip())
        ] == [], columns


@pytest.mark.parametrize("letters", range(50, 62))
def test_a_text_file_keeps_a_long_names_marker_whole(tmp_path: Path, letters: int) -> None:
    text = (Path(__file__).parent.parent / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("    name: AURA\n", f"    name: {'A' * letters}\n", 1)
    data = tmp_path / "long.yaml"
    data.write_text(text, encoding="utf-8")
    path = tmp_path / "sheet.txt"
    result = runner.invoke(app, ["--data", str(data), "sheet", "--save", str(path)])
    assert result.exit_code == 0, result.output
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if only_markers(line)] == []
    assert [line for line in lines if CUT_MARKER.search(line.rstrip())] == []


def test_excerpts_joined_in_a_footnote_never_make_a_quote_the_source_lacks(tmp_path: Path) -> None:
    """Review: "P ... R" joined to a quote that merely holds P read as a second mention."""
    text = (Path(__file__).parent.parent / "facts.yaml").read_text(encoding="utf-8")
    lne = text[text.index("  - id: institution-lne") :]
    old = lne[lne.index("quote: ") : lne.index("\n", lne.index("quote: "))]
    text = text.replace(old, 'quote: "and renowned scientific institutions ... LNE"', 1)
    data = tmp_path / "lne.yaml"
    data.write_text(text, encoding="utf-8")
    path = tmp_path / "sheet.txt"
    result = runner.invoke(app, ["--data", str(data), "sheet", "--save", str(path)])
    assert result.exit_code == 0, result.output
    said = " ".join(path.read_text(encoding="utf-8").split())
    assert "Soleil) ... LNE" not in said and "Soleil)”, “... LNE" not in said
    assert "“and renowned scientific institutions ... LNE”" in said
    # The nine universities: one footnote, each excerpt quoted on its own.
    assert "cluster: Orléans”, “... Rouen”, “... Tours/François Rabelais”" in flat(terminal(200))


def test_the_identity_is_cited_by_the_quotes_that_say_it() -> None:
    """As `cv facts` cites it: each value by the quotes holding its words, no other."""
    cluster = DOCUMENT["cluster"]
    identity, mandate = SHEET.about
    quotes = {c.number: c.quote for c in SHEET.citations}
    assert [quotes[n] for n in mandate.cites] == [
        q for q in quotes.values() if str(cluster["mandate"]) in q
    ][:1]
    for value in (cluster["kind"], cluster["sector"], cluster["president"]):
        assert any(str(value) in quotes[n] for n in identity.cites), value
    assert all(
        any(str(v) in quotes[n] for v in (cluster["kind"], cluster["sector"], cluster["president"]))
        for n in identity.cites
    )
