"""The one way anything reaches stdout, and the one way messages reach stderr.

Machine formats are written as UTF-8 bytes, untouched by rich; a rich renderable is
drawn to text first, in colour only for a terminal (and never with NO_COLOR), at the
terminal's width or 80 columns when piped.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import OUT_OF_MEMORY, CvError
from .escaping import visible
from .files import chunks, write_all
from .reading import shown_name
from .signals import check

if TYPE_CHECKING:
    from typing import TextIO

    from rich.console import Console, RenderableType

EXIT_BROKEN_PIPE = 141  # what a shell reports for a program ended by SIGPIPE
EXIT_INTERNAL = 70  # a bug: the message asks for a report
EXIT_INTERRUPTED = 130  # Ctrl-C
WRITE_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EBADF})
"""What a failed write to stdout can say: the command's output could not be written."""


class PipeClosed(Exception):
    """The reader of stdout went away (`cv ... | head`): stop quietly."""


class OutputFailed(CvError):
    """Stdout cannot take the output: a full disk, a file-size limit, an I/O error."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write output: {reason}")

    def lines(self) -> list[str]:
        """The one line on stderr, e.g. `cv: cannot write output: No space left on device`."""
        return [f"cv: {self.message}"]


class DirectStdout(io.TextIOBase):
    """sys.stdout on typer's path: what typer and click print goes to descriptor 1 at once.

    Help, usage, completion scripts: click prints them to sys.stdout, not through
    `write`. Python's own stdout can lose the rest of a short write (a file-size limit)
    in its buffer without a word, and when Python found descriptor 1 closed at start-up
    (`cv --help >&-`), sys.stdout is None and click prints to nothing. Here each write
    goes through `write_all`: every byte is written, or it fails (EFBIG, EPIPE, EBADF).
    """

    encoding = "utf-8"

    def __init__(self, fd: int | None) -> None:
        super().__init__()
        self._fd = fd  # None: closed at start-up

    def writable(self) -> bool:  # noqa: D102 - io.TextIOBase's
        return True

    def fileno(self) -> int:  # noqa: D102 - io.TextIOBase's
        if self._fd is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return self._fd

    def isatty(self) -> bool:  # noqa: D102 - io.TextIOBase's
        return self._fd is not None and os.isatty(self._fd)

    def write(self, text: str) -> int:  # noqa: D102 - io.TextIOBase's
        if not isinstance(text, str):  # so that click sees a text stream, not a binary one
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:  # nothing to write fails nothing (a flush at the end)
            write_all(self.fileno(), text.encode("utf-8"))
        return len(text)


def direct_stdout() -> DirectStdout | None:
    """The stream to put in place of sys.stdout on typer's path; None to keep it (tests)."""
    if sys.stdout is None:
        return DirectStdout(None)
    try:
        fd = sys.stdout.fileno()
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        return None  # not a file (a test's capture): kept as it is
    return DirectStdout(fd)


def stdout_is_terminal() -> bool:
    """Whether a person is looking at stdout."""
    return sys.stdout is not None and sys.stdout.isatty()


