"""The one exception type that carries an expected failure to the user.

Also the two rules that keep a message short whatever the data holds: a list of valid
choices shows at most CHOICES of them, and a value echoed back is cut at SHOWN characters,
with its length given. Every problem is reported, so each report must stay small.

Every command imports this module, the fast path's included, so it imports nothing:
a dataset's problems, located, are in problems.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    r"""A value as quoted text, cut after SHOWN characters with its full length given.

    `shown("a" * 50_000)` is `'aaaa…' (50,000 characters)`, with SHOWN a's. A byte that
    the system gave undecoded (an argument or a file name that is not UTF-8, which
    Python holds as `\udcff`, PEP 383) is shown as the byte typed, `\xff`.
    """
    if len(value) <= SHOWN:
        return _bytes_as_typed(repr(value))
    quoted = _bytes_as_typed(repr(value[:SHOWN]))
    return f"{quoted[:-1]}…{quoted[-1]} ({len(value):,} characters)"


def _bytes_as_typed(quoted: str) -> str:
    r"""The `\udc80`..`\udcff` of a repr as `\x80`..`\xff`; a typed backslash (`\\`) stays."""
    if "\\udc" not in quoted:
        return quoted
    import re

    return re.sub(r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])", r"\1\\x\2", quoted)


OUT_OF_MEMORY = "cv: error: out of memory: the machine (or ulimit -v) leaves cv too little"
"""The line for want of memory: one line and exit 1, never "this is a bug" (70)."""


class Refusal(ValueError):
    """A value the model refuses, with the code of its message (problems.CODES).

    Raised in model.py's validators: pydantic hands it back as the error's context, and
    the loader reads its code.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class CvError(Exception):
    """An expected failure: bad data, a bad path or a bad option, never a bug.

    `lines()` is what the user sees on stderr, one line per problem, and `exit_code`
    is the documented status the command ends with.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self._message = message

    @property
    def message(self) -> str:
        """The failure in words (several lines when it holds several problems)."""
        return self._message

    def lines(self) -> Sequence[str]:
        """The lines to print on stderr."""
        return [f"cv: error: {self.message}"]


class UsageProblem(CvError):
    """A bad command line: an unknown command or option, a value a command does not take.

    `hint` is a second line that says what would be right, when there is one.
    """

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def lines(self) -> Sequence[str]:
        """The error line, then the hint's."""
        return [*super().lines(), *([f"cv: hint: {self.hint}"] if self.hint else [])]


NEAR_CHOICES = 100
"""The most choices a did-you-mean looks through: a hint for each of many unknown ids,
among as many known ones, would cost their product (the data's ids are unbounded)."""


def closest(value: str, choices: list[str]) -> str | None:
    """The one choice a typo most likely meant: the only one it begins, else the nearest.

    For a did-you-mean hint. The caller passes one value and a bounded list of choices
    (a command's fields, formats, types): never each of many unknown values.
    """
    import difflib

    starting = [choice for choice in choices if choice.startswith(value.lower())]
    if len(starting) == 1:
        return starting[0]
    near = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return near[0] if near else None
