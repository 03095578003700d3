"""cv search: what a person reads, no case, no accents, each hit with where it matched."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, cast

import cmarkgfm
import pytest
import yaml
from conftest import FACTS
from rich.console import Console
from typer.testing import CliRunner

from cosmetic_valley_cli import load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.outputs import Passage
from cosmetic_valley_cli.search import WINDOW, fold, folded_at, search
from cosmetic_valley_cli.search_view import markdown, terminal

runner = CliRunner()
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]")


def hits(text: str, *data: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, [*data, "search", text, "--json"])
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def passages(hit: dict[str, Any]) -> list[tuple[str, str]]:
    """A hit's passages as (where, text) pairs."""
    return [(passage["where"], passage["text"]) for passage in hit["passages"]]


def marked(passage: dict[str, Any]) -> list[str]:
    return [passage["text"][mark["start"] : mark["end"]] for mark in passage["marks"]]


def test_orleans_finds_the_university_of_orleans() -> None:
    (hit,) = hits("orleans")
    assert hit == {
        "section": "partners",
        "section_title": "Partners",
        "id": "university-orleans",
        "label": "Orléans",
        "matched": "name",
        "passages": [
            {
                "field": "name",
                "where": "name",
                "source": None,
                "text": "Orléans",
                "marks": [{"start": 0, "end": 7}],
            },
            {
                "field": "evidence",
                "where": "quote",
                "source": "luxus-2019",
                "text": "9 universities are partners in the cluster: Orléans",
                "marks": [{"start": 44, "end": 51}],
            },
        ],
        "caveats": [],
    }


@pytest.mark.parametrize("text", ["ORLÉANS", "Orleans", "orléans", "  orleans "])
def test_case_accents_and_spaces_are_ignored(text: str) -> None:
    assert [hit["label"] for hit in hits(text)] == ["Orléans"]


def test_luxus_finds_what_a_person_reads_not_the_source_id() -> None:
    """Every evidence entry names `luxus-2019`: that id is not what a person reads."""
    (hit,) = hits("luxus")
    assert (hit["section"], hit["id"], hit["matched"]) == ("sources", "luxus-2019", "value")
    assert hit["label"].startswith("Economy. The State confirms")  # the source's title
    assert passages(hit) == [
        ("publisher", "publisher: Luxus+"),
        ("quote", "the Luxus + editorial team"),
    ]


def test_2019_finds_the_dates_and_quotes_that_say_2019_not_every_record() -> None:
    assert [(hit["section"], hit["id"]) for hit in hits("2019")] == [
        ("sources", "luxus-2019"),
        ("timeline", "anniversary-25"),
        ("certification", "certification-2019-2022"),
        ("members", "members-2019"),
        ("figures", "sector-employees-2019"),
        ("figures", "research-projects-2019"),
        ("figures", "research-amount-2019"),
    ]


def test_every_hit_is_labelled_in_words_not_by_id() -> None:
    """A record with no name of its own is what it is and when; an unnamed site its kind."""
    assert [hit["label"] for hit in hits("2019")][:4] == [
        "Economy. The State confirms “Cosmetic Valley” cluster the mission to lead – "
        "nationally – its industrial sector",
        "25th anniversary",
        "Certification 2019–2022",
        "Members as of 2019",
    ]
    assert hits("marseille")[0]["label"] == ("local office in Marseille (being opened)")
    assert {hit["section_title"] for hit in hits("chartres")} == {"Offices", "Services"}


def test_a_record_whose_name_is_not_given_is_labelled_by_its_section() -> None:
    document = load_document()
    document["quotations"] = [{**document["quotations"][0], "about": None}]
    (hit,) = search(document, "delighted")
    assert (hit["label"], hit["matched"]) == ("Quotations", "quote")


@pytest.mark.parametrize(
    "text",
    [
        "luxus-2019",
        "d89f97f83dd3242d",
        "prints no date",
        "1994 + 25",
        "university-orleans",
        "marc-antoine-jamet",  # a speaker's id: the speaker reads as his name
    ],
)
def test_ids_hashes_and_date_bases_are_not_searched(text: str) -> None:
    assert hits(text) == []


