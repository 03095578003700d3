"""Property: however facts.yaml is damaged, cv gives data or located errors, never a crash."""

from __future__ import annotations

import re

from conftest import FACTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cosmetic_valley_cli.cli import app

runner = CliRunner()
LINES = FACTS.read_text(encoding="utf-8").splitlines(keepends=True)
LOCATED = re.compile(r"^<stdin>:\d+:\d+: \S")
ODD_VALUES = [
    "[]", "{}", "no", "yes", "1:20", "~", "017", "&a x", "*a", "!!str x", '"', "'", "- x",
    "{a: [", "…", "0x1F", "1e3", ".inf", "2019-01-01", "<<: {a: b}", "!!python/none ''",
    "|\n  text", ">-", "? complex", "%TAG", "---", "...", "\t", "é", "\\", "null",
]  # fmt: skip


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "bytes", "indent"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            key, colon, _ = lines[at].partition(": ")
            value = draw(st.sampled_from(ODD_VALUES))
            lines[at] = f"{key}{colon or ': '}{value}\n"
        elif action == "indent":
            lines[at] = " " * draw(st.integers(min_value=0, max_value=6)) + lines[at].lstrip()
        else:
            text = "".join(lines).encode("utf-8")
            spot = draw(st.integers(min_value=0, max_value=len(text)))
            noise = draw(st.binary(min_size=1, max_size=6))
            return text[:spot] + noise + text[spot:]
        if not lines:
            break
    return "".join(lines).encode("utf-8")


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
