"""cv: a command-line fact sheet for Cosmetic Valley.

For scripts: `from cosmetic_valley_cli import load_facts`; `load_facts()` returns the
validated dataset as a `Facts` model.
"""

from __future__ import annotations

import sys

# The `cv` script (and `python -m cosmetic_valley_cli`) starts by importing this package:
# its signals are handled from here, before anything else is imported. A program that
# imports cv as a library keeps its own.
if sys.argv and sys.argv[0].replace("\\", "/").rsplit("/", 1)[-1] in ("cv", "cv.exe", "-m"):
    from .signals import install

    install()

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: start-up time

from .version import __version__  # noqa: E402

__all__ = ["DataError", "Facts", "__version__", "console", "load_document", "load_facts", "main"]

if TYPE_CHECKING:
    from typing import Any

    from .dataset import load_document
    from .loader import load_facts
    from .model import Facts
    from .problems import DataError


def main() -> None:
    """The command line, run in-process: what `cv` does with sys.argv, ending in SystemExit.

    For a program that runs cv itself: its signal handlers, `finally` blocks and atexit
    handlers are its own still. The `cv` script is `console`.
    """
    raise SystemExit(_answer())


def console() -> None:
    """The `cv` console script (and `python -m cosmetic_valley_cli`).

    Ctrl-C is covered from the first import (signals.py). Once the answer is written and
    flushed, it leaves at once: the interpreter's teardown (freeing typer, pydantic and
    rich object by object) would only cost time, about 35 ms on typer's path.
    """
    from .signals import final, install

    install()
    try:
        status = _answer()
    except SystemExit as end:  # Ctrl-C or SIGTERM, at a safe point of the fast path
        status = end.code
    except BaseException as failure:  # the one error path, in _failed
        status = _failed(failure)
    if status is None or isinstance(status, int):
        _end(final(status or 0))
    raise SystemExit(status)


def _answer() -> int | str | None:
    """Answer sys.argv: from the cache when the fast path can, else through typer."""
    if sys.argv[1:] == ["--version"] and _version_written():
        return 0
    from .fast import answer

    status = answer(sys.argv[1:])
    if status is not None:  # answered from the cache, without typer
        return status
    from .cli import main as run
    from .signals import check

    check()  # a Ctrl-C while typer, rich and click were imported
    try:
        run()  # it ends with SystemExit, once it has written and flushed everything
    except SystemExit as end:
        return end.code
    return 0


def _failed(failure: BaseException) -> int:
    """What failed before either path's own error handling: an import, the cache's read.

    Mostly for want of memory (a `ulimit -v` of a few tens of MB): it goes through the one
    error path like any other failure. When that path cannot even be imported or run
    (a MemoryError, or odder: "field 'target' is required for AnnAssign" from a module
    compiled with too little memory), the machine has no memory left for it: one fixed
    line says so, with no import.
    """
    import contextlib
    import os

    try:
        from .output import exit_status

        return exit_status(failure)
    except (MemoryError, ImportError, SystemError, ValueError):
        # Under a memory limit even compiling a module fails, and oddly (ValueError:
        # "field 'target' is required for AnnAssign").
        try:
            from .errors import OUT_OF_MEMORY  # imports nothing: the likeliest to load
        except Exception:  # not even that: the words alone
            OUT_OF_MEMORY = "cv: error: out of memory"  # noqa: N806
        said, status = OUT_OF_MEMORY, 1
    except Exception as bug:  # the error path itself failed otherwise: a bug
        said, status = f"cv: internal error ({type(bug).__name__}); this is a bug", 70
    with contextlib.suppress(OSError):  # stderr is gone: the status says it
        os.write(2, f"{said}\n".encode())
    return status


def _version_written() -> bool:
    """`cv --version` before anything else is imported, when it can be.

    With the fast path off, in a completion request, or when the write fails, typer
    answers instead (its --version calls the same writer) and says what went wrong.
    """
    import os

    if os.environ.get("CV_FAST", "").lower() in ("off", "0", "no", "false"):
        return False
    if os.environ.get("_CV_COMPLETE"):
        return False
    from .version import write_version

    try:
        write_version()
    except OSError:
        return False
    return True


def _end(status: int) -> None:
    """Leave at once, everything written and flushed.

    The interpreter's teardown (freeing every object, one by one) would only cost time;
    benchmarks/startup.py measures it.
    """
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `cv --version` and shell completion need not load
    # pydantic and PyYAML.
    if name == "load_facts":
        from .loader import load_facts

        return load_facts
    if name == "load_document":
        from .dataset import load_document

        return load_document
    if name == "Facts":
        from .model import Facts

        return Facts
    if name == "DataError":
        from .problems import DataError

        return DataError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
