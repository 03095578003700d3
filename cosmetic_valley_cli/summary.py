"""`cv facts`: the headline facts, as one JSON-ready mapping and as a terminal view.

The summary shows the latest record of each series, says as of when, and carries the
basis of each date that was inferred rather than printed by a source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from .citations import reference_text
from .dataset import (
    Sources,
    date_basis,
    effective_date,
    latest,
    latest_by,
    partner_counts,
    sources_by_id,
    stood,
    timeline,
)
from .dates import holds
from .escaping import add, markdown_cell, text
from .output import SIDE_BY_SIDE_WIDTH
from .outputs import FactsSummary, Row, TimelineEntry
from .records import (
    CertificationRecord,
    ClusterRecord,
    Document,
    EvidenceRecord,
    KeyFigureRecord,
    MembersRecord,
    OfficeRecord,
    Record,
    SourceRecord,
)
from .sections import SECTIONS, field
from .vocabulary import OfficeType
from .wording import figure_text, kind_text, markers, site_text

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeVar

    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table

    _Shown = TypeVar("_Shown", bound=Row)


class Summary(NamedTuple):
    """What `cv facts` shows, chosen from the dataset (as it stood at `as_of`, if given)."""

    as_of: str | None
    name: str
    cluster: ClusterRecord | None  # None when its date is after `as_of`
    headquarters: list[OfficeRecord]
    members: list[MembersRecord]
    figures: list[KeyFigureRecord]
    certification: list[CertificationRecord]
    timeline: list[TimelineEntry]
    partners_by_type: dict[str, int] | None  # None: not dated by the source then
    sources: list[SourceRecord]
    dates: Sources


def summarize(document: Document, as_of: str | None = None) -> Summary:
    """The summary's records: the latest of each series, every headquarters."""
    sources = sources_by_id(document)
    cluster = document["cluster"]
    dated = stood(document, as_of)
    current = holds(effective_date(cluster, sources), as_of)
    return Summary(
        as_of=as_of,
        name=cluster["name"],
        cluster=cluster if current else None,
        headquarters=[o for o in dated["offices"] if o["type"] == OfficeType.HEADQUARTERS.value],
        members=latest(dated["members"], sources),
        figures=latest_by(dated["figures"], "name", sources),
        certification=latest(dated["certification"], sources),
        timeline=list(timeline(dated)),
        # A partner dated only by its source is unknown before that date, not absent.
        partners_by_type=None
        if len(dated["partners"]) < len(document["partners"])
        else {kind.value: n for kind, n in partner_counts(dated).items()},
        sources=document["sources"],
        dates=sources,
    )


def _ordered(record: _Shown, section: str) -> _Shown:
    """The record with its keys in the order its section declares."""
    return cast("_Shown", {name: field(record, name) for name in SECTIONS[section].fields})


def summary(document: Document, as_of: str | None = None) -> FactsSummary:
    """The summary as JSON data, keys in a fixed order (the README documents it)."""
    facts = summarize(document, as_of)
    return FactsSummary(
        name=facts.name,
        as_of=facts.as_of,
        cluster=_ordered(facts.cluster, "cluster") if facts.cluster else None,
        headquarters=[_ordered(office, "offices") for office in facts.headquarters],
        members=[_ordered(record, "members") for record in facts.members],
        figures=[_ordered(record, "figures") for record in facts.figures],
        certification=[_ordered(record, "certification") for record in facts.certification],
        timeline=[_ordered(entry, "timeline") for entry in facts.timeline],
        partners_by_type=facts.partners_by_type,
        sources=[_ordered(source, "sources") for source in facts.sources],
    )


class _Notes:
    """The bases of inferred dates, numbered in the order the view first cites them."""

    def __init__(self) -> None:
        self.bases: dict[str, int] = {}  # each basis and its number, in order

    def cite(self, basis: str | None, before: str = " (", after: str = ")") -> str:
        """`(inferred: see note 1)` for a date with a basis, nothing for a printed date."""
        if basis is None:
            return ""
        number = self.bases.setdefault(basis, len(self.bases) + 1)
        return f"{before}inferred: see note {number}{after}"


def _site(office: OfficeRecord) -> str:
    """Cosmetics House, Chartres (being launched); construction entrusted by ... to ..."""
    text = site_text(office)
    if office["description"]:
        text += f": {office['description']}"
    if office["architect"]:
        by = f" by {office['commissioned_by']}" if office["commissioned_by"] else ""
        text += f"; construction entrusted{by} to the architectural firm {office['architect']}"
    return text


