"""Ctrl-C, SIGTERM and SIGHUP: the handler records them; cv stops where it can stop cleanly.

A handler that raised would raise wherever Python next looks for signals, and that may
be inside a library's callback: pydantic-core building a validator, `__set_name__`, a
weakref callback. There the exception is swallowed ("Exception ignored in ..."), turned
into another one, or half-applied, and a valid file was reported invalid (issue 22).
So `_record` only notes the signal, and cv calls `check` where stopping is safe: after
its library imports, between records, before each write and before the verdict. It
then leaves through its one exit path with 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP,
a closed terminal or ssh session), its `finally` blocks having removed any temporary
file.

The one exception is a wait on a stream (`waiting_on_stream`): reading `--data` from a
pipe or a terminal, writing to a full pipe. Python retries an interrupted read or write
(PEP 475), so a note alone would wait on; there the handler stops cv at once, in cv's
own code.

Only the standard library's built-in `_signal` is imported: `signal` would import enum
first, and a Ctrl-C in that time would print a traceback.
"""

from __future__ import annotations

_received = 0
"""The first signal received (its number), or 0."""

_waiting = 0
"""How many waits on a stream are under way (see `waiting_on_stream`)."""


def install() -> None:
    """Install the handlers, here only: SIGINT, SIGTERM and SIGHUP noted, SIGXFSZ ignored.

    A signal that was already ignored (`nohup`, `cv &` in a script) stays ignored.
    SIGXFSZ is ignored so that a write past `ulimit -f` fails with EFBIG and a clear
    message instead of killing cv.
    """
    import _signal  # type: ignore[import-not-found,unused-ignore]

    stops = (_signal.SIGINT, getattr(_signal, "SIGHUP", None), _signal.SIGTERM)
    for number in (number for number in stops if number is not None):  # SIGTERM last
        if _signal.getsignal(number) != _signal.SIG_IGN:
            _signal.signal(number, _record)
    if hasattr(_signal, "SIGXFSZ"):
        _signal.signal(_signal.SIGXFSZ, _signal.SIG_IGN)


def _record(number: int, _frame: object) -> None:
    """The handler: note the signal; raise only while cv itself waits on a stream."""
    global _received
    if not _received:
        _received = number
    if _waiting:
        raise SystemExit(128 + number)


def check() -> None:
    """Stop here, with 130, 143 or 129, if a signal has come: a safe point to stop at."""
    if _received:
        raise SystemExit(128 + _received)


def final(status: int) -> int:
    """The status to leave with: 128 + the signal (130, 143, 129) once one came, else `status`."""
    return 128 + _received if _received else status


class _Waiting:
    """A wait on a pipe or a terminal, which only a handler that raises can end.

    A class, not contextlib's decorator: this module is imported before anything else
    at start-up, and contextlib is not loaded yet then.
    """

    def __enter__(self) -> None:
        global _waiting
        check()
        _waiting += 1

    def __exit__(self, *_exception: object) -> None:
        global _waiting
        _waiting -= 1


waiting_on_stream = _Waiting()
"""`with waiting_on_stream:` around a read or write that may wait on another program."""
