"""cv cite: one record's citation, read back by the readers of each format.

CSL-JSON is validated against the vendored schema (tests/fixtures/csl/) and rendered by
citeproc-py; BibTeX is read by bibtexparser, RIS by rispy, Markdown by GitHub's
renderer, HTML by the standard library's parser.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import cmarkgfm
import jsonschema
import pytest
import rispy
from bibtexparser.entrypoint import parse_string as parse_bibtex
from bibtexparser.middlewares import LatexDecodingMiddleware, MonthIntMiddleware
from typer.testing import CliRunner

from cosmetic_valley_cli.citations import fragment_text, link, text_fragment
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.options import FORMATS
from cosmetic_valley_cli.reference_formats import RENDERERS

runner = CliRunner()
REPO = Path(__file__).parent.parent
FIXTURES = REPO / "tests" / "fixtures"
CSL_SCHEMA = json.loads((FIXTURES / "csl" / "csl-data.json").read_text(encoding="utf-8"))
TITLE = "Economy. The State confirms “Cosmetic Valley” cluster the mission to lead – nationally – its industrial sector"  # noqa: E501 - the article's title, as facts.yaml has it
EXAMPLE_URL = "https://example.com/news/cluster?year=2023&page=2#top"
"""EXAMPLE ONLY: the hypothetical source's address (tests/fixtures/example-next-year.yaml)."""


