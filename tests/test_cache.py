"""The validation cache: a dataset is checked once; anything changed is checked again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FACTS
from typer.testing import CliRunner

import cosmetic_valley_cli.loader
from cosmetic_valley_cli import cache, load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.problems import DataError

runner = CliRunner()


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return tmp_path / "home-cache" / "cosmetic-valley-cli"


def never_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make validation fail loudly: what load_document calls on a miss is parse_document."""

    def fail(*_: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(cosmetic_valley_cli.loader, "parse_document", fail)


def test_a_bypassed_cache_is_noticed(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: with every lookup a miss, validation runs and trips it."""
    load_document(FACTS)
    monkeypatch.setattr(cache, "get", lambda _entry: None)
    never_validate(monkeypatch)
    with pytest.raises(AssertionError, match="validated again"):
        load_document(FACTS)


def test_a_dataset_is_validated_once(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_document(FACTS)
    assert len(list(own_cache.glob("*.json"))) == 1
    never_validate(monkeypatch)
    assert load_document(FACTS) == first


def test_a_changed_dataset_is_validated_again(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "facts.yaml"
    data.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    load_document(data)
    with monkeypatch.context() as unchanged:
        never_validate(unchanged)
        load_document(data)  # the same bytes: not validated again
    data.write_text(data.read_text(encoding="utf-8").replace("year: 1994", "year: 1:20"))
    with pytest.raises(DataError, match="got '1:20'"):
        load_document(data)


def test_only_valid_datasets_are_stored(own_cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "bad.yaml"
    data.write_text("sources: []\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_document(data)
    assert not list(own_cache.glob("*.json"))


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[1, 2]", b'{"sources": []}', b"\xff\xfe"],
    ids=["empty", "not-json", "a-list", "another-shape", "not-utf8"],
)
def test_a_damaged_entry_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    key = cache.key(FACTS.read_bytes())
    own_cache.mkdir(parents=True, mode=0o700)
    (own_cache / f"{key}.json").write_bytes(content)
    truth = load_document(FACTS)
    assert truth["cluster"]["name"] == "Cosmetic Valley"
    assert json.loads((own_cache / f"{key}.json").read_text(encoding="utf-8"))["cluster"]
    never_validate(monkeypatch)  # the entry stored anew is used from now on
    assert load_document(FACTS) == truth


def forge(document: dict[str, Any], how: str) -> None:
    """Damage a sound entry the way a disk error or another writer might."""
    if how == "bogus-type":
        document["partners"][0]["type"] = "bogus"
    elif how == "unhashable-type":
        document["partners"][0]["type"] = ["university"]
    elif how == "unknown-field":
        document["partners"][0]["owner"] = "someone else"
    elif how == "record-not-a-dict":
        document["people"][0] = "nobody"
    elif how == "list-section-as-dict":
        document["timeline"] = {"year": 1994}
    elif how == "single-section-as-list":
        document["cluster"] = [document["cluster"]]
    elif how == "number-for-text":
        document["partners"][0]["name"] = 5
    elif how == "text-for-evidence":
        document["partners"][1]["evidence"] = "oops"
    elif how == "words-for-a-year":
        document["timeline"][0]["year"] = "nineteen"
    elif how == "missing-id":
        del document["values"][0]["id"]
    elif how == "figure-of-text":
        document["figures"][0]["figure"]["value"] = "150000"
    elif how == "flag-as-text":
        document["partners"][-1]["led_by_cosmetic_valley"] = "yes"
    elif how == "missing-section":
        del document["values"]
    elif how == "extra-section":
        document["secrets"] = []


FORGERIES = ["bogus-type", "unhashable-type", "unknown-field", "record-not-a-dict",
             "list-section-as-dict", "single-section-as-list", "missing-section",
             "extra-section", "number-for-text", "text-for-evidence", "words-for-a-year",
             "missing-id", "figure-of-text", "flag-as-text"]  # fmt: skip


@pytest.mark.parametrize("how", FORGERIES)
def test_a_forged_entry_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """A sound-looking JSON entry of the wrong shape is validated again, never printed."""
    truth = load_document(FACTS)
    (entry,) = own_cache.glob("*.json")
    forged = json.loads(entry.read_text(encoding="utf-8"))
    forge(forged, how)
    entry.write_text(json.dumps(forged), encoding="utf-8")
    result = runner.invoke(app, ["partners", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == truth["partners"]
    assert json.loads(entry.read_text(encoding="utf-8")).keys() == truth.keys()  # stored anew
    never_validate(monkeypatch)
    assert load_document(FACTS) == truth


def test_turned_off(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CV_CACHE", "off")
    load_document(FACTS)
    assert not own_cache.exists()


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a folder should be
    result = runner.invoke(app, ["partners", "--type", "university", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 9


def test_old_entries_are_pruned(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = FACTS.read_text(encoding="utf-8")
    copies = []
    for n in range(cache.MAX_ENTRIES + 3):
        data = tmp_path / f"copy{n}.yaml"
        data.write_text(text.replace("author: Claire", f"author: Claire {n}"), encoding="utf-8")
        load_document(data)
        copies.append(data)
    assert len(list(own_cache.glob("*.json"))) == cache.MAX_ENTRIES
    assert not list(own_cache.glob("*.tmp"))
    never_validate(monkeypatch)
    author = load_document(copies[-1])["sources"][0]["author"]
    assert author is not None and author.endswith(f" {len(copies) - 1}")


def test_the_key_covers_cv_itself() -> None:
    data = FACTS.read_bytes()
    assert cache.key(data) == cache.key(data)
    assert cache.key(data) != cache.key(data + b"\n")


def test_the_key_is_the_documented_sha256() -> None:
    """cv hashes with CPython's built-in SHA-256 (no OpenSSL to load): hashlib's digests."""
    import hashlib

    from cosmetic_valley_cli import __version__

    package = Path(cache.__file__).parent
    modules = sorted(path.relative_to(package).parts for path in package.rglob("*.py"))
    for data in (b"", FACTS.read_bytes(), bytes(range(256)) * 1000):
        digest = hashlib.sha256(f"cv {__version__}\n".encode())
        for parts in modules:
            status = package.joinpath(*parts).stat()
            digest.update(f"{'/'.join(parts)} {status.st_size} {status.st_mtime_ns}\n".encode())
        digest.update(data)
        assert cache.key(data) == digest.hexdigest()


def test_validate_always_checks_in_full(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_document(FACTS)
    calls: list[str] = []
    real = cosmetic_valley_cli.loader.parse_document

    def counting(text: str, origin: str) -> object:
        calls.append(origin)
        return real(text, origin)

    monkeypatch.setattr(cosmetic_valley_cli.loader, "parse_document", counting)
    result = runner.invoke(app, ["validate", str(FACTS)])
    assert result.exit_code == 0, result.output
    assert calls == [str(FACTS)]
