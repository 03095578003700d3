"""The validation cache: a dataset is checked once; anything changed is checked again."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import FACTS
from test_installed import CV
from typer.testing import CliRunner

import cosmetic_valley_cli.loader
from cosmetic_valley_cli import cache, load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.dataset import records, with_caveats
from cosmetic_valley_cli.loader import parse_document
from cosmetic_valley_cli.problems import DataError
from cosmetic_valley_cli.records import SHAPES, Document
from cosmetic_valley_cli.sections import SECTIONS, Section

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


def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The datasets validated from now on: a hit adds nothing, a miss adds its origin."""
    calls: list[str] = []
    real = cosmetic_valley_cli.loader.parse_document

    def counting(text: str, origin: str) -> object:
        calls.append(origin)
        return real(text, origin)

    monkeypatch.setattr(cosmetic_valley_cli.loader, "parse_document", counting)
    return calls


def sealed(payload: bytes) -> bytes:
    """An entry as cv writes it: the SHA-256 of the payload on the first line, then it."""
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def payload(entry: Path) -> bytes:
    """What an entry holds after its digest's line: the document as compact JSON."""
    digest, _, rest = entry.read_bytes().partition(b"\n")
    assert digest.decode() == hashlib.sha256(rest).hexdigest()
    return rest


def test_an_entry_is_its_digest_then_its_json(own_cache: Path) -> None:
    """The format benchmarks/reference.py reads too: digest, newline, compact JSON."""
    truth = load_document(FACTS)
    (entry,) = own_cache.glob("*.json")
    stored = json.loads(payload(entry))
    assert stored.keys() == truth.keys()
    assert stored["partners"][0] == {key: value for key, value in truth["partners"][0].items()
                                     if value is not None}  # fmt: skip


def test_a_cached_document_is_the_validated_one(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Equal, and written out the same: every field back, nulls too, in the section's order."""
    fresh = with_caveats(
        cast("Document", parse_document(FACTS.read_text(encoding="utf-8"), str(FACTS)))
    )
    load_document(FACTS)
    never_validate(monkeypatch)
    cached = load_document(FACTS)
    assert cached == fresh
    assert json.dumps(cached) == json.dumps(fresh)
    for key, section in SECTIONS.items():
        assert all(tuple(record) == section.record_fields for record in records(cached, key)), key


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
    [b"", b"not json", b"[1, 2]", b'{"sources": []}', b"\xff\xfe", sealed(b""),
     sealed(b"not json"), sealed(b"[1, 2]"), sealed(b'{"sources": []}'), sealed(b"\xff\xfe"),
     sealed(b"{}")[:64], sealed(b"{}")[:65], b"\n" + sealed(b"{}")],
    ids=["empty", "not-json", "a-list", "another-shape", "not-utf8", "sealed-empty",
         "sealed-not-json", "sealed-a-list", "sealed-another-shape", "sealed-not-utf8",
         "a-digest-alone", "a-digest-line-alone", "a-blank-line-first"],
)  # fmt: skip
def test_a_damaged_entry_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    key = cache.key(FACTS.read_bytes())
    own_cache.mkdir(parents=True, mode=0o700)
    (own_cache / f"{key}.json").write_bytes(content)
    truth = load_document(FACTS)
    assert truth["cluster"]["name"] == "Cosmetic Valley"
    assert json.loads(payload(own_cache / f"{key}.json"))["cluster"]
    never_validate(monkeypatch)  # the entry stored anew is used from now on
    assert load_document(FACTS) == truth