def cite(*args: str) -> str:
    result = runner.invoke(app, ["cite", *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


@pytest.fixture
def addressed(tmp_path: Path) -> Path:
    """The example dataset, its hypothetical source given a URL, an access date, an archive
    and a language (EXAMPLE ONLY: no such page exists)."""
    text = (FIXTURES / "example-next-year.yaml").read_text(encoding="utf-8")
    where = '    date: "2023-03-01"\n'
    assert text.count(where) == 1
    text = text.replace(
        where,
        where + f"    url: {EXAMPLE_URL}\n    retrieved: 2026-12-01\n"
        "    archive_url: https://web.archive.org/web/2023/https://example.com/news/cluster\n"
        "    language: en-GB\n",
    )
    path = tmp_path / "example-addressed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def cite_in(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["--data", str(path), "cite", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_format_has_a_renderer() -> None:
    assert tuple(RENDERERS) == FORMATS["cite"]


def test_text_says_the_fact_its_caveat_quote_and_reference() -> None:
    shown = cite("members/members-2019")
    assert shown.splitlines()[:3] == [
        "Members (members/members-2019)",
        "  as of: 2019 (inferred)",
        "  companies: nearly 600 companies",
    ]
    assert "  Note: 2019 is inferred: The article prints no date." in shown
    assert "“among the competitiveness clusters, the one with the most members (nearly 600" in shown
    assert f"[1] Claire, “{TITLE}”, Luxus+, 2019 (inferred).\n" in shown


def test_a_bare_id_is_taken_where_one_section_has_it() -> None:
    assert cite("dubai") == cite("trade-shows/dubai")
    assert cite("dubai").startswith("Trade shows: Dubai (trade-shows/dubai)\n")


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["partners/university-orlean"], "no partners record 'university-orlean'",
         "did you mean 'partners/university-orleans', 'partners/university-rouen' or "
         "'partners/university-tours'?"),
        (["university-orlean"], "no record 'university-orlean'",
         "did you mean 'university-orleans'"),
        (["shows/dubai"], "no section 'shows' in 'shows/dubai'", "did you mean 'trade-shows'?"),
        (["trade_shows/dubai"], "no section 'trade_shows'", "did you mean 'trade-shows'?"),
        ([], "cv cite needs a record: SECTION/ID, or --section NAME",
         "cv SECTION --fields id lists"),
        (["--section", "partners", "dubai"], "no partners record 'dubai'",
         "cv partners lists its records and their ids"),
        (["zzz"], "no record 'zzz'", "cv SECTION lists a section's records and their ids"),
        (["--section", "people", "partners/university-tours"],
         "'partners/university-tours' is not in --section people", "give 'university-tours'"),
        (["partners/dubai"], "no partners record 'dubai'", "did you mean 'trade-shows/dubai'?"),
        (["cluster/x"], "no cluster record 'x'", "cv cite --section cluster cites its every"),
        (["Partners/University-Orlean"], "no partners record 'university-orlean'",
         "did you mean 'partners/university-orleans'"),
        (["partners/university-orleans/"], "no partners record 'university-orleans/'",
         "did you mean 'partners/university-orleans'"),
    ],
)  # fmt: skip
def test_an_unknown_record_is_a_usage_error_with_the_closest(
    args: list[str], message: str, hint: str
) -> None:
    result = runner.invoke(app, ["cite", *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    error, said_hint = result.stderr.splitlines()
    assert error.startswith(f"cv: error: {message}")
    assert said_hint.startswith(f"cv: hint: {hint}")


def test_an_id_in_two_sections_is_refused_with_both(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: edouard-philippe\n", "  - id: dubai\n", 1)  # a person named so
    path = tmp_path / "two-dubais.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "cite", "dubai"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "cv: error: 'dubai' names a record in 2 sections: trade-shows/dubai and people/dubai",
        "cv: hint: name one as SECTION/ID",
    ]
    assert cite_in(path, "people/dubai").startswith("People: Édouard Philippe (people/dubai)")


def test_several_records_share_one_numbered_reference_list(addressed: Path) -> None:
    shown = cite_in(addressed, "members/members-2023", "timeline/created-1994", "members-2019")
    references = shown.split("\nReferences\n")[1].splitlines()
    numbered = [line for line in references if line.startswith("[")]
    assert len(numbered) == 2
    assert numbered[0].startswith("[1] “Example: the cluster's members in 2023”, Example Press")
    assert numbered[1].startswith(f"[2] Claire, “{TITLE}”, Luxus+, 2019 (inferred).")
    assert "“founded in 1994” [1]" in shown and "“Created in 1994” [2]" in shown


def test_section_cites_its_every_record() -> None:
    shown = cite("--section", "trade-shows")
    assert re.findall(r"^Trade shows: (.*) \(", shown, re.M) == [
        "Hong Kong", "Dubai", "Shanghai", "Las Vegas"
    ]  # fmt: skip
    assert shown.count("The source leaves this list open") == 4
    assert shown.count("\n[1] ") == 1


@pytest.mark.parametrize(
    ("name", "caveat"),
    [
        ("people/bruno-le-maire", "Corrected: the source writes “Bruno Lemaire”."),
        ("trade-shows/las-vegas", "The source leaves this list open: there may be more."),
        ("figures/sector-employees-2019", None),
    ],
)
def test_each_caveat_is_said(name: str, caveat: str | None) -> None:
    shown = cite(name)
    if caveat is not None:
        assert f"  Note: {caveat}\n" in shown
    said = {
        "markdown": cmarkgfm.github_flavored_markdown_to_html(cite(name, "-f", "markdown")),
        "html": cite(name, "-f", "html"),
    }
    for shown_html in said.values():
        assert "Luxus+, 2019 (inferred)." in shown_html
        if caveat is not None:
            assert caveat.replace("“", "&ldquo;")[:20] in shown_html or caveat[:20] in shown_html


def test_a_figure_keeps_its_hedge() -> None:
    assert "companies: nearly 600 companies" in cite("members-2019")


# CSL-JSON


def test_csl_json_is_one_item_per_source_valid_against_the_schema(addressed: Path) -> None:
    items = json.loads(
        cite_in(addressed, "timeline/created-1994", "members-2023", "-f", "csl-json")
    )
    jsonschema.validate(items, CSL_SCHEMA)
    assert [item["id"] for item in items] == ["luxus-2019", "example-2023"]
    luxus, example = items
    assert luxus == {
        "id": "luxus-2019",
        "type": "article-newspaper",
        "title": TITLE,
        "container-title": "Luxus+",
        "author": [{"literal": "Claire"}],
        "issued": {"literal": "2019 (inferred)"},  # a style prints it as written
        "note": luxus["note"],
    }
    assert luxus["note"].startswith("Date inferred: The article prints no date.")
    assert example["URL"] == EXAMPLE_URL
    assert example["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert example["issued"] == {"date-parts": [[2023, 3, 1]]}
    assert example["language"] == "en-GB"
    assert example["note"] == (
        "Archived at https://web.archive.org/web/2023/https://example.com/news/cluster"
    )


def test_csl_json_renders_in_citeproc(addressed: Path) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(cite_in(addressed, "created-1994", "-f", "csl-json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    luxus = next(entry for entry in rendered if "Claire" in entry)
    assert "Claire (2019 (inferred))" in luxus and "Luxus+" in luxus  # the caveat printed
    assert "Cosmetic Valley" in luxus
    example = next(entry for entry in rendered if "Example Press" in entry)
    assert "example.com/news/cluster" in example


# BibTeX


LATEX_TEXT = {"textbraceleft": "{", "textbraceright": "}", "textless": "<", "textgreater": ">",
              "textbar": "|", "textasciicircum": "^"}  # fmt: skip
"""LaTeX's text commands for characters, as LaTeX prints them (pylatexenc, which
bibtexparser decodes with, knows the first five as nothing and the last as U+02C6)."""


def _decoder() -> Any:
    from pylatexenc import latex2text, macrospec

    context = latex2text.get_default_latex_context_db().filter_context()
    context.add_context_category(
        "cv-test",
        macros=[macrospec.MacroSpec(name, "") for name in LATEX_TEXT],
        prepend=True,
    )
    for name, char in LATEX_TEXT.items():
        context.add_context_category(
            f"cv-{name}", macros=[latex2text.MacroTextSpec(name, char)], prepend=True
        )
    return latex2text.LatexNodes2Text(latex_context=context)


def _bibtex(text: str) -> dict[str, dict[str, Any]]:
    library = parse_bibtex(
        text,
        append_middleware=[LatexDecodingMiddleware(decoder=_decoder()), MonthIntMiddleware()],
    )
    assert library.failed_blocks == []
    assert all(entry.entry_type == "article" for entry in library.entries)
    return {entry.key: {f.key: f.value for f in entry.fields} for entry in library.entries}


def test_bibtex_parses_one_article_per_source(addressed: Path) -> None:
    entries = _bibtex(cite_in(addressed, "created-1994", "members-2023", "-f", "bibtex"))
    assert list(entries) == ["luxus-2019", "example-2023"]
    luxus, example = entries["luxus-2019"], entries["example-2023"]
    assert luxus["author"] == "Claire" and luxus["title"] == TITLE
    assert (luxus["journal"], luxus["year"]) == ("Luxus+", "2019")
    assert luxus["note"].startswith("Date inferred: The article prints no date.")
    assert (example["year"], example["month"]) == ("2023", 3)
    # url is a verbatim field (BibLaTeX): read as written, not decoded as LaTeX
    raw = parse_bibtex(cite_in(addressed, "members-2023", "-f", "bibtex"))
    assert raw.entries[0].fields_dict["url"].value == EXAMPLE_URL
    assert (example["urldate"], example["language"]) == ("2026-12-01", "en-GB")


@pytest.mark.parametrize(
    "special",
    [
        r"A {b} $5 & 10% #1 under_score ^ tilde~ back\slash",
        "Profits up :-} says CEO",
        "x} and {y",
        "Pub}} @misc{evil, title={x}}",
        "a -- b --- c ``q'' ?` <b> | x",
    ],
)
def test_bibtex_escapes_latex_specials_and_keeps_braces_balanced(
    tmp_path: Path, special: str
) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    written = json.dumps(special, ensure_ascii=False)  # JSON's string is YAML's too
    text = text.replace(f'    title: "{TITLE}"\n', f"    title: {written}\n", 1)
    text = text.replace("    author: Claire\n", f"    author: {written}\n", 1)
    path = tmp_path / "special.yaml"
    path.write_text(text, encoding="utf-8")
    shown = cite_in(path, "dubai", "-f", "bibtex")
    decoded = _bibtex(shown)["luxus-2019"]
    assert decoded["title"] == special and decoded["author"] == special
    # BibTeX counts every brace, escaped or not: pybtex reads the entry as BibTeX does
    from pybtex.database import parse_string as bibtex_as_bibtex_reads_it

    entry = bibtex_as_bibtex_reads_it(shown, "bibtex").entries["luxus-2019"]
    assert set(entry.fields) == {"title", "journal", "year", "note"}
    assert len(entry.persons["author"]) == 1  # never split at an " and " in braces


def test_bibtex_keeps_the_day_in_biblatex_date(addressed: Path) -> None:
    shown = cite_in(addressed, "members-2023", "-f", "bibtex")
    assert "  month = mar,\n  date = {2023-03-01},\n" in shown


# RIS


def test_ris_parses_one_news_record_per_source(addressed: Path) -> None:
    shown = cite_in(addressed, "created-1994", "members-2023", "-f", "ris")
    records = rispy.loads(shown)
    assert [record["id"] for record in records] == ["luxus-2019", "example-2023"]
    luxus, example = records
    assert luxus["type_of_reference"] == "NEWS"
    assert luxus["authors"] == ["Claire"] and luxus["title"] == TITLE
    assert luxus["secondary_title"] == "Luxus+" and luxus["year"] == "2019"
    assert luxus["notes"][0].startswith("Date inferred: The article prints no date.")
    assert example["urls"] == [EXAMPLE_URL]
    assert example["access_date"] == "2026/12/01/"
    assert example["language"] == "en-GB"
    assert shown.endswith("ER  - \n")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in shown.splitlines())


def test_ris_keeps_each_value_on_one_line(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("    author: Claire\n", '    author: "Claire\\nTY  - JOUR\\r"\n', 1)
    path = tmp_path / "broken-author.yaml"
    path.write_text(text, encoding="utf-8")
    shown = cite_in(path, "dubai", "-f", "ris")
    assert "AU  - Claire\\x0aTY  - JOUR\\x0d\n" in shown
    assert [record["type_of_reference"] for record in rispy.loads(shown)] == ["NEWS"]


# Markdown and HTML


def test_markdown_renders_quote_link_and_reference(addressed: Path) -> None:
    shown = cite_in(addressed, "members-2023", "-f", "markdown")
    rendered = cmarkgfm.github_flavored_markdown_to_html(shown)
    link = text_fragment(EXAMPLE_URL, "about 650 member companies, 80% of them SMEs")
    quoted = "“about 650 member companies, 80% of them SMEs”"
    assert f'<a href="{link.replace("&", "&amp;")}">{quoted}</a> [1]' in rendered
    assert "<li>“Example: the cluster's members in 2023”, Example Press, 2023-03-01." in rendered


def test_html_is_well_formed_with_a_reference_list(addressed: Path) -> None:
    shown = cite_in(addressed, "created-1994", "-f", "html")

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.links: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag != "br":
                self.open.append(tag)
            self.links += [value or "" for name, value in attrs if name == "href"]

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    reader = Reader()
    reader.feed(shown)
    assert reader.open == []
    assert reader.links == [  # luxus-2019, first cited, has no URL: its quote no link
        "#cv-ref-1",
        text_fragment("https://example.com/news/cluster?year=2023&page=2#top", "founded in 1994"),
        "#cv-ref-2",
    ]
    assert '<li id="cv-ref-1">Claire, “Economy.' in shown and "2019 (inferred)" in shown


@pytest.mark.parametrize("text_format", ["text", "markdown", "html", "csl-json", "bibtex", "ris"])
def test_markup_and_controls_from_the_data_are_shown_not_obeyed(
    tmp_path: Path, text_format: str
) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("    publisher: Luxus+\n", '    publisher: "<b>*Luxus*</b>\\e[31m"\n', 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    shown = cite_in(path, "dubai", "-f", text_format)
    assert "\x1b" not in shown
    assert "<b>" not in shown or text_format in ("text", "csl-json", "bibtex", "ris")
    if text_format == "markdown":
        assert "&lt;b&gt;\\*Luxus\\*&lt;/b&gt;\\\\x1b" in shown
    if text_format == "csl-json":
        assert json.loads(shown)[0]["container-title"] == "<b>*Luxus*</b>\x1b[31m"


# Text fragments


@pytest.mark.parametrize(
    ("piece", "encoded"),
    [
        ("-start", "%2Dstart"),
        ("end-", "end%2D"),
        ("a & b", "a%20%26%20b"),
        ("one, two", "one%2C%20two"),
        ("80%", "80%25"),
        ("Orléans", "Orl%C3%A9ans"),
        ("“quoted”", "%E2%80%9Cquoted%E2%80%9D"),
        ("A.z_0~9", "A.z_0~9"),
    ],
)
def test_fragment_pieces_encode_all_but_unreserved_letters(piece: str, encoded: str) -> None:
    assert fragment_text(piece) == encoded


def test_an_elision_is_the_start_end_form() -> None:
    assert text_fragment("https://e.org/a", "major trade shows (... Dubai") == (
        "https://e.org/a#:~:text=major%20trade%20shows%20%28,Dubai"
    )
    assert text_fragment("https://e.org/a", "one ... two ... three") == (
        "https://e.org/a#:~:text=one,three"
    )


def test_a_fragment_follows_an_existing_one() -> None:
    assert text_fragment("https://e.org/a#part", "words") == "https://e.org/a#part:~:text=words"


# The installed command


def test_installed_cv_cites_as_bibtex() -> None:
    done = subprocess.run(
        ["cv", "cite", "partners/university-orleans", "--format", "bibtex"],
        capture_output=True, text=True, check=False, cwd="/",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(_bibtex(done.stdout)) == ["luxus-2019"]


# cv facts with its citations


def _facts(*args: str) -> str:
    result = runner.invoke(app, ["facts", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _citations(shown: str) -> list[str]:
    """The numbered quotes under a Markdown summary's "## Citations"."""
    listed = shown.split("## Citations\n")[1].split("\n## ")[0]
    return [line for line in listed.splitlines() if re.match(r"[0-9]+\. ", line)]


def test_facts_markdown_numbers_each_fact_and_lists_quotes_by_source() -> None:
    shown = _facts("--format", "markdown")
    rendered = cmarkgfm.github_flavored_markdown_to_html(shown)
    assert rendered.startswith("<h1>Cosmetic Valley</h1>")
    assert "<li><strong>president:</strong> Marc-Antoine Jamet [4]</li>" in rendered
    assert "<li><strong>kind:</strong> competitiveness cluster [1]</li>" in rendered
    assert "<li><strong>university:</strong> 9 [17–25]</li>" in rendered
    citations = _citations(shown)
    assert citations[0] == "1. “the certification of our competitiveness cluster”"
    assert citations[3] == "4. “Marc-Antoine Jamet, President of COSMETIC VALLEY”"
    numbers = [int(line.split(".")[0]) for line in citations]
    assert numbers == list(range(1, len(numbers) + 1))  # every number cited is listed once
    cited = {
        number
        for marks in re.findall(r"\\\[([0-9,–]+)\\\]", shown)
        for part in marks.split(",")
        for number in range(int(part.split("–")[0]), int(part.split("–")[-1]) + 1)
    }
    assert cited == set(numbers)
    assert f"\nFrom Claire, “{TITLE}”, Luxus+, 2019 \\(inferred\\).\n\n1. " in shown
    assert "2019, inferred: see note 1" in rendered


def test_each_identity_fact_is_cited_by_a_quote_that_says_it() -> None:
    shown = _facts("--format", "markdown")
    quotes = {int(line.split(".")[0]): line.split(". ", 1)[1] for line in _citations(shown)}
    identity = shown.split("## Identity\n\n")[1].split("\n\n")[0].splitlines()
    for line in identity[:-1]:  # the headquarters is an office's record, cited whole
        value, marks = re.fullmatch(r"- \*\*[a-z ]+:\*\* (.*) \\\[([0-9]+)\\\]", line).groups()  # type: ignore[union-attr]
        assert value.replace("\\", "") in quotes[int(marks)], line


def test_two_sources_of_one_publisher_are_told_apart(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    second = ('  - id: luxus-2020\n    title: "A second article (EXAMPLE ONLY)"\n'
              '    publisher: Luxus+\n    date: "2020"\n    evidence:\n'
              '      - source: luxus-2020\n        quote: "A second article"\n')  # fmt: skip
    text = text.replace("\ncluster:\n", f"\n{second}\ncluster:\n", 1)
    text = text.replace('source: luxus-2019\n        quote: "labelled in 2005"',
                        'source: luxus-2020\n        quote: "labelled in 2005"')  # fmt: skip
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "facts", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    block = result.stdout.split("From “A second article \\(EXAMPLE ONLY\\)”, Luxus+, 2020.\n\n")
    assert block[1].splitlines()[0].endswith(". “labelled in 2005”")


def test_one_quote_backing_several_facts_keeps_one_number() -> None:
    shown = _facts("--format", "markdown")
    quotes = [line.split(". ", 1)[1] for line in _citations(shown)]
    assert len(quotes) == len(set(quotes))
    assert "- **nearly 600 companies:**" in shown and shown.count("quarterly boards of") == 1


def test_facts_table_cites_only_with_cite() -> None:
    plain, cited = _facts(), _facts("--cite")
    assert "[1]" not in plain and "Citations" not in plain
    assert "Marc-Antoine Jamet [4]" in cited
    assert re.search(r"^4 +“Marc-Antoine Jamet, President of COSMETIC VALLEY”$", cited, re.M)
    assert re.search(r"^from +Claire, “Economy", cited, re.M)
    assert cited.index("Citations") < cited.index("Notes")


@pytest.mark.parametrize("text_format", ["json", "yaml", "jsonld", "markdown"])
def test_cite_is_for_the_table(text_format: str) -> None:
    result = runner.invoke(app, ["facts", "--cite", "--format", text_format])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"cv: error: --cite numbers the table's citations; --format {text_format}"
    )


def test_facts_markdown_shows_the_data_as_written(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  president: Marc-Antoine Jamet\n", '  president: "<img src=x> *Jamet* [a](b)"\n', 1
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "facts", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    rendered = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
    # no quote holds the value: all the record's quotes back it (the record contract)
    assert "<li><strong>president:</strong> &lt;img src=x&gt; *Jamet* [a](b) [1–5]</li>" in rendered


def test_partner_types_read_as_words_in_the_summary() -> None:
    assert re.search(r"^region or cluster +1$", _facts(), re.M)
    assert "region-or-cluster" not in _facts() + _facts("--format", "markdown")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    retrieved: 2026-02-30\n", "CV211 sources[0].retrieved: '2026-02-30' is not a day"),
        ("    retrieved: 2026-02\n", "CV204 sources[0].retrieved: '2026-02' does not fit: a day is "
         "written YYYY-MM-DD"),
        ('    language: "fr_FR"\n', "CV204 sources[0].language: 'fr_FR' does not fit: a language "
         "is a BCP 47 tag"),
        ("    archive_url: web.archive.org/x\n", "CV204 sources[0].archive_url: "
         "'web.archive.org/x' does not fit: a URL starts with http://"),
    ],
)  # fmt: skip
def test_a_source_address_is_checked(tmp_path: Path, line: str, message: str) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("    author: Claire\n", "    author: Claire\n" + line, 1)
    path = tmp_path / "address.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:17:")
    assert message in result.stderr.splitlines()[0]


def test_a_source_address_is_kept_in_every_listing(addressed: Path) -> None:
    result = runner.invoke(app, ["--data", str(addressed), "sources", "--json"])
    assert result.exit_code == 0, result.output
    example = json.loads(result.stdout)[0]
    assert (example["url"], example["retrieved"], example["language"]) == (
        EXAMPLE_URL, "2026-12-01", "en-GB"
    )  # fmt: skip
    assert example["archive_url"].startswith("https://web.archive.org/")


@pytest.mark.parametrize("command", ["partners", "quotations", "timeline", "members"])
def test_listing_markdown_cites_by_reference_not_by_id(command: str) -> None:
    result = runner.invoke(app, [command, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "luxus-2019:" not in result.stdout
    rendered = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
    assert re.search(r"<td>“[^<]+” \[1\]", rendered)
    references = result.stdout.split("References:\n\n")[1]
    assert references == f"1. Claire, “{TITLE}”, Luxus+, 2019 \\(inferred\\).\n"


def test_jsonld_gives_a_source_its_language_and_archive(addressed: Path) -> None:
    result = runner.invoke(app, ["--data", str(addressed), "facts", "-f", "jsonld"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)["@graph"]
    (article,) = [node for node in graph if node.get("headline", "").startswith("Example:")]
    assert article["url"] == EXAMPLE_URL
    assert article["inLanguage"] == "en-GB"
    assert (
        article["archivedAt"] == "https://web.archive.org/web/2023/https://example.com/news/cluster"
    )
    (luxus,) = [
        node for node in graph if node.get("@type") == "NewsArticle" and node is not article
    ]
    assert "inLanguage" not in luxus and "archivedAt" not in luxus


@pytest.mark.parametrize(
    ("written", "block"),
    [("   # Claire", "<h1>"), ("  ---", "<hr"), ("      code block", "<pre>"),
     ("  > q", "<blockquote")],
)  # fmt: skip
def test_spaces_before_a_block_marker_make_no_block(
    tmp_path: Path, written: str, block: str
) -> None:
    def rendered(author: str, args: list[str]) -> str:
        text = (REPO / "facts.yaml").read_text(encoding="utf-8")
        text = text.replace("    author: Claire\n", f'    author: "{author}"\n', 1)
        path = tmp_path / "lead.yaml"
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["--data", str(path), *args])
        assert result.exit_code == 0, result.output
        return str(cmarkgfm.github_flavored_markdown_to_html(result.stdout))

    for args in (["cite", "dubai", "-f", "markdown"], ["facts", "-f", "markdown"],
                 ["partners", "-f", "markdown"]):  # fmt: skip
        hostile, plain = rendered(written, args), rendered("Claire", args)
        assert hostile.count(block) == plain.count(block), args
        assert f"{written.strip()}, “" in hostile.replace("&gt;", ">"), args


def test_a_url_with_a_backslash_is_refused(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    url = "    url: 'https://good.example\\@evil.example/x'\n"
    text = text.replace("    author: Claire\n", "    author: Claire\n" + url, 1)
    path = tmp_path / "backslash.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "CV204 sources[0].url:" in result.stderr
    assert "has no space or backslash" in result.stderr


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://例え.jp/a b", "https://例え.jp/a%20b"),  # the host as written: IDNA's to make
        ('https://e.com/<x>"`{|}^', "https://e.com/%3Cx%3E%22%60%7B%7C%7D%5E"),
        ("https://e.com/\u202ex\x1b", "https://e.com/%E2%80%AEx%1B"),
        ("https://e.com/a%20b?x=1&y=2#f", "https://e.com/a%20b?x=1&y=2#f"),
    ],
)
def test_a_link_encodes_only_what_a_reader_would_obey(url: str, shown: str) -> None:
    assert link(url) == shown


def test_a_text_directive_joins_one_already_there() -> None:
    assert text_fragment("https://e.com/p#:~:text=old", "new") == (
        "https://e.com/p#:~:text=old&text=new"
    )


def test_a_read_date_without_a_url_is_said(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    author: Claire\n", "    author: Claire\n    retrieved: 2026-11-30\n", 1
    )
    path = tmp_path / "read.yaml"
    path.write_text(text, encoding="utf-8")
    assert ", Luxus+, 2019 (inferred). Read 2026-11-30.\n" in cite_in(path, "dubai")


@pytest.mark.parametrize(
    "tag", ["fr", "en-GB", "zh-yue-HK", "en-US-x-twain", "de-DE-u-co-phonebk", "i-navajo",
            "sr-Latn-RS", "es-419", "x-private"],
)  # fmt: skip
def test_bcp_47_tags_are_languages(tmp_path: Path, tag: str) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("    author: Claire\n", f"    author: Claire\n    language: {tag}\n", 1)
    path = tmp_path / "language.yaml"
    path.write_text(text, encoding="utf-8")
    assert f"\nLA  - {tag}\n" in cite_in(path, "dubai", "-f", "ris")


def test_an_empty_section_cites_nothing_and_says_so(tmp_path: Path) -> None:
    text = (REPO / "facts.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\ndefends:\n")
    path = tmp_path / "no-defends.yaml"
    path.write_text(head + "\ndefends: []\n" + rest[rest.index("\nvalues:\n") :], encoding="utf-8")
    for text_format in FORMATS["cite"]:
        result = runner.invoke(app, ["--data", str(path), "cite", "--section", "defends",
                                     "-f", text_format])  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.stdout == ("[]\n" if text_format == "csl-json" else "")
        assert result.stderr == "cv: no defends in the dataset\n"


@pytest.mark.parametrize(
    "args", [["cite"], ["cite", "--section", "people", "partners/x"], ["cite", "shows/x"]]
)
def test_a_usage_error_comes_before_the_dataset_is_read(args: list[str]) -> None:
    result = runner.invoke(app, ["--data", "/nonexistent/facts.yaml", *args])
    assert result.exit_code == 2, result.output


def test_a_speaker_is_named_not_an_id() -> None:
    shown = cite("quotations/jamet-thanks-2019")
    assert "  speaker: Marc-Antoine Jamet\n" in shown and "marc-antoine-jamet\n" not in shown


def test_cite_with_jsonld_says_what_jsonld_holds() -> None:
    result = runner.invoke(app, ["facts", "--cite", "-f", "jsonld"])
    assert result.exit_code == 2
    assert "evidence" not in result.stderr and "quotes" in result.stderr
