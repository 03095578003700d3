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

CODES: dict[str, str] = {
    "CV001": "a byte that is not UTF-8 text: save the file as UTF-8",
    "CV002": "the file is larger than the limit (32 MiB)",
    "CV101": "a character YAML does not allow (a control character)",
    "CV102": "white space at the end of a line",
    "CV103": "a tab in the indentation: indent with spaces",
    "CV104": "an anchor (&name): write the value out",
    "CV105": "a tag (!!type): every value is plain text",
    "CV106": "a line inside [...] or {...} not indented more than its key",
    "CV107": "a comment without a space before '#'",
    "CV108": "a quote not closed on its line: said once, where it opens",
    "CV109": "an alias (*name): write the value out",
    "CV110": "a second document: a dataset is one",
    "CV111": "nested deeper than 20 levels",
    "CV112": "an unquoted yes, no, on or off, a boolean to YAML 1.1 tools",
    "CV113": "a key that is not text",
    "CV114": "a merge key (<<): write the keys out",
    "CV115": "a key given twice in one mapping",
    "CV116": "a file that holds no data",
    "CV117": "a top level that is not a mapping of sections",
    "CV118": "YAML that does not parse, in libyaml's words",
    "CV119": "a quote never closed before the end of the file",
    "CV120": "a key without ':' after it",
    "CV121": "a line that is not a key of the mapping above: the column a key starts at",
    "CV122": "a line that is not an item of the list above: the column '- ' starts at",
    "CV123": "': ' inside a value, which would start a key: quote the value",
    "CV124": "a character that cannot start a value (a tab, '@', '`')",
    "CV201": "a key the record needs is missing",
    "CV202": "a key the record does not have, with the closest one",
    "CV203": "a value that is not one of its field's words (type, status, ...)",
    "CV204": "a value that does not fit its form (an id, a date, a SHA-256, a URL)",
    "CV205": "a value of the wrong kind (text, a list, a mapping)",
    "CV206": "an empty value",
    "CV207": "an empty list: a record needs at least one entry there (evidence)",
    "CV209": "a count that is not a whole number in digits",
    "CV210": "a flag that is not true or false",
    "CV211": "a date that is not a day of the calendar (2019-02-30)",
    "CV212": "a quote without words ('...' alone)",
    "CV213": "a percentage over 100",
    "CV214": "a period that ends before it starts",
    "CV215": "more clusters certified than applied",
    "CV230": "a dataset in cv 0.1's shape",
    "CV299": "a value the schema refuses, in pydantic's words (none is known to reach here)",
    "CV301": "an id used twice in a section",
    "CV302": "evidence that names a source the dataset does not have",
    "CV303": "a quotation whose speaker is no person's id",
    "CV401": "a quote that is not in its source's text (cv validate --against)",
    "CV402": "a source text whose SHA-256 is not the one the source records",
}
"""Every problem's code and what it means, the one catalogue: messages carry the code
(`file:line:col: CV202 ...`, and `cv validate --format json`), the README's table is
written from it, and tests/test_codes.py makes each one happen. CV0 is the file, CV1
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