def wants_colour(terminal: bool) -> bool:
    """Colour, by no-color.org's convention and FORCE_COLOR's.

    A non-empty NO_COLOR turns colour off and wins over everything; a non-empty
    FORCE_COLOR turns it on even in a pipe (`cv facts | less -R`); empty values are
    ignored, as if unset. Otherwise colour is for a terminal only.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return terminal


MAX_WIDTH = 1000
"""The widest layout drawn: no screen is wider, and COLUMNS=1000000 would cost seconds
and hundreds of MB to draw a few KB of text (issue 22)."""


SIDE_BY_SIDE_WIDTH = 40
"""Below this many columns a label stands above its text (the sheet, `cv facts`): beside
it, one of the two would starve."""


def terminal_width() -> int:
    """The width everything is laid out for: COLUMNS, else the terminal's, else 80 (a pipe).

    At least 1 and at most MAX_WIDTH columns.
    """
    import shutil

    ignore_absurd_sizes()
    return max(1, min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH))


def ignore_absurd_sizes() -> None:
    """COLUMNS and LINES that are not a plain number of at most 9 digits are ignored.

    rich reads them when a Console is made, and int() refuses more than 4,300 digits:
    `COLUMNS=<5000 digits>` ended in exit 70 (issue 22's review). As with any other
    value that is no size, the terminal's own size, or 80 columns, is used instead.
    """
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 9):
            del os.environ[name]


def text_console(width: int, colour: bool = False) -> Console:
    """The one kind of rich Console: drawing into a string, in colour only when asked.

    No markup, emoji or highlighting: values from the data are drawn as the text they are.
    """
    from rich.console import Console

    ignore_absurd_sizes()
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        color_system="auto" if colour else None,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
    )


def draw(renderable: RenderableType) -> str:
    """A rich renderable as the text a terminal or a pipe should get, at terminal_width()."""
    terminal = stdout_is_terminal()
    console = text_console(terminal_width(), wants_colour(terminal))
    console.print(renderable)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    if terminal:
        return text
    # Rich pads every line to the width; a file or a pipe is better without the padding.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def drawn(renderables: Iterable[RenderableType]) -> Iterator[str]:
    """Renderables drawn one after another, as `draw` draws each, with one console.

    For a long view (a diff of many records): its text comes piece by piece, so that
    `| head` ends it early and it is never held whole.
    """
    terminal = stdout_is_terminal()
    console = text_console(terminal_width(), wants_colour(terminal))
    buffer = console.file
    for renderable in renderables:
        console.print(renderable)
        text: str = buffer.getvalue()  # type: ignore[attr-defined]
        buffer.seek(0)
        buffer.truncate()
        yield text if terminal else "".join(line.rstrip() + "\n" for line in text.splitlines())


def write(result: str | Iterator[str] | RenderableType) -> None:
    """Print a command's output on stdout: text, text piece by piece, or a renderable.

    Every byte is written or the command fails: a closed pipe raises PipeClosed, any
    other failure (a full disk, a file-size limit, a closed stdout) raises OutputFailed.
    """
    if isinstance(result, Iterator):
        pieces: Iterable[str] = result
    else:
        pieces = (result if isinstance(result, str) else draw(result),)
    stream = sys.stdout
    if stream is None:  # Python found fd 1 closed at start-up (`cv ... >&-`)
        raise OutputFailed(os.strerror(errno.EBADF))
    fd = _descriptor(stream)
    try:
        stream.flush()
        for block in chunks(pieces):
            check()  # Ctrl-C while the view was drawn: nothing more is written
            if fd is not None:
                write_all(fd, block)
            else:
                _write_stream(stream, block)
        if fd is None:
            stream.flush()
    except (OSError, ValueError) as failure:
        raise failed(failure, fd) from None


def failed(failure: OSError | ValueError, fd: int | None = 1) -> PipeClosed | OutputFailed:
    """What a failed write to stdout means; the descriptor is silenced first.

    A closed pipe ends the command quietly; anything else (ENOSPC, EFBIG, EIO, EBADF,
    or a stream closed in Python, ValueError) gets one line.
    """
    _silence(fd)
    if isinstance(failure, BrokenPipeError):
        return PipeClosed()
    code = failure.errno if isinstance(failure, OSError) else None
    return OutputFailed(os.strerror(code or errno.EBADF))


def flush() -> None:
    """Flush what others (typer's help, a usage error) left in stdout's buffer."""
    if sys.stdout is not None:
        write("")


def _descriptor(stream: TextIO) -> int | None:
    """Stdout's file descriptor, or None when it is not a file (a test's capture)."""
    try:
        return stream.fileno()
    except (OSError, ValueError, AttributeError):
        return None


def _write_stream(stream: TextIO, block: bytes) -> None:
    """Write to a stream that has no file descriptor, through its byte buffer if any."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(block.decode("utf-8"))
        return
    view = memoryview(block)
    while view:  # an unbuffered (raw) stream may take fewer bytes than it was given
        written = buffer.write(view)
        if written is None:
            raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))
        view = view[written:]