class QuoteNumbers:
    """The summary's citations: each quote one number, its source's quotes numbered together.

    Sources come in the order the rows first cite them, and each source's quotes in the
    order they are first cited, so that the list under the summary reads source by
    source; a quote that backs several rows keeps its one number.
    """

    def __init__(self, rows: Sequence[_Row]) -> None:
        by_source: dict[str, dict[str, None]] = {}  # each source, its quotes, in order
        for row in rows:
            for item in row.evidence():
                by_source.setdefault(item["source"], {})[item["quote"]] = None
        self.quotes: dict[tuple[str, str], int] = {
            (source, quote): 0 for source, quotes in by_source.items() for quote in quotes
        }
        for number, key in enumerate(self.quotes, start=1):
            self.quotes[key] = number

    def mark(self, row: _Row) -> str:
        """` [1]`, ` [2,5]` or ` [4–12]`: the numbers of the quotes a row rests on."""
        numbers = sorted({self.quotes[item["source"], item["quote"]] for item in row.evidence()})
        return f" {markers(numbers)}" if numbers else ""


class _Parts(NamedTuple):
    """The summary for a person, before it is drawn: its heading and its sections."""

    heading: str
    sections: list[_Section]
    facts: Summary

    @property
    def notes(self) -> bool:
        """Whether a date was inferred, so that the notes say how."""
        return any(part.role == NOTES for part in self.sections)


def _parts(document: Document, as_of: str | None) -> _Parts:
    """The summary's sections, each row with the records it rests on."""
    facts = summarize(document, as_of)
    notes = _Notes()
    section = _Section

    def when(record: MembersRecord | KeyFigureRecord) -> str:
        date = effective_date(record, facts.dates)
        return f" (as of {date}{notes.cite(date_basis(record, facts.dates), ', ', '')})"

    parts: list[_Section] = []
    identity = section("Identity")
    if facts.cluster is not None:
        cluster = facts.cluster
        for name in ("kind", "sector", "sector_role", "mandate", "ecosystem", "president"):
            if field(cluster, name):  # a field the source does not give is not shown
                said = field(cluster, name)
                identity.add(name.replace("_", " "), said, cluster, words=said)
    for office in facts.headquarters:
        identity.add("headquarters", _site(office), office)
    parts.append(identity)

    figures = section("Key figures")
    for members in facts.members:
        share = (
            f", {figure_text(members['sme_share'])} of them SMEs" if members["sme_share"] else ""
        )
        ranking = f": {members['ranking']}" if members["ranking"] else ""
        figures.add(
            figure_text(members["companies"]), f"members{share}{ranking}{when(members)}", members
        )
        if members["candidates_per_board"]:
            frequency = f"{members['board_frequency']} " if members["board_frequency"] else ""
            figures.add(
                figure_text(members["candidates_per_board"]),
                f"examined at each {frequency}board of directors{when(members)}",
                members,
            )
    for key_figure in facts.figures:
        figures.add(
            figure_text(key_figure["figure"]), key_figure["name"] + when(key_figure), key_figure
        )
    parts.append(figures)

    history = section("Timeline")
    for entry in facts.timeline:
        span = f"{entry['year']}–{entry['end_year']}" if entry["end_year"] else str(entry["year"])
        history.add(span, entry["event"] + notes.cite(entry["year_basis"]), entry)
    parts.append(history)

    partners = section("Partners by type")
    if facts.partners_by_type is None:
        first = min(document["partners"], key=lambda p: effective_date(p, facts.dates))
        known = effective_date(first, facts.dates)
        inferred = notes.cite(date_basis(first, facts.dates))
        partners.add(
            "unknown",
            f"not dated by the source: the partners are known from {known}{inferred}",
        )
    for kind, count in (facts.partners_by_type or {}).items():
        partners.add(
            kind_text(kind), str(count), *(p for p in document["partners"] if p["type"] == kind)
        )
    parts.append(partners)

    sources = section("Sources" if len(facts.sources) > 1 else "Source", SOURCES)
    for source in facts.sources:
        by = f", {source['author']}" if source["author"] else ""
        published = f", {source['publisher']}" if source["publisher"] else ""
        basis = notes.cite(source["date_basis"])
        sources.add(source["id"], f"“{source['title']}”{by}{published}, {source['date']}{basis}")
    parts.append(sources)

    if notes.bases:
        explained = section("Notes", NOTES)
        for number, basis in enumerate(notes.bases, start=1):
            explained.add(str(number), basis)
        parts.append(explained)

    heading = facts.name if as_of is None else f"{facts.name}, as of {as_of}"
    return _Parts(heading, parts, facts)


def _cited(parts: _Parts) -> QuoteNumbers:
    """Each row's says followed by its citation's numbers; the quotes, numbered."""
    cited = QuoteNumbers([row for part in parts.sections for row in part.rows])
    for part in parts.sections:
        part.rows = [row._replace(says=row.says + cited.mark(row)) for row in part.rows]
    return cited


