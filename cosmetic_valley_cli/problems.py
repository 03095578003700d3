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


class Problem(NamedTuple):
    """One thing wrong with a dataset, at a 1-based line and column of its file.

    A NamedTuple, not a dataclass: it orders by line, then column, then message, and
    importing dataclasses would cost every run of cv its start-up time.
    """

    line: int
    column: int
    message: str

    def located(self, origin: str) -> str:
        """The compiler-style line editors and CI logs can jump to."""
        return f"{origin}:{self.line}:{self.column}: {self.message}"


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