def test_certified_finds_the_certification_by_its_label() -> None:
    (hit,) = hits("certified")
    assert (hit["section"], hit["label"], hit["matched"]) == (
        "certification",
        "Certification 2019–2022",
        "value",
    )
    (passage,) = hit["passages"]
    assert (passage["where"], passage["text"], marked(passage)) == (
        "certified",
        "certified: 48",
        ["certified"],
    )


def test_the_timeline_sentence_of_a_certification_is_searched() -> None:
    (hit,) = hits("were certified")
    (passage,) = hit["passages"]
    assert passage["where"] == "timeline"
    assert marked(passage) == ["were", "certified"]
    assert "48 of the 56 clusters that applied were certified" in passage["text"]


def test_president_shows_only_the_matching_quote() -> None:
    """The person whose role is President first; then the cluster, by its label only."""
    person, cluster = hits("president")
    assert (cluster["label"], cluster["matched"]) == ("Cosmetic Valley", "value")
    assert passages(cluster) == [
        ("president", "president: Marc-Antoine Jamet"),
        ("quote", "Marc-Antoine Jamet, President of COSMETIC VALLEY"),
    ]
    assert (person["label"], person["matched"]) == ("Marc-Antoine Jamet", "value")
    assert passages(person)[0] == ("role", "role: President of Cosmetic Valley")
    table = runner.invoke(app, ["search", "president"]).stdout
    assert table.count("luxus-2019: “") == 2  # one quote each, not the cluster's four


def test_hits_rank_name_then_value_then_quote() -> None:
    """The person named Jamet before the records that name him as a value."""
    found = hits("jamet")
    assert [(hit["id"], hit["matched"]) for hit in found] == [
        ("marc-antoine-jamet", "name"),
        ("cosmetic-valley", "value"),
        ("jamet-thanks-2019", "value"),
        ("jamet-made-in-france-2019", "value"),
    ]
    assert passages(found[2]) == [("speaker", "speaker: Marc-Antoine Jamet")]
    person, quotation = hits("lemaire")
    assert (person["label"], person["matched"]) == ("Bruno Le Maire", "value")
    assert passages(person)[0] == ("spelled in the source", "spelled in the source: Bruno Lemaire")
    assert (quotation["section"], quotation["matched"]) == ("quotations", "quote")


def test_the_best_passage_holds_the_most_words() -> None:
    """The office's name holds `house` and its city `chartres`; its quote holds both."""
    (hit,) = hits("house chartres")
    (passage,) = hit["passages"]
    assert (hit["label"], hit["matched"], passage["where"]) == ("Cosmetics House", "quote", "quote")
    assert marked(passage) == ["House", "Chartres"]


@pytest.mark.parametrize("text", ["orleans", "lemaire", "cosmet'up", "2019", "were certified"])
def test_json_marks_cut_the_query_words_from_the_passage(text: str) -> None:
    words = set(fold(text).split())
    for hit in hits(text):
        for passage in hit["passages"]:
            assert passage["marks"], passage
            assert {fold(piece) for piece in marked(passage)} <= words


def test_every_section_is_searched() -> None:
    sections = {hit["section"] for hit in hits("chartres")}
    assert sections == {"offices", "services"}
    assert {hit["section"] for hit in hits("1994")} == {"timeline"}
    assert [hit["label"] for hit in hits("dubai")] == ["Dubai"]


def test_typographic_apostrophes_match_straight_ones() -> None:
    (hit,) = hits("cosmet'up")
    assert hit["label"] == "accompanying startups"
    assert marked(hit["passages"][0]) == ["Cosmet’up"]