def _quoted(cited: QuoteNumbers, sources: Sources) -> _Section:
    """The section that lists the summary's citations: each source, then its quotes."""
    quoted = _Section("Citations", CITATIONS)
    shown = None
    for (source_id, quote), number in cited.quotes.items():
        if source_id != shown:
            quoted.add("from", reference_text(sources[source_id]))
            shown = source_id
        quoted.add(str(number), f"“{quote}”")
    return quoted


def summary_view(
    document: Document, as_of: str | None = None, cite: bool = False
) -> RenderableType:
    """The summary for a person at a terminal: readable at 80 columns.

    With `cite`, each row ends in the numbers of the quotes it rests on, listed below.
    """
    parts = _parts(document, as_of)
    if cite:  # the quotes listed before the notes, which say how dates were inferred
        before = [part.role for part in parts.sections].index(NOTES) if parts.notes else None
        parts.sections.insert(
            len(parts.sections) if before is None else before,
            _quoted(_cited(parts), parts.facts.dates),
        )
    return _SummaryView(parts.heading, parts.sections)


def summary_markdown(document: Document, as_of: str | None = None) -> str:
    """The summary in Markdown, with numbered citations, then each source and its quotes.

    To paste into an article, a wiki or a pull request: every value escaped for GFM.
    """
    parts = _parts(document, as_of)
    cited = _cited(parts)
    lines = [f"# {markdown_cell(parts.heading)}"]
    for part in parts.sections:
        if not part.rows or part.role != FACTS:  # the sources as references, the notes last
            continue
        lines += ["", f"## {markdown_cell(part.title)}", ""]
        lines += [
            f"- **{markdown_cell(row.label)}:** {markdown_cell(row.says)}" for row in part.rows
        ]
    if cited.quotes:  # each source, then its quotes, numbered (a list may start at 12)
        lines += ["", "## Citations"]
        for row in _quoted(cited, parts.facts.dates).rows:
            if row.label == "from":
                lines += ["", f"From {markdown_cell(row.says)}", ""]
            else:
                lines.append(f"{row.label}. {markdown_cell(row.says)}")
    for part in parts.sections if parts.notes else []:
        if part.role != NOTES:
            continue
        lines += ["", "## Notes", ""]
        lines += [f"{row.label}. {markdown_cell(row.says)}" for row in part.rows]
    return "\n".join(lines) + "\n"


class _Row(NamedTuple):
    """A label, what it says, the records it rests on, and the words it cites them for."""

    label: str
    says: str
    records: tuple[Record | TimelineEntry, ...]
    words: str | None  # a value of the one record: cited by the quotes that hold it

    def evidence(self) -> list[EvidenceRecord]:
        """The quotes the row rests on: those that hold its words, else all its records'."""
        if self.words is not None:
            from .citations import backing  # only to cite: it folds text (unicodedata)

            return backing(self.records[0], self.words)
        return [item for record in self.records for item in record["evidence"]]


FACTS, SOURCES, CITATIONS, NOTES = "facts", "sources", "citations", "notes"
"""What a section of the summary holds: facts (cited), the sources, the quotes cited, or
the notes."""


class _Section:
    """A titled list of labels and their text, laid out when the width is known."""

    def __init__(self, title: str, role: str = FACTS) -> None:
        self.title, self.role = title, role
        self.rows: list[_Row] = []

    def add(
        self,
        label: object,
        says: object,
        *records: Record | TimelineEntry,
        words: str | None = None,
    ) -> None:
        """A row, and the records whose evidence backs it (none for a note or a source).

        With `words`, a value of the one record: the quotes that hold them back it.
        """
        self.rows.append(_Row(str(label), str(says), records, words))

    def table(self, stacked: bool) -> Table:
        """The label beside its text, or above it (`stacked`): beside it, one would starve."""
        from rich import box
        from rich.table import Table

        table = Table(
            title=self.title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE,
            show_header=False,
            show_edge=False,
            pad_edge=False,
        )
        if stacked:
            table.add_column(overflow="fold")
            for label, says, *_ in self.rows:
                shown = text(f"{label}:")  # the colon marks a label where no colour shows
                shown.stylize("cyan")  # the label only, not the text appended below
                shown.append("\n")
                shown.append_text(text(says))
                table.add_row(shown)
            return table
        table.add_column(style="cyan", overflow="fold")
        table.add_column(overflow="fold")
        for label, says, *_ in self.rows:
            add(table, label, says)
        return table


class _SummaryView:
    """The summary's heading and sections, laid out for the console's width."""

    def __init__(self, heading: str, sections: list[_Section]) -> None:
        self.heading, self.sections = heading, sections

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        stacked = options.max_width < SIDE_BY_SIDE_WIDTH
        yield text(self.heading, style="bold")
        for section in self.sections:
            if section.rows:
                yield Text("")
                yield section.table(stacked)
