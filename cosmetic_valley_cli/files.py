"""Writing bytes so that none is lost and no file is left half-written.

`write_all` is the one loop over short writes, used for stdout, the cache and saved
files. `replace_file` writes a file the way git does: a temp file in the same folder,
flushed and fsynced, then renamed over the target, so a failed or interrupted write
leaves the old file whole and no temp file behind. Only the standard library is
imported here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .signals import check, waiting_on_stream

if TYPE_CHECKING:
    from pathlib import Path

CHUNK = 64 * 1024  # small pieces are joined into writes of about this size


def write_all(fd: int, data: bytes) -> None:
    """Write every byte to `fd`, however many calls the kernel wants for it.

    A short write (a pipe, a signal, a file-size limit near) is followed by another
    for the rest; the error, if any, comes from the call that wrote nothing. A file
    descriptor left non-blocking by another program waits until it can take more.
    A write is a safe point to stop at on Ctrl-C, and its wait (a full pipe) ends there.
    """
    view = memoryview(data)
    while view:
        with waiting_on_stream:
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                import select

                select.select([], [fd], [])
                continue
        view = view[written:]


def chunks(pieces: Iterable[str | bytes]) -> Iterator[bytes]:
    """UTF-8 bytes in blocks of about CHUNK: one write per block, not one per piece."""
    batch: list[bytes] = []
    size = 0
    for piece in pieces:
        data = piece.encode("utf-8") if isinstance(piece, str) else piece
        batch.append(data)
        size += len(data)
        if size >= CHUNK:
            yield b"".join(batch)
            batch, size = [], 0
    if batch:
        yield b"".join(batch)


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or those of a new file."""
    try:
        status = path.lstat()
    except OSError:
        return _new_file_mode()
    if not stat.S_ISREG(status.st_mode):  # a symlink is replaced by a new file
        return _new_file_mode()
    return stat.S_IMODE(status.st_mode)


def _new_file_mode() -> int:
    """The mode a plain `open(path, "w")` would give a new file under this umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def replace_file(path: Path, pieces: Iterable[str | bytes]) -> None:
    """Write `path` whole or not at all; raises OSError when it cannot be written.

    A symlink at `path` is replaced by the new file, not written through. The new
    file gets the permissions a newly created file gets (the umask is honoured).
    """
    folder = path.parent
    # A name of its own length, whatever the target's: one of 255 bytes must still save.
    temporary = folder / f".cv-{os.urandom(8).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temporary, flags, 0o600)
    try:
        try:
            for block in chunks(pieces):
                write_all(fd, block)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, _mode_for(path))
            os.fsync(fd)
        finally:
            os.close(fd)
        check()  # Ctrl-C while the file was written: the old file stays
        temporary.replace(path)
    except BaseException:  # an error, Ctrl-C or SIGTERM: no temp file is left behind
        temporary.unlink(missing_ok=True)
        raise
