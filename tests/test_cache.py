"""The validation cache: a dataset is checked once; anything changed is checked again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FACTS
from typer.testing import CliRunner

import cosmetic_valley_cli.loader
from cosmetic_valley_cli import cache, load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.errors import DataError

runner = CliRunner()


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return tmp_path / "home-cache" / "cosmetic-valley-cli"


def never_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(cosmetic_valley_cli.loader, "parse_facts", fail)


def test_a_dataset_is_validated_once(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_document(FACTS)
    assert len(list(own_cache.glob("*.json"))) == 1
    never_validate(monkeypatch)
    assert load_document(FACTS) == first


def test_a_changed_dataset_is_validated_again(own_cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "facts.yaml"
    data.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    load_document(data)
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
def test_a_damaged_entry_is_a_miss(own_cache: Path, content: bytes) -> None:
    key = cache.key(FACTS.read_bytes())
    own_cache.mkdir(parents=True)
    (own_cache / f"{key}.json").write_bytes(content)
    assert load_document(FACTS)["cluster"]["name"] == "Cosmetic Valley"
    assert json.loads((own_cache / f"{key}.json").read_text(encoding="utf-8"))["cluster"]


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


def test_old_entries_are_pruned(own_cache: Path, tmp_path: Path) -> None:
    text = FACTS.read_text(encoding="utf-8")
    for n in range(cache.MAX_ENTRIES + 3):
        data = tmp_path / f"copy{n}.yaml"
        data.write_text(text.replace("author: Claire", f"author: Claire {n}"), encoding="utf-8")
        load_document(data)
    assert len(list(own_cache.glob("*.json"))) == cache.MAX_ENTRIES
    assert not list(own_cache.glob("*.tmp"))


def test_the_key_covers_cv_itself() -> None:
    data = FACTS.read_bytes()
    assert cache.key(data) == cache.key(data)
    assert cache.key(data) != cache.key(data + b"\n")


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
