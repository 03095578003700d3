"""A dataset's problems, each at its line and column, and the failures that carry them.

A file can hold millions of problems (a trailing blank on every line), so each line on
stderr is made only when it is printed, never all of them at once: the error path stays
within the same bound of the file's size as the valid one. Only the paths that read or
compare datasets in full import this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, overload

from .errors import CvError


class Message(NamedTuple):
    """A code's entry in the catalogue: what it means, and the start of a real message."""

    meaning: str
    example: str


CODES: dict[str, Message] = {
    "CV001": Message(
        "a byte that is not UTF-8 text: save the file as UTF-8",
        "byte 0xff is not UTF-8 text; save the file as UTF-8",
    ),
    "CV002": Message(
        "the file is larger than the limit (32 MiB)",
        "the file is larger than 32 MiB, the limit",
    ),
    "CV101": Message(
        "a character YAML does not allow (a control character)",
        "character '\\x01' is not allowed in YAML",
    ),
    "CV102": Message(
        "white space at the end of a line",
        "white space at the end of the line (it hides in block text)",
    ),
    "CV103": Message(
        "a tab in the indentation: indent with spaces",
        "a tab in the indentation; indent with spaces",
    ),
    "CV104": Message(
        "an anchor (&name): write the value out",
        "anchors (&x) are not allowed; write the value out",
    ),
    "CV105": Message(
        "a tag (!!type): every value is plain text",
        "tags (!!str) are not allowed; every value is plain text",
    ),
    "CV106": Message(
        "a line inside [...] or {...} not indented more than its key",
        "inside [...] or {...}, a new line must be indented more than the key it belongs to",
    ),
    "CV107": Message(
        "a comment without a space before '#'",
        "a comment needs a space before '#'",
    ),
    "CV108": Message(
        "a quote not closed on its line: said once, where it opens",
        'this quote is not closed on its line: the text from its " runs on to line 189',
    ),
    "CV109": Message(
        "an alias (*name): write the value out",
        "aliases (*x) are not allowed; write the value out",
    ),
    "CV110": Message(
        "a second document: a dataset is one",
        "a second document starts here; a dataset is one document",
    ),
    "CV111": Message(
        "nested deeper than 20 levels",
        "nested deeper than 20 levels",
    ),
    "CV112": Message(
        "an unquoted yes, no, on or off, a boolean to YAML 1.1 tools",
        "name: unquoted 'yes' is a boolean to YAML 1.1 tools",
    ),
    "CV113": Message(
        "a key that is not text",
        "a key must be text",
    ),
    "CV114": Message(
        "a merge key (<<): write the keys out",
        "merge keys (<<) are not allowed; write the keys out",
    ),
    "CV115": Message(
        "a key given twice in one mapping",
        "duplicate key 'name': first at line 184, again at line 185",
    ),
    "CV116": Message(
        "a file that holds no data",
        "the file holds no data",
    ),
    "CV117": Message(
        "a top level that is not a mapping of sections",
        "the top level must be a mapping of sections",
    ),
    "CV118": Message(
        "YAML that does not parse, in libyaml's words",
        "did not find expected ',' or ']' (while parsing a flow sequence)",
    ),
    "CV119": Message(
        "a quote never closed before the end of the file",
        "this quote is never closed: end the value with the same quote mark",
    ),
    "CV120": Message(
        "a key without ':' after it",
        "a key needs ':' after it",
    ),
    "CV121": Message(
        "a line that is not a key of the mapping above: the column a key starts at",
        "this line is not a key of the mapping that starts at line 1: a key there starts at "
        "column 1",
    ),
    "CV122": Message(
        "a line that is not an item of the list above: the columns an item and its keys start at",
        "this line is not an item of the list that starts at line 2: an item there starts "
        "with '- ' at column 3",
    ),
    "CV123": Message(
        "': ' inside a value, which would start a key: quote the value",
        "': ' here would start a key inside a value",
    ),
    "CV124": Message(
        "a character that cannot start a value (a tab, '@', '`')",
        "the character '@' cannot start a value here: quote the value",
    ),
    "CV201": Message(
        "a key the record needs is missing",
        "partners[1]: missing key 'name'",
    ),
    "CV202": Message(
        "a key the record does not have, with the closest one",
        "partners[1].colour: unknown key 'colour'; the keys here are: id, name, type",
    ),
    "CV203": Message(
        "a value that is not one of its field's words (type, status, ...)",
        "partners[0].type: 'universty' is not a valid type; expected one of: 'university'",
    ),
    "CV204": Message(
        "a value that does not fit its form (an id, a date, a SHA-256, a URL)",
        "partners[1].id: 'University Rouen' does not fit: an id is lower-case words",
    ),
    "CV205": Message(
        "a value of the wrong kind (text, a list, a mapping)",
        "partners[1].name: expected text, got a list",
    ),
    "CV206": Message(
        "an empty value",
        "partners[1].name: must not be empty",
    ),
    "CV207": Message(
        "an empty list: a record needs at least one entry there (evidence)",
        "partners[0].evidence: must list at least one entry",
    ),
    "CV209": Message(
        "a count that is not a whole number in digits",
        "certification[0].clusters_certified: expected a whole number written in digits",
    ),
    "CV210": Message(
        "a flag that is not true or false",
        "partners[0].led_by_cosmetic_valley: expected true or false, got 'maybe'",
    ),
    "CV211": Message(
        "a date that is not a day of the calendar (2019-02-30)",
        "members[0].as_of: '2019-02-30' is not a day of the calendar",
    ),
    "CV212": Message(
        "a quote without words ('...' alone)",
        "partners[0].evidence[0].quote: a quote must hold the source's words",
    ),
    "CV213": Message(
        "a percentage over 100",
        "members[0].sme_share: a share of 180 percent is more than the whole",
    ),
    "CV214": Message(
        "a period that ends before it starts",
        "certification[0]: end_year comes before start_year",
    ),
    "CV215": Message(
        "more clusters certified than applied",
        "certification[0]: more clusters certified than applied",
    ),
    "CV216": Message(
        "a source read before its date",
        "sources[0]: retrieved on 2010-01-01, before the source's date 2019",
    ),
    "CV230": Message(
        "a dataset in cv 0.1's shape",
        "this dataset has the shape of cv 0.1",
    ),
    "CV299": Message(
        "a value the schema refuses, in pydantic's words (none is known to reach here)",
        "partners[1].name: should be odd",
    ),
    "CV301": Message(
        "an id used twice in a section",
        "partners[1].id: id 'university-orleans' is used twice in partners",
    ),
    "CV302": Message(
        "evidence that names a source the dataset does not have",
        "partners[0].evidence[0].source: unknown source 'luxus-2091'; did you mean 'luxus-2019'?",
    ),
    "CV303": Message(
        "a quotation whose speaker is no person's id",
        "quotations[0].speaker: unknown person 'the-president'",
    ),
    "CV401": Message(
        "a quote that is not in its source's text (cv validate --against)",
        "quote not in article.txt:",
    ),
    "CV402": Message(
        "a source text whose SHA-256 is not the one the source records",
        "article.txt is not the text this source records",
    ),
}
"""Every problem's code, what it means and an example, the one catalogue: messages
carry the code (`file:line:col: CV202 ...`, and `cv validate --format json`), the
README's table is written from it, and tests/test_codes.py makes each one happen, with
a message that starts as its example does. CV0 is the file, CV1
its YAML, CV2 a record against the schema, CV3 the references between records, CV4
the quotes against their sources."""


