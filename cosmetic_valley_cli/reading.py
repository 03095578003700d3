"""Reading a dataset's bytes: the packaged file, a path, or stdin, within the size limit.

Kept apart from loader.py, which imports PyYAML and pydantic: a command whose dataset
is in the validation cache reads the bytes and needs nothing more.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from typing import TYPE_CHECKING

from .errors import CvError
from .signals import waiting_on_stream

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import BinaryIO

MAX_BYTES = 32 * 1024 * 1024
STDIN = "-"


def packaged_path() -> str:
    """The dataset shipped with the package (or, in a source checkout, the repo's)."""
    here = os.path.dirname(os.path.realpath(__file__))
    bundled = os.path.join(here, "facts.yaml")
    return bundled if os.path.isfile(bundled) else os.path.join(os.path.dirname(here), "facts.yaml")


def shown_name(path: str | Path) -> str:
    r"""A file's name as the user typed it: bytes that are not UTF-8 shown as `\xff`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_STREAMS: dict[str, bytes] = {}
"""What was read from stdin or another stream (a pipe, `<(...)`, /dev/stdin) in this
run, by name: a stream can be read once, and the fast path and typer's path must see
the same bytes (issue 22: a valid stream was called empty on the second read)."""


def forget_streams() -> None:
    """Start a run afresh: what an earlier run in this process read is not this one's."""
    _STREAMS.clear()


def read_once(paths: Iterable[str | Path | None]) -> None:
    """Refuse a command line that names one stream twice: stdin can be read only once.

    Stdin goes by several names (`-`, `/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`), and
    a pipe, a socket or a terminal named twice is read empty the second time. Two names
    are the same stream when they stand for the same (device, inode) and that is not a
    regular file: a file redirected to stdin, named `/dev/stdin`, is reopened from its
    start. `-` twice is refused whatever stdin is, for Python reads it as one stream.
    """
    seen: dict[object, str] = {}
    stdin = _stream_identity(STDIN)
    for path in paths:
        if path is None:
            continue
        identity = _stream_identity(path)
        if identity is None:
            continue
        if identity in seen:
            from .errors import UsageProblem

            names = f"{seen[identity]} and {shown_name(path)}"
            what = "stdin is" if identity in (stdin, STDIN) else "the same stream is"
            raise UsageProblem(
                f"{what} named twice ({names}): a stream can be read once",
                "save it to a file and name the file for one of them",
            )
        seen[identity] = shown_name(path)


def _stream_identity(path: str | Path) -> object:
    """What a path reads from, when that can be read once: None for a file and the like."""
    try:
        if str(path) == STDIN:
            info = os.fstat(0)
            return (info.st_dev, info.st_ino) if not stat.S_ISREG(info.st_mode) else STDIN
        info = os.stat(path)
    except (OSError, ValueError):  # closed, missing, unreadable: the read says so
        return STDIN if str(path) == STDIN else None
    identity = (info.st_dev, info.st_ino)
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        return identity
    if stat.S_ISCHR(info.st_mode) and identity == _stream_identity(STDIN):
        return identity  # a terminal that is stdin; /dev/null may be read twice
    return None


def read_dataset(path: str | Path | None) -> tuple[str, bytes]:
    """The dataset's bytes and the name to report problems under.

    Read in pieces up to MAX_BYTES, so that a small file reserves no more than it
    holds. A stream is read once per run and its bytes kept for a second reader.
    """
    if path is None:
        path = packaged_path()
    origin = "<stdin>" if str(path) == STDIN else shown_name(path)
    if origin in _STREAMS:
        return origin, _STREAMS[origin]
    try:
        with waiting_on_stream:  # a pipe or a terminal may wait for ever: Ctrl-C ends it
            if origin == "<stdin>":
                if sys.stdin is None:  # Python found fd 0 closed at start-up (`cv ... <&-`)
                    raise OSError(errno.EBADF, os.strerror(errno.EBADF))
                data, stream = _read_capped(sys.stdin.buffer), True
            else:
                with open(path, "rb") as opened:
                    stream = not stat.S_ISREG(os.fstat(opened.fileno()).st_mode)
                    data = _read_capped(opened)
    except (OSError, ValueError) as error:
        # The same line for every command and every cause: missing, a folder, no access.
        if isinstance(error, OSError) and error.strerror:
            reason = error.strerror
        elif origin == "<stdin>":  # closed: the same words as for a closed stdout
            reason = os.strerror(errno.EBADF)
        else:  # a path Python cannot pass to the system, such as one with a NUL byte
            reason = str(error) or type(error).__name__
        raise CvError(f"cannot read {origin}: {reason}") from None
    if len(data) > MAX_BYTES:
        from .problems import DataError, Problem

        limit = f"{MAX_BYTES // (1024 * 1024)} MiB"
        larger = f"the file is larger than {limit}, the limit"
        raise DataError(origin, [Problem(1, 1, larger, "CV002")])
    if stream:
        _STREAMS[origin] = data
    return origin, data


PIECE = 1 << 16  # bytes read at a time: no reservation of the whole cap for a small file


def _read_capped(source: BinaryIO) -> bytes:
    """The source's bytes, read a PIECE at a time, stopping once past MAX_BYTES."""
    pieces: list[bytes] = []
    size = 0
    while size <= MAX_BYTES and (piece := source.read(min(PIECE, MAX_BYTES + 1 - size))):
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text, less any byte-order mark; a byte that is not UTF-8 is a located error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        from .problems import DataError, Problem

        message = f"byte 0x{data[error.start]:02x} is not UTF-8 text; save the file as UTF-8"
        raise DataError(origin, [Problem(line, column, message, "CV001")]) from None
