"""The fast path prints exactly what the typer path prints, for every request it answers.

Generated from the declarations: every listing command × format × type, `cv facts` in
its formats, a seeded sample of `--fields` lists, `--version`, and requests the fast
path must decline. Each runs in-process both ways (fast.answer, then typer's app with
the fast path off) and the stdout, stderr and exit code must be byte-identical.
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest
from conftest import FACTS
from hypothesis import given, settings
from hypothesis import strategies as st
from test_installed import CV
from typer.testing import CliRunner

from cosmetic_valley_cli import fast, load_document
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.listing import Listing
from cosmetic_valley_cli.options import FORMATS as FORMATS_OF
from cosmetic_valley_cli.options import LISTING_FORMATS
from cosmetic_valley_cli.sections import LISTED

runner = CliRunner()
FORMATS = list(LISTING_FORMATS)


def both(
    argv: list[str], env: dict[str, str] | None = None
) -> tuple[tuple[int, bytes, bytes], ...]:
    """(exit code, stdout, stderr) by the fast path and by typer's path."""
    with runner.isolation(env=env) as (stdout, stderr, _):
        status = fast.answer(argv)
        assert status is not None, f"the fast path declined {argv}"
        by_fast = (status, stdout.getvalue(), stderr.getvalue())
    result = runner.invoke(app, argv, env={**(env or {}), "CV_FAST": "off"})
    by_typer = (result.exit_code, result.stdout_bytes, result.stderr_bytes)
    return by_fast, by_typer


def requests() -> list[list[str]]:
    found: list[list[str]] = [["facts"], ["facts", "--json"]]
    found += [["facts", "--format", name] for name in FORMATS_OF["facts"]]
    found += [["facts", "--as-of", "2005"], ["facts", "--as-of=1994", "-f", "json"]]
    found += [["partners", "--json", "--format", "csv"], ["facts", "--json", "-f", "jsonld"]]
    for command, section in LISTED.items():
        for name in FORMATS:
            found.append([command, "--format", name])
            for member in section.types or ():
                found.append([command, "--type", member.value, "-f", name])
        found.append([command, "--json"])
    found.append(["--data", str(FACTS), "partners", "--type=university", "--json"])
    found.append(["partners", "--format=csv", "--csv-raw"])
    return found


@pytest.fixture(autouse=True)
def warm() -> None:
    load_document()  # the packaged dataset is in the cache: the fast path may answer
    load_document(FACTS)


@pytest.mark.parametrize("argv", requests(), ids=[" ".join(r) for r in requests()])
def test_the_fast_path_prints_what_typer_prints(argv: list[str]) -> None:
    by_fast, by_typer = both(argv)
    assert by_fast == by_typer


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.sampled_from(sorted(LISTED)),
    st.sampled_from(FORMATS),
    st.data(),
)
def test_fields_print_the_same_both_ways(command: str, name: str, data: st.DataObject) -> None:
    available = Listing.of(LISTED[command], []).available
    chosen = data.draw(st.lists(st.sampled_from(available), min_size=1, max_size=4, unique=True))
    argv = [command, "--fields", ",".join(chosen), "--format", name]
    by_fast, by_typer = both(argv)
    assert by_fast == by_typer


DECLINED = [
    [],
    ["sheet"],
    ["search", "x"],
    ["facts", "--format", "csv"],
    ["facts", "--as-of", "20O5"],
    ["facts", "--as-of", "999"],
    ["facts", "--as-of", " 2005"],
    ["facts", "--as-of"],
    ["partners", "--format", "jsonld"],
    ["partners", "--format", "JSON"],
    ["partners", "--format", ""],
    ["partners", "--format="],
    ["partners", "--type", ""],
    ["partners", "--fields", ""],
    ["partners", "--fields", "name,,type"],
    ["partners", "--json=1"],
    ["partners", "-t=university"],
    ["partners", "--", "--json"],
    ["partners", "--type", "univ"],
    ["partners", "--fields", "nope"],
    ["partners", "--fields", "name,name"],
    ["partners", "--json", "--json"],
    ["timeline", "--type", "x"],
    ["partners", "-h"],
    ["--data", "-", "partners"],
    ["--data", "no-such.yaml", "partners"],
    ["facts", "--data", "x"],
    ["--version", "facts"],
    ["--version"],  # answered by the `cv` script before the fast path: version.py
]


