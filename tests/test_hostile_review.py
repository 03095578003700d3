"""The classes a hostile review found (issue 22), one named test each, seen failing first.

Streams read once and shared by both paths; stdin named twice; empty and many --fields
names; the CSV guard's full-width and leading-space forms; a long file name saved;
file names that are not UTF-8; and no fixed reservation when a dataset is read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest
from conftest import FACTS
from test_installed import CV
from typer.testing import CliRunner

from cosmetic_valley_cli import reading
from cosmetic_valley_cli.cli import app
from cosmetic_valley_cli.escaping import csv_cell

runner = CliRunner()


def run(command: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A shell command line, with the installed cv first on PATH and a cache of its own."""
    environment = {**os.environ, "PATH": f"{CV.parent}{os.pathsep}{os.environ['PATH']}",
                   "XDG_CACHE_HOME": str(cache), **env}  # fmt: skip
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120,
                          check=False, env=environment, cwd=FACTS.parent)  # fmt: skip


PIPED = "(cat facts.yaml; echo '# piped')"
"""facts.yaml with one more line: valid, and not yet in the cache."""


@pytest.mark.parametrize(
    ("line", "env"),
    [
        (f"{PIPED} | cv --data - partners --type university --json", {}),
        (f"{PIPED} | cv --data /dev/stdin partners --type university --json", {}),
        (f"{PIPED} | cv partners --type university --json", {"CV_DATA": "/dev/stdin"}),
        (f"cv --data <({PIPED}) partners --type university --json", {}),
    ],
    ids=["dash", "dev-stdin", "CV_DATA", "process-substitution"],
)
@pytest.mark.parametrize("fast", ["on", "off"])
def test_a_valid_dataset_given_as_a_stream_is_valid(
    tmp_path: Path, line: str, env: dict[str, str], fast: str
) -> None:
    """With a cache folder in use, a stream missing from the cache is read once, for both."""
    assert run("cv facts --json", tmp_path / "cache").returncode == 0  # the folder exists
    entries = set((tmp_path / "cache" / "cosmetic-valley-cli").glob("*.json"))
    for attempt in ("cold", "warm"):
        done = run(line, tmp_path / "cache", CV_FAST=fast, **env)
        assert done.returncode == 0, (attempt, done.stderr)
        assert done.stderr == ""
        assert len(json.loads(done.stdout)) == 9  # the article's nine universities
    now = set((tmp_path / "cache" / "cosmetic-valley-cli").glob("*.json"))
    assert len(now - entries) == 1  # the stream's dataset was validated and cached


