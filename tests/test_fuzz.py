"""A fuzzer: random bytes, grammar-shaped YAML and damaged copies of facts.yaml.

Each input goes to validation (the loader) and to a command in every output format,
in-process. The invariant: a located error (exit 1, nothing on stdout, every stderr line
`<stdin>:LINE:COL: ...` or the one `cv: error: ...`) or a valid result (exit 0); never
an unexpected exception; no raw control or bidi character in what a person reads; and
JSON, JSON Lines and YAML that parse and say what `--format json` says.

CI runs a fixed seed and a small budget. A longer run, with the same invariants:

    CV_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
import yaml
from conftest import FACTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cosmetic_valley_cli import loader
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.problems import DataError
from cosmetic_valley_cli.reading import decode

runner = CliRunner()
EXAMPLES = int(os.environ.get("CV_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="CV_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=list(HealthCheck),
)
LINES = FACTS.read_text(encoding="utf-8").splitlines(keepends=True)
LOCATED = re.compile(r"^<stdin>:\d+:\d+: \S")
# What must never reach a person raw: controls, bidi overrides and isolates, zero-width
# space, line and paragraph separators (a table may keep LF, nothing else).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2028\u2029]")
ODD_VALUES = [
    "[]", "{}", "no", "yes", "1:20", "~", "017", "&a x", "*a", "!!str x", '"', "'", "- x",
    "{a: [", "…", "0x1F", "1e3", ".inf", "2019-01-01", "<<: {a: b}", "!!python/none ''",
    "|\n  text", ">-", "? complex", "%TAG", "---", "...", "\t", "é", "\\", "null",
    "\x1b]0;OWNED\x07\x1b[2J", "\u202eevil", "a\u2028b", "a\x00b", "=1+1", "@cmd", "[sic]",
    ":fire:", "a [/b] b", "<b>x</b>", "a|b", "a\rb",
]  # fmt: skip
HUMAN = [
    ["partners", "--format", "table"],
    ["partners", "--format", "markdown"],
    ["partners", "--format", "csv"],
    ["facts"],
    ["search", "x"],
    ["sheet"],
]
MACHINE = ["json", "jsonl", "yaml"]
COMMANDS = [*HUMAN, ["facts", "--json"], *(["partners", "--format", f] for f in MACHINE)]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """facts.yaml with a few lines deleted, doubled, indented or given an odd value."""
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
            value = draw(st.sampled_from(ODD_VALUES) | st.text(max_size=12))
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


WORDS = st.sampled_from(["id", "name", "type", "sources", "partners", "evidence", "x", "<<"])
SCALARS = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    st.text(max_size=8).map(lambda value: json.dumps(value)),  # double-quoted, escapes
    st.text(max_size=8).map(lambda value: "'" + value.replace("'", "''") + "'"),
)


def _block(node: Any, indent: int) -> str:
    """A node written in block style at `indent` spaces."""
    pad = " " * indent
    if isinstance(node, list):
        return "".join(f"{pad}-{_after(item, indent + 2)}" for item in node) or f"{pad}[]\n"
    if isinstance(node, dict):
        return "".join(f"{pad}{key}:{_after(value, indent + 2)}" for key, value in node.items())
    return f"{pad}{node}\n"


def _after(node: Any, indent: int) -> str:
    """What follows `key:` or `-`: a scalar on the line, a block scalar, or a nested node."""
    if isinstance(node, tuple):  # a block scalar: (header, lines)
        header, lines = node
        body = "".join(f"{' ' * indent}{line}\n" for line in lines)
        return f" {header}\n{body}"
    if isinstance(node, (list, dict)) and node:
        return "\n" + _block(node, indent)
    return f" {node}\n" if not isinstance(node, (list, dict)) else " {}\n"


NODES = st.recursive(
    SCALARS
    | st.tuples(st.sampled_from(["|", ">", "|-", ">+", "|2"]), st.lists(st.text(max_size=6))),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(WORDS | st.text(min_size=1, max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)
GRAMMAR = NODES.map(lambda node: _block(node if isinstance(node, dict) else {"x": node}, 0))
INPUTS = st.one_of(
    st.binary(max_size=200),
    GRAMMAR.map(lambda text: text.encode("utf-8", "surrogatepass")),
    damaged(),
)


def invoke(content: bytes, args: list[str]) -> Any:
    result = runner.invoke(app, ["--data", "-", *args], input=content)
    assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr, result.stderr
    assert not RAW.search(result.stderr), result.stderr
    if result.exit_code == 1:
        assert result.stdout == "", args
        lines = result.stderr.splitlines()
        located = [line for line in lines if LOCATED.match(line)]
        assert located or len(lines) == 1, lines
        assert all(LOCATED.match(line) or line.startswith("cv: ") for line in lines), lines
    return result


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every input goes through the loader, never the validation cache."""
    monkeypatch.setenv("CV_CACHE", "off")


@SETTINGS
@given(INPUTS)
def test_validation_gives_data_or_located_problems(content: bytes) -> None:
    lines: list[str] = []
    try:
        document = loader.parse_document(decode(content, "<stdin>"), "<stdin>")
    except DataError as refused:
        lines = list(refused.lines())
        assert lines
    else:
        assert "sources" in document
    assert all(LOCATED.match(line) for line in lines), lines
    invoke(content, ["validate"])


@SETTINGS
@given(INPUTS, st.sampled_from(COMMANDS))
def test_every_format_gives_data_or_located_problems(content: bytes, args: list[str]) -> None:
    result = invoke(content, args)
    if result.exit_code != 0:
        return
    if args in HUMAN and args[-1] != "csv":
        assert not RAW.search(result.stdout.replace("\n", "")), result.stdout
    if args[-1] in MACHINE:
        wanted = json.loads(invoke(content, ["partners", "--format", "json"]).stdout)
        if args[-1] == "jsonl":
            found: Any = [json.loads(line) for line in result.stdout.splitlines()]
        elif args[-1] == "yaml":
            found = yaml.safe_load(result.stdout)
        else:
            found = json.loads(result.stdout)
        assert found == wanted


def test_the_long_run_is_one_documented_command() -> None:
    readme = (FACTS.parent / "README.md").read_text(encoding="utf-8")
    assert "CV_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py" in readme