@pytest.mark.parametrize("argv", DECLINED, ids=[" ".join(r) or "(none)" for r in DECLINED])
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert fast.answer(argv) is None


def test_a_dataset_not_in_the_cache_is_left_to_typer(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.yaml"
    fresh.write_text(FACTS.read_text(encoding="utf-8") + "\n# new\n", encoding="utf-8")
    assert fast.answer(["--data", str(fresh), "partners"]) is None


@pytest.mark.parametrize("setting", ["CV_CACHE=off", "no cache folder yet"])
def test_without_a_cache_the_dataset_is_read_once(
    setting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path declines before reading: the full path reads and hashes it once."""
    import cosmetic_valley_cli.dataset

    if setting == "CV_CACHE=off":
        monkeypatch.setenv("CV_CACHE", "off")
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "nothing-here"))
    read: list[object] = []
    monkeypatch.setattr(cosmetic_valley_cli.dataset, "read_dataset", read.append)
    assert fast.answer(["partners", "--json"]) is None
    assert read == []


def test_cv_fast_off_turns_it_off() -> None:
    os.environ["CV_FAST"] = "off"
    try:
        assert fast.answer(["partners"]) is None
    finally:
        del os.environ["CV_FAST"]


def test_the_installed_cv_answers_without_typer(tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv = ['cv', 'partners', '--json'];"
        "import cosmetic_valley_cli.fast as f, cosmetic_valley_cli as p;"
        "status = f.answer(sys.argv[1:]);"
        "sys.stderr.write(repr(sorted(m for m in ('typer', 'pydantic', 'yaml', 'rich')"
        " if m in sys.modules)))"
    )
    result = subprocess.run([str(CV.parent / "python"), "-c", code], capture_output=True,
                            text=True, timeout=60, check=False, cwd=tmp_path)  # fmt: skip
    assert result.stderr.endswith("[]"), result.stderr
    same = subprocess.run([str(CV), "partners", "--json"], capture_output=True, timeout=60,
                          check=False)  # fmt: skip
    slow = subprocess.run([str(CV), "partners", "--json"], capture_output=True, timeout=60,
                          check=False, env={**os.environ, "CV_FAST": "off"})  # fmt: skip
    assert (same.returncode, same.stdout, same.stderr) == (slow.returncode, slow.stdout,
                                                          slow.stderr)  # fmt: skip


SLOW_IMPORTS = ("hashlib", "unicodedata", "dataclasses", "inspect", "typer", "click",
                "pydantic", "yaml", "rich")  # fmt: skip
"""Modules the fast path must not import: each costs milliseconds at every start (hashlib's
OpenSSL about 3, dataclasses about 8), more than a warm answer's whole work. typing is
allowed: about 2.4 ms, which the speed targets leave room for (benchmarks/startup.py)."""


def imported(argv: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The modules the installed `cv` imports to answer argv, seen by `-X importtime`."""
    result = subprocess.run([str(CV.parent / "python"), "-X", "importtime", str(CV), *argv],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, **(env or {})})  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:")}  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [["facts", "--json"], ["partners", "--type", "university", "--json"],
     ["partners", "--format", "csv"], ["figures", "--format", "markdown"],
     ["timeline", "--format", "markdown"], ["timeline", "--format", "csv"],
     ["events", "-f", "jsonl", "--fields", "name,type"], ["--version"]],
    ids=" ".join,
)  # fmt: skip
def test_the_fast_path_imports_no_more_than_it_needs(argv: list[str]) -> None:
    load_document()
    modules = imported(argv)
    assert "cosmetic_valley_cli.show" in modules or argv == ["--version"]
    assert "cosmetic_valley_cli.cli" not in modules
    assert sorted(modules & set(SLOW_IMPORTS)) == []


COMPLETIONS = [
    ["__complete", "par"],
    ["__complete", "partners", "--type", ""],
    ["__complete", "partners", "--"],
    ["__complete", "figures", "--fields", "figure."],
    ["__complete", "schema", "--output", ""],
    ["__complete", "--data", ""],
    ["completion", "zsh"],
]


