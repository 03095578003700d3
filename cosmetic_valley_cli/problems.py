"""A dataset's problems, each at its line and column, and the failures that carry them.

A file can hold millions of problems (a trailing blank on every line), so they are kept
compactly (`Problems`: two machine integers and a shared message each) and each line
on stderr is made only when it is printed: the error path stays within a few times the
file's size, like the valid one. Only the paths that read or compare datasets in full
import this module.
"""

from __future__ import annotations

import heapq
from array import array
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


# 4-byte lines and columns: a 32 MiB file has fewer than 2**32 of either.
_NUMBER = "I"
assert array(_NUMBER).itemsize >= 4


class Problems(Sequence[Problem]):
    """Problems kept compactly: a line, a column and a message (often shared) each.

    A `Problem` object, its two ints and a slot in a list cost about 150 bytes; this
    costs 16, so that a file of short lines, each with a problem, stays small.
    """

    __slots__ = ("_columns", "_lines", "_messages")

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self._lines = array(_NUMBER)
        self._columns = array(_NUMBER)
        self._messages: list[str] = []
        self.extend(problems)

    def add(self, line: int, column: int, message: str) -> None:
        """Record one problem at a 1-based line and column."""
        self._lines.append(line)
        self._columns.append(column)
        self._messages.append(message)

    def append(self, problem: Problem) -> None:
        """Record one problem."""
        self.add(problem.line, problem.column, problem.message)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        for problem in problems:
            self.append(problem)

    def __len__(self) -> int:
        return len(self._messages)

    @overload
    def __getitem__(self, index: int) -> Problem: ...
    @overload
    def __getitem__(self, index: slice) -> Problems: ...
    def __getitem__(self, index: int | slice) -> Problem | Problems:
        if isinstance(index, slice):
            part = Problems()
            part._lines = self._lines[index]
            part._columns = self._columns[index]
            part._messages = self._messages[index]
            return part
        return Problem(self._lines[index], self._columns[index], self._messages[index])

    def __iter__(self) -> Iterator[Problem]:
        for index in range(len(self)):
            yield self[index]

    def in_order(self) -> Problems:
        """These problems, put in file order in place: by line, column, then message.

        Problems arrive in a few runs that are each in order already (the loader reads
        the file front to back, once per kind of check), so the runs are merged lazily;
        only many runs fall back to sorting one packed integer per problem.
        """
        lines, columns, messages = self._lines, self._columns, self._messages
        count = len(self)
        starts = [0] + [
            n + 1
            for n in range(count - 1)
            if (lines[n], columns[n], messages[n]) > (lines[n + 1], columns[n + 1], messages[n + 1])
        ]
        if len(starts) == 1:
            return self
        if len(starts) <= _MERGED_RUNS:
            ends = [*starts[1:], count]
            runs = [
                ((lines[n], columns[n], messages[n], n) for n in range(start, end))
                for start, end in zip(starts, ends, strict=True)
            ]
            order: Iterable[int] = (item[3] for item in heapq.merge(*runs))
        else:
            order = _packed_order(lines, columns, messages)
        ordered = array(_NUMBER, order)
        self._lines = array(_NUMBER, (lines[n] for n in ordered))
        self._columns = array(_NUMBER, (columns[n] for n in ordered))
        self._messages = [messages[n] for n in ordered]
        return self


_MERGED_RUNS = 64


def _packed_order(lines: array[int], columns: array[int], messages: list[str]) -> array[int]:
    """The indices of problems in file order, sorting one packed integer per problem."""
    count = len(messages)
    bits = max(count.bit_length(), 1)
    mask = (1 << bits) - 1
    keys = sorted(((lines[n] << 32 | columns[n]) << bits) | n for n in range(count))
    order = array(_NUMBER, (key & mask for key in keys))
    del keys
    start = 0
    while start < count:  # problems at the same place: by message, as before
        end = start + 1
        here = (lines[order[start]], columns[order[start]])
        while end < count and (lines[order[end]], columns[order[end]]) == here:
            end += 1
        if end - start > 1:
            order[start:end] = array(_NUMBER, sorted(order[start:end], key=messages.__getitem__))
        start = end
    return order


class _Located(Sequence[str]):
    """Each problem as the line stderr shows, made only when it is asked for."""

    __slots__ = ("_origin", "_problems")

    def __init__(self, origin: str, problems: Problems) -> None:
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
        kept = problems if isinstance(problems, Problems) else Problems(problems)
        self.problems = kept.in_order()

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
