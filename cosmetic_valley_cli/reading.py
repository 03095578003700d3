"""Reading a dataset's bytes: the packaged file, a path, or stdin, within the size limit.

Kept apart from loader.py, which imports PyYAML and pydantic: a command whose dataset
is in the validation cache reads the bytes and needs nothing more.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from typing import TYPE_CHECKING

from .errors import CvError

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 32 * 1024 * 1024
STDIN = "-"


def packaged_path() -> str:
    """The dataset shipped with the package (or, in a source checkout, the repo's)."""
    here = os.path.dirname(os.path.realpath(__file__))
    bundled = os.path.join(here, "facts.yaml")
    return bundled if os.path.isfile(bundled) else os.path.join(os.path.dirname(here), "facts.yaml")


def read_dataset(path: str | Path | None) -> tuple[str, bytes]:
    """The dataset's bytes and the name to report problems under."""
    if path is None:
        path = packaged_path()
    origin = "<stdin>" if str(path) == STDIN else str(path)
    try:
        if origin == "<stdin>":
            if sys.stdin is None:  # Python found fd 0 closed at start-up (`cv ... <&-`)
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as stream:
                data = stream.read(MAX_BYTES + 1)
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
        raise DataError(origin, [Problem(1, 1, f"the file is larger than {limit}, the limit")])
    return origin, data


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
        raise DataError(origin, [Problem(line, column, message)]) from None
