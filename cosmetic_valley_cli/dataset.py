"""The validated dataset that commands read, and the questions they ask of it.

`load_document` is the load sequence: the bytes (reading.py), then the validation
cache (cache.py), and only on a miss the loader (loader.py, which imports PyYAML and
pydantic). The result is plain JSON data typed by the records generated from the model
(records.py), so a command whose dataset is cached never builds a pydantic model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, cast

from . import cache
from .dates import holds
from .errors import CvError
from .outputs import Row, TimelineEntry
from .reading import decode, read_dataset
from .records import CertificationRecord, Document, PartnerRecord, Record, SourceRecord
from .sections import DATED, SECTIONS, field
from .vocabulary import PartnerType

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


def load_document(path: str | Path | None = None) -> Document:
    """The dataset, validated, as plain data: from the cache, or checked and then cached.

    Raises DataError (every problem, located) or CvError (an unreadable file), like
    `load_facts`.
    """
    origin, data = read_dataset(path)
    key = cache.key(data)
    document = cache.get(key)
    if document is None:
        from .loader import parse_document

        text = decode(data, origin)
        del data  # the bytes are not needed once decoded: a large dataset is read once
        document = parse_document(text, origin)
        cache.put(key, document)
    return with_caveats(cast("Document", document))


def cached_document(path: str | Path | None) -> Document | None:
    """The dataset from the validation cache, or None: never validated here, never an error.

    For the fast path (fast.py): a miss, or a file that cannot be read, is left to the
    full path, which validates or says what is wrong. With the cache off, or before its
    folder exists, the dataset is not even read: the full path reads it once.
    """
    if not cache.in_use():
        return None
    try:
        _origin, data = read_dataset(path)
    except CvError:
        return None
    return cast("Document | None", cache.get(cache.key(data)))


def with_caveats(document: Document) -> Document:
    """The dataset with each dated record's `as_of_basis` given: its own, or its source's.

    A date that the source does not print says so in every output (issue 23): a record
    left without `as_of_basis` whose date is its source's inferred date gets the
    source's `date_basis` (the rule of `date_basis`), so JSON, CSV and the rest carry
    the caveat beside the date. Only the sections with an `as_of` are touched.
    """
    sources = sources_by_id(document)
    filled = dict(cast("Mapping[str, Any]", document))
    for key in DATED:
        dated = [{**record, "as_of_basis": date_basis(record, sources)} for record in
                 records(document, key)]  # fmt: skip
        filled[key] = dated if SECTIONS[key].many else dated[0]
    return cast("Document", filled)


def records(document: Document, section: str) -> list[Record]:
    """A section's records: a list, or the one record of a single-record section."""
    value = cast("Mapping[str, Any]", document)[section]
    return list(value) if SECTIONS[section].many else [value]


def every_record(document: Document) -> Iterator[tuple[str, Record]]:
    """Every record of every section with the section's key, in file order."""
    for key in document:
        for record in records(document, key):
            yield key, record


def listed(document: Document, section: str) -> list[Row]:
    """The rows a section's command lists: its records, or for the timeline every dated fact."""
    if section == "timeline":
        return list(timeline(document))
    return list(records(document, section))


def of_type(records: list[Row], wanted: Sequence[Enum] = ()) -> list[Row]:
    """The records whose `type` is one of `wanted` (all for none), in the dataset's order.

    `--type a --type b` and `--type a,b` are the union, never the last one alone.
    """
    if not wanted:
        return records
    kinds = {kind.value for kind in wanted}
    return [record for record in records if field(record, "type") in kinds]


def partners_of_type(document: Document, partner_type: PartnerType) -> list[PartnerRecord]:
    """The partners of one type, in the dataset's order."""
    return [partner for partner in document["partners"] if partner["type"] == partner_type.value]


def partner_counts(document: Document) -> dict[PartnerType, int]:
    """How many partners there are of each type that some partner has, in the types' order.

    A type no record has is not counted as 0: the source gives no such count (issue 23).
    """
    counts = dict.fromkeys(PartnerType, 0)
    for partner in document["partners"]:
        counts[PartnerType(partner["type"])] += 1
    return {kind: count for kind, count in counts.items() if count}


Sources = Mapping[str, SourceRecord]


def sources_by_id(document: Document) -> Sources:
    """The sources, by their id."""
    return {source["id"]: source for source in document["sources"]}


def effective_date(record: Record, sources: Sources) -> str:
    """When a record holds: its own date (as_of, year, period start), else its source's.

    The earliest of its sources' dates, that is. Dates are ISO 8601 text, so they compare
    as text ("2019" < "2019-02-05").
    """
    for name in ("as_of", "year", "start_year"):
        value = cast("Mapping[str, Any]", record).get(name)
        if value is not None:
            return str(value)
    dates = [sources[item["source"]]["date"] for item in record["evidence"]]
    return min(dates)