@pytest.mark.parametrize(
    "command",
    [
        "cv diff - - < facts.yaml",
        f"{PIPED} | cv diff /dev/stdin -",
        f"{PIPED} | cv diff - /dev/fd/0",
        f"{PIPED} | cv diff /proc/self/fd/0 /dev/stdin",
        f"{PIPED} | cv validate - --against luxus-2019=-",
        f"{PIPED} | cv validate /dev/stdin --against luxus-2019=/dev/fd/0",
        f"{PIPED} | cv --data - validate --against luxus-2019=/dev/stdin",
        "cv validate --against luxus-2019=- --against other=- < facts.yaml",
    ],
    ids=["dash-twice", "dev-stdin-and-dash", "dash-and-dev-fd-0", "proc-and-dev-stdin",
         "validate-against-dash", "validate-against-dev-fd", "data-and-against",
         "against-twice"],
)  # fmt: skip
def test_stdin_named_twice_is_a_usage_error(tmp_path: Path, command: str) -> None:
    """Stdin by any of its names, read once: a second name for it is refused, whichever."""
    done = run(command, tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("cv: error: stdin is named twice"), done.stderr
    assert "can be read once" in done.stderr


def test_a_named_stream_twice_is_refused_and_dev_null_is_not(tmp_path: Path) -> None:
    """A FIFO named twice is "the same stream", not stdin; /dev/null can be read twice
    (it then holds no data), so it is not refused (the review of this stop)."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done = run(f"cv diff {fifo} {fifo}", tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"cv: error: the same stream is named twice ({fifo} and")
    done = run("cv diff /dev/null /dev/null < facts.yaml", tmp_path)
    assert done.returncode == 1 and "holds no data" in done.stderr, done.stderr


def test_stdin_from_a_file_may_be_named_as_a_path_too(tmp_path: Path) -> None:
    """`/dev/stdin` reopens a redirected file from its start: both names read it whole."""
    done = run("cv diff facts.yaml /dev/stdin < facts.yaml", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "agree" in done.stderr


@pytest.mark.parametrize("spec", ["name,,type", "name,", ",name", " , name"])
def test_an_empty_field_name_is_refused(spec: str) -> None:
    result = runner.invoke(app, ["partners", "--fields", spec])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--fields has an empty name" in result.stderr


def test_many_field_names_give_a_short_message() -> None:
    names = ",".join(f"n{number}" for number in range(20_000))
    result = runner.invoke(app, ["partners", "--fields", names])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "'n0', 'n1', 'n2', 'n3', 'n4' and 19,995 more" in line
    assert len(line) < 500


@pytest.mark.parametrize(
    "cell",
    ["\uff1dcmd|' /C calc'!A0", "\uff0b1+1", "\uff0d1+1", "\uff20SUM(A1)", " =1+1",
     "\u00a0=HYPERLINK(\"x\")", "\u3000+1", "  @SUM(A1)"],
    ids=["wide-equals", "wide-plus", "wide-minus", "wide-at", "space-equals", "nbsp-equals",
         "ideographic-space-plus", "spaces-at"],
)  # fmt: skip
def test_the_csv_guard_covers_full_width_and_leading_space(cell: str) -> None:
    shown, changed = csv_cell(cell)
    assert changed
    assert shown.startswith("'")


@pytest.mark.parametrize("cell", ["Orléans", "a - b", "E=mc2", "2019"])
def test_the_csv_guard_leaves_plain_text(cell: str) -> None:
    assert csv_cell(cell) == (cell, False)


@pytest.mark.parametrize("length", [245, 255])
def test_a_long_valid_file_name_saves(tmp_path: Path, length: int) -> None:
    target = tmp_path / ("x" * (length - 4) + ".txt")
    result = runner.invoke(app, ["sheet", "--save", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(" ") or target.stat().st_size > 1000
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]


def test_a_file_name_that_is_not_utf8_is_shown_as_typed(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/data-\xff.yaml"
    done = subprocess.run([str(CV), "--data", name, "partners"], capture_output=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1
    said = done.stderr.decode("utf-8")
    assert "data-\\xff.yaml" in said
    assert "\\udc" not in said


@pytest.mark.parametrize("suffix", [b".doc", b".txt"], ids=["refused-suffix", "saved"])
def test_every_message_naming_a_file_shows_it_as_typed(tmp_path: Path, suffix: bytes) -> None:
    """The same rule where cv names a file it writes: `\\xff`, never `\\udcff`."""
    target = os.fsencode(tmp_path) + b"/sheet-\xff" + suffix
    done = subprocess.run([str(CV), "sheet", "--save", target], capture_output=True,
                          timeout=60, check=False)  # fmt: skip
    said = done.stderr.decode("utf-8")
    assert "sheet-\\xff" in said, said
    assert "\\udc" not in said


@pytest.mark.parametrize(
    "args",
    [["validate", "{odd}"], ["validate", "--against", "luxus-2019={odd}"],
     ["search", "\udcff"], ["--data", "{odd}", "search", "\udcff"]],
    ids=["validate-summary", "against-mismatch", "search-nothing", "data-and-search"],
)  # fmt: skip
def test_bytes_from_the_system_show_as_bytes_in_every_message(
    tmp_path: Path, args: list[str]
) -> None:
    """A name or an argument that is not UTF-8 reaches Python as `\udcff`
    (surrogateescape): every message shows the byte as typed, `\xff` (issue 22's review:
    the validate summary, the --against mismatch and search still showed `\udcff`)."""
    odd = os.fsencode(tmp_path) + b"/facts-\xff.yaml"
    Path(os.fsdecode(odd)).write_bytes(FACTS.read_bytes())
    argv = [os.fsencode(arg.replace("{odd}", os.fsdecode(odd))) for arg in args]
    done = subprocess.run([os.fsencode(CV), *argv], capture_output=True, timeout=60,
                          check=False, cwd=FACTS.parent)  # fmt: skip
    said = done.stderr.decode("utf-8")
    assert said
    assert "\\xff" in said, said
    assert "\\udc" not in said, said


def test_reading_a_small_dataset_reserves_no_more_than_it_holds() -> None:
    tracemalloc.start()
    try:
        origin, data = reading.read_dataset(FACTS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == FACTS.read_bytes()
    assert peak < 4 * len(data) + 128 * 1024  # not the 32 MiB cap
    assert origin == str(FACTS)


@pytest.mark.parametrize(
    "failure",
    [MemoryError(), OSError(12, "Cannot allocate memory"),
     ImportError("libfoo.so: failed to map segment: Cannot allocate memory"),
     ImportError("_pydantic_core.so: failed to map segment from shared object")],
    ids=["MemoryError", "ENOMEM", "import-ENOMEM", "import-map-segment"],
)  # fmt: skip
def test_out_of_memory_is_one_line_and_exit_1(
    failure: BaseException, capsys: pytest.CaptureFixture[str]
) -> None:
    from cosmetic_valley_cli.output import exit_status

    assert exit_status(failure) == 1
    said = capsys.readouterr().err
    assert said == "cv: error: out of memory: the machine (or ulimit -v) leaves cv too little\n"


def test_a_system_error_under_a_memory_limit_is_out_of_memory(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """CPython's "error return without exception set" is its out-of-memory under a limit."""
    import resource

    from cosmetic_valley_cli.output import exit_status

    failure = SystemError("error return without exception set")
    unlimited = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
    monkeypatch.setattr(resource, "getrlimit", lambda _which: unlimited)
    assert exit_status(failure) == 70  # no limit: a bug, reported as one
    assert "this is a bug" in capsys.readouterr().err
    monkeypatch.setattr(resource, "getrlimit", lambda _which: (30_000_000, 30_000_000))
    assert exit_status(failure) == 1
    assert capsys.readouterr().err.startswith("cv: error: out of memory")


@pytest.mark.parametrize("fast", ["on", "off"])
def test_too_little_memory_to_start_is_one_line_at_every_limit(fast: str) -> None:
    """From where cv's own code runs (about 13.5 MB of address space) to where cv runs
    whole, every `ulimit -v` gives the answer or the one line: no traceback through cv's
    code, never 70.

    Below it, Python itself or pip's script fails before cv's first line. Two failures
    stay outside any Python code, seen about once in 50 limits: pydantic-core's Rust
    allocator aborts ("memory allocation of N bytes failed", SIGABRT), and CPython may
    fail to make even the exception (`SystemError` at the script's own line).
    """
    import resource

    def limited(kilobytes: int) -> Callable[[], None]:
        return lambda: resource.setrlimit(resource.RLIMIT_AS, (kilobytes * 1024,) * 2)

    said = []
    line = "cv: error: out of memory: the machine (or ulimit -v) leaves cv too little\n"
    for kilobytes in range(14_000, 64_001, 2_500):
        done = subprocess.run([str(CV), "facts", "--json"], capture_output=True, text=True,
                              timeout=60, check=False, preexec_fn=limited(kilobytes),
                              env={**os.environ, "CV_FAST": fast})  # fmt: skip
        if done.returncode == -6 and done.stderr.startswith("memory allocation of"):
            continue  # Rust's abort, in pydantic-core
        assert "cosmetic_valley_cli" not in done.stderr, (kilobytes, done.stderr)
        assert done.returncode in (0, 1), (kilobytes, done.stderr)
        short = "cv: error: out of memory\n"  # when not even errors.py can be imported
        said.append(done.stderr.replace(short, line) if done.returncode else "answered")
    assert {"answered", line} <= set(said)  # the sweep spans both sides of the edge
    assert set(said) - {"answered", line} <= {
        failure
        for failure in said
        if failure.endswith(("without exception set\n", "without setting an exception\n"))
    }


def test_out_of_memory_in_a_command_is_not_called_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    import cosmetic_valley_cli.show

    def exhausted(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cosmetic_valley_cli.show, "show_section", exhausted)
    result = runner.invoke(app, ["partners", "--json"], env={"CV_FAST": "off"})
    assert result.exit_code == 1
    assert "bug" not in result.stderr
    assert result.stderr.startswith("cv: error: out of memory")


@pytest.mark.parametrize("args", [["sheet"], ["partners"], ["facts"],
                                  ["diff", "facts.yaml", "tests/fixtures/example-next-year.yaml"]],
                         ids=["sheet", "partners", "facts", "diff"])  # fmt: skip
def test_an_absurd_width_is_clamped(tmp_path: Path, args: list[str]) -> None:
    """COLUMNS=1000000 lays out at most 1,000 columns: no screen is wider."""
    from rich.cells import cell_len

    done = subprocess.run([str(CV), *args], capture_output=True, text=True, timeout=60,
                          check=False, cwd=FACTS.parent,
                          env={**os.environ, "COLUMNS": "1000000", "NO_COLOR": "1"})  # fmt: skip
    assert done.returncode in (0, 3), done.stderr
    assert done.stdout
    assert max(cell_len(line) for line in done.stdout.splitlines()) <= 1000


def test_a_diff_is_drawn_record_by_record(tmp_path: Path) -> None:
    """The table of a diff comes piece by piece: `| head` ends it early, never held whole."""
    from cosmetic_valley_cli.diff import changes, diff_view
    from cosmetic_valley_cli.loader import parse_document

    old = parse_document(FACTS.read_text(encoding="utf-8"), "old")
    new = parse_document(FACTS.read_text(encoding="utf-8").replace("Orléans", "Orleans"), "new")
    found = list(changes(old, new))  # type: ignore[arg-type]
    assert found
    pieces = diff_view(found)
    assert not isinstance(pieces, str)
    first = next(pieces)
    assert first.startswith("changed: partners university-orleans")
    done = run("cv diff facts.yaml tests/fixtures/example-next-year.yaml | head -c 100",
               tmp_path)  # fmt: skip
    assert done.returncode == 0  # head's status: cv ended quietly on the closed pipe
    assert len(done.stdout.encode("utf-8")) == 100


def brute_force(tokens: list[str], text: list[str], start: int) -> int:
    """The first place >= start where `tokens` stand in a row in `text`: every place tried."""
    size = len(tokens)
    return next((at for at in range(start, len(text) - size + 1) if text[at : at + size] == tokens),
                -1)  # fmt: skip


def test_the_quote_index_finds_what_a_scan_finds() -> None:
    """quotes.Source (issue 22: each quote was scanned against the whole source) against
    a plain scan, on texts of few words, where repeats and near misses are many."""
    import random

    from cosmetic_valley_cli.quotes import _TOKEN, Source

    chance = random.Random(22)
    for _ in range(300):
        text = " ".join(chance.choice(["a", "b", "c,", "d'e", "("]) for _ in range(40))
        source = Source(text)
        words = _TOKEN.findall(text)
        for _ in range(20):
            size = chance.randint(1, 5)
            if chance.random() < 0.5:
                at = chance.randrange(len(words) - size)
                tokens = words[at : at + size]
            else:
                tokens = [chance.choice(["a", "b", "c", ",", "d", "'", "e", "(", "z"])
                          for _ in range(size)]  # fmt: skip
            start = chance.randrange(len(words))
            assert source.find(tokens, start) == brute_force(tokens, words, start), (text, tokens)


@pytest.mark.parametrize(
    ("quote", "found"),
    [("renowned scientific institutions", True), ("institutions (CNRS, LNE", True),
     ("renowned \u2018scientific\u2019 institutions", False), ("ntitions (CNRS", False),
     ("renowned ... (CNRS, LNE", True), ("(CNRS, LNE ... renowned", False)],
)  # fmt: skip
def test_a_quote_matches_whole_words_in_order(quote: str, found: bool) -> None:
    from cosmetic_valley_cli.quotes import Source, check, fold

    text = "It works with renowned scientific institutions (CNRS, LNE, Synchrotron)."
    source = Source(fold(text))
    assert (check(quote, source) is None) is found


@pytest.mark.parametrize("form", ["NFD", "NFC"])
def test_accents_match_however_they_are_encoded(
    tmp_path: Path, form: Literal["NFD", "NFC"]
) -> None:
    """ "é" is one character or an "e" and a combining accent: the same text to a reader,
    so a quote matches either (issue 22's review: a source saved in NFD failed every
    accented quote). Checked with the installed cv on the article itself."""
    import unicodedata

    article = FACTS.parent.parent / "shared" / "seeds" / "000_9e8f03860a0667c4.txt"
    if not article.exists():
        pytest.skip("../shared is not beside the checkout")
    text = unicodedata.normalize(form, article.read_text(encoding="utf-8"))
    assert ("e\u0301" in text) == (form == "NFD")
    source = tmp_path / "article.txt"
    source.write_text(text, encoding="utf-8")
    data = tmp_path / "facts.yaml"
    data.write_text(unicodedata.normalize("NFC", FACTS.read_text(encoding="utf-8")).replace(
        "sha256: ", "sha256: null # ", 1), encoding="utf-8")  # fmt: skip
    done = subprocess.run([str(CV), "validate", str(data), "--against", f"luxus-2019={source}"],
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[:2000]
    quotes = len(re.findall(r"^ +quote: ", FACTS.read_text(encoding="utf-8"), re.M))
    assert f"{quotes} quotes found in" in done.stderr


@pytest.mark.parametrize("quote", ["...", "\u2026", "......", ",", " ... , ... ", "(...)"])
def test_a_quote_without_words_is_refused(tmp_path: Path, quote: str) -> None:
    """A quote of only elisions or punctuation was "found" in any text, an empty one
    included (issue 22's hostile pass): the dataset refuses it, and the check finds it
    missing."""
    from cosmetic_valley_cli.quotes import Source, check

    assert check(quote, Source("")) is not None
    text = FACTS.read_text(encoding="utf-8")
    first = text.index("quote: ", text.index("partners:"))
    line_end = text.index("\n", first)
    data = tmp_path / "empty-quote.yaml"
    data.write_text(f"{text[:first]}quote: {json.dumps(quote)}{text[line_end:]}", "utf-8")
    done = subprocess.run([str(CV), "validate", str(data)], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1
    assert "a quote must hold the source's words" in done.stderr


def test_a_missing_quote_shows_the_nearest_passage() -> None:
    from cosmetic_valley_cli.quotes import Source, check, fold

    source = Source(fold("The cluster has about 650 member companies, 80% of them SMEs."))
    missing = check("about 560 member companies, 80% of them SMEs", source)
    assert missing is not None
    assert missing.piece == "about 560 member companies, 80% of them SMEs"
    assert missing.nearest is not None
    assert missing.nearest.passage == "about 650 member companies, 80% of them SMEs."
    assert missing.nearest.differs == ("560", "650")


def shown_words(args: list[str], width: int) -> tuple[set[str], str]:
    """The short words a view shows at a width: short enough never to be cut in a cell."""
    import re

    result = subprocess.run([str(CV), *args], capture_output=True, text=True, timeout=120,
                            check=True, env={**os.environ, "COLUMNS": str(width)})  # fmt: skip
    return {word for word in re.findall(r"\w+", result.stdout) if len(word) <= 6}, result.stderr


@pytest.mark.parametrize("args", [["facts"], ["sheet"], ["partners"], ["timeline"]],
                         ids=" ".join)  # fmt: skip
def test_a_narrow_terminal_shows_every_word_or_says_what_it_cut(args: list[str]) -> None:
    """Issue 22: at 30 columns the key figures' descriptions vanished; at 20 the sheet
    dropped the universities' names. Every word the widest layout shows is still there."""
    everything, _ = shown_words(args, 1000)
    for width in (20, 30, 40, 60, 80):
        words, said = shown_words(args, width)
        lost = everything - words
        assert not lost or "cut" in said, (width, sorted(lost))


NAN = float("nan")


def forge(entry: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Rewrite a cache entry's document and give it the digest of what it now holds."""
    import hashlib

    document = json.loads(entry.read_bytes().split(b"\n", 1)[1])
    change(document)
    payload = json.dumps(document).encode()
    entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


@pytest.mark.parametrize("fast", ["on", "off"])
@pytest.mark.parametrize(
    ("args", "change"),
    [
        (["members", "--json"], lambda d: d["members"][0]["companies"].update(value=NAN)),
        (["members", "--json"], lambda d: d["members"][0].update(evidence=7)),
        (["partners", "--json"], lambda d: d["partners"][0].update(name=["a", "list"])),
        (["facts"], lambda d: d["figures"][0].update(figure=None)),
        (["sheet"], lambda d: d["sources"][0].update(date=12)),
    ],
    ids=["nan", "evidence-a-number", "name-a-list", "figure-null", "date-a-number"],
)  # fmt: skip
def test_a_forged_cache_entry_is_a_miss(
    tmp_path: Path, fast: str, args: list[str], change: Callable[[dict[str, Any]], object]
) -> None:
    """An entry with a right digest but a shape no validation gives (NaN, a number for a
    list) is a miss: the file is validated again and the answer is the true one. Never
    NaN in JSON, never exit 70 (issue 22's review). The cache's contract: a damaged entry
    is a miss, never an error and never a value."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "CV_FAST": fast}
    truth = subprocess.run([str(CV), *args], capture_output=True, env=env, timeout=60,
                           check=True)  # fmt: skip
    (entry,) = (tmp_path / "cosmetic-valley-cli").glob("*.json")
    forge(entry, change)
    result = subprocess.run([str(CV), *args], capture_output=True, env=env, timeout=60,
                            check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (0, truth.stderr)
    assert result.stdout == truth.stdout
    assert b"NaN" not in result.stdout


@pytest.mark.parametrize("fast", ["on", "off"])
@pytest.mark.parametrize(
    ("args", "env_name"),
    [(["facts", "--as-of", "1" * 5000], None), (["partners"], "COLUMNS"), (["sheet"], "LINES")],
    ids=["as-of", "columns", "lines"],
)  # fmt: skip
def test_a_number_of_5000_digits_is_refused_or_ignored(
    fast: str, args: list[str], env_name: str | None
) -> None:
    """int() refuses more than 4,300 digits: a traceback on the fast path, 70 on typer's
    (issue 22's review). `--as-of` is a usage error; a size in the environment is ignored."""
    env = {**os.environ, "CV_FAST": fast}
    if env_name:
        env[env_name] = "1" * 5000
    result = subprocess.run([str(CV), *args], capture_output=True, text=True, env=env,
                            timeout=60, check=False)  # fmt: skip
    assert "Traceback" not in result.stderr and result.returncode != 70, result.stderr
    if env_name is None:
        assert result.returncode == 2
        assert (
            "a date is YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr
            and "(5,000 characters)" in result.stderr
        )
    else:
        assert result.returncode == 0 and result.stdout


@pytest.mark.parametrize("args", [["facts"], ["facts", "--as-of", "2019"]], ids=" ".join)
def test_a_terminal_of_a_few_columns_folds_every_cell_or_says_what_it_cut(
    args: list[str],
) -> None:
    """Below 5 columns `cv facts` lost its labels without a word (issue 22's review).

    Each cell of the widest layout, its white space aside, still stands whole in the
    narrow one (folded a few letters a line), or stderr says what is not shown in full.
    Below 40 columns a label stands above its text, so no two cells share a line; the
    listings, whose columns do, are `test_a_narrow_terminal_shows_every_word...`.
    """
    import re

    def shown(width: int) -> tuple[str, str]:
        result = subprocess.run([str(CV), *args], capture_output=True, text=True, timeout=60,
                                check=True, env={**os.environ, "COLUMNS": str(width)})  # fmt: skip
        return result.stdout, result.stderr

    wide, _ = shown(1000)
    cells = {re.sub(r"\s", "", cell) for line in wide.splitlines()
             for cell in re.split(r"\s{2,}", line.strip()) if cell}  # fmt: skip
    assert len(cells) > 5
    for width in (1, 2, 3, 4, 5, 8, 12, 39):
        narrow, said = shown(width)
        flat = re.sub(r"\s", "", narrow)
        lost = sorted(cell for cell in cells if cell not in flat)
        assert not lost or "not shown in full" in said, (width, lost)


@pytest.mark.parametrize("width", [30, 50, 60, 80])
def test_help_lists_every_command_summary_whole_at_any_width(width: int) -> None:
    """`cv --help` under 60 columns cut each summary with "..." (issue 22's review): each
    is now whole, wrapped, the same words as a bare `cv` lists."""
    import re

    env = {**os.environ, "COLUMNS": str(width)}
    overview = subprocess.run([str(CV)], capture_output=True, text=True, timeout=60,
                              check=True, env={**env, "COLUMNS": "200"}).stdout  # fmt: skip
    commands = overview.split("Commands:\n")[1].split("\n\n")[0]
    listed = re.findall(r"^  ([a-z-]+) {2,}(.+)$", commands, re.MULTILINE)
    assert len(listed) > 15
    helped = subprocess.run([str(CV), "--help"], capture_output=True, text=True, timeout=60,
                            check=True, env=env).stdout  # fmt: skip
    assert "..." not in helped.replace("[ARGS]...", "")  # click's usage line has its own
    flat = " ".join(helped.split())
    for name, summary in listed:
        assert f"{name} {summary}" in flat, (width, name)


@pytest.mark.parametrize(
    "args",
    [["sheet", "--save", "{tmp}/sheet.svg/"], ["validate", "facts.yaml/"],
     ["diff", "facts.yaml/", "facts.yaml"], ["--data", "facts.yaml/", "partners"],
     ["validate", "--against", "luxus-2019=facts.yaml/"]],
    ids=["save", "validate", "diff", "data", "against"],
)  # fmt: skip
def test_a_path_is_taken_as_typed(tmp_path: Path, args: list[str]) -> None:
    """`--save x.svg/` wrote x.svg (issue 22's hostile pass): pathlib drops a trailing
    '/', which says a folder is meant. Every path is used as typed: refused, or read as
    the system reads it (Not a directory), never quietly another file."""
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    done = subprocess.run([str(CV), *argv], capture_output=True, text=True, timeout=60,
                          check=False, cwd=FACTS.parent)  # fmt: skip
    assert done.returncode in (1, 2), done.stderr
    assert done.stdout == ""
    assert "facts.yaml/" in done.stderr or "sheet.svg/" in done.stderr, done.stderr
    assert not (tmp_path / "sheet.svg").exists()


def test_a_stacked_label_is_marked_and_coloured_alone() -> None:
    """Below 40 columns `cv facts` puts each label above its text: the label ends in a
    colon, so it reads as one without colour, and only the label is coloured (the
    value took the label's colour, then no colour at all; the review of this stop)."""
    env = {**os.environ, "COLUMNS": "30"}
    plain = subprocess.run([str(CV), "facts"], capture_output=True, text=True, timeout=60,
                           check=True, env={**env, "NO_COLOR": "1"}).stdout  # fmt: skip
    assert "\nkind:\ncompetitiveness cluster\n" in plain
    env = {key: value for key, value in env.items() if key != "NO_COLOR"}
    coloured = subprocess.run([str(CV), "facts"], capture_output=True, text=True, timeout=60,
                              check=True, env={**env, "FORCE_COLOR": "1"}).stdout  # fmt: skip
    assert "\x1b[36mkind:\x1b[0m" in coloured
    assert "\x1b[36mcompetitiveness" not in coloured


def test_install_completion_writes_nothing_when_the_start_up_file_is_refused(
    tmp_path: Path,
) -> None:
    """A FIFO as ~/.bashrc hung `cv --install-completion` (no signal ends a blocked read),
    and the script was written before the start-up file was refused; an empty HOME
    wrote /.bashrc (issue 22's hostile pass and the review of this stop)."""
    home = tmp_path / "home"
    home.mkdir()
    os.mkfifo(home / ".bashrc")
    env = {**os.environ, "HOME": str(home), "SHELL": "/bin/bash"}
    done = subprocess.run([str(CV), "--install-completion"], capture_output=True, text=True,
                          timeout=30, check=False, env=env)  # fmt: skip
    assert done.returncode == 1
    assert "it is not a regular file; add it yourself" in done.stderr
    assert sorted(path.name for path in home.iterdir()) == [".bashrc"]  # nothing written
    done = subprocess.run([str(CV), "--install-completion"], capture_output=True, text=True,
                          timeout=30, check=False, env={**env, "HOME": ""})  # fmt: skip
    assert done.returncode == 1 and "HOME is empty" in done.stderr
