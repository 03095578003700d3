"""Hostile environments: a cache that trusts nothing, no lost writes, clean signals and paths.

Each class of failure has its tests here, named after it: test_cache_*, test_output_*,
test_save_*, test_signal_* and test_path_*. Most run the installed `cv` as a user would.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
from conftest import FACTS
from test_installed import CV, big_dataset
from typer.testing import CliRunner

from cosmetic_valley_cli import cache, files, load_document, output
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.loader import parse_document

runner = CliRunner()
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX files and signals")
LINUX = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
NOBODY = 65534  # a user id that is not root's


def cv(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
    stdout: int | IO[bytes] = subprocess.PIPE,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[bytes]:
    """The installed cv; `before` runs in the child first (a limit, a closed stream)."""
    return subprocess.run(
        [*prefix, str(CV), *args], cwd=cwd, env={**os.environ, **(env or {})},
        preexec_fn=before, stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home" / "cosmetic-valley-cli"


def entry_name() -> str:
    return f"{cache.key(FACTS.read_bytes())}.json"


def forged_entry() -> str:
    """A well-shaped entry, its digest right, that says something false."""
    document = parse_document(FACTS.read_text(encoding="utf-8"), str(FACTS))
    document["cluster"]["name"] = "Forged Valley"
    forged = json.dumps(document)
    return f"{hashlib.sha256(forged.encode()).hexdigest()}\n{forged}"


# 1. The cache trusts nothing.


@POSIX
def test_cache_folder_is_created_for_the_user_alone(own_cache: Path) -> None:
    load_document(FACTS)
    assert own_cache.stat().st_mode & 0o777 == 0o700
    assert (own_cache / entry_name()).is_file()


@POSIX
def test_cache_symlinked_folder_is_never_read_nor_evicted_into(
    own_cache: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir(mode=0o700)
    theirs = [elsewhere / f"{n:064x}.json" for n in range(cache.MAX_ENTRIES + 4)]
    for path in theirs:
        path.write_text("{}", encoding="utf-8")
    (elsewhere / entry_name()).write_text(forged_entry(), encoding="utf-8")
    own_cache.parent.mkdir()
    own_cache.symlink_to(elsewhere)
    assert load_document(FACTS)["cluster"]["name"] == "Cosmetic Valley"
    assert all(path.exists() for path in theirs)
    assert len(list(elsewhere.iterdir())) == len(theirs) + 1


@POSIX
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722], ids=["world", "group", "others-w"])
def test_cache_folder_writable_by_others_is_not_used(own_cache: Path, mode: int) -> None:
    own_cache.mkdir(parents=True)
    own_cache.chmod(mode)
    (own_cache / entry_name()).write_text(forged_entry(), encoding="utf-8")
    result = runner.invoke(app, ["facts", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["cluster"]["name"] == "Cosmetic Valley"
    assert [path.name for path in own_cache.iterdir()] == [entry_name()]  # nothing written


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_cache_folder_of_another_user_is_not_used(own_cache: Path) -> None:
    own_cache.mkdir(parents=True, mode=0o700)
    (own_cache / entry_name()).write_text(forged_entry(), encoding="utf-8")
    os.chown(own_cache, NOBODY, NOBODY)
    assert load_document(FACTS)["cluster"]["name"] == "Cosmetic Valley"


def test_cache_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "home").mkdir()  # a home that exists: the cache makes no chain of folders
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert cache.directory() == str(tmp_path / "home" / ".cache" / "cosmetic-valley-cli")
    load_document(FACTS)
    assert not (tmp_path / "relative").exists()
    assert (tmp_path / "home" / ".cache" / "cosmetic-valley-cli" / entry_name()).is_file()


@POSIX
def test_cache_entry_that_is_a_symlink_is_not_followed(own_cache: Path, tmp_path: Path) -> None:
    forged = tmp_path / "forged.json"
    forged.write_text(forged_entry(), encoding="utf-8")
    own_cache.mkdir(parents=True, mode=0o700)
    (own_cache / entry_name()).symlink_to(forged)  # /dev/zero would be read without end
    assert load_document(FACTS)["cluster"]["name"] == "Cosmetic Valley"
    assert forged.read_text(encoding="utf-8") == forged_entry()


@POSIX
def test_cache_entry_that_is_a_fifo_does_not_hang(own_cache: Path, tmp_path: Path) -> None:
    own_cache.mkdir(parents=True, mode=0o700)
    os.mkfifo(own_cache / entry_name())
    env = {"XDG_CACHE_HOME": str(own_cache.parent)}
    # The timeout only turns a hang (the bug) into a failure; no time is measured.
    result = cv("facts", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["cluster"]["name"] == "Cosmetic Valley"


def test_cache_entry_over_the_size_cap_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forged = forged_entry()
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", len(forged) - 1)
    own_cache.mkdir(parents=True, mode=0o700)
    (own_cache / entry_name()).write_text(forged, encoding="utf-8")
    assert cache.get(entry_name().removesuffix(".json")) is None
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", len(forged))
    assert cache.get(entry_name().removesuffix(".json")) is not None


def test_cache_evicts_only_its_own_names(own_cache: Path, tmp_path: Path) -> None:
    own_cache.mkdir(parents=True, mode=0o700)
    others = ["notes.json", "facts.json", f"{'0' * 63}.json", f"{'A' * 64}.json", "keep.tmp"]
    for name in others:
        (own_cache / name).write_text("{}", encoding="utf-8")
    text = FACTS.read_text(encoding="utf-8")
    for n in range(cache.MAX_ENTRIES + 2):
        data = tmp_path / f"copy{n}.yaml"
        data.write_text(text.replace("author: Claire", f"author: Claire {n}"), encoding="utf-8")
        load_document(data)
    names = {path.name for path in own_cache.iterdir()}
    assert set(others) <= names
    assert len(names - set(others)) == cache.MAX_ENTRIES


def test_cache_removes_stale_temp_files(own_cache: Path) -> None:
    own_cache.mkdir(parents=True, mode=0o700)
    stale = [own_cache / f"{'a' * 64}.{'b' * 16}.tmp", own_cache / "tmpab_cd12e.tmp"]
    fresh = own_cache / f"{'c' * 64}.{'d' * 16}.tmp"
    foreign = own_cache / "tmp-mine.tmp"
    for path in [*stale, fresh, foreign]:
        path.write_text("{", encoding="utf-8")
    an_hour_ago = fresh.stat().st_mtime - cache.STALE_SECONDS - 60
    for path in [*stale, foreign]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    load_document(FACTS)
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and foreign.exists()  # in use by another cv; not the cache's


@pytest.mark.parametrize(
    "interruption", [KeyboardInterrupt(), SystemExit(143), OSError(errno.ENOSPC, "full")]
)
def test_cache_interrupted_write_leaves_no_temp_file(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch, interruption: BaseException
) -> None:
    def interrupted(fd: int, data: bytes) -> None:
        os.write(fd, data[:10])
        raise interruption

    monkeypatch.setattr(cache, "write_all", interrupted)
    if isinstance(interruption, OSError):  # a full disk: the cache is just not used
        load_document(FACTS)
    else:
        with pytest.raises(type(interruption)):
            load_document(FACTS)
    assert list(own_cache.iterdir()) == []


# 2. No write lost, every write failure clear.


class ShortWrites(io.RawIOBase):
    """An unbuffered stream that takes at most a few bytes per call, as a pipe may."""

    def __init__(self) -> None:
        self.taken = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        piece = bytes(data)[:7]  # type: ignore[call-overload]
        self.taken += piece
        return len(piece)


def test_output_short_writes_are_written_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = ShortWrites()
    stream = io.TextIOWrapper(raw, encoding="utf-8")  # type: ignore[type-var]
    monkeypatch.setattr(sys, "stdout", stream)
    text = "Orléans, " * 5000
    output.write(iter([text, "end\n"]))
    assert raw.taken.decode("utf-8") == text + "end\n"


def test_output_short_writes_to_a_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    calls: list[int] = []

    def short(fd: int, data: bytes) -> int:
        calls.append(len(data))
        return real_write(fd, bytes(data)[:1000])

    monkeypatch.setattr(os, "write", short)
    target = tmp_path / "out"
    with target.open("wb") as stream:
        for block in files.chunks(["x" * 10] * 10_000):
            files.write_all(stream.fileno(), block)
    assert target.read_bytes() == b"x" * 100_000
    assert calls[0] >= files.CHUNK  # small pieces batched into one write


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [("facts",), ("partners", "--json"), ("sheet",), ("--version",), ("--help",)],
    ids=["facts", "partners-json", "sheet", "version", "help"],
)
def test_output_to_a_full_disk_exits_1_with_one_line(tmp_path: Path, args: tuple[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        result = cv(*args, cwd=tmp_path, stdout=full)
    assert result.returncode == 1
    assert result.stderr == b"cv: cannot write output: No space left on device\n"


def limit_file_size(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@POSIX
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
def test_output_file_size_limit_is_an_error_not_a_cut_file(tmp_path: Path, unbuffered: str) -> None:
    data = big_dataset(tmp_path, 3000)
    env = {"PYTHONUNBUFFERED": unbuffered, "CV_CACHE": "off"}
    with (tmp_path / "out.json").open("wb") as target:
        result = cv("--data", str(data), "partners", "--json", cwd=tmp_path, env=env,
                    before=limit_file_size(100_000), stdout=target)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == b"cv: cannot write output: File too large\n"


@POSIX
def test_output_unbuffered_is_complete(tmp_path: Path) -> None:
    data = big_dataset(tmp_path, 3000)
    result = cv("--data", str(data), "partners", "--json", cwd=tmp_path,
                env={"PYTHONUNBUFFERED": "1"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3000 + len(load_document(FACTS)["partners"])


@POSIX
def test_output_closed_stdout_exits_1(tmp_path: Path) -> None:
    result = cv("partners", "--json", cwd=tmp_path, before=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == b"cv: cannot write output: Bad file descriptor\n"


@POSIX
def test_output_closed_stdin_with_data_dash_exits_1(tmp_path: Path) -> None:
    result = cv("--data", "-", "facts", cwd=tmp_path, before=lambda: os.close(0))
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr == b"cv: error: cannot read <stdin>: Bad file descriptor\n"


@POSIX
def test_output_errors_to_a_closed_pipe_end_quietly(tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8")
    bad = "".join(f"  - name: P{n}\n    type: bogus\n" for n in range(2000))
    data = tmp_path / "bad.yaml"
    data.write_text(text.replace("\npartners:\n", "\npartners:\n" + bad), encoding="utf-8")
    process = subprocess.Popen([str(CV), "validate", str(data)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.close()  # `2>&1 | head -1`: the reader of the errors is gone
    assert first.startswith(str(data).encode() + b":")
    assert process.wait(timeout=120) == 1  # invalid data, not 120 from a failed flush


# 3. Files written the way git writes them.


def test_save_replaces_a_symlink_not_its_target(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "sheet.txt"
    link.symlink_to(target)
    result = runner.invoke(app, ["sheet", "--save", str(link)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert not link.is_symlink()
    assert "COSMETIC VALLEY" in link.read_text(encoding="utf-8")


@POSIX
def test_save_honours_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert runner.invoke(app, ["sheet", "--save", str(tmp_path / "s.txt")]).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "s.txt").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), KeyboardInterrupt()],
    ids=["disk-full", "ctrl-c"],
)
def test_save_that_fails_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    path = tmp_path / "sheet.svg"
    path.write_text("<svg>old</svg>", encoding="utf-8")

    def fail(_fd: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    result = runner.invoke(app, ["sheet", "--save", str(path)])
    if isinstance(failure, OSError):
        assert result.exit_code == 1
        assert result.stderr == f"cv: error: cannot write {path}: No space left on device\n"
    else:
        assert result.exit_code == 130  # typer's own exit for KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "<svg>old</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.svg"]


@POSIX
def test_save_past_a_file_size_limit_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "sheet.svg"
    path.write_text("<svg>old</svg>", encoding="utf-8")
    result = cv("sheet", "--save", str(path), cwd=tmp_path, env={"CV_CACHE": "off"},
                before=limit_file_size(4096))  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == f"cv: error: cannot write {path}: File too large\n".encode()
    assert path.read_text(encoding="utf-8") == "<svg>old</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.svg"]


# 4. Signals and paths.


def signal_mask(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1], 16)
    raise AssertionError(field)


def caught(pid: int, number: int) -> bool:
    return bool(signal_mask(pid, "SigCgt") & (1 << (number - 1)))


@LINUX
@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["sigterm", "sigint"])  # fmt: skip
def test_signal_exits_quietly_with_its_code(tmp_path: Path, number: int, code: int) -> None:
    process = subprocess.Popen(
        [str(CV), "--data", "-", "facts"], cwd=tmp_path,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    # Wait for cv's own handlers (SIGTERM's is set last; Python sets a SIGINT one of its
    # own at start-up, before cv's). The deadline only turns a missing handler into a
    # failure instead of a hang; the test does not depend on timing.
    deadline = time.monotonic() + 60
    while not caught(process.pid, signal.SIGTERM):
        assert process.poll() is None
        assert time.monotonic() < deadline, "cv never set its SIGTERM handler"
        time.sleep(0.001)
    process.send_signal(number)
    out, error = process.communicate(timeout=120)
    assert process.returncode == code, error
    assert out == b""
    assert b"Traceback" not in error


@LINUX
def test_signal_handling_starts_with_the_package(tmp_path: Path) -> None:
    """Importing the package as `cv` sets the handlers before typing, typer or pydantic."""
    probe = (
        "import sys; sys.argv[0] = '/usr/bin/cv'; import cosmetic_valley_cli, signal; "
        "print(signal.getsignal(signal.SIGINT).__name__, "
        "signal.getsignal(signal.SIGXFSZ) is signal.SIG_IGN, 'typer' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)  # fmt: skip
    assert result.stdout.split() == ["_record", "True", "False"], result.stderr
    library = probe.replace("'/usr/bin/cv'", "'myscript.py'")
    result = subprocess.run([sys.executable, "-c", library], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)  # fmt: skip
    assert result.stdout.split()[::2] == ["default_int_handler", "False"], result.stderr


def unreadable(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "no-permission":
        path.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
        path.chmod(0)
    return path


REASONS = {"missing": "No such file or directory", "folder": "Is a directory",
           "no-permission": "Permission denied"}  # fmt: skip


@POSIX
@pytest.mark.parametrize("kind", list(REASONS))
@pytest.mark.parametrize(
    "command",
    [["validate", "{}"], ["--data", "{}", "facts"], ["--data", "{}", "partners", "--json"]],
    ids=["validate", "data-facts", "data-partners"],
)
def test_path_that_cannot_be_read_is_exit_1_one_line(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    path = unreadable(kind, tmp_path)
    prefix: tuple[str, ...] = ()
    if kind == "no-permission" and os.geteuid() == 0:  # root reads anything: drop that power
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv cannot be denied a file")
        prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")
    args = [part.format(path) for part in command]
    result = cv(*args, cwd=tmp_path, env={"CV_CACHE": "off"}, prefix=prefix)
    assert result.stderr.decode() == f"cv: error: cannot read {path}: {REASONS[kind]}\n"
    assert result.returncode == 1
    assert result.stdout == b""


@pytest.mark.parametrize("fast", ["on", "off"])
@pytest.mark.parametrize(("argv", "code"), [(["partners", "--json"], 0), (["nosuch"], 2)])
def test_main_in_process_ends_with_system_exit(fast: str, argv: list[str], code: int) -> None:
    """A program that runs cv's main() keeps its process: SystemExit, its atexit, its signals."""
    load_document()  # warm: with the fast path on, it answers
    script = (
        "import atexit, signal, sys\n"
        "from cosmetic_valley_cli import main\n"
        "def mine(number, frame): pass\n"
        "signal.signal(signal.SIGINT, mine)\n"
        "atexit.register(lambda: sys.stderr.write('atexit ran\\n'))\n"
        "atexit.register(lambda: signal.getsignal(signal.SIGINT) is mine or print('lost'))\n"
        f"sys.argv = ['cv', *{argv!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as end:\n    sys.stderr.write(f'caught {end.code}\\n')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False,
                            env={**os.environ, "CV_FAST": fast})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith(f"caught {code}\natexit ran\n"), result.stderr
    assert "lost" not in result.stdout  # its Ctrl-C handler is its own still
    if code == 0:
        assert json.loads(result.stdout)[0]["id"] == load_document()["partners"][0]["id"]


