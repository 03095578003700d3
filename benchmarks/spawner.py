"""Starts the benchmark's processes from a process smaller than any of them.

A child's peak memory (ru_maxrss) counts what its parent had resident when it was
started: glibc's posix_spawn shares the parent's memory until exec, and the kernel
carries the parent's peak over. benchmarks/startup.py imports more than a bare Python,
so it asks this process, run as `python -I -S`, with nothing but built-in modules, to
start each command. It reads requests from stdin, each a length and a marshalled
(argv, env); it runs the command with stdin, stdout and stderr on /dev/null, waits for
it, and answers (wall seconds, peak resident bytes, exit code, its own peak so far): a
child's peak below the spawner's own reads as the spawner's.
"""

from __future__ import annotations

import marshal
import os
import time

QUIET = [
    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
]


def send(value: tuple[float, int, int, int]) -> None:
    data = marshal.dumps(value)
    os.write(1, len(data).to_bytes(4, "big") + data)


def receive() -> tuple[list[str], dict[str, str]]:
    size = b""
    while len(size) < 4:
        part = os.read(0, 4 - len(size))
        if not part:
            raise SystemExit(0)
        size += part
    length, data = int.from_bytes(size, "big"), b""
    while len(data) < length:
        data += os.read(0, length - len(data))
    request: tuple[list[str], dict[str, str]] = marshal.loads(data)
    return request


def own_peak() -> int:
    """This process's peak resident memory, which its children's peaks start from.

    Not getrusage's: that counts the peak of the process that started this one.
    """
    with open("/proc/self/status", "rb") as status:  # noqa: PTH123 - no pathlib here
        for line in status:
            if line.startswith(b"VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def main() -> None:
    while True:
        argv, env = receive()
        started = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=QUIET)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - started
        send((elapsed, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status), own_peak()))


if __name__ == "__main__":
    main()
