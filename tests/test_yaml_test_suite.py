"""Every input of the official YAML test suite: loaded, or refused with a located error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHARED, need_shared

from cosmetic_valley_cli.dialect import parse_yaml
from cosmetic_valley_cli.loader import load_facts
from cosmetic_valley_cli.problems import DataError
from cosmetic_valley_cli.reading import decode

SUITE = SHARED / "corpora" / "yaml-test-suite"
CASES = sorted(path.parent for path in SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
LOCATED = re.compile(r"^.+:\d+:\d+: \S")


def test_the_suite_is_here() -> None:
    need_shared(SUITE)
    assert len(CASES) == 402


@pytest.mark.parametrize(
    "case", CASES, ids=[str(case.relative_to(SUITE)) for case in CASES] if CASES else []
)
def test_case_loads_or_is_refused_with_a_location(case: Path) -> None:
    data = (case / "in.yaml").read_bytes()
    try:
        _tree, problems = parse_yaml(decode(data, "in.yaml"))
    except DataError as refused:  # not UTF-8
        problems = refused.problems
    if (case / "error").exists():
        assert problems, "the suite marks this input as an error"
    with pytest.raises(DataError) as caught:  # no input of the suite is a dataset
        load_facts(case / "in.yaml")
    assert all(LOCATED.match(line) for line in caught.value.lines()), caught.value.lines()
