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
regular file under a size cap, and only when its shape is sound; anything else is a
miss, never an error and never a value. Only names of the cache's own pattern are
ever deleted.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from collections.abc import Iterator, Mapping

from .files import chunks, write_all
from .hints import TYPE_CHECKING
from .reading import MAX_BYTES
from .records import EvidenceRecord, FigureRecord
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
# This cv's temp names, and those of older versions (tempfile.mkstemp's). Patterns,
# compiled on first use: only a write tidies the folder.
TEMPORARY = r"[0-9a-f]{64}\.[0-9a-f]{16}\.tmp|tmp[a-z0-9_]{8}\.tmp"


# The enum-typed fields of each section: a value outside its enum is a damaged entry.
def _declared(record: type) -> dict[str, str]:
    """A TypedDict's fields and their types, as written (`str | None`)."""
    return {name: getattr(hint, "__forward_arg__", str(hint))
            for name, hint in record.__annotations__.items()}  # fmt: skip


RECORDS: dict[str, Mapping[str, str]] = {
    record.__name__: _declared(record) for record in (FigureRecord, EvidenceRecord)
}
"""The records nested in others, by the name their fields' declarations use."""

_DECLARED = {key: _declared(section.record) for key, section in SECTIONS.items()}

CHOICES: dict[str, dict[str, frozenset[str]]] = {
    key: {"type": frozenset(choice.value for choice in section.types)}
    for key, section in SECTIONS.items()
    if section.types is not None
}

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
        modules += [((*parts, name), os.path.join(folder, name)) for name in files
                    if name.endswith(".py")]  # fmt: skip
    for parts, module in sorted(modules):
        status = os.stat(module)
        digest.update(f"{'/'.join(parts)} {status.st_size} {status.st_mtime_ns}\n".encode())
    digest.update(data)
    return digest.hexdigest()


def _open_folder(create: bool) -> int | None:
    """The cache folder's descriptor, when it is the user's alone; else None."""
    folder = directory()
    if folder is None:
        return None
    try:
        if create:
            os.makedirs(os.path.dirname(folder), exist_ok=True)
            try:
                os.mkdir(folder, mode=0o700)
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


def is_sound(
    document: object,
    fields: Mapping[str, tuple[Mapping[str, str], bool]],
    choices: Mapping[str, Mapping[str, frozenset[str]]],
) -> bool:
    """Whether a cached document has the shape of a validated one, its gaps filled in.

    `fields` maps each section's key to (its record's fields and their declared types,
    as written in sections.py, and whether it is a single record); `choices` gives the
    allowed values of enum-typed fields. The fields left out by put() (they were null)
    are put back as None here, and every value must then be of its declared type: an
    entry that is not is a miss, never a wrong value.
    """
    if not (isinstance(document, dict) and document.keys() == fields.keys()):
        return False
    for name, (declared, single) in fields.items():
        section = document[name]
        if not isinstance(section, dict if single else list):
            return False
        enums = choices.get(name, {})
        for record in [section] if single else section:
            if not (isinstance(record, dict) and record.keys() <= declared.keys()):
                return False
            for field, values in enums.items():
                value = record.get(field)
                if not (isinstance(value, str) and value in values):
                    return False
            for field, hint in declared.items():
                if not _fits(record.setdefault(field, None), hint):
                    return False
    return True


def _fits(value: object, hint: str) -> bool:
    """Whether a JSON value is of a declared type: `str | None`, `list[str]`, a record."""
    for alternative in hint.split(" | "):
        if alternative == "None":
            if value is None:
                return True
        elif alternative == "str":
            if isinstance(value, str):
                return True
        elif alternative == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return True
        elif alternative == "bool":
            if isinstance(value, bool):
                return True
        elif alternative.startswith("list[") and alternative.endswith("]"):
            inner = alternative[5:-1]
            if isinstance(value, list) and all(_fits(item, inner) for item in value):
                return True
        elif alternative in RECORDS:
            nested = RECORDS[alternative]
            if (isinstance(value, dict) and value.keys() == nested.keys()
                    and all(_fits(value[key], kind) for key, kind in nested.items())):  # fmt: skip
                return True
    return False


def get(entry: str) -> dict[str, Any] | None:
    """The validated document stored under `entry`, if there is a sound one."""
    folder = _open_folder(create=False)
    if folder is None:
        return None
    try:
        data = _read_entry(folder, f"{entry}.json")
    finally:
        os.close(folder)
    if data is None:
        return None
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    fields = {key: (_DECLARED[key], not section.many) for key, section in SECTIONS.items()}
    return document if is_sound(document, fields, CHOICES) else None


def put(entry: str, document: dict[str, Any]) -> None:
    """Store a validated document; a cache that cannot be written is simply not used.

    Records are written one by one, without their empty fields, so that storing a large
    dataset needs no second copy of it in memory and the entry is quick to read back.
    An error, Ctrl-C or SIGTERM while writing leaves no temp file behind.
    """
    folder = _open_folder(create=True)
    if folder is None:
        return
    temporary = f"{entry}.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                     dir_fd=folder)  # fmt: skip
        try:
            try:
                for block in chunks(_compact(document)):
                    write_all(fd, block)
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
