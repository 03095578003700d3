"""What the fact sheet says, and where each thing it says comes from.

`build` chooses the facts from the dataset (the latest figures with their dates, the
timeline, the partners by type, the trade shows, the sites) and points each to the
numbered footnotes of the quotes it rests on: one footnote per quote, however many facts
cite it, and the excerpts of one sentence as one. A date inferred on some basis carries
a sign (`2019*`) and the basis is said once, in the notes. Labels are words, never
slugs. Every renderer draws this one `Sheet`: sheet.py for the terminal and the text
file, sheet_page.py for the HTML page and the SVG image. Nothing here is a fact:
everything comes from the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .citations import backing
from .dataset import date_basis, effective_date, partners_of_type, sources_by_id, timeline
from .outputs import TimelineEntry
from .records import Document, EvidenceRecord, FigureRecord, Record, SourceRecord
from .vocabulary import PartnerType
from .wording import figure_text, kind_text, site_text

if TYPE_CHECKING:
    from collections.abc import Sequence


ELISION = "..."
"""How a quote in the dataset marks words left out: "9 universities are partners in the
cluster: ... Rouen" is a later excerpt of the sentence that begins with "... Orléans"."""


@dataclass
class Citation:
    """A numbered footnote: one quote of one source, said once however many facts cite it.

    Excerpts of one sentence ("P: Orléans", "P: ... Rouen") are one footnote, the
    sentence's start said once and each excerpt quoted on its own: “P: Orléans”,
    “... Rouen”. Joined into one quote ("P: Orléans ... Rouen") they would say that
    Rouen follows Orléans, which no quote says.
    """

    number: int
    source: str
    pieces: list[str]  # the quote, then each later excerpt's words after its elision

    @property
    def quote(self) -> str:
        """The words quoted, between the footnote's outer quotes: `P: Orléans”, “... Rouen`."""
        return "”, “".join([self.pieces[0], *(f"{ELISION} {piece}" for piece in self.pieces[1:])])


@dataclass(frozen=True)
class Fact:
    """One line of the sheet: a label, what it says, and the footnotes it rests on."""

    label: str
    says: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Figure:
    """A headline figure: "nearly" "600" "companies", then what it counts and when."""

    qualifier: str | None
    number: str
    unit: str
    caption: str
    when: str  # "as of 2019", or "as of 2019*" when the date is inferred (see the notes)
    cites: tuple[int, ...]

    @property
    def words(self) -> str:
        """The figure as a reader says it: "nearly 600 companies"."""
        return " ".join(part for part in (self.qualifier, self.number, self.unit) if part)


@dataclass(frozen=True)
class Block:
    """A titled list of facts: the timeline, the partners, the sites."""

    title: str
    facts: list[Fact]


@dataclass
class Sheet:
    """Everything the sheet shows, typed, so that each renderer only draws."""

    name: str
    about: list[Fact]
    figures: list[Figure]
    blocks: list[Block]
    sources: list[SourceRecord]
    citations: list[Citation] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)  # each inferred date's basis: its number
    _by_id: dict[str, SourceRecord] = field(default_factory=dict, repr=False)

    def source(self, source_id: str) -> SourceRecord:
        """A source by its id (every quote names one)."""
        if len(self._by_id) != len(self.sources):  # made once, on first use
            self._by_id.update((source["id"], source) for source in self.sources)
        return self._by_id[source_id]

    def source_line(self, source: SourceRecord) -> str:
        """“Title”, author, publisher, date (2019*, when inferred), URL."""
        by = f", {source['author']}" if source["author"] else ""
        url = f", {source['url']}" if source["url"] else ""
        inferred = self.mark(source["date_basis"])
        published = f", {source['publisher']}" if source["publisher"] else ""
        return f"“{source['title']}”{by}{published}, {source['date']}{inferred}{url}"

    def mark(self, basis: str | None) -> str:
        """The sign after a date inferred on `basis` ("*"), nothing for a printed date.

        Each basis is said once, in the notes (`note_lines`), and its sign follows every
        date it gives: the caveat shared by six figures is one note, not six.
        """
        if basis is None:
            return ""
        number = self.notes.setdefault(basis, len(self.notes) + 1)
        return "*" * number if number <= 3 else f"*{number}"

    def note_lines(self) -> list[str]:
        """Each basis, once: "Dates marked * are inferred. The article prints no date..."."""
        return [f"Dates marked {self.mark(basis)} are inferred. {basis}" for basis in self.notes]


def headline(figure: FigureRecord) -> tuple[str, str]:
    """The number to draw large and the words after it: 150,000 is "150" "thousand"."""
    value, unit = figure["value"], figure["unit"]
    words = "" if unit == "percent" else "euros" if unit == "EUR" else unit
    number = f"{value}%" if unit == "percent" else f"{value:,}"
    for size, word in ((1_000_000, "million"), (1_000, "thousand")):
        if value >= 10 * size and value % size == 0:
            number, words = f"{value // size:,}", f"{word} {words}"
            break
    return number, words


