r"""JSON-LD: the cluster in schema.org's words, for a web page's structured data.

`cv facts --format jsonld` prints one `@graph`, which states only what the records
state, for search engines read it as fact. The cluster is an `Organization`
(`#cluster/ID`) with its name, its `foundingDate` (the year of the timeline's `created`
milestone), what it is (`description`) and its sector (`knowsAbout`). Its `location`
is only a site in operation (or of no stated state): a site being launched, opened or
planned is a `Place` the article `mentions`, not where the organisation is. Each
source is a `NewsArticle` with its headline, publisher and author, linked from the
Organization by `subjectOf`, and `about` it; its `datePublished` only when the source
prints its date (schema.org has no flag for an inferred one, so an inferred date is
left out). The partners (universities as `CollegeOrUniversity`, the others as
`Organization`) and the people are nodes that the article `mentions`: schema.org has no
property for a partner, and the source calls them partners, not members, so the graph
does not make them `member`s. A person's name is the record's corrected name only
(`alternateName` would claim an alias). The president's `affiliation` is the
Organization. A `description` is a record's own words, never composed. Figures have no
schema.org property that says what they count, so they stay out.

Every node has an `@id` made from its section and record id, `#offices/office-marseille`
(unique in the graph, as ids are in their section), and every link is an `@id` that
names a node of the graph. The ids are relative, so they expand against the page's
URL; `--base URL` makes them absolute.

The text can go inside `<script type="application/ld+json">` as it is: `<`, `>` and
`&` are written as `\u003c`, `\u003e` and `\u0026`, so no value can close the element.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

from ..dataset import effective_date, sources_by_id, stood
from ..dates import holds
from ..errors import UsageProblem
from ..escaping import json_text
from ..listing import Listing
from ..records import Document, EvidenceRecord
from ..sections import field
from ..vocabulary import PartnerType, Status

CONTEXT = "https://schema.org"
FOUNDED = "created"  # the timeline's word for the founding milestone

PARTNER_TYPES: dict[PartnerType, str] = {
    PartnerType.UNIVERSITY: "CollegeOrUniversity",
    PartnerType.INSTITUTION: "Organization",
    PartnerType.REGION_OR_CLUSTER: "Organization",
    PartnerType.NETWORK: "Organization",
    PartnerType.CLUSTER: "Organization",
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


def dumps(document: Document, as_of: str | None = None, base: str = "") -> Iterator[str]:
    """The graph as text that a `<script type="application/ld+json">` element can hold.

    Written a chunk of nodes at a time (as json_document writes an array), so a large
    dataset's graph is never held whole, as nodes or as text; the text is the same as
    `json.dumps({"@context": ..., "@graph": [...]}, indent=2)`. With `base` (checked by
    `base_problem`), every id is absolute: the base, then the id's fragment.
    """
    yield f'{{\n  "@context": "{CONTEXT}",\n  "@graph": ['
    graph = nodes(document, as_of, base)
    opened = False
    while chunk := list(islice(graph, CHUNK)):
        text = json_text(json.dumps(chunk, ensure_ascii=False, indent=2))
        # The chunk's nodes, one level deeper: a JSON string never holds a raw line break.
        yield ("," if opened else "") + text[1:-2].replace("\n", "\n  ").translate(_SCRIPT_SAFE)
        opened = True
    yield "\n  ]\n}\n" if opened else "]\n}\n"


def base_problem(base: str) -> str | None:
    """What is wrong with a --base URL, or None: absolute http(s), a host, no fragment."""
    from urllib.parse import urlsplit

    if not base.isprintable() or any(char.isspace() for char in base):
        return "it holds a space or a control character"
    if "\\" in base:  # a browser reads it as "/", another parser as part of the host
        return "it holds a backslash, which readers of URLs take apart differently"
    try:
        parts = urlsplit(base)
    except ValueError as error:
        return str(error)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "it must be an absolute http:// or https:// URL"
    if "#" in base:
        return "it must not have a fragment (#...): the ids add their own"
    return None


def _ref(node_id: str) -> Node:
    return {"@id": node_id}


def _address(owner: str, city: str) -> Node:
    return {"@type": "PostalAddress", "@id": f"{owner}/address", "addressLocality": city}


CURRENT_SITE = frozenset({None, Status.IN_OPERATION.value})
"""The states of a site that make it where the organisation is: in operation, or none
said. A planned site, or one being launched or opened, is mentioned, not located."""


def nodes(document: Document, as_of: str | None = None, base: str = "") -> Iterator[Node]:
    """The schema.org graph of the dataset (as it stood at `as_of`, if given), node by node.

    It states only what the records state: a site that is not yet in operation is not
    the organisation's `location`; a source whose date is inferred has no
    `datePublished`; a name is the record's (corrected) name; a description is a
    record's own, never composed. Each id is `#SECTION/ID`, after `base`.
    """
    sources = sources_by_id(document)
    dated = stood(document, as_of)
    cluster = document["cluster"]
    current = holds(effective_date(cluster, sources), as_of)

    def ident(section: str, record_id: str) -> str:
        return f"{base}#{section}/{record_id}"

    organization_id = ident("cluster", cluster["id"])
    organization: Node = {"@type": "Organization", "@id": organization_id, "name": cluster["name"]}
    founded = [m["year"] for m in dated["timeline"] if m["event"] == FOUNDED]
    if founded:
        organization["foundingDate"] = str(min(founded))
    if current:
        if cluster["kind"]:
            organization["description"] = cluster["kind"]
        if cluster["sector"]:
            organization["knowsAbout"] = cluster["sector"]
    offices = dated["offices"]
    located = [office for office in offices if office["status"] in CURRENT_SITE]
    if located:
        organization["location"] = [_ref(ident("offices", office["id"])) for office in located]
    organization["subjectOf"] = [
        _ref(ident("sources", source["id"])) for source in dated["sources"]
    ]
    yield organization
    mentions: dict[str, list[str]] = {}  # each source's id: the nodes its words back

    for office in offices:
        place: Node = {"@type": "Place", "@id": ident("offices", office["id"])}
        if office["name"]:
            place["name"] = office["name"]
        if office["description"]:
            place["description"] = office["description"]
        if office["status"]:  # the source's words for its state, kept beside it
            place["additionalProperty"] = {
                "@type": "PropertyValue",
                "name": "status",
                "value": office["status"],
            }
        place["address"] = _ref(f"{place['@id']}/address")
        yield from (place, _address(place["@id"], office["city"]))
        _mention(mentions, place["@id"], office["evidence"])

    for partner in dated["partners"]:
        node: Node = {
            "@type": PARTNER_TYPES[PartnerType(partner["type"])],
            "@id": ident("partners", partner["id"]),
            "name": partner["name"],
        }
        if partner["description"]:
            node["description"] = partner["description"]
        if partner["city"]:
            node["address"] = _ref(f"{node['@id']}/address")
            yield from (node, _address(node["@id"], partner["city"]))
        else:
            yield node
        _mention(mentions, node["@id"], partner["evidence"])

    for person in dated["people"]:
        node = {
            "@type": "Person",
            "@id": ident("people", person["id"]),
            "name": person["name"],
        }
        if person["role"]:
            node["jobTitle"] = person["role"]
        if current and person["name"] == cluster["president"]:
            node["affiliation"] = _ref(organization_id)
        yield node
        _mention(mentions, node["@id"], person["evidence"])

    for source in dated["sources"]:
        article_id = ident("sources", source["id"])
        article: Node = {"@type": "NewsArticle", "@id": article_id, "headline": source["title"]}
        if not source["date_basis"]:  # an inferred date is not a date of publication
            article["datePublished"] = source["date"]
        people: list[Node] = []
        for role, kind in (("publisher", "Organization"), ("author", "Person")):
            name = field(source, role)
            if name:  # a byline or a publisher the source gives
                people.append({"@type": kind, "@id": f"{article_id}/{role}", "name": name})
                article[role] = _ref(people[-1]["@id"])
        if source["url"]:
            article["url"] = source["url"]
        if source["archive_url"]:  # schema.org's link to a lasting copy
            article["archivedAt"] = source["archive_url"]
        if source["language"]:  # a BCP 47 tag, as schema.org asks
            article["inLanguage"] = source["language"]
        article["about"] = _ref(organization_id)
        named = [_ref(node_id) for node_id in mentions.get(source["id"], [])]
        if named:
            article["mentions"] = named
        yield from (article, *people)


def _mention(mentions: dict[str, list[str]], node_id: str, evidence: list[EvidenceRecord]) -> None:
    """Note that each source the evidence cites mentions the node (once a source)."""
    for source_id in dict.fromkeys(item["source"] for item in evidence):
        mentions.setdefault(source_id, []).append(node_id)