@pytest.mark.parametrize("argv", COMPLETIONS, ids=" ".join)
def test_completion_imports_no_more_than_it_needs(argv: list[str]) -> None:
    """Every completion request, commands and options included, without typer or the data."""
    modules = imported(argv, {"CV_FAST": "off"})
    assert "cosmetic_valley_cli.completion" in modules
    assert "cosmetic_valley_cli.cli" not in modules
    assert "cosmetic_valley_cli.dataset" not in modules
    assert sorted(modules & set(SLOW_IMPORTS)) == []


def test_a_legacy_completion_imports_no_more_than_it_needs() -> None:
    env = {"_CV_COMPLETE": "complete_bash", "COMP_WORDS": "cv partners --type ",
           "COMP_CWORD": "3"}  # fmt: skip
    modules = imported([], env)
    assert sorted(modules & set(SLOW_IMPORTS)) == []


def test_a_table_imports_rich_but_not_typer() -> None:
    load_document()
    modules = imported(["facts"])
    assert "rich.table" in modules
    assert sorted(modules & {"typer", "click", "pydantic", "yaml", "hashlib"}) == []


@pytest.mark.parametrize("target", ["pipe", "/dev/full"])
def test_the_installed_version_is_the_same_both_ways(target: str) -> None:
    def run(env: dict[str, str]) -> tuple[int, bytes, bytes]:
        if target == "pipe":
            done = subprocess.run([str(CV), "--version"], capture_output=True, timeout=60,
                                  check=False, env={**os.environ, **env})  # fmt: skip
            return done.returncode, done.stdout, done.stderr
        with open(target, "wb") as full:  # noqa: PTH123
            done = subprocess.run([str(CV), "--version"], stdout=full, stderr=subprocess.PIPE,
                                  timeout=60, check=False, env={**os.environ, **env})  # fmt: skip
        return done.returncode, b"", done.stderr

    assert run({}) == run({"CV_FAST": "off"})


def random_argvs(count: int, seed: int = 20) -> list[list[str]]:
    """Argument lists near the grammar: every spelling, `=` forms, empty and wrong values,
    repeats, `--`, options of another command, and --data before the command."""
    from cosmetic_valley_cli.options import OPTIONS, choices, options_of

    chance = random.Random(seed)
    argvs: list[list[str]] = []
    for _ in range(count):
        command = chance.choice(["facts", *LISTED, "search"])
        argv = [command]
        if chance.random() < 0.2:
            argv = ["--data", chance.choice([str(FACTS), "", "-", "missing.yaml"]), *argv]
        options = list(options_of(command)) or list(OPTIONS.values())
        for _ in range(chance.randrange(4)):
            option = chance.choice(options if chance.random() < 0.9 else list(OPTIONS.values()))
            spelling = chance.choice(option.spellings)
            values = [*choices(command, option), "", "JSON", "univ", "2005", "999", "name",
                      "name,,type", "id,name", "--json", "--"]  # fmt: skip
            if option.kind == "flag":
                argv.append(spelling if chance.random() < 0.9 else f"{spelling}=1")
            elif chance.random() < 0.3 and spelling.startswith("--"):
                argv.append(f"{spelling}={chance.choice(values)}")
            else:
                argv += [spelling, chance.choice(values)][: chance.choice([2, 2, 2, 1])]
        if chance.random() < 0.05:
            argv.insert(chance.randrange(len(argv) + 1), "--")
        argvs.append(argv)
    return argvs


RANDOM = random_argvs(400)


def random_env(number: int) -> dict[str, str]:
    """An environment for the number-th argv: CV_DATA set, empty or unset, NO_COLOR too."""
    chance = random.Random(number)
    env = {"CV_DATA": chance.choice([str(FACTS), "", "missing.yaml", "-"])}
    if chance.random() < 0.3:
        env["NO_COLOR"] = chance.choice(["", "1"])
    return env if chance.random() < 0.3 else {}


def test_random_argvs_are_answered_as_typer_answers() -> None:
    """No argv on which the two paths differ; and the fast path does answer many."""
    answered = 0
    for number, argv in enumerate(RANDOM):
        env = random_env(number)
        with runner.isolation(env=env) as (stdout, stderr, _):
            status = fast.answer(argv)
            by_fast = (status, stdout.getvalue(), stderr.getvalue())
        if status is None:
            continue
        answered += 1
        result = runner.invoke(app, argv, env={**env, "CV_FAST": "off"})
        assert by_fast == (result.exit_code, result.stdout_bytes, result.stderr_bytes), argv
    assert answered >= len(RANDOM) // 10, answered