DAMAGES = {
    "a-source-id": ("partners", b'"source":"luxus-2019"', b'"source":"luxus-2O19"'),
    "a-date": ("sources", b'"date":"2019"', b'"date":"20x9"'),
    "a-sign": ("members", b'"value":600,', b'"value":-600,'),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_of_the_right_shape_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """One character changed in a sound entry: validated again, never believed.

    The entry still has the shape of a validated document (a str where a str belongs,
    an int where an int does), so no check of types can see it: only the digest does.
    """
    section, sound, damaged = DAMAGES[damage]
    truth = load_document(FACTS)
    (entry,) = own_cache.glob("*.json")
    whole = entry.read_bytes()
    start = whole.index(b'"%s":[' % section.encode())
    assert sound in whole[start:]

    def damage_entry() -> None:
        entry.write_bytes(whole[:start] + whole[start:].replace(sound, damaged, 1))

    warm = [subprocess.run([str(CV), "--data", str(FACTS), command, "--json"],
                           capture_output=True, timeout=120, check=False)
            for command in ("partners", "facts")]  # fmt: skip
    assert [run.returncode for run in warm] == [0, 0]
    for command, expected in zip(("partners", "facts"), warm, strict=True):
        damage_entry()
        result = subprocess.run([str(CV), "--data", str(FACTS), command, "--json"],
                                capture_output=True, timeout=120, check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr.decode()
        assert b"Traceback" not in result.stderr
        assert result.stdout == expected.stdout
    assert json.loads(warm[0].stdout) == truth["partners"]
    damage_entry()
    validated = validations(monkeypatch)
    assert load_document(FACTS) == truth
    assert validated == [str(FACTS)]
    assert load_document(FACTS) == truth  # stored anew, and sound
    assert validated == [str(FACTS)]


def test_an_entry_without_its_digest_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry of cv 0.2, the JSON alone, is validated again and stored anew."""
    truth = load_document(FACTS)
    (entry,) = own_cache.glob("*.json")
    entry.write_text(json.dumps(truth, ensure_ascii=False, separators=(",", ":")), "utf-8")
    validated = validations(monkeypatch)
    assert load_document(FACTS) == truth
    assert validated == [str(FACTS)]
    assert json.loads(payload(entry)).keys() == truth.keys()
    assert load_document(FACTS) == truth
    assert validated == [str(FACTS)]


def test_a_float_field_does_not_turn_the_cache_off(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field of any type is stored and read back.

    The cache once parsed the declared types (`str | None`, `list[str]`, ...) and had no
    word for `float`: one such field in a record, and every entry was a miss, every run
    cold, with nothing said. Here a later cv declares `growth: float | None` on members.
    The shapes the cache checks now come from generate.py's own types (records.SHAPES),
    and `test_every_generated_shape_is_one_the_cache_reads` keeps the two in step.
    """
    document = json.loads(json.dumps(load_document(FACTS)))
    members = SECTIONS["members"]
    declared = {**members.record.__annotations__, "growth": "float | None"}
    widened = type("MembersRecord", (), {"__annotations__": declared})
    monkeypatch.setitem(SECTIONS, "members", Section("members", members.title, widened))
    shape = {**SHAPES["MembersRecord"], "growth": "float | None"}  # as generate.py writes it
    monkeypatch.setitem(SHAPES, "MembersRecord", shape)
    monkeypatch.setattr(cache, "_CHECKS", {})
    for record in document["members"]:
        record["growth"] = None
    document["members"][0]["growth"] = 0.05
    cache.put("f" * 64, document)
    assert cache.get("f" * 64) == document
    assert json.loads(payload(own_cache / f"{'f' * 64}.json"))["members"][0]["growth"] == 0.05


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
    """A sound-looking JSON entry under a digest not its own is validated again, never printed."""
    truth = load_document(FACTS)
    (entry,) = own_cache.glob("*.json")
    digest = entry.read_bytes().partition(b"\n")[0]
    forged = json.loads(payload(entry))
    forge(forged, how)
    entry.write_bytes(digest + b"\n" + json.dumps(forged).encode())
    result = runner.invoke(app, ["partners", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == truth["partners"]
    assert json.loads(payload(entry)).keys() == truth.keys()  # stored anew
    never_validate(monkeypatch)
    assert load_document(FACTS) == truth


@pytest.mark.parametrize(
    "how",
    ["record-not-a-dict", "list-section-as-dict", "single-section-as-list", "missing-section",
     "extra-section"],
)  # fmt: skip
def test_an_entry_under_its_digest_without_the_sections_is_a_miss(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The digest says an entry is whole, not that cv wrote it: its sections are still read."""
    truth = load_document(FACTS)
    (entry,) = own_cache.glob("*.json")
    forged = json.loads(payload(entry))
    forge(forged, how)
    entry.write_bytes(sealed(json.dumps(forged).encode()))
    assert cache.get(entry.stem) is None
    result = runner.invoke(app, ["partners", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == truth["partners"]
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
    validated = validations(monkeypatch)
    result = runner.invoke(app, ["validate", str(FACTS)])
    assert result.exit_code == 0, result.output
    assert validated == [str(FACTS)]


def test_every_generated_shape_is_one_the_cache_reads() -> None:
    """Each type generate.py can write (json_type) is one the cache's check knows: a new
    kind of field fails here, not as a cold cache for every user or a crash."""
    for record, fields in SHAPES.items():
        for name, shape in fields.items():
            assert callable(cache._check(shape)), (record, name, shape)
    for shape in ("str", "int", "float", "bool", "None", "list[str]", "float | None"):
        assert callable(cache._check(shape)), shape
    assert cache.fits(0.5, "float | None") and cache.fits(None, "float | None")
    assert not cache.fits(True, "int") and not cache.fits("1", "int")
    assert cache.fits(["a"], "list[str]") and not cache.fits(["a", 1], "list[str]")


@pytest.mark.parametrize("variable", ["XDG_CACHE_HOME", "HOME"])
def test_the_cache_makes_no_chain_of_folders(tmp_path: Path, variable: str) -> None:
    """`HOME=/nonexistent` (a service account's) made /nonexistent/.cache/... (issue 22's
    hostile pass): the cache makes its base and its folder in a parent that exists, or
    is not used. The answer is the same either way."""
    import os
    import subprocess

    from test_installed import CV

    missing = tmp_path / "missing" / "deep"
    env = {**os.environ, variable: str(missing)}
    if variable == "HOME":
        env.pop("XDG_CACHE_HOME", None)
    done = subprocess.run([str(CV), "members", "--json"], capture_output=True, timeout=60,
                          check=True, env=env)  # fmt: skip
    assert json.loads(done.stdout)[0]["id"] == "members-2019"
    assert list(tmp_path.iterdir()) == []
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_CACHE_HOME", None)
    subprocess.run([str(CV), "members"], capture_output=True, timeout=60, check=True, env=env)
    assert (home / ".cache" / "cosmetic-valley-cli").is_dir()  # one level made, as XDG says