def date_basis(record: Record, sources: Sources) -> str | None:
    """How a record's date was established, when no source prints it; None when stated.

    A record may say so itself (`year_basis`, `as_of_basis`); a record dated by its
    source (no date of its own, or `as_of` equal to its source's date) takes that
    source's `date_basis`.
    """
    own = cast("Mapping[str, Any]", record)
    for name in ("year_basis", "as_of_basis"):
        if own.get(name):
            return str(own[name])
    if own.get("year") is not None or own.get("start_year") is not None:
        return None
    date = effective_date(record, sources)
    for item in record["evidence"]:
        source = sources[item["source"]]
        if source["date"] == date and source["date_basis"]:
            return source["date_basis"]
    return None


def stood(document: Document, as_of: str | None) -> Document:
    """The dataset as it stood at `as_of`: records dated later are left out (dates.holds).

    The sources and the cluster's one record stay: the summary decides what to show of
    the cluster by its date.
    """
    if as_of is None:
        return document
    sources = sources_by_id(document)
    kept = {
        key: [record for record in value if holds(effective_date(record, sources), as_of)]
        if SECTIONS[key].many and key != "sources"
        else value
        for key, value in cast("Mapping[str, Any]", document).items()
    }
    return cast("Document", kept)


def latest(series: list[Any], sources: Sources) -> list[Any]:
    """The records of a series at its latest date: all of them if they share that date."""
    if not series:
        return []
    dates = [effective_date(record, sources) for record in series]
    newest = max(dates)
    return [record for record, date in zip(series, dates, strict=True) if date == newest]


def latest_by(series: list[Any], name: str, sources: Sources) -> list[Any]:
    """The latest records of each series, a series being the records that share `name`."""
    groups: dict[Any, list[Any]] = {}
    for record in series:
        groups.setdefault(field(record, name), []).append(record)
    return [record for group in groups.values() for record in latest(group, sources)]


def _certified(record: CertificationRecord, cluster: str) -> str:
    """The certification in words, with only the counts and names the source gives."""
    certified, applied = record["clusters_certified"], record["clusters_applied"]
    if certified is not None and applied is not None:
        said = f"{certified} of the {applied} clusters that applied were certified, "
    elif certified is not None:
        said = f"{certified} clusters were certified, "
    elif applied is not None:
        said = f"{applied} clusters applied, "
    else:
        said = ""
    announced = f"; announced by {record['announced_by']}" if record["announced_by"] else ""
    return f"certification: {said}{cluster} among them{announced}"


def timeline(document: Document) -> Iterator[TimelineEntry]:
    """Every dated fact, in the order of time: the milestones and the certification periods.

    The sort is stable: facts of the same year keep the dataset's order, milestones first.
    """
    entries: list[TimelineEntry] = [
        TimelineEntry(
            id=milestone["id"],
            section="timeline",
            year=milestone["year"],
            end_year=None,
            event=milestone["event"],
            year_basis=milestone["year_basis"],
            evidence=milestone["evidence"],
        )
        for milestone in document["timeline"]
    ]
    cluster = document["cluster"]["name"]
    entries += [
        TimelineEntry(
            id=period["id"],
            section="certification",
            year=period["start_year"],
            end_year=period["end_year"],
            event=_certified(period, cluster),
            year_basis=None,
            evidence=period["evidence"],
        )
        for period in document["certification"]
    ]
    yield from sorted(entries, key=lambda entry: entry["year"])


OPEN_LIST = "The source leaves this list open: there may be more."
"""The caveat of a record in a list the source leaves open (`open_list`)."""


def notes(document: Document, rows: list[Row]) -> tuple[str, ...]:
    """What a person should know about rows beyond their cells: inferred dates, open lists.

    Machine formats carry the same facts as fields (`as_of_basis`, `year_basis`,
    `open_list`); the human formats say them in words. When rows of the same date are
    not all inferred (the timeline's two 2019 rows), the note names the inferred ones.
    """
    sources = sources_by_id(document)
    inferred: dict[tuple[str, str], list[str]] = {}  # (date, basis): the rows' labels
    printed: set[str] = set()  # dates that some row has from its source's words
    open_list = False
    for row in rows:
        own = cast("Mapping[str, Any]", row)
        date = str(own.get("as_of") or own.get("year"))
        basis = own.get("year_basis")
        if basis is None and "as_of" in own:
            basis = date_basis(cast("Record", row), sources)
        if basis:
            label = own.get("event") or own.get("name") or own.get("id")
            inferred.setdefault((date, basis), []).append(str(label))
        else:
            printed.add(date)
        open_list = open_list or bool(own.get("open_list"))
    said = [
        f"{date} ({', '.join(labels)}) is inferred: {basis}"
        if date in printed
        else f"{date} is inferred: {basis}"
        for (date, basis), labels in inferred.items()
    ]
    if open_list:
        said.append(OPEN_LIST)
    return tuple(said)