def _silence(fd: int | None) -> None:
    """Point a failed stream's descriptor at /dev/null.

    What is still in Python's buffer then goes nowhere at exit, instead of failing
    again there as "Exception ignored" and exit 120.
    """
    if fd is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        if devnull != fd:
            os.close(devnull)


def error(line: str) -> None:
    """One line on stderr; a reader of stderr that went away ends the messages quietly.

    The line is made visible first (escaping.py): a message quotes paths, keys and
    values from files, and none of them may control the terminal or break the line.
    """
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(visible(_as_typed(line)) + "\n")
        stream.flush()
    except (OSError, ValueError):
        _silence(_descriptor(stream))


def _as_typed(line: str) -> str:
    r"""A message with the bytes the system gave undecoded shown as the bytes, `\xff`.

    A file name or an argument that is not UTF-8 reaches Python with each such byte as a
    lone surrogate (`\udcff`, PEP 383), and a message may quote either anywhere: here, in
    the one path every message takes, each becomes the byte a person typed. A message
    with no lone surrogate, or one that is not of that kind, is left as it is.
    """
    if line.isprintable() or max(line) < "\udc80":  # the common case: nothing to do
        return line
    try:
        return shown_name(line)  # the rule for a file's name, the same bytes
    except UnicodeEncodeError:  # a surrogate that no byte stands for: visible() shows it
        return line


def report_bug(bug: BaseException) -> None:
    """One line asking for a report; the traceback only with CV_DEBUG=1."""
    if os.environ.get("CV_DEBUG") == "1":
        import traceback

        traceback.print_exception(bug)
    error(
        f"cv: internal error ({type(bug).__name__}: {bug}); this is a bug, please "
        "report it with the command you ran (set CV_DEBUG=1 for the traceback)"
    )


def _out_of_memory(failure: BaseException) -> bool:
    """A MemoryError, or an import or a system call that failed for want of memory."""
    if isinstance(failure, MemoryError):
        return True
    if isinstance(failure, OSError) and failure.errno == errno.ENOMEM:
        return True
    cause = failure.__cause__ or failure.__context__
    if isinstance(failure, SystemError):
        # CPython's words when a C function failed and not even a MemoryError could be
        # made: seen only under a memory limit (ulimit -v of 20 to 40 MB), so said as such
        # there; without a limit, or in other words, it stays a bug.
        said = str(failure)
        lost = said.endswith(("without exception set", "without setting an exception"))
        return lost and _memory_limited()
    if isinstance(failure, ImportError):  # a module's shared library could not be mapped
        said = str(failure).lower()  # dlopen's words when mmap fails: ENOMEM
        return (
            "cannot allocate memory" in said
            or "failed to map segment" in said
            or (cause is not None and _out_of_memory(cause))
        )
    return False


def _memory_limited() -> bool:
    """Whether the process runs under a limit on its memory (ulimit -v or -d)."""
    try:
        import resource
    except ImportError:  # not on POSIX, or not even this module could be loaded
        return True
    limits = (resource.getrlimit(resource.RLIMIT_AS), resource.getrlimit(resource.RLIMIT_DATA))
    return any(soft != resource.RLIM_INFINITY for soft, _hard in limits)


def exit_status(failure: BaseException) -> int:
    """The one error path: a failure's lines on stderr, and the status cv ends with.

    The fast path, typer's commands and the console script hand every failure here:
    an expected one (CvError) says its lines, a closed pipe ends quietly (141), stdout
    that cannot take the output says so (1), Ctrl-C is 130, running out of memory is
    one line and 1 (not a bug), and anything else is a bug (70), reported in one line.
    """
    if isinstance(failure, SystemExit):
        code = failure.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    if isinstance(failure, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if _out_of_memory(failure):
        error(OUT_OF_MEMORY)
        return 1
    if isinstance(failure, OSError) and failure.errno in WRITE_ERRORS:
        failure = failed(failure)  # typer printing help to a full disk or a closed pipe
    if isinstance(failure, PipeClosed):
        return EXIT_BROKEN_PIPE
    if isinstance(failure, CvError):
        for line in failure.lines():
            error(line)
        return failure.exit_code
    report_bug(failure)
    return EXIT_INTERNAL
