"""Shared fixtures: a fixed terminal, the article, and the repository's paths."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cosmetic_valley_cli.reading import forget_streams

REPO = Path(__file__).resolve().parent.parent
FACTS = REPO / "facts.yaml"
SHARED = REPO.parent / "shared"
ARTICLE = SHARED / "seeds" / "000_9e8f03860a0667c4.txt"


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A validation cache of the tests' own, never the user's."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def fixed_terminal(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> None:
    """The same width and no colour everywhere, so rich output is the same on every machine."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.delenv("CV_CACHE", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("CV_DATA", raising=False)
    monkeypatch.delenv("CV_DEBUG", raising=False)
    forget_streams()  # each test is a run of its own: no stream read by another


def need_shared(path: Path) -> Path:
    """A file from ../shared; skipped without it, unless CV_REQUIRE_CORPUS=1 (CI)."""
    if not path.exists():
        if os.environ.get("CV_REQUIRE_CORPUS") == "1":
            pytest.fail(f"{path} is missing and CV_REQUIRE_CORPUS=1")
        pytest.skip(f"{path} is not here (../shared sits beside the repository in CI)")
    return path


@pytest.fixture(scope="session")
def article() -> str:
    """The source article's text, white space folded."""
    return " ".join(need_shared(ARTICLE).read_text(encoding="utf-8").split())


@pytest.fixture(scope="session")
def article_universities(article: str) -> list[str]:
    """The universities as the article lists them, read from its own sentence."""
    found = re.search(r"(\d+) universities are partners in the cluster: ([^)]*)\)", article)
    assert found, "the article's list of universities"
    names = [name.strip() for name in found.group(2).split(",")]
    assert len(names) == int(found.group(1))
    return names
