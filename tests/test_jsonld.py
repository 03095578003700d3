"""`cv facts --format jsonld`: the schema.org graph, its links, and a safe <script> body."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FACTS, REPO
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.formats.jsonld import PARTNER_TYPES
from cosmetic_valley_cli.vocabulary import PartnerType

runner = CliRunner()
DATA = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
NEXT_YEAR = REPO / "tests" / "fixtures" / "example-next-year.yaml"
ORG = f"#cluster/{DATA['cluster']['id']}"


def jsonld(*options: str, data: Path | None = None) -> dict[str, Any]:
    """What `cv [--data DATA] facts --format jsonld OPTIONS` prints, parsed."""
    before = ["--data", str(data)] if data else []
    result = runner.invoke(app, [*before, "facts", "--format", "jsonld", *options])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    printed: dict[str, Any] = json.loads(result.stdout)
    return printed


def nodes(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["@id"]: node for node in graph["@graph"]}


def links(value: Any) -> list[str]:
    """Every `{"@id": ...}` reference in a value."""
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            return [value["@id"]]
        return [found for item in value.values() for found in links(item)]
    if isinstance(value, list):
        return [found for item in value for found in links(item)]
    return []


@pytest.fixture(scope="module")
def graph() -> dict[str, Any]:
    return jsonld()


def test_a_schema_org_graph_with_a_stable_id_on_every_node(graph: dict[str, Any]) -> None:
    assert graph["@context"] == "https://schema.org"
    ids = [node["@id"] for node in graph["@graph"]]
    assert len(ids) == len(set(ids))
    assert all(node_id.startswith("#") and node["@type"] for node_id, node in
               nodes(graph).items())  # fmt: skip
    assert jsonld() == graph  # the same every time


def test_every_link_names_a_node_of_the_graph(graph: dict[str, Any]) -> None:
    found = nodes(graph)
    referenced = [link for node in graph["@graph"] for link in links(node)]
    assert len(referenced) > 20
    assert [link for link in referenced if link not in found] == []


def test_the_organization_has_its_name_and_founding_year(graph: dict[str, Any]) -> None:
    organization = nodes(graph)[ORG]
    assert organization["@type"] == "Organization"
    assert organization["name"] == DATA["cluster"]["name"]
    (created,) = [m for m in DATA["timeline"] if m["event"] == "created"]
    assert organization["foundingDate"] == str(created["year"]) == "1994"
    assert any("Created in 1994" in item["quote"] for item in created["evidence"])
    assert organization["knowsAbout"] == DATA["cluster"]["sector"]


def test_the_source_is_a_news_article_the_organization_is_the_subject_of(
    graph: dict[str, Any],
) -> None:
    found = nodes(graph)
    (source,) = DATA["sources"]
    article_id = f"#sources/{source['id']}"
    assert found[ORG]["subjectOf"] == [{"@id": article_id}]
    article = found[article_id]
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == source["title"]
    assert article["about"] == {"@id": ORG}
    publisher = found[article["publisher"]["@id"]]
    assert (publisher["@type"], publisher["name"]) == ("Organization", source["publisher"])
    author = found[article["author"]["@id"]]
    assert (author["@type"], author["name"]) == ("Person", "Claire")


def test_an_inferred_date_is_not_published(graph: dict[str, Any]) -> None:
    """Issue 23: `datePublished: "2019"` stated a date the article does not print, and
    the article's description held the caveat instead of describing the article."""
    (source,) = DATA["sources"]
    assert source["date_basis"]
    article = nodes(graph)[f"#sources/{source['id']}"]
    assert "datePublished" not in article
    assert "description" not in article  # no record describes the article


