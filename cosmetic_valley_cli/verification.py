"""`cv validate`: a dataset checked in full, and its quotes against their sources' texts.

Validation proper is the loader's. `--against SOURCE_ID=FILE` then checks every quote
whose evidence names that source against the text in FILE (see quotes.py); a quote not
found is reported at its own line and column, with the nearest passage of the source.
A source that records a `sha256` refuses a FILE with other bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from . import loader, quotes
from .dataset import records
from .errors import NEAR_CHOICES, UsageProblem, choices, closest, shown
from .model import Location
from .outputs import ValidationProblem
from .problems import CODES, DataError
from .reading import decode, read_dataset, read_once, shown_name
from .records import Document
from .sections import SECTIONS


@dataclass(frozen=True)
class Report:
    """What a valid dataset holds, and how many of its quotes were checked."""

    origin: str
    counts: dict[str, int]
    quotes: int
    verified: int
    against: tuple[str, ...]

    def summary(self, name: str) -> str:
        """The one line `cv validate` prints on stderr for a valid dataset called `name`."""
        counts = ", ".join(f"{key}: {count}" for key, count in self.counts.items())
        line = f"{name}: valid ({counts})"
        unverified = self.quotes - self.verified
        if self.against:
            line += f"; {self.verified} quotes found in {', '.join(self.against)}"
        if unverified:
            line += (
                f"; {unverified} of {self.quotes} quotes not verified against their "
                "source (--against SOURCE_ID=FILE)"
            )
        return line


def parse_against(specs: list[str]) -> dict[str, str]:
    """`luxus-2019=article.txt` options as {source id: file}."""
    found: dict[str, str] = {}
    for spec in specs:
        identity, equals, file = spec.partition("=")
        if not equals or not identity or not file:
            raise UsageProblem(f"--against {shown(spec)}: write SOURCE_ID=FILE (luxus-2019=a.txt)")
        if identity in found:
            raise UsageProblem(f"--against names the source {shown(identity)} twice")
        found[identity] = file  # as typed: Path("a.txt/") would be a.txt
    return found


def validate(path: str | None, against: Mapping[str, str]) -> Report:
    """Validate a dataset in full and check its quotes; raise DataError with every problem."""
    read_once((path, *against.values()))
    origin, data = read_dataset(path)
    text = decode(data, origin)
    del data
    document = cast("Document", loader.parse_document(text, origin))
    known = {source["id"]: index for index, source in enumerate(document["sources"])}
    for identity in against:
        if identity not in known:
            near = closest(identity, list(known)) if len(known) <= NEAR_CHOICES else None
            raise UsageProblem(
                f"--against {shown(identity)}: the dataset has no source by "
                f"that id; its sources are: {choices(list(known))}",
                f"did you mean {near!r}?" if near else None,
            )
    problems: list[tuple[Location, str, str]] = []
    texts: dict[str, quotes.Source] = {}
    for identity, file in against.items():
        name, content = read_dataset(file)
        recorded = document["sources"][known[identity]]["sha256"]
        digest = hashlib.sha256(content).hexdigest()
        if recorded is not None and digest != recorded:
            problems.append(
                (
                    ("sources", known[identity], "sha256"),
                    f"{shown_name(file)} is not the text this source records: its SHA-256 is "
                    f"{digest}; its quotes were not checked",
                    "CV402",
                )
            )
            continue
        texts[identity] = quotes.Source(quotes.fold(decode(content, name)))
    total = verified = 0
    for where, quote, source in _quotes(document):
        total += 1
        if source not in texts:
            continue
        missing = quotes.check(quote, texts[source])
        if missing is None:
            verified += 1
            continue
        nearest = f"; nearest passage: {missing.nearest}" if missing.nearest else ""
        said = f"quote not in {shown_name(against[source])}: {missing.piece!r}{nearest}"
        problems.append((where, said, "CV401"))
    if problems:
        raise DataError(origin, loader.locate(text, problems))
    counts = {key: len(records(document, key)) for key in document}
    return Report(origin, counts, total, verified, tuple(str(f) for f in against.values()))


def _quotes(document: Document) -> Iterator[tuple[Location, str, str]]:
    """Every quote of the dataset, one at a time: where it is, its words, its source's id.

    One at a time: a list of them all would cost about twice the file (hostile.py's
    short-records), only to be counted when no --against is given.
    """
    for key in cast("Mapping[str, Any]", document):
        many = SECTIONS[key].many
        for index, record in enumerate(records(document, key)):
            at: Location = (key, index) if many else (key,)
            for number, evidence in enumerate(record["evidence"]):
                yield (*at, "evidence", number, "quote"), evidence["quote"], evidence["source"]


def problem_records(failure: DataError) -> Iterator[ValidationProblem]:
    r"""Each problem as `cv validate --format json` prints it (outputs.ValidationProblem).

    One at a time, for a stream: a file of half a million problems is never held as
    their records (1 GB for 7.4 MiB when it was). The file's name and the message are
    the ones the text line shows, made visible (escaping.visible): a key holding a line
    break is `\x0a` there, and must not be a line break for `jq -r` either.
    """
    from .escaping import visible

    for problem in failure.problems:
        yield ValidationProblem(
            file=visible(failure.origin),
            line=problem.line,
            column=problem.column,
            code=problem.code,
            message=visible(problem.message),
            hint=CODES[problem.code].meaning,
        )


def report_lines(found: Iterable[ValidationProblem], output_format: str) -> Iterator[str]:
    """The problems for CI, piece by piece: one JSON array, or GitHub's annotations.

    An annotation is one line: its values are escaped as GitHub's toolkit escapes them
    (`%`, CR and LF as %25, %0D and %0A; in a property also `:` and `,`), so that no
    value from the data can end it early or start another command; the rest is made
    visible like any message.
    """
    if output_format == "json":
        from .formats.json_document import array

        yield from array(iter(found))
        return
    from .escaping import visible

    def data(text: str) -> str:
        return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    for item in found:
        yield (
            f"::error file={prop(item['file'])},line={item['line']},col={item['column']},"
            f"title={item['code']}::{data(item['message'])}\n"
        )
