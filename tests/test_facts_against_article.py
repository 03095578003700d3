"""The dataset says what the article says: expectations read from the article's wording."""

from __future__ import annotations

import re

from cosmetic_valley_cli import load_document, load_facts
from cosmetic_valley_cli.dataset import every_record
from cosmetic_valley_cli.vocabulary import PartnerType


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("–", "-").split()).casefold()


def test_every_quote_stands_in_the_article(article: str) -> None:
    folded = _fold(article)
    quotes = 0
    for section, record in every_record(load_document()):
        for evidence in record["evidence"]:
            start = 0
            quotes += 1
            for piece in re.split(r"\s*\.\.\.\s*", evidence["quote"]):
                at = folded.find(_fold(piece), start)
                assert at >= 0, f"{section}: {piece!r} is not in the article"
                start = at + len(_fold(piece))
    assert quotes >= 60


def test_the_nine_universities_are_the_articles(article_universities: list[str]) -> None:
    names = [p.name for p in load_facts().partners if p.type is PartnerType.UNIVERSITY]
    assert names == article_universities
    assert len(names) == 9


def test_years_come_from_the_article(article: str) -> None:
    created = re.search(r"Created in (\d{4})", article)
    labelled = re.search(r"labelled in (\d{4})", article)
    assert created
    assert labelled
    years = {m.event: m.year for m in load_facts().timeline}
    assert years["created"] == int(created.group(1)) == 1994
    assert years["labelled"] == int(labelled.group(1)) == 2005


def test_members_figure_comes_from_the_article(article: str) -> None:
    found = re.search(r"\((nearly) (\d+) companies, (\d+)% of which are SMEs\)", article)
    assert found
    (members,) = load_facts().members
    assert members.companies.qualifier is not None
    assert members.companies.qualifier.value == found.group(1)
    assert members.companies.value == int(found.group(2)) == 600
    assert members.sme_share is not None
    assert members.sme_share.value == int(found.group(3))


def test_cosmetics4wellbeing_countries_come_from_the_article(article: str) -> None:
    found = re.search(r"involving (\w+) countries \(([^)]*)\)", article)
    assert found
    assert found.group(1) == "four"
    wellbeing = next(p for p in load_facts().partners if p.name == "Cosmetics4Wellbeing")
    assert wellbeing.countries == [c.strip() for c in found.group(2).split(",")]
    assert len(wellbeing.countries) == 4


def test_the_tools_are_the_articles(article: str) -> None:
    found = re.search(r"an exceptional set of tools: (.*?) \(currently", article)
    assert found
    names = [service.name for service in load_facts().services]
    assert "synergies and networking" in names
    assert all(name.split()[0] in article for name in names)
    assert names[:2] == [part.strip() for part in found.group(1).split(",")][:2]


def test_the_cluster_is_described_in_the_articles_words(article: str) -> None:
    cluster = load_facts().cluster
    assert cluster.sector_role is not None and cluster.ecosystem is not None
    assert cluster.sector_role.replace("’", "'") in article.replace("’", "'")
    assert "industrial fabric" in cluster.ecosystem
