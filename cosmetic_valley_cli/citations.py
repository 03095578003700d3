"""What `cv cite` says of a record: the fact in words, its caveats, its quotes, its sources.

A citation is built once, typed (`Citations`), and drawn by each format of
reference_formats.py. Records are named `SECTION/ID`, SECTION being the command that
lists them (`trade-shows`), since ids are unique only within a section; a bare id is
taken where one section has it. Sources are numbered in the order the facts first cite
them, each once: one reference list for every fact cited together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .dataset import OPEN_LIST, date_basis, records, sources_by_id
from .errors import UsageProblem, choices, shown
from .escaping import hidden
from .listing import cell
from .sections import CITABLE, EVIDENCE, ID, REFERS_TO, Section, field, label
from .wording import kind_text

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .outputs import TimelineEntry
    from .records import Document, EvidenceRecord, Record, SourceRecord

SAID_APART = (
    "as_of_basis",
    "year_basis",
    "date_basis",
    "spelled_in_source",
    "open_list",
    "other_clusters_sectors_open",
    "sha256",
)
"""Fields said as a caveat (or, for a checksum, not said at all) rather than as a line."""

DATES = ("as_of", "year", "date")
"""The fields that date a record (a source's `date` dates the source)."""


SHOWN_MATCHES = 3
"""How many of the closest ids an unknown one is told."""

URL_UNSAFE = frozenset(' "<>\\^`{|}')
"""What a link never holds as written: a space, and what ends or breaks a link in a
reader (a Markdown `<...>` destination, an HTML attribute, a BibTeX field, a terminal);
the model refuses a `\\`, which browsers read as `/`."""


class Quoted(NamedTuple):
    """A quote of a cited record: the words, the number of their source, a link to them."""

    words: str
    reference: int
    link: str | None  # the source's URL with a text fragment, where the URL is known


class Cited(NamedTuple):
    """One cited record: its name in words, what it says, its caveats and its quotes."""

    name: str  # `members/members-2019`, what `cv cite` was given
    heading: str  # the record in words: "Partners: University of Orléans"
    says: list[tuple[str, str]]  # each field in words: ("as of", "2019 (inferred)")
    caveats: list[str]
    quotes: list[Quoted]


class Reference(NamedTuple):
    """A source in the reference list, with its number."""

    number: int
    source: SourceRecord


class Citations(NamedTuple):
    """Everything `cv cite` prints: the facts, then one reference list."""

    facts: list[Cited]
    references: list[Reference]


def link(url: str) -> str:
    """A URL as a link every reader takes as one, and no other.

    What URL_UNSAFE names, and any hidden character (a control, a bidi mark), is
    %-encoded; everything else, letters outside ASCII included (an IRI's host must stay
    as written, or it names another), is kept.
    """
    if url.isascii() and url.isprintable() and not URL_UNSAFE.intersection(url):
        return url
    from urllib.parse import quote as percent_encoded

    return "".join(
        percent_encoded(char, safe="", errors="surrogatepass")
        if char in URL_UNSAFE or hidden(char)
        else char
        for char in url
    )


def fragment_text(piece: str) -> str:
    """A piece of a text fragment: everything but `A–Z a–z 0–9 . _ ~` %-encoded.

    `urllib.parse.quote` leaves `-` as it is, but a piece that starts or ends with `-`
    reads as a fragment's prefix or suffix, and `,` and `&` part a fragment's pieces and
    directives: only what can mean nothing is left.
    """
    from urllib.parse import quote as percent_encoded

    return percent_encoded(piece, safe="", errors="surrogatepass").replace("-", "%2D")


def text_fragment(url: str, quote: str) -> str:
    """The URL of a quote's words: `url#:~:text=start,end` (a browser highlights them).

    A quote with an elision (`...`) is its first and last pieces, the `start,end` form,
    which highlights the whole span, skipped words included. After a fragment the URL
    already has, the directive follows `:~:`. A browser matches the page's characters
    as written, typographic quotes included. A URL that has a directive already gets
    the text directive after it, joined by `&`.
    """
    from .quotes import written_pieces  # only where a source has a URL: quotes is not light

    pieces = written_pieces(quote)
    words = [fragment_text(piece) for piece in (pieces[:1] + pieces[1:][-1:])]
    directive = "text=" + ",".join(words)
    if ":~:" in url:  # a fragment directive already: one more text directive in it
        return f"{link(url)}&{directive}"
    return link(url) + (":~:" if "#" in url else "#:~:") + directive


def date_said(source: SourceRecord) -> str:
    """A source's date as a reference prints it: "2019 (inferred)" when it was inferred."""
    return f"{source['date']} (inferred)" if source["date_basis"] else source["date"]


def reference_text(source: SourceRecord) -> str:
    """A source as one reference: author, “title”, publisher, date, then its addresses.

    `Claire, “Economy. ...”, Luxus+, 2019 (inferred).` The URL, its access date, the
    archive's copy and the language follow, where the source gives them.
    """
    said = ", ".join(
        part for part in (source["author"], f"“{source['title']}”", source["publisher"]) if part
    )
    said += f", {date_said(source)}."
    if source["url"]:
        said += f" {link(source['url'])}"
        said += f" (accessed {source['retrieved']})." if source["retrieved"] else "."
    elif source["retrieved"]:
        said += f" Read {source['retrieved']}."
    if source["archive_url"]:
        said += f" Archived at {link(source['archive_url'])}."
    if source["language"]:
        said += f" Language: {source['language']}."
    return said


def address_notes(source: SourceRecord) -> list[str]:
    """What a reference manager's entry has no field for: an inferred date, an archive."""
    notes = []
    if source["date_basis"]:
        notes.append(f"Date inferred: {source['date_basis']}")
    if source["archive_url"]:
        notes.append(f"Archived at {link(source['archive_url'])}")
    return notes


def backing(record: Record | TimelineEntry, value: str) -> list[EvidenceRecord]:
    """The quotes of a record that hold a value's words (compared folded), else them all.

    The cluster's president is cited by the quote that names him, not by all four. A
    value that no quote holds word for word is cited by all the record's quotes: what
    the record says backs it (the record contract), though no one quote may say it.
    """
    from .search import fold  # case and accents too: not quotes.fold, which imports more

    words = fold(value)
    holding = [item for item in record["evidence"] if words in fold(item["quote"])]
    return holding or list(record["evidence"])


class Named(NamedTuple):
    """A record as `cv cite` was given it: its section, if named, and its id."""

    section: str | None
    id: str


def checked(names: Sequence[str], section: str | None) -> list[Named]:
    """The names given to `cv cite`, read before the dataset is: usage errors come first.

    A name is `SECTION/ID` (SECTION being a command's name, in any case) or an id; an
    unknown section, or one other than `--section`'s, is refused here, as is nothing
    to cite at all.
    """
    if not names and section is None:
        raise UsageProblem(
            "cv cite needs a record: SECTION/ID, or --section NAME for all of a section",
            "cv SECTION --fields id lists a section's ids, as in cv cite partners/ID",
        )
    given = []
    for name in names:
        wanted, slash, record_id = name.partition("/")
        if not slash:  # ids are lower-case (the model's pattern): any case finds them
            given.append(Named(None, name.lower()))
            continue
        if wanted.lower() not in CITABLE:
            raise _unknown("section", wanted, list(CITABLE), within=f" in {shown(name)}")
        if section is not None and wanted.lower() != section:
            raise UsageProblem(
                f"{shown(name)} is not in --section {section}",
                f"give {shown(record_id)} alone, or leave out --section",
            )
        given.append(Named(wanted.lower(), record_id.lower()))
    return given


def resolve(document: Document, names: Sequence[Named], section: str | None) -> list[str]:
    """The records named, as `SECTION/ID`: each found, each once, in the order given.

    `--section` alone cites its every record; with ids, it is the section they are in.
    An unknown id is a usage error with the closest names; a bare id that two sections
    share is refused with both.
    """
    where = [section] if section is not None else list(CITABLE)
    ids: dict[str, list[str]] = {}  # each id, the sections that have it
    for key in where:
        for record in records(document, CITABLE[key].key):
            ids.setdefault(record["id"], []).append(key)
    if not names and section is not None:
        return [f"{section}/{record_id}" for record_id in ids]
    return list(dict.fromkeys(_resolved(name, section, ids) for name in names))


def _resolved(name: Named, section: str | None, ids: Mapping[str, list[str]]) -> str:
    """One name given to `cv cite`, as `SECTION/ID`."""
    holders = ids.get(name.id, [])
    if name.section is not None:
        if name.section in holders:
            return f"{name.section}/{name.id}"
        elsewhere = [f"{key}/{name.id}" for key in holders]  # partners/dubai: trade-shows'
        inside = [key for key, keys in ids.items() if name.section in keys]
        raise _unknown(f"{name.section} record", name.id, inside, f"{name.section}/", elsewhere)
    if len(holders) == 1:
        return f"{holders[0]}/{name.id}"
    if holders:
        both = choices([f"{key}/{name.id}" for key in holders], last=" and ")
        raise UsageProblem(
            f"{shown(name.id)} names a record in {len(holders)} sections: {both}",
            "name one as SECTION/ID",
        )
    named = [f"{key}/{record_id}" for record_id, keys in ids.items() for key in keys]
    raise _unknown(f"{section} record" if section else "record", name.id, [*ids, *named])


def _unknown(
    what: str,
    name: str,
    known: list[str],
    prefix: str = "",
    elsewhere: Sequence[str] = (),
    within: str = "",
) -> UsageProblem:
    """No such section or record: the closest known ones in the hint.

    `what` is "section", "record" or "SECTION record"; `known` the names it could be;
    `elsewhere` the same id in other sections, named first.
    """
    import difflib

    starting = [choice for choice in known if choice.startswith(name.lower())]
    near = difflib.get_close_matches(name.lower(), known, n=SHOWN_MATCHES, cutoff=0.6)
    near = [prefix + choice for choice in dict.fromkeys([*starting[:SHOWN_MATCHES], *near])]
    near = list(elsewhere) + (near if name else [])
    if near:
        hint = f"did you mean {choices([repr(c) for c in near[:SHOWN_MATCHES]], last=' or ')}?"
    elif what == "section":
        hint = f"the sections are {', '.join(known)}"
    else:
        section = what.removesuffix("record").strip()
        hint = "cv SECTION lists a section's records and their ids"
        if section:
            listed = CITABLE[section].command
            hint = (
                f"cv {listed} lists its records and their ids"
                if listed
                else f"cv cite --section {section} cites its every record"
            )
    return UsageProblem(f"no {what} {shown(name)}{within}", hint)


def citations(document: Document, names: Sequence[str]) -> Citations:
    """The records named, each in words with its quotes, and one reference list.

    `names` are `SECTION/ID`, as `resolve` gives them.
    """
    sources = sources_by_id(document)
    numbers: dict[str, int] = {}  # each source cited, its number
    facts = []
    people = {person["id"]: person["name"] for person in document["people"]}
    indexed: dict[str, dict[str, Record]] = {}  # each section named, its records by id
    for name in names:
        key, _, record_id = name.rpartition("/")
        section = CITABLE[key]
        if key not in indexed:
            indexed[key] = {r["id"]: r for r in records(document, section.key)}
        record = indexed[key][record_id]
        quotes = [
            Quoted(
                item["quote"],
                numbers.setdefault(item["source"], len(numbers) + 1),
                _quote_link(sources[item["source"]], item),
            )
            for item in record["evidence"]
        ]
        facts.append(
            Cited(
                name,
                _heading(section, record),
                _says(section, record, sources, people),
                _caveats(record, sources),
                quotes,
            )
        )
    references = [Reference(number, sources[source]) for source, number in numbers.items()]
    return Citations(facts, references)


def _quote_link(source: SourceRecord, item: EvidenceRecord) -> str | None:
    return text_fragment(source["url"], item["quote"]) if source["url"] else None


def _heading(section: Section, record: Record) -> str:
    """The record in words: its section's title and its label, never a bare id."""
    named = field(record, section.label) if section.label and section.label != ID else None
    return f"{section.title}: {named}" if named else section.title


def _says(
    section: Section, record: Record, sources: Mapping[str, SourceRecord], people: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Each field the record gives, in words; a date the source does not print is marked."""
    own = cast("Mapping[str, Any]", record)
    inferred = date_basis(record, sources) is not None
    said = []
    for name in section.record_fields:
        value = own[name]
        if name in (ID, EVIDENCE, section.label, *SAID_APART) or _empty(value):
            continue
        words = kind_text(value) if name == "type" else cell(value, human=True)
        if name in REFERS_TO:  # an id of another record: that record's name
            words = people.get(value, value)
        if name in DATES and inferred:
            words += " (inferred)"
        said.append((label(name), words))
    return said


def _empty(value: object) -> bool:
    """A field the record leaves out, or a flag that is not set: nothing to say."""
    return value is None or value is False or value == []


def _caveats(record: Record, sources: Mapping[str, SourceRecord]) -> list[str]:
    """What qualifies the record: an inferred date, a corrected spelling, a list left open."""
    own = cast("Mapping[str, Any]", record)
    said = []
    basis = date_basis(record, sources)
    dated = [own[name] for name in DATES if own.get(name) is not None]
    if basis is not None and dated:  # else the reference's date is marked, and explained
        said.append(f"{dated[0]} is inferred: {basis}")
    if own.get("spelled_in_source"):
        said.append(f"Corrected: the source writes “{own['spelled_in_source']}”.")
    if own.get("open_list"):
        said.append(OPEN_LIST)
    if own.get("other_clusters_sectors_open"):
        said.append("The source leaves the other clusters' sectors open: there may be more.")
    return said