def test_the_format_name_is_case_insensitive_and_short(graph: dict[str, Any]) -> None:
    result = runner.invoke(app, ["facts", "-f", "JSONLD"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == graph


def test_a_printed_date_is_not_called_inferred() -> None:
    article = nodes(jsonld(data=NEXT_YEAR))["#sources/example-2023"]
    assert article["datePublished"] == "2023-03-01"
    assert "description" not in article
    assert "author" not in article  # the source has no byline


def test_partners_are_typed_nodes_that_the_article_mentions(graph: dict[str, Any]) -> None:
    found = nodes(graph)
    universities = [n for n in graph["@graph"] if n["@type"] == "CollegeOrUniversity"]
    assert len(universities) == 9
    orleans = found["#partners/university-orleans"]
    assert orleans["name"] == "Orléans"
    mentioned = {link["@id"] for link in found["#sources/luxus-2019"]["mentions"]}
    assert {f"#partners/{p['id']}" for p in DATA["partners"]} <= mentioned
    assert set(PARTNER_TYPES) == set(PartnerType)


def test_a_site_not_yet_in_operation_is_mentioned_not_located(graph: dict[str, Any]) -> None:
    """Issue 23: `location` pointed at a site being launched and one being opened."""
    found = nodes(graph)
    assert {office["status"] for office in DATA["offices"]} == {"being launched", "being opened"}
    assert "location" not in found[ORG]
    mentioned = {link["@id"] for link in found["#sources/luxus-2019"]["mentions"]}
    assert {f"#offices/{office['id']}" for office in DATA["offices"]} <= mentioned
    house = found["#offices/cosmetics-house"]
    assert house["@type"] == "Place"
    assert house["description"] == DATA["offices"][0]["description"]  # the record's own
    assert "description" in DATA["offices"][1] and "name" not in found["#offices/office-marseille"]
    address = found[house["address"]["@id"]]
    assert (address["@type"], address["addressLocality"]) == ("PostalAddress", "Chartres")


def test_the_president_is_affiliated_and_only_the_president(graph: dict[str, Any]) -> None:
    people = [n for n in graph["@graph"] if n["@id"].startswith("#people/")]
    assert len(people) == len(DATA["people"])
    affiliated = [n["name"] for n in people if "affiliation" in n]
    assert affiliated == [DATA["cluster"]["president"]]


def test_figures_are_not_passed_off_as_something_else(graph: dict[str, Any]) -> None:
    text = json.dumps(graph)
    for wrong in ("numberOfEmployees", '"member"', "memberOf", "150000", "600"):
        assert wrong not in text


def test_as_of_a_year_keeps_only_what_stood_then() -> None:
    found = nodes(jsonld("--as-of", "2005"))
    organization = found[ORG]
    assert organization["foundingDate"] == "1994"
    assert "location" not in organization
    assert "description" not in organization  # the cluster's record dates from 2019
    assert not [node_id for node_id in found if node_id.startswith("#partners/")]


class _Scripts(HTMLParser):
    """What a browser reads: the elements opened, and the text of each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "script":
            self.scripts.append(data)


def test_a_hostile_name_cannot_break_out_of_the_script_element(tmp_path: Path) -> None:
    hostile = "Evil </script><script>alert(1)</script> <!-- & co"
    text = FACTS.read_text(encoding="utf-8")
    assert "\n  name: Cosmetic Valley\n" in text
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("\n  name: Cosmetic Valley\n",
                                 f"\n  name: {json.dumps(hostile)}\n", 1), "utf-8")  # fmt: skip
    result = runner.invoke(app, ["--data", str(path), "facts", "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    for character in "<>&":
        assert character not in result.stdout
    assert "\\u003c/script\\u003e" in result.stdout
    page = f'<html><head><script type="application/ld+json">{result.stdout}</script></head></html>'
    parser = _Scripts()
    parser.feed(page)
    assert parser.tags == ["html", "head", "script"]  # no second script opened
    (body,) = parser.scripts
    assert nodes(json.loads(body))[ORG]["name"] == hostile


# (name, the command line, what the one error line starts with)
REFUSED = [
    ("listing", ["partners", "--format", "jsonld"], "cv: error: invalid --format/-f 'jsonld'"),
    ("listing-by-type", ["partners", "--type", "network", "--format", "jsonld"],
     "cv: error: invalid --format/-f 'jsonld'"),
    ("search", ["search", "orleans", "--format", "jsonld"],
     "cv: error: invalid --format/-f 'jsonld'"),
    ("diff", ["diff", str(FACTS), str(FACTS), "--format", "jsonld"],
     "cv: error: invalid --format/-f 'jsonld'"),
    ("with-json", ["facts", "--json", "--format", "jsonld"], "cv: error: --json and --format"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "said"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_only_cv_facts_prints_jsonld(args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    line, *hint = result.stderr.splitlines()
    assert line.startswith(said)
    if "invalid" in said:
        assert hint == ["cv: hint: jsonld is a format of cv facts"]


BASE = "https://example.org/cosmetic-valley"
SCHEMA = "http://schema.org/"


def triples(document: dict[str, Any], base: str | None = BASE) -> set[tuple[str, str, str]]:
    """The graph as a JSON-LD processor reads it (pyld, offline): (subject, property, object).

    schema.org's context is replaced by a local one with the same `@vocab`, so nothing
    is fetched. The base is explicit: relative ids expand against it, and without one a
    processor may give no triples at all, so that a test of absence alone would pass
    without checking anything (the tests below first assert the expected triples).
    """
    from pyld import jsonld as processor  # type: ignore[import-untyped]

    def loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": SCHEMA}}}  # fmt: skip

    options: dict[str, Any] = {"documentLoader": loader}
    if base is not None:
        options["base"] = base
    dataset = processor.to_rdf(document, options)
    found = set()
    for quads in dataset.values():
        for quad in quads:
            found.add((quad["subject"]["value"], quad["predicate"]["value"].removeprefix(SCHEMA),
                       quad["object"]["value"]))  # fmt: skip
    return found


def test_a_json_ld_processor_reads_only_what_the_article_states(graph: dict[str, Any]) -> None:
    """Issue 23, with a real processor: the expected triples first, then no triple that
    states what the records mark as planned, inferred or corrected."""
    read = triples(graph)
    organization = f"{BASE}#cluster/cosmetic-valley"
    person = f"{BASE}#people/bruno-le-maire"
    expected = {
        (organization, "name", "Cosmetic Valley"),
        (organization, "foundingDate", "1994"),
        (organization, "subjectOf", f"{BASE}#sources/luxus-2019"),
        (f"{BASE}#offices/office-marseille/address", "addressLocality", "Marseille"),
        (f"{BASE}#sources/luxus-2019", "mentions", f"{BASE}#offices/office-marseille"),
        (person, "name", "Bruno Le Maire"),
    }
    assert expected <= read
    # A site's state travels with it, in the source's words, as a PropertyValue.
    states = {t[2] for t in read if t[1] == "value"}
    assert states == {"being launched", "being opened"}
    assert not [t for t in read if t[1] in ("location", "address") and t[0] == organization]
    assert not [t for t in read if t[1] in ("datePublished", "dateCreated")]
    assert not [t for t in read if "Lemaire" in t[2] or t[1] == "alternateName"]
    assert not [t for t in read if "inferred" in t[2]]


def test_without_a_base_the_ids_are_relative_and_with_one_absolute() -> None:
    relative = jsonld()
    assert all(node["@id"].startswith("#") for node in relative["@graph"])  # the page's URL
    absolute = jsonld("--base", BASE)
    assert all(node["@id"].startswith(f"{BASE}#") for node in absolute["@graph"])
    # The same triples as the relative ids on a page at BASE, wherever the text is read.
    assert triples(absolute, base="https://elsewhere.example/") == triples(relative) != set()


def test_every_id_is_unique_and_names_its_section(graph: dict[str, Any]) -> None:
    """Issue 23: `#office-office-marseille` doubled a word; ids are now SECTION/ID."""
    ids = [node["@id"] for node in graph["@graph"]]
    assert len(ids) == len(set(ids))
    assert "#offices/office-marseille" in ids
    sections = {node_id.split("/")[0].lstrip("#") for node_id in ids}
    assert sections == {"cluster", "offices", "partners", "people", "sources"}


@pytest.mark.parametrize(
    ("base", "says"),
    [("ftp://example.org/", "absolute http"), ("example.org/page", "absolute http"),
     ("https://example.org/#top", "fragment"), ("https://exa mple.org/", "space"),
     ("https://", "absolute http"),
     ("https://good.example\\@evil.example/", "backslash")],
)  # fmt: skip
def test_a_base_that_is_not_an_absolute_page_url_is_a_usage_error(base: str, says: str) -> None:
    result = runner.invoke(app, ["facts", "--format", "jsonld", "--base", base])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cv: error: invalid --base") and says in result.stderr


def test_a_base_without_json_ld_is_a_usage_error() -> None:
    result = runner.invoke(app, ["facts", "--json", "--base", BASE])
    assert result.exit_code == 2
    assert "--base is for --format jsonld" in result.stderr


def test_a_site_in_operation_is_the_organizations_location(tmp_path: Path) -> None:
    """An example dataset (not the article's): a site said to be in operation is located."""
    text = FACTS.read_text(encoding="utf-8").replace("status: being opened", "status: in operation")
    path = tmp_path / "example-in-operation.yaml"
    path.write_text(text, encoding="utf-8")
    organization = nodes(jsonld(data=path))[ORG]
    assert organization["location"] == [{"@id": "#offices/office-marseille"}]
