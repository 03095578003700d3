"""The validation cache: a dataset is validated once, not at every start of cv.

The key is a SHA-256 of the dataset's bytes and of cv itself (its version, and the
size and modification time of each of its modules), so a changed dataset or a changed
cv is validated again. The value is the validated document as JSON. Only datasets that
passed validation are stored. `cv validate` always checks in full. CV_CACHE=off turns
the cache off; it lives in $XDG_CACHE_HOME/cosmetic-valley-cli (else
~/.cache/cosmetic-valley-cli; a relative XDG_CACHE_HOME is ignored, as the XDG spec
says) and keeps the newest MAX_ENTRIES datasets.

The cache trusts nothing it finds. The folder is used only when it is a real folder
(not a symlink) owned by the user and writable by no one else; otherwise cv runs
uncached. Every operation goes through the folder's open descriptor, so the folder
cannot be swapped between the check and the use. An entry is read only when it is a
regular file under a size cap. Only names of the cache's own pattern are ever deleted.

What an entry says is trusted by its integrity, not by its shape. Its first line is
the SHA-256 of the rest, the compact JSON that put() wrote, and a read checks it:
one changed character (a source id, a year, a sign) is a miss, where a check of
types would have let a damaged entry of the right shape through, and given wrong
facts or exit 70. The digest catches damage (a failing disk, a file cut short by a
crash, a hand edit), not forgery: no one else can write in the folder, and that is
what the checks above are for. A missing or wrong digest, bytes that are not UTF-8 JSON, or a
document without exactly the sections of SECTIONS is a miss, never an error and never
a value. The key binds an entry to this cv and to the dataset's bytes, so nothing in
an entry depends on the declared types of the fields: a new field of any type is not
a reason to validate again.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .files import chunks, write_all
from .reading import MAX_BYTES
from .records import SHAPES
from .sections import SECTIONS
from .version import __version__

if TYPE_CHECKING:
    from hashlib import sha256
    from typing import Any
else:
    try:  # CPython's own SHA-256: hashlib's digests, without loading OpenSSL (about 3 ms)
        from _sha256 import sha256
    except ImportError:  # Python 3.12 and later name it _sha2; other Pythons have hashlib
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

MAX_ENTRIES = 8
MAX_ENTRY_BYTES = 4 * MAX_BYTES  # a validated dataset's JSON is about the size of its YAML
STALE_SECONDS = 3600  # a temp file this old belongs to a cv that was killed mid-write
OFF = ("off", "0", "no", "false")

ENTRY = r"[0-9a-f]{64}\.json"
DIGEST = 64  # an entry's first line: the SHA-256, in hex, of the bytes after it
# This cv's temp names, and those of older versions (tempfile.mkstemp's). Patterns,
# compiled on first use: only a write tidies the folder.
TEMPORARY = r"[0-9a-f]{64}\.[0-9a-f]{16}\.tmp|tmp[a-z0-9_]{8}\.tmp"


_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = _READ | getattr(os, "O_DIRECTORY", 0)
# Without these (Windows), the checks above cannot be made safely: no cache there.
_SAFE = (
    hasattr(os, "O_NOFOLLOW")
    and {os.open, os.rename, os.unlink} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)


def directory() -> str | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("CV_CACHE", "").lower() in OFF or not _SAFE:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cosmetic-valley-cli")


def in_use() -> bool:
    """Whether an entry could be there: the cache is on and its folder exists."""
    folder = directory()
    return folder is not None and os.path.isdir(folder)


def key(data: bytes) -> str:
    """The cache key of a dataset's bytes, for this very cv.

    Each module of the package, in the order of its path's parts, adds a line
    `relative/path.py SIZE MTIME_NS`; then the dataset's bytes.
    """
    digest = sha256(f"cv {__version__}\n".encode())
    package = os.path.dirname(os.path.abspath(__file__))
    modules: list[tuple[tuple[str, ...], str]] = []
    for folder, folders, files in os.walk(package):
        folders[:] = [name for name in folders if name != "__pycache__"]
        parts = tuple(os.path.relpath(folder, package).split(os.sep)) if folder != package else ()
        modules += [
            ((*parts, name), os.path.join(folder, name)) for name in files if name.endswith(".py")
        ]
    for parts, module in sorted(modules):
        status = os.stat(module)
        digest.update(f"{'/'.join(parts)} {status.st_size} {status.st_mtime_ns}\n".encode())
    digest.update(data)
    return digest.hexdigest()


def _open_folder(create: bool) -> int | None:
    """The cache folder's descriptor, when it is the user's alone; else None.

    Created if need be, with its base (~/.cache), but never a chain of folders above:
    `HOME=/nonexistent`, as service accounts have, or an XDG_CACHE_HOME whose parent is
    missing, means no cache, not new folders at the root (issue 22's hostile pass).
    """
    folder = directory()
    if folder is None:
        return None
    try:
        if create:  # the base (~/.cache) and the folder, in a parent that exists
            for level in (os.path.dirname(folder), folder):
                try:
                    os.mkdir(level, mode=0o700)
                except FileExistsError:
                    pass
        fd = os.open(folder, _DIRECTORY)
    except OSError:
        return None
    status = os.fstat(fd)
    if (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.geteuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        return fd
    os.close(fd)
    return None


def _read_entry(folder: int, name: str) -> bytes | None:
    """An entry's bytes: a regular file of the user's, under the size cap; else None."""
    try:
        fd = os.open(name, _READ, dir_fd=folder)
    except OSError:  # missing, a symlink (ELOOP), ...
        return None
    try:
        status = os.fstat(fd)
        if not (
            stat.S_ISREG(status.st_mode)
            and status.st_uid == os.geteuid()
            and status.st_size <= MAX_ENTRY_BYTES
        ):
            return None
        parts = []
        size = 0
        while part := os.read(fd, min(1 << 20, MAX_ENTRY_BYTES + 1 - size)):
            parts.append(part)
            size += len(part)
            if size > MAX_ENTRY_BYTES:  # grew since fstat
                return None
        return b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)


def get(entry: str) -> dict[str, Any] | None:
    """The validated document stored under `entry`, if its digest is right."""
    folder = _open_folder(create=False)
    if folder is None:
        return None
    try:
        data = _read_entry(folder, f"{entry}.json")
    finally:
        os.close(folder)
    if data is None:
        return None
    text = _payload(data)
    del data  # each form of a large entry goes as soon as the next is made
    if text is None:
        return None
    try:
        document = json.loads(text, parse_constant=_refused)  # NaN, Infinity: not JSON
    except (ValueError, RecursionError):
        return None
    del text
    return _filled(document) if fits(document, "Document") else None


def _refused(constant: str) -> object:
    raise ValueError(f"{constant} is not JSON")


def fits(value: object, shape: str) -> bool:
    """Whether JSON data has a shape of records.SHAPES: `str | None`, `list[...]`, a record.

    Only an entry forged with a right digest fails: cv writes what it validated. Such an
    entry is a miss, like a damaged one, so no renderer meets a number for a list or a
    list for a name. The values themselves (a date's form, a count's sign) are not
    checked again: that is validation, which the cache is there to save.
    """
    return _check(shape)(value)


_SCALARS: dict[str, tuple[type, ...]] = {
    "None": (type(None),),
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}
"""The JSON types of a scalar shape: exact types, so that True is no int."""
_CHECKS: dict[str, Callable[[object], bool]] = {}


def _scalar(shape: str) -> frozenset[type] | None:
    """The types a shape of scalars only (`str | None`) allows; None for any other shape."""
    kinds: set[type] = set()
    for choice in shape.split(" | "):
        if choice not in _SCALARS:
            return None
        kinds.update(_SCALARS[choice])
    return frozenset(kinds)


def _check(shape: str) -> Callable[[object], bool]:
    """The test for one shape, made from its text once and kept."""
    found = _CHECKS.get(shape)
    if found is not None:
        return found
    scalar = _scalar(shape)
    choices = shape.split(" | ")
    if scalar is not None:
        found = lambda value: type(value) in scalar  # noqa: E731
    elif len(choices) > 1:
        tests = [_check(choice) for choice in choices]
        found = lambda value: any(test(value) for test in tests)  # noqa: E731
    elif shape.startswith("list[") and shape.endswith("]"):
        item = _check(shape[len("list[") : -1])
        found = lambda value: type(value) is list and all(map(item, value))  # noqa: E731
    else:
        found = _record_check(SHAPES[shape])
    _CHECKS[shape] = found
    return found


def _record_check(fields: dict[str, str]) -> Callable[[object], bool]:
    """A record: a dict of its own fields, each of its shape; a null field may be left out.

    A scalar field is one set lookup of its type, not a call: the check then costs
    0.09 s on a 100k-record entry, 9% of `cache.get` (1.12 s against 1.03 s, medians
    of 9).
    """
    scalars = {name: kinds for name, shape in fields.items() if (kinds := _scalar(shape))}
    others = {name: _check(shape) for name, shape in fields.items() if name not in scalars}
    required = {name for name, shape in fields.items() if "None" not in shape.split(" | ")}

    def test(value: object) -> bool:
        if type(value) is not dict or not value.keys() >= required:
            return False
        for name, item in value.items():
            kinds = scalars.get(name)
            if kinds is not None:
                if type(item) not in kinds:
                    return False
            elif name not in others or not others[name](item):
                return False  # a field no record has, or one of the wrong shape
        return True

    return test


def _payload(data: bytes) -> str | None:
    """An entry's JSON text, when the digest on its first line is that of the rest."""
    if data[DIGEST : DIGEST + 1] != b"\n":
        return None
    payload = memoryview(data)[DIGEST + 1 :]  # hashed and decoded in place: no copy
    if sha256(payload).hexdigest().encode() != data[:DIGEST]:
        return None
    try:
        return str(payload, "utf-8")
    except UnicodeDecodeError:
        return None


def _filled(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every field of every record, as the loader gives it.

    put() left out the null fields: they are put back as None, in the order of the
    section's fields, so that the document equals the validated one and is written out
    the same. Each record is replaced as it is filled: no second copy of a section. The
    shapes were checked first (`fits`).
    """
    for name, section in SECTIONS.items():
        fields = section.record_fields
        value = document[name]
        if not section.many:
            document[name] = {field: value.get(field) for field in fields}
        else:
            for index, record in enumerate(value):
                value[index] = {field: record.get(field) for field in fields}
    return document


def put(entry: str, document: dict[str, Any]) -> None:
    """Store a validated document; a cache that cannot be written is simply not used.

    Records are written one by one, without their empty fields, so that storing a large
    dataset needs no second copy of it in memory and the entry is quick to read back.
    The digest is computed as the blocks are written, and written last over a
    placeholder on the first line. An error, Ctrl-C or SIGTERM while writing leaves no
    temp file behind.
    """
    folder = _open_folder(create=True)
    if folder is None:
        return
    temporary = f"{entry}.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=folder
        )
        try:
            try:
                _write(fd, document)
            finally:
                os.close(fd)
            os.replace(temporary, f"{entry}.json", src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            _remove(folder, temporary)
            raise
        _tidy(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def _write(fd: int, document: dict[str, Any]) -> None:
    """Write an entry: the digest's line, then the compact JSON that it is the digest of."""
    write_all(fd, b"0" * DIGEST + b"\n")
    digest = sha256()
    for block in chunks(_compact(document)):
        digest.update(block)
        write_all(fd, block)
    os.lseek(fd, 0, os.SEEK_SET)
    write_all(fd, digest.hexdigest().encode())


def _remove(folder: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass


def _tidy(folder: int) -> None:
    """Keep the newest MAX_ENTRIES entries, and remove temp files left by a killed cv."""
    entries: list[tuple[int, str]] = []
    stale = time.time() - STALE_SECONDS
    with os.scandir(folder) as listing:
        for item in listing:
            entry, temporary = re.fullmatch(ENTRY, item.name), re.fullmatch(TEMPORARY, item.name)
            if not (entry or temporary):
                continue  # not the cache's own: never touched
            try:
                status = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry:
                entries.append((status.st_mtime_ns, item.name))
            elif status.st_mtime < stale:
                _remove(folder, item.name)
    for _, name in sorted(entries)[:-MAX_ENTRIES]:
        _remove(folder, name)


def _compact(document: dict[str, Any]) -> Iterator[str]:
    """The document as compact JSON, piece by piece, records without their null fields."""

    def record(value: dict[str, Any]) -> str:
        kept = {key: item for key, item in value.items() if item is not None}
        return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))

    for number, (key, section) in enumerate(document.items()):
        yield ("{" if number == 0 else ",") + json.dumps(key) + ":"
        if isinstance(section, list):
            yield "["
            for index, item in enumerate(section):
                yield ("," if index else "") + record(item)
            yield "]"
        else:
            yield record(section)
    yield "}"