class _Builder:
    """Numbers footnotes in the order the sheet first cites them, each quote once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.dates = sources_by_id(document)
        self.sheet = Sheet(
            name=document["cluster"]["name"],
            about=[],
            figures=[],
            blocks=[],
            sources=document["sources"],
        )
        self._numbers: dict[tuple[str, str], int] = {}  # (source, quote): its footnote
        self._sentences: dict[tuple[str, str], int] = {}  # (source, words before "..."): its

    def cite(self, *records: Record | TimelineEntry) -> tuple[int, ...]:
        """The footnotes of the records a fact rests on, in order, each once."""
        return self.cite_quotes([item for record in records for item in record["evidence"]])

    def cite_quotes(self, evidence: Sequence[EvidenceRecord]) -> tuple[int, ...]:
        """The footnotes of the quotes a fact rests on, in order, each once."""
        cites: dict[int, None] = {}
        previous: tuple[str, str] | None = None
        for item in evidence:
            key = (item["source"], item["quote"])
            cites.setdefault(self._footnote(key, previous))
            previous = key
        return tuple(sorted(cites))

    def _footnote(self, key: tuple[str, str], previous: tuple[str, str] | None) -> int:
        """The footnote of a quote: its own, or the sentence it is a later excerpt of.

        A quote "P ... R" whose start P begins the quote cited just before it, from the
        same source, is that sentence again: its words R join that footnote, quoted on
        their own. P merely inside the previous quote is not enough ("and renowned
        institutions (CNRS, LNE, ...)" then "and renowned institutions ... LNE" would
        read as a second LNE). Only the previous quote is read, so the cost is bounded.
        """
        if key in self._numbers:
            return self._numbers[key]
        source, quote = key
        start, elided, rest = quote.partition(ELISION)
        sentence = (source, start.strip())
        if elided and sentence[1] and rest[:1].isspace():  # not a gap inside: (...)
            number = self._sentences.get(sentence)
            if (
                number is None
                and previous
                and previous[0] == source
                and previous[1].startswith(sentence[1])
            ):
                number = self._sentences[sentence] = self._numbers[previous]
            if number is not None:
                self.sheet.citations[number - 1].pieces.append(rest.strip())
                self._numbers[key] = number
                return number
        number = len(self.sheet.citations) + 1
        self.sheet.citations.append(Citation(number, source, [quote]))
        self._numbers[key] = number
        return number

    def when(self, record: Record) -> str:
        """The words "as of 2019", with the sign of the note that says how 2019 is known."""
        mark = self.sheet.mark(date_basis(record, self.dates))
        return f"as of {effective_date(record, self.dates)}{mark}"

    def figure(self, value: FigureRecord, caption: str, *records: Record) -> Figure:
        number, unit = headline(value)
        when = self.when(records[0])
        return Figure(value["qualifier"], number, unit, caption, when, self.cite(*records))


def build(document: Document) -> Sheet:
    """The sheet's facts, chosen from the dataset, each with its citation."""
    from .summary import summarize

    facts = summarize(document)
    builder = _Builder(document)
    sheet = builder.sheet
    cluster = document["cluster"]
    # Each line cited by the quotes that hold its values' words, as the summary cites.
    told = [value for value in (cluster["kind"], cluster["sector"], cluster["president"]) if value]
    president = f"president {cluster['president']}" if cluster["president"] else None
    identity = " · ".join(said for said in (cluster["kind"], cluster["sector"], president) if said)
    if identity:
        evidence = [item for value in told for item in backing(cluster, value)]
        sheet.about.append(Fact("", identity, builder.cite_quotes(evidence)))
    if cluster["mandate"]:
        mandate = builder.cite_quotes(backing(cluster, cluster["mandate"]))
        sheet.about.append(Fact("", cluster["mandate"], mandate))

    universities = partners_of_type(document, PartnerType.UNIVERSITY)
    for members in facts.members:
        sheet.figures.append(builder.figure(members["companies"], "members", members))
    for members in facts.members:
        if members["sme_share"]:
            sheet.figures.append(
                builder.figure(members["sme_share"], "of the members are SMEs", members)
            )
    if universities:
        counted = FigureRecord(value=len(universities), qualifier=None, unit="universities")
        sheet.figures.append(builder.figure(counted, "partners of the cluster", *universities))
    for key in facts.figures:
        sheet.figures.append(builder.figure(key["figure"], key["name"], key))

    history = []
    for entry in timeline(document):
        span = f"{entry['year']}–{entry['end_year']}" if entry["end_year"] else str(entry["year"])
        span += sheet.mark(entry["year_basis"])
        history.append(Fact(span, entry["event"], builder.cite(entry)))

    partners = []
    for kind in PartnerType:
        group = partners_of_type(document, kind)
        if not group:
            continue
        if kind is PartnerType.NETWORK:
            for network in group:
                size = figure_text(network["members"]) if network["members"] else ""
                details = "; ".join(d for d in (size, ", ".join(network["countries"] or [])) if d)
                says = f"{network['name']}: {details}" if details else network["name"]
                partners.append(Fact(kind_text(kind.value), says, builder.cite(network)))
        else:
            names = ", ".join(partner["name"] for partner in group)
            label = f"{kind_text(kind.value)} ({len(group)})"
            partners.append(Fact(label, names, builder.cite(*group)))

    reach = []
    shows = document["trade_shows"]
    if shows:
        cities = ", ".join(show["city"] for show in shows)
        if any(show["open_list"] for show in shows):
            cities += ", ... (the source's list is open)"
        reach.append(Fact("trade shows", cities, builder.cite(*shows)))

    sites = []
    for office in document["offices"]:
        sites.append(Fact(kind_text(office["type"]), site_text(office), builder.cite(office)))

    blocks = (
        Block("Timeline", history),
        Block("Partners", partners),
        Block("International reach", reach),
        Block("Sites", sites),
    )
    sheet.blocks = [block for block in blocks if block.facts]
    for source in sheet.sources:  # the notes on the sources' dates are numbered too
        sheet.mark(source["date_basis"])
    return sheet


def citation_text(sheet: Sheet, citation: Citation) -> str:
    """A footnote's words: its source's publisher (else its title), then its quote."""
    source = sheet.source(citation.source)
    return f"{source['publisher'] or source['title']}: “{citation.quote}”"
