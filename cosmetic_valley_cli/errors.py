"""The one exception type that carries an expected failure to the user.

Also the two rules that keep a message short whatever the data holds: a list of valid
choices shows at most CHOICES of them, and a value echoed back is cut at SHOWN characters,
with its length given. Every problem is reported, so each report must stay small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CHOICES = 5
SHOWN = 60


def choices(names: Sequence[str], last: str = ", ") -> str:
    """The first CHOICES names, comma-separated, then "and N more" for the rest.

    `last` goes before the final name of a list shown whole: `choices(names, " or ")`
    reads "'a', 'b' or 'c'".
    """
    rest = len(names) - CHOICES
    if rest > 0:
        return f"{', '.join(names[:CHOICES])} and {rest:,} more"
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])}{last}{names[-1]}"


def shown(value: str) -> str:
    """A value as quoted text, cut after SHOWN characters with its full length given.

    `shown("a" * 50_000)` is `'aaaa…' (50,000 characters)`, with SHOWN a's.
    """
    if len(value) <= SHOWN:
        return repr(value)
    quoted = repr(value[:SHOWN])
    return f"{quoted[:-1]}…{quoted[-1]} ({len(value):,} characters)"


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong with a dataset, at a 1-based line and column of its file."""

    line: int
    column: int
    message: str

    def located(self, origin: str) -> str:
        """The compiler-style line editors and CI logs can jump to."""
        return f"{origin}:{self.line}:{self.column}: {self.message}"


class CvError(Exception):
    """An expected failure: bad data, a bad path or a bad option, never a bug.

    `lines()` is what the user sees on stderr, one line per problem, and `exit_code`
    is the documented status the command ends with.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """The lines to print on stderr."""
        return [f"cv: error: {self.message}"]


class DataError(CvError):
    """A dataset that cannot be read or is not valid, with every problem located."""

    def __init__(self, origin: str, problems: list[Problem]) -> None:
        self.origin = origin
        self.problems = sorted(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One `file:line:col: message` line per problem, in file order."""
        return [problem.located(self.origin) for problem in self.problems]


class UsageProblem(CvError):
    """A bad option value found after parsing (for example an unknown field name)."""

    exit_code = 2


class Failures(CvError):
    """Several expected failures at once (`cv diff` checks both of its datasets)."""

    def __init__(self, failures: list[CvError]) -> None:
        self.failures = failures
        self.exit_code = max(failure.exit_code for failure in failures)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """Every failure's lines, in the order they were found."""
        return [line for failure in self.failures for line in failure.lines()]
