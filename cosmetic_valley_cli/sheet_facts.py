"""What the fact sheet says, and where each thing it says comes from.

`build` chooses the facts from the dataset (the latest figures with their dates, the
timeline, the partners by type, the trade shows, the sites) and gives each a numbered
citation: the records it rests on, and their sources' own words. Every renderer draws
this one `Sheet`: sheet.py for the terminal and the text file, sheet_page.py for the
HTML page and the SVG image. Nothing here is a fact: everything comes from the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dataset import date_basis, effective_date, partners_of_type, sources_by_id, timeline
from .outputs import TimelineEntry
from .records import Document, EvidenceRecord, FigureRecord, Record, SourceRecord
from .vocabulary import PartnerType
from .wording import figure_text, site_text


@dataclass(frozen=True)
class Citation:
    """A numbered reference: the records a fact rests on, and their sources' words."""

    number: int
    evidence: tuple[EvidenceRecord, ...]


@dataclass(frozen=True)
class Fact:
    """One line of the sheet: a label, what it says, its citation and its note, if any."""

    label: str
    says: str
    cite: int
    note: int | None = None  # the number of the note on how its date was inferred


@dataclass(frozen=True)
class Figure:
    """A headline figure: "nearly" "600" "companies", then what it counts and when."""

    qualifier: str | None
    number: str
    unit: str
    caption: str
    when: str  # "as of 2019"
    note: int | None
    cite: int

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
        """“Title”, author, publisher, date (inferred: note 1)."""
        by = f", {source['author']}" if source["author"] else ""
        url = f", {source['url']}" if source["url"] else ""
        inferred = self.note_mark(self.note_for(source["date_basis"]))
        published = f", {source['publisher']}" if source["publisher"] else ""
        return f"“{source['title']}”{by}{published}, {source['date']}{inferred}{url}"

    def note_for(self, basis: str | None) -> int | None:
        """The number of the note that gives `basis`, added on first use."""
        if basis is None:
            return None
        return self.notes.setdefault(basis, len(self.notes) + 1)

    @staticmethod
    def note_mark(note: int | None) -> str:
        """The words " (inferred: note 1)" for a date with a basis, nothing for a printed date."""
        return f" (inferred: note {note})" if note else ""


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
    """Numbers citations in the order the sheet first shows them."""

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
        self._numbers: dict[tuple[str, ...], int] = {}

    def cite(self, *records: Record | TimelineEntry) -> int:
        """The citation of the records a fact rests on: their evidence, each quote once."""
        quotes: dict[tuple[str, str], EvidenceRecord] = {}
        for record in records:
            for item in record["evidence"]:
                quotes.setdefault((item["source"], item["quote"]), item)
        key = tuple(f"{source}\x00{quote}" for source, quote in quotes)
        if key not in self._numbers:
            number = len(self.sheet.citations) + 1
            self._numbers[key] = number
            self.sheet.citations.append(Citation(number, tuple(quotes.values())))
        return self._numbers[key]

    def when(self, record: Record) -> tuple[str, int | None]:
        """The words "as of 2019", and the note that says how 2019 was inferred, if it was."""
        note = self.sheet.note_for(date_basis(record, self.dates))
        return f"as of {effective_date(record, self.dates)}", note

    def figure(self, value: FigureRecord, caption: str, *records: Record) -> Figure:
        number, unit = headline(value)
        when, note = self.when(records[0])
        return Figure(value["qualifier"], number, unit, caption, when, note, self.cite(*records))


def build(document: Document) -> Sheet:
    """The sheet's facts, chosen from the dataset, each with its citation."""
    from .summary import summarize

    facts = summarize(document)
    builder = _Builder(document)
    sheet = builder.sheet
    cluster = document["cluster"]
    cited = builder.cite(cluster)
    president = f"president {cluster['president']}" if cluster["president"] else None
    identity = " · ".join(said for said in (cluster["kind"], cluster["sector"], president) if said)
    sheet.about = [Fact("", says, cited) for says in (identity, cluster["mandate"]) if says]

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
        note = sheet.note_for(entry["year_basis"])
        history.append(Fact(span, entry["event"], builder.cite(entry), note))

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
                partners.append(Fact(kind.value, says, builder.cite(network)))
        else:
            names = ", ".join(partner["name"] for partner in group)
            partners.append(Fact(f"{kind.value} ({len(group)})", names, builder.cite(*group)))

    reach = []
    shows = document["trade_shows"]
    if shows:
        cities = ", ".join(show["city"] for show in shows)
        if any(show["open_list"] for show in shows):
            cities += ", ... (the source's list is open)"
        reach.append(Fact("trade shows", cities, builder.cite(*shows)))

    sites = []
    for office in document["offices"]:
        sites.append(Fact(office["type"], site_text(office), builder.cite(office)))

    blocks = (
        Block("Timeline", history),
        Block("Partners", partners),
        Block("International reach", reach),
        Block("Sites", sites),
    )
    sheet.blocks = [block for block in blocks if block.facts]
    for source in sheet.sources:  # the notes on the sources' dates are numbered too
        sheet.note_for(source["date_basis"])
    return sheet


def citation_text(sheet: Sheet, citation: Citation) -> str:
    """A citation's entry: each source's publisher (else its title), then its words, quoted."""
    by_source: dict[str, list[str]] = {}
    for item in citation.evidence:
        by_source.setdefault(item["source"], []).append(f"“{item['quote']}”")
    said = []
    for source_id, quotes in by_source.items():
        source = sheet.source(source_id)
        said.append(f"{source['publisher'] or source['title']}: {' '.join(quotes)}")
    return "; ".join(said)
