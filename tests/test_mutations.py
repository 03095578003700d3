"""Property: however facts.yaml is damaged, cv gives data or located errors, never a crash."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import damaged  # the fuzzer's damaged copies of facts.yaml, through the CLI
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app

runner = CliRunner()
LOCATED = re.compile(r"^<stdin>:\d+:\d+: \S")


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(damaged(), st.sampled_from(["partners", "facts", "validate"]))
def test_damaged_data_never_crashes(content: bytes, command: str) -> None:
    args = ["--data", "-", command] + (["--json"] if command != "validate" else [])
    result = runner.invoke(app, args, input=content)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines
        assert all(LOCATED.match(line) for line in lines), lines