class Problem(NamedTuple):
    """One thing wrong with a dataset, at a 1-based line and column of its file.

    A NamedTuple, not a dataclass: it orders by line, then column, then message, and
    importing dataclasses would cost every run of cv its start-up time.
    """

    line: int
    column: int
    message: str
    code: str
    """Its stable code in the catalogue (CODES), as ruff shows its own: `CV202`."""

    def located(self, origin: str) -> str:
        """The compiler-style line editors and CI logs can jump to, with the code."""
        return f"{origin}:{self.line}:{self.column}: {self.code} {self.message}"


class _Located(Sequence[str]):
    """Each problem as the line stderr shows, made only when it is asked for."""

    __slots__ = ("_origin", "_problems")

    def __init__(self, origin: str, problems: list[Problem]) -> None:
        self._origin = origin
        self._problems = problems

    def __len__(self) -> int:
        return len(self._problems)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [problem.located(self._origin) for problem in self._problems[index]]
        return self._problems[index].located(self._origin)

    def __iter__(self) -> Iterator[str]:
        for problem in self._problems:
            yield problem.located(self._origin)


class _Chained(Sequence[str]):
    """The lines of several failures, one after the other, none copied."""

    __slots__ = ("_parts",)

    def __init__(self, parts: list[Sequence[str]]) -> None:
        self._parts = parts

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return list(self)[index]  # not on any path that prints: a convenience

    def __iter__(self) -> Iterator[str]:
        for part in self._parts:
            yield from part


class _ManyLines(CvError):
    """A failure whose text is its lines, joined only if a caller asks for one text."""

    @property
    def message(self) -> str:
        """Every line, joined: for a caller that wants one text."""
        return "\n".join(self.lines())

    def __str__(self) -> str:
        return self.message


class DataError(_ManyLines):
    """A dataset that cannot be read or is not valid, with every problem located.

    Its lines are made one at a time as they are printed, and its text (`str()`,
    `message`) only if someone asks for it: a million problems are never joined.
    """

    def __init__(self, origin: str, problems: Iterable[Problem]) -> None:
        Exception.__init__(self)
        self.origin = origin
        self.problems = sorted(problems)  # in file order: by line, column, then message

    def lines(self) -> Sequence[str]:
        """One `file:line:col: message` line per problem, in file order."""
        return _Located(self.origin, self.problems)


class Failures(_ManyLines):
    """Several expected failures at once (`cv diff` checks both of its datasets)."""

    def __init__(self, failures: list[CvError]) -> None:
        Exception.__init__(self)
        self.failures = failures
        self.exit_code = max(failure.exit_code for failure in failures)

    def lines(self) -> Sequence[str]:
        """Every failure's lines, in the order they were found."""
        return _Chained([failure.lines() for failure in self.failures])
