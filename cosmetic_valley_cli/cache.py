"""The validation cache: a dataset is validated once, not at every start of cv.

The key is a SHA-256 of the dataset's bytes and of cv itself (its version, and the
size and modification time of each of its modules), so a changed dataset or a changed
cv is validated again. The value is the validated document as JSON. Only datasets that
passed validation are stored; anything odd in the cache (unreadable, not JSON, another
shape) is a miss, never an error. `cv validate` always checks in full. CV_CACHE=off
turns the cache off; it lives in $XDG_CACHE_HOME/cosmetic-valley-cli (else
~/.cache/cosmetic-valley-cli) and keeps the newest MAX_ENTRIES datasets.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .sections import SECTIONS
from .version import __version__

MAX_ENTRIES = 8
OFF = ("off", "0", "no", "false")


def directory() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("CV_CACHE", "").lower() in OFF:
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "cosmetic-valley-cli"


def key(data: bytes) -> str:
    """The cache key of a dataset's bytes, for this very cv."""
    digest = hashlib.sha256(f"cv {__version__}\n".encode())
    package = Path(__file__).parent
    for module in sorted(package.rglob("*.py")):
        status = module.stat()
        digest.update(f"{module.relative_to(package)} {status.st_size} {status.st_mtime_ns}\n"
                      .encode())  # fmt: skip
    digest.update(data)
    return digest.hexdigest()


def get(entry: str) -> dict[str, Any] | None:
    """The validated document stored under `entry`, if there is a sound one."""
    folder = directory()
    if folder is None:
        return None
    try:
        with (folder / f"{entry}.json").open("rb") as stream:
            document = json.load(stream)
    except (OSError, ValueError, RecursionError):
        return None
    if not (isinstance(document, dict) and document.keys() == SECTIONS.keys()):
        return None
    for key, section in SECTIONS.items():  # put back the empty fields left out by put()
        for record in document[key] if section.many else [document[key]]:
            if not isinstance(record, dict):
                return None
            for field in section.record_fields:
                record.setdefault(field, None)
    return document


def put(entry: str, document: dict[str, Any]) -> None:
    """Store a validated document; a cache that cannot be written is simply not used.

    Records are written one by one, without their empty fields, so that storing a large
    dataset needs no second copy of it in memory and the entry is quick to read back.
    """
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.writelines(_compact(document))
        temporary.replace(folder / f"{entry}.json")
        entries = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        temporary.unlink(missing_ok=True)


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
