r"""JSON-LD: the cluster in schema.org's words, for a web page's structured data.

`cv facts --format jsonld` prints one `@graph`. The cluster is an `Organization`
(`#organization`) with its name, its `foundingDate` (the year of the timeline's
`created` milestone), what it is (`description`) and its sector (`knowsAbout`), and its
sites as `location` (`Place` nodes with a `PostalAddress`, their state said in words).
Each source is a `NewsArticle` with its headline, publisher, author and
`datePublished`, linked from the Organization by `subjectOf`, and `about` it; schema.org
has no flag for an inferred date, so the article's `description` says that the date is
inferred, and why. The partners (universities as `CollegeOrUniversity`, the others as
`Organization`) and the people are nodes that the article `mentions`: schema.org has no
property for a partner, and the source calls them partners, not members, so the graph
does not make them `member`s. The president's `affiliation` is the Organization.
Figures (members, sector employees) have no schema.org property that says what they
count, so they stay out. Every node has a stable `@id` made from its record's id, and
every link is an `@id` that names a node of the graph.

The text can go inside `<script type="application/ld+json">` as it is: `<`, `>` and
`&` are written as `\u003c`, `\u003e` and `\u0026`, so no value can close the element.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

from ..dataset import as_of, effective_date, sources_by_id
from ..errors import UsageProblem
from ..escaping import json_text
from ..listing import Listing
from ..records import Document, EvidenceRecord
from ..vocabulary import PartnerType

CONTEXT = "https://schema.org"
FOUNDED = "created"  # the timeline's word for the founding milestone
ORGANIZATION = "#organization"

PARTNER_TYPES: dict[PartnerType, str] = {
    PartnerType.UNIVERSITY: "CollegeOrUniversity",
    PartnerType.INSTITUTION: "Organization",
    PartnerType.REGION_OR_CLUSTER: "Organization",
    PartnerType.NETWORK: "Organization",
    PartnerType.STARTUP_SUPPORT: "Organization",
}
"""The schema.org type of each kind of partner: only a university has a closer one."""

# Characters that could end a <script> element or start a comment in one.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

Node = dict[str, Any]
CHUNK = 512  # nodes per json.dumps call


def render(listing: Listing) -> str:
    """A listing has no JSON-LD: the graph describes the cluster as a whole."""
    from . import OutputFormat

    others = [f.value for f in OutputFormat if f is not OutputFormat.JSONLD]
    raise UsageProblem(
        f"--format jsonld is for cv facts, which describes the cluster as a whole; "
        f"a listing prints as {', '.join(others[:-1])} or {others[-1]}"
    )


def dumps(document: Document, year: int | None = None) -> Iterator[str]:
    """The graph as text that a `<script type="application/ld+json">` element can hold.

    Written a chunk of nodes at a time (as json_document writes an array), so a large
    dataset's graph is never held whole, as nodes or as text; the text is the same as
    `json.dumps({"@context": ..., "@graph": [...]}, indent=2)`.
    """
    yield f'{{\n  "@context": "{CONTEXT}",\n  "@graph": ['
    graph = nodes(document, year)
    opened = False
    while chunk := list(islice(graph, CHUNK)):
        text = json_text(json.dumps(chunk, ensure_ascii=False, indent=2))
        # The chunk's nodes, one level deeper: a JSON string never holds a raw line break.
        yield ("," if opened else "") + text[1:-2].replace("\n", "\n  ").translate(_SCRIPT_SAFE)
        opened = True
    yield "\n  ]\n}\n" if opened else "]\n}\n"


def _ref(node_id: str) -> Node:
    return {"@id": node_id}


def _address(owner: str, city: str) -> Node:
    return {"@type": "PostalAddress", "@id": f"{owner}-address", "addressLocality": city}


def nodes(document: Document, year: int | None = None) -> Iterator[Node]:
    """The schema.org graph of the dataset (as it stood in `year`, if given), node by node."""
    sources = sources_by_id(document)
    dated = as_of(document, year)
    cluster = document["cluster"]
    current = year is None or int(effective_date(cluster, sources)[:4]) <= year

    organization: Node = {"@type": "Organization", "@id": ORGANIZATION, "name": cluster["name"]}
    founded = [m["year"] for m in dated["timeline"] if m["event"] == FOUNDED]
    if founded:
        organization["foundingDate"] = str(min(founded))
    if current:
        organization["description"] = cluster["kind"]
        organization["knowsAbout"] = cluster["sector"]

    offices = dated["offices"]
    if offices:
        organization["location"] = [_ref(f"#office-{office['id']}") for office in offices]
    organization["subjectOf"] = [_ref(f"#source-{source['id']}") for source in dated["sources"]]
    yield organization
    mentions: dict[str, list[str]] = {}  # each source's id: the nodes its words back

    for office in offices:
        place: Node = {"@type": "Place", "@id": f"#office-{office['id']}"}
        if office["name"]:
            place["name"] = office["name"]
        what = office["description"] or office["type"].replace("-", " ")
        place["description"] = f"{what} ({office['status']})" if office["status"] else what
        place["address"] = _ref(f"{place['@id']}-address")
        yield from (place, _address(place["@id"], office["city"]))
        _mention(mentions, place["@id"], office["evidence"])

    for partner in dated["partners"]:
        node: Node = {
            "@type": PARTNER_TYPES[PartnerType(partner["type"])],
            "@id": f"#partner-{partner['id']}",
            "name": partner["name"],
        }
        if partner["description"]:
            node["description"] = partner["description"]
        if partner["city"]:
            node["address"] = _ref(f"{node['@id']}-address")
            yield from (node, _address(node["@id"], partner["city"]))
        else:
            yield node
        _mention(mentions, node["@id"], partner["evidence"])

    for person in dated["people"]:
        node = {
            "@type": "Person",
            "@id": f"#person-{person['id']}",
            "name": person["name"],
            "jobTitle": person["role"],
        }
        if current and person["name"] == cluster["president"]:
            node["affiliation"] = _ref(ORGANIZATION)
        yield node
        _mention(mentions, node["@id"], person["evidence"])
    for source in dated["sources"]:
        article_id = f"#source-{source['id']}"
        article: Node = {
            "@type": "NewsArticle",
            "@id": article_id,
            "headline": source["title"],
            "datePublished": source["date"],
        }
        if source["date_basis"]:
            article["description"] = (
                f"The date published is inferred, not printed: {source['date_basis']}"
            )
        publisher: Node = {
            "@type": "Organization",
            "@id": f"{article_id}-publisher",
            "name": source["publisher"],
        }
        article["publisher"] = _ref(publisher["@id"])
        people = [publisher]
        if source["author"]:
            author: Node = {
                "@type": "Person",
                "@id": f"{article_id}-author",
                "name": source["author"],
            }
            article["author"] = _ref(author["@id"])
            people.append(author)
        if source["url"]:
            article["url"] = source["url"]
        article["about"] = _ref(ORGANIZATION)
        named = [_ref(node_id) for node_id in mentions.get(source["id"], [])]
        if named:
            article["mentions"] = named
        yield from (article, *people)


def _mention(mentions: dict[str, list[str]], node_id: str, evidence: list[EvidenceRecord]) -> None:
    """Note that each source the evidence cites mentions the node (once a source)."""
    for source_id in dict.fromkeys(item["source"] for item in evidence):
        mentions.setdefault(source_id, []).append(node_id)
