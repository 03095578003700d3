"""The version of cv, in a module of its own so that anything may import it."""

import os
import sys

__version__ = "0.3.0"


def write_version() -> None:
    """Print `cv VERSION`: the one place it is printed, on every path.

    In one write to descriptor 1, before anything else is imported (the `cv` script
    calls this first); to sys.stdout when that is not a file (a test's capture). Raises
    OSError when stdout cannot take the line, for the caller's one error path.
    """
    line = f"cv {__version__}\n"
    stream = sys.stdout
    if stream is None:  # Python found descriptor 1 closed at start-up
        raise OSError(9, os.strerror(9))  # EBADF, without importing errno
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        stream.write(line)
        stream.flush()
        return
    stream.flush()
    data = line.encode()
    if os.write(fd, data) != len(data):
        raise OSError(5, os.strerror(5))  # EIO: a short write of one short line
