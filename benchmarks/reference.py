"""The design's limit: what cv's warm path costs with nothing but the standard library.

    python benchmarks/reference.py [--data PATH] partners [--type T] --json
    python benchmarks/reference.py [--data PATH] facts --json --bytes FILE

It does cv's warm work and no more: it reads the dataset's bytes, computes the same
validation-cache key as cv (cache.py's `key()`: a SHA-256 of cv's version, of the
relative path, size and mtime of each of cv's modules, and of the dataset's bytes),
reads the same entry from the same folder (cache.py's `directory()`: CV_CACHE,
XDG_CACHE_HOME, ~/.cache), checks its digest as cv does (the entry's first line is the
SHA-256 of the rest), parses the rest, and writes the bytes cv writes. It imports
nothing from cv: the package is found beside this folder and its version read from
version.py as text.

For a listing it builds the output as cv does: the records of the type asked for, their
null fields put back (the entry leaves them out), every field in the section's order,
`json.dumps(..., indent=2, ensure_ascii=False)` and a final newline. For `facts` it
pays for reading and parsing the entry, then writes bytes captured once from
`cv facts --json` before the timing (FILE): the summary's rules are cv's own work, not
the floor's. benchmarks/startup.py checks, before it times anything, that this script's
stdout equals cv's byte for byte, and stops if it does not.

Like cv's fast path, it flushes and leaves with os._exit: tearing the interpreter down
is not work that the answer needs. It is a benchmark tool, not a second cv: it checks
nothing but the digest, and stops on a wrong one (cv would validate again).
"""

# os.path, not pathlib, on purpose: importing pathlib is start-up time that this needs not.
# ruff: noqa: PTH100, PTH111, PTH113, PTH116, PTH117, PTH118, PTH120, PTH123, PTH206

from __future__ import annotations

import hashlib
import json
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "cosmetic_valley_cli")  # fmt: skip
# The partners' fields in display order (sections.py's PartnerRecord); the byte check in
# startup.py proves that the list is still cv's.
PARTNER_FIELDS = ("id", "name", "type", "relation", "city", "description", "members", "countries",
                  "co_financed_by", "led_by_cosmetic_valley", "evidence")  # fmt: skip


def version() -> str:
    with open(os.path.join(PACKAGE, "version.py"), encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("__version__"):
                return line.split('"')[1]
    raise SystemExit("no __version__ in version.py")


def key(data: bytes) -> str:
    digest = hashlib.sha256(f"cv {version()}\n".encode())
    modules: list[list[str]] = []
    for folder, _, names in os.walk(PACKAGE):
        relative = os.path.relpath(folder, PACKAGE)
        prefix = [] if relative == "." else relative.split(os.sep)
        modules += [[*prefix, name] for name in names if name.endswith(".py")]
    for parts in sorted(modules):  # as pathlib sorts paths: part by part
        status = os.stat(os.path.join(PACKAGE, *parts))
        digest.update(f"{'/'.join(parts)} {status.st_size} {status.st_mtime_ns}\n".encode())
    digest.update(data)
    return digest.hexdigest()


def payload(entry: bytes) -> str:
    """The entry's JSON text, its digest checked: as cache.py's `_payload()` does it."""
    rest = memoryview(entry)[65:]
    if entry[64:65] != b"\n" or hashlib.sha256(rest).hexdigest().encode() != entry[:64]:
        raise SystemExit("the cache entry's digest is wrong: run cv once to store it anew")
    return str(rest, "utf-8")


def cache_folder() -> str:
    if os.environ.get("CV_CACHE", "").lower() in ("off", "0", "no", "false"):
        raise SystemExit("the reference reads the cache: CV_CACHE must not be off")
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cosmetic-valley-cli")


def main(argv: list[str]) -> None:
    data_path = os.path.join(PACKAGE, "facts.yaml")
    if not os.path.isfile(data_path):  # a source checkout: the repository's facts.yaml
        data_path = os.path.join(os.path.dirname(PACKAGE), "facts.yaml")
    if argv[:1] == ["--data"]:
        data_path, argv = argv[1], argv[2:]
    command, options = argv[0], argv[1:]
    with open(data_path, "rb") as stream:
        data = stream.read()
    with open(os.path.join(cache_folder(), key(data) + ".json"), "rb") as stream:
        document = json.loads(payload(stream.read()))
    if command == "facts":
        with open(options[options.index("--bytes") + 1], "rb") as stream:
            text = stream.read()
    else:
        wanted = options[options.index("--type") + 1] if "--type" in options else None
        chosen = [{name: record.get(name) for name in PARTNER_FIELDS}
                  for record in document["partners"]
                  if wanted is None or record["type"] == wanted]  # fmt: skip
        text = (json.dumps(chosen, ensure_ascii=False, indent=2) + "\n").encode()
    sys.stdout.buffer.write(text)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