def test_no_hit_is_exit_0_empty_with_a_note() -> None:
    result = runner.invoke(app, ["search", "societe", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == "cv: nothing matches 'societe'\n"
    table = runner.invoke(app, ["search", "societe"])
    assert table.exit_code == 0
    assert table.stdout == ""


def test_search_table_shows_section_record_and_passage() -> None:
    result = runner.invoke(app, ["search", "orleans"])
    assert result.exit_code == 0, result.output
    head, _rule, *rows = result.stdout.splitlines()[1:]
    assert head.split() == ["section", "record", "found", "in"]
    assert rows[0].split() == ["Partners", "Orléans", "Orléans"]
    assert "9 universities are partners" in result.stdout


def test_a_long_quote_is_cut_around_the_match() -> None:
    """The quotation's quote is 280 characters: a window of it, the person's quote whole."""
    person, quotation = hits("whose support")
    (whole,) = person["passages"]
    assert whole["text"] == (
        "the Minister of Economy, Bruno Lemaire, whose support is still with us and with "
        "whom we are working happily"
    )
    (cut,) = quotation["passages"]
    assert cut["text"] == (
        "…Minister of Economy, Bruno Lemaire, whose support is still with us "
        "and with whom we are working happily."
    )
    assert marked(cut) == ["whose", "support"]
    (start,) = hits("delighted")[0]["passages"]
    assert start["text"].startswith("I am delighted") and start["text"].endswith("…")
    assert len(start["text"]) <= WINDOW + 1


def test_a_cut_passage_keeps_its_marks_where_they_are(tmp_path: Path) -> None:
    long_quote = " ".join(["filler"] * 60 + ["needle"] + ["filler"] * 60)
    data = with_partners(tmp_path, [partner("long", "Long", long_quote)])
    (hit,) = hits("needle", "--data", str(data))
    (passage,) = hit["passages"]
    assert passage["text"].startswith("…filler") and passage["text"].endswith("filler…")
    assert marked(passage) == ["needle"]
    assert len(passage["text"]) <= WINDOW + 2


@pytest.mark.parametrize("output_format", ["csv", "jsonl", "yaml", "markdown"])
def test_search_takes_every_format(output_format: str) -> None:
    result = runner.invoke(app, ["search", "orleans", "--format", output_format])
    assert result.exit_code == 0, result.output
    assert "Orléans" in result.stdout


def test_csv_jsonl_and_yaml_carry_the_passages() -> None:
    def out(output_format: str) -> str:
        return runner.invoke(app, ["search", "orleans", "--format", output_format]).stdout

    (row,) = csv.DictReader(io.StringIO(out("csv")))
    assert row["passages"] == (
        "Orléans\nluxus-2019: “9 universities are partners in the cluster: Orléans”"
    )
    assert [json.loads(line) for line in out("jsonl").splitlines()] == hits("orleans")
    assert yaml.safe_load(out("yaml")) == hits("orleans")


def test_fold_and_library_search() -> None:
    assert fold("Société Générale – Ça") == "societe generale - ca"
    assert [hit["label"] for hit in search(load_document(), "SORBONNE")] == ["Sorbonne University"]
    assert search(load_document(), "") == []


@pytest.mark.parametrize(
    "text",
    [
        "Orléans",
        " ASCII  only\t\x1c\x1d\x1e\x1f\x0b\x0c runs ",
        "  two  spaces\tand\na break \x1c\x1f\x85\u2028 ",
        "ﬁnancière Œuvre ß İstanbul",
        "“quoted” – dashed — Cosmet’up",
        "e\u0301 combining, ½ fraction, \u00a0no-break\u2003em ",
        "Ǆ ǅ ǆ ﬀ ﬃ ΐ \u0345",
        "",
        "   ",
    ],
)
def test_folding_a_character_at_a_time_is_fold(text: str) -> None:
    folded, origins = folded_at(text)
    assert folded == fold(text)
    assert len(origins) == len(folded)
    assert list(origins) == sorted(origins)
    assert all(
        folded[at] == " " or folded[at] in fold(text[index]) for at, index in enumerate(origins)
    )
    assert all(0 <= index < len(text) for index in origins)


# EXAMPLE ONLY: hypothetical partners, for these tests; not facts of the article.
def partner(key: str, name: str, quote: str, description: str | None = None) -> str:
    said = f"    description: {json.dumps(description)}\n" if description else ""
    return (
        f"  - id: example-{key}\n    name: {json.dumps(name)}\n    type: network\n{said}"
        f"    evidence:\n      - source: luxus-2019\n        quote: {json.dumps(quote)}\n"
    )


def with_partners(tmp_path: Path, records: list[str]) -> Path:
    """facts.yaml with example partners first among the partners."""
    text = FACTS.read_text(encoding="utf-8")
    text = text.replace("\npartners:\n", "\npartners:\n" + "".join(records), 1)
    path = tmp_path / "example-search.yaml"
    path.write_text(text, encoding="utf-8")
    return path


NON_ASCII = "Société ﬁnancière de la Crème"
SPECIALS = "a *star*, _under_, [link](http://x.invalid) and <b>tag</b> by zzmark* here"
HOSTILE = "Evil\x1b]0;OWNED\x07\x1b[2J\u202ezzhostile\u200b [bold]loud[/bold]"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_partners(
        tmp_path_factory.mktemp("search"),
        [
            partner("accents", NON_ASCII, "ﬁnancière et crème"),
            partner("specials", "Specials", "Q", description=SPECIALS),
            partner("hostile", HOSTILE, "Q"),
        ],
    )


def test_offsets_count_code_points_of_the_text_as_written(examples: Path) -> None:
    """ﬁ is one code point that folds to two letters; é folds to e and drops an accent."""
    (hit,) = hits("financiere creme", "--data", str(examples))
    assert hit["label"] == NON_ASCII
    assert marked(hit["passages"][0]) == ["ﬁnancière", "Crème"]
    assert marked(hit["passages"][1]) == ["ﬁnancière", "crème"]


def test_markdown_marks_exactly_the_match_and_keeps_specials_literal(examples: Path) -> None:
    result = runner.invoke(app, ["--data", str(examples), "search", "zzmark", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    rendered = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
    assert re.findall(r"<strong>(.*?)</strong>", rendered) == ["zzmark"]
    assert "<em>" not in rendered and "<a " not in rendered and "<b>" not in rendered
    assert "a *star*, _under_, [link](http://x.invalid) and &lt;b&gt;tag&lt;/b&gt; by " in rendered
    assert "<strong>zzmark</strong>* here" in rendered


def named(text: str, start: int, end: int) -> Passage:
    """A name's passage with one mark."""
    return Passage(
        field="name", where="name", source=None, text=text, marks=[{"start": start, "end": end}]
    )


def rendered(cell: str) -> str:
    """A Markdown cell as GFM renders it, raw HTML (the `<br>`, a `<strong>`) kept."""
    from cmarkgfm.cmark import Options

    html: str = cmarkgfm.github_flavored_markdown_to_html(cell, options=Options.CMARK_OPT_UNSAFE)
    return html.strip().removeprefix("<p>").removesuffix("</p>")


def test_markdown_pieces_are_escaped_one_by_one() -> None:
    assert rendered(markdown([named("<a> *b* c", 4, 7)])) == "&lt;a&gt; <strong>*b*</strong> c"


def test_a_mark_gfm_would_not_read_as_strong_is_the_strong_element() -> None:
    """`Cosmet**’up**` stays as written in GFM: punctuation inside a word flanks nothing."""
    assert markdown([named("x<y", 1, 2)]) == "x<strong>&lt;</strong>y"
    assert markdown([named("a < b", 2, 3)]).startswith("a **&lt;**")  # `**` opens, closes
    assert rendered(markdown([named("x<y", 1, 2)])) == "x<strong>&lt;</strong>y"
    assert rendered(markdown([named("a < b", 2, 3)])) == "a <strong>&lt;</strong> b"
    result = runner.invoke(app, ["search", "'up", "-f", "markdown", "--fields", "passages"])
    html = rendered(result.stdout)
    assert re.findall(r"<strong>(.*?)</strong>", html) == ["’up", "’up"]
    assert "**" not in html


def test_the_terminal_marks_in_bold_and_reads_no_markup() -> None:
    drawn = terminal([named("[bold]x[/bold] Orléans\x1b[2J", 15, 22)])
    assert drawn.plain == "[bold]x[/bold] Orléans\\x1b[2J"
    assert [(drawn.plain[span.start : span.end], span.style) for span in drawn.spans] == [
        ("Orléans", "bold")
    ]
    console = Console(file=io.StringIO(), force_terminal=True, width=80, color_system="standard")
    console.print(drawn)
    assert "\x1b[1mOrléans\x1b[0m" in console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("output_format", ["table", "markdown", "csv", "json", "jsonl", "yaml"])
def test_control_characters_are_shown_in_every_format(examples: Path, output_format: str) -> None:
    result = runner.invoke(
        app, ["--data", str(examples), "search", "zzhostile", "-f", output_format]
    )
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout)
    assert "[bold]loud[/bold]" in result.stdout or "\\[bold\\]loud\\[/bold\\]" in result.stdout


def test_a_quote_of_many_matches_costs_its_window_not_its_matches() -> None:
    """A quote of 200,000 words, each the word searched: the marks of a window only.

    Every occurrence was marked and then cut to the window: 60 times the quote's size
    at peak, a tuple each; the window's marks alone are about 6 times (`folded_at`'s
    4 bytes a character, and the folded text).
    """
    import tracemalloc

    document = load_document()
    quote = "word " * 200_000
    first = document["partners"][0]
    document["partners"] = [{**first, "evidence": [{"source": "luxus-2019", "quote": quote}]}]
    tracemalloc.start()
    try:
        (hit,) = (hit for hit in search(document, "word") if hit["section"] == "partners")
        _now, most = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (passage,) = cast("list[dict[str, Any]]", hit["passages"])
    assert marked(passage) == ["word"] * passage["text"].count("word")
    assert most < 10 * len(quote)


def test_the_table_draws_the_words_bold_and_only_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR: the table as a terminal gets it, the words found in bold."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = runner.invoke(app, ["search", "lemaire"])
    assert result.exit_code == 0, result.output
    bold = re.findall(r"\x1b\[1m([^\x1b]*)\x1b\[0m", result.stdout)
    headers = ("", "section", "record", "found in")
    assert [word for word in bold if word.strip() not in headers] == ["Lemaire"] * 3


def test_every_field_left_unread_is_a_field_of_some_record() -> None:
    """A renamed field would be searched again, silently: each name must still exist."""
    from cosmetic_valley_cli.search import UNREAD
    from cosmetic_valley_cli.sections import SECTIONS

    fields = {name for section in SECTIONS.values() for name in section.record_fields}
    assert [name for name in UNREAD if name not in fields] == []


def test_a_hit_says_its_caveats_as_every_view_does() -> None:
    """Review: `cv search 2019` said 2019 three times, never that it is inferred."""
    found = {hit["id"]: hit for hit in hits("2019")}
    assert found["members-2019"]["caveats"] == [
        "2019 is inferred: " + str(load_document()["members"][0]["as_of_basis"])
    ]
    assert str(found["luxus-2019"]["caveats"][0]).startswith("2019 is inferred: The article")
    (vegas,) = hits("vegas")
    assert vegas["caveats"] == ["The source leaves this list open: there may be more."]
    table = runner.invoke(app, ["search", "vegas"])
    assert table.stdout.rstrip().endswith("The source leaves this list open: there may be more.")
    markdown = runner.invoke(app, ["search", "vegas", "-f", "markdown"])
    assert "\n> The source leaves this list open: there may be more.\n" in markdown.stdout


def test_a_search_of_too_many_words_is_a_usage_error() -> None:
    """Words × text is the cost: a query is bounded so that search stays linear."""
    from cosmetic_valley_cli.search import MOST_WORDS

    many = [f"w{n}" for n in range(MOST_WORDS + 1)]
    result = runner.invoke(app, ["search", *many])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cv: error: cv search looks for at most {MOST_WORDS} words")
    assert runner.invoke(app, ["search", *many[:MOST_WORDS]]).exit_code == 0


def test_every_word_shows_where_it_stands() -> None:
    """Review: `orleans university` matched `type: university`, shown nowhere."""
    (hit,) = hits("orleans university")
    assert [passage["text"] for passage in hit["passages"]] == [
        "Orléans",
        "type: university",
        "9 universities are partners in the cluster: Orléans",
    ]


def test_a_query_of_accents_alone_is_a_usage_error() -> None:
    result = runner.invoke(app, ["search", "\u0301"])
    assert result.exit_code == 2
    assert "needs at least one word" in result.stderr