HELP_LIKE = [["--help"], ["partners", "--help"], ["--version"], ["--show-completion", "bash"], []]


@POSIX
@pytest.mark.parametrize("args", HELP_LIKE, ids=lambda args: " ".join(args) or "(bare cv)")
def test_what_typer_prints_to_a_closed_pipe_ends_141(args: list[str], tmp_path: Path) -> None:
    """click ends a closed pipe at --help with exit 1 and no word; cv says 141, as elsewhere."""
    env = {**os.environ, "CV_FAST": "off"}
    process = subprocess.Popen([str(CV), *args], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `cv --help | true`: the reader is gone before cv writes
    assert process.wait(timeout=120) == 141
    assert process.stderr.read() == b""


@POSIX
@pytest.mark.parametrize("args", HELP_LIKE, ids=lambda args: " ".join(args) or "(bare cv)")
def test_what_typer_prints_to_a_closed_stdout_is_an_error(args: list[str], tmp_path: Path) -> None:
    """Python makes sys.stdout None and click prints nothing to it; cv says so, exit 1."""
    result = cv(*args, cwd=tmp_path, env={"CV_FAST": "off"}, before=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == b"cv: cannot write output: Bad file descriptor\n"


@POSIX
@pytest.mark.parametrize("args", [a for a in HELP_LIKE if a != ["--version"]],
                         ids=lambda args: " ".join(args) or "(bare cv)")  # fmt: skip
def test_what_typer_prints_past_a_file_size_limit_is_an_error(
    args: list[str], tmp_path: Path
) -> None:
    """Python's stdout kept the rest of a short write and lost it, exit 0; cv says so."""
    whole = cv(*args, cwd=tmp_path, env={"CV_FAST": "off"})
    assert whole.returncode == 0
    assert len(whole.stdout) > 200
    with (tmp_path / "out.txt").open("wb") as target:
        result = cv(*args, cwd=tmp_path, env={"CV_FAST": "off"}, before=limit_file_size(200),
                    stdout=target)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == b"cv: cannot write output: File too large\n"
    assert whole.stdout.startswith((tmp_path / "out.txt").read_bytes())
