"""How `cv validate` scales on hostile inputs: time and memory per doubling of each input.

    python benchmarks/hostile.py                 # every input (several minutes)
    python benchmarks/hostile.py blank-line      # only the inputs named

For each input, the size grows from a small one until one run costs at least 10× cv's
start-up time (`CV_FAST=off cv --version`, typer's path); from there it doubles three
times. Each size runs
`cv validate FILE` as a whole process (CV_CACHE=off) three times: the time is the median,
the ratio is that median over the previous size's (linear is 2.0×, the target ≤ 2.3×),
and the peak is the largest resident set size of the three; its growth over the same
command's peak on facts.yaml, divided by the file's size, has the target at most 30×
(issue 21; the command's fixed cost, such as rich's import for a table, is not the input's).
Sizes stop short of the 32 MiB file limit.
This is a benchmark, not a test: it prints figures and judges only the targets it names.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FACTS = (HERE.parent / "facts.yaml").read_text(encoding="utf-8")
CV = Path(sys.executable).parent / "cv"
ENV = {**os.environ, "CV_CACHE": "off", "COLUMNS": "80"}
FACTS_DIGEST = re.search(r"sha256: \S+", FACTS).group()  # type: ignore[union-attr]
LIMIT = 32 * 1024 * 1024
RUNS = 3
TARGET_RATIO = 2.3
TARGET_MEMORY = 30
# A quadratic input doubles 4× a step: stop before it takes the machine's memory.
GIVE_UP_SECONDS = 60
GIVE_UP_BYTES = 3 * 2**30


def with_partners(count: int, record: Callable[[int], str]) -> str:
    """facts.yaml with `count` generated partner records in place of the real ones."""
    head, rest = FACTS.split("\npartners:\n", 1)
    tail = rest[rest.index("\noffices:\n") :]
    return f"{head}\npartners:\n{''.join(record(n) for n in range(count))}{tail}"


def with_sources(count: int, text: str) -> str:
    """The text with `count` more sources after the first."""
    extra = "".join(
        f'  - id: s{n}\n    title: T\n    publisher: P\n    date: "2019"\n'
        f'    evidence:\n      - source: s{n}\n        quote: "Q"\n'
        for n in range(count)
    )
    return text.replace("\ncluster:\n", f"\n{extra}cluster:\n", 1)


def own_sources(count: int) -> str:
    """facts.yaml with `count` more sources and `count` partners, each citing its own."""
    return with_sources(count, with_partners(count, lambda i: partner(i, source=f"s{i}")))


def with_name(name: str) -> str:
    """facts.yaml with four university partners, the second named `name` (YAML text)."""
    return with_partners(
        4,
        lambda i: partner(i, kind="university").replace(
            f"name: Partner {i}", f"name: {name}" if i == 1 else f"name: Partner {i}"
        ),
    )


def partner(n: int, source: str = "luxus-2019", kind: str = "network") -> str:
    return (
        f"  - id: partner-{n}\n    name: Partner {n}\n    type: {kind}\n"
        f"    evidence:\n      - source: {source}\n"
        f'        quote: "renowned scientific institutions (CNRS, LNE, Synchrotron Soleil)"\n'
    )


def excerpt(n: int) -> str:
    """A university whose quote is an excerpt of the sentence that names them all."""
    said = f"Partner {n}" if n == 0 else f"... Partner {n}"
    return partner(n, kind="university").replace(
        "renowned scientific institutions (CNRS, LNE, Synchrotron Soleil)",
        f"9 universities are partners in the cluster: {said}",
    )


INPUTS: dict[str, tuple[str, Callable[[int], str]]] = {
    "blank-line": ("a line of N spaces then x", lambda n: "a: " + " " * n + "x\n"),
    "trailing-space-lines": (
        "N lines with a trailing space",
        lambda n: "top:\n" + "".join(f"  k{i}: v \n" for i in range(n)),
    ),
    "unknown-sources": (
        "N sources, and N records with an unknown source",
        lambda n: with_sources(n, with_partners(n, lambda i: partner(i, source=f"nowhere-{i}"))),
    ),
    "problems-as-json": (
        "`cv validate FILE --format json`: N lines with a trailing space, a problem each",
        lambda n: "top:\n" + "".join(f"  k{i}: v \n" for i in range(n)),
    ),
    "misspelt-sources": (
        "N records whose source is a misspelling of the one source (a did-you-mean each)",
        lambda n: with_partners(n, lambda i: partner(i, source=f"luxus-{i:04d}")),
    ),
    "spaces-in-a-quote": (
        "a valid file, N spaces inside a quote",
        lambda n: FACTS.replace('"Created in 1994', '"Created' + " " * n + "in 1994", 1),
    ),
    "one-bad-value": (
        "N valid records, then one bad value",
        lambda n: with_partners(
            n, lambda i: partner(i, kind="nowhere" if i == n - 1 else "network")
        ),
    ),
    "line-separators": (
        "N records, every line ending in U+2028",
        lambda n: with_partners(n, partner).replace("\n", "\u2028"),
    ),
    "short-records": (
        "a valid file of N records as short as a record can be",
        lambda n: with_partners(n, short_partner),
    ),
    "table-cell": (
        "`cv --data FILE partners` (a table, 80 columns): a description of N lines",
        lambda n: with_partners(4, lambda i: partner(i) + (block(n) if i == 1 else "")),
    ),
    "quote-elision-spaces": (
        "`cv validate FILE --against luxus-2019=ARTICLE`: N spaces before a quote's '...'",
        lambda n: FACTS.replace(
            '"its values (... consumer safety"',
            '"its values (' + " " * n + '... consumer safety"',
            1,
        ),
    ),
    "quotes-not-in-source": (
        "`cv validate FILE --against luxus-2019=TEXT`: N quotes not in a text of N lines",
        lambda n: with_partners(
            n,
            lambda i: partner(i).replace(
                "renowned scientific institutions (CNRS, LNE, Synchrotron Soleil)",
                f"line {i} of the text, with words it does not have {i}",
            ),
        ).replace(FACTS_DIGEST, "sha256: null", 1),
    ),
    "unknown-speakers": (
        "N people, and N quotations whose speaker is no one's id",
        lambda n: FACTS.replace(
            "\npeople:\n",
            "\npeople:\n"
            + "".join(
                f"  - id: person-{i}\n    name: P\n    evidence:\n"
                f"      - source: luxus-2019\n        quote: Q\n"
                for i in range(n)
            ),
            1,
        ).replace(
            "\nquotations:\n",
            "\nquotations:\n"
            + "".join(
                f"  - id: q-{i}\n    speaker: nobody-{i}\n    evidence:\n"
                f"      - source: luxus-2019\n        quote: Q\n"
                for i in range(n)
            ),
            1,
        ),
    ),
    "jsonld-sources": (
        "`cv --data FILE facts -f jsonld`: N sources, and N partners, each citing its own",
        own_sources,
    ),
    "svg-long-word": (
        "`cv --data FILE sheet --save sheet.svg`: a university's name of one N-letter word",
        lambda n: with_name("W" * n),
    ),
    "sheet-sources": (
        "`cv --data FILE sheet`: N sources, and N partners, each citing its own",
        own_sources,
    ),
    "sheet-excerpts": (
        "`cv --data FILE sheet --save sheet.txt`: N universities, each quoting an excerpt of "
        "one sentence (`P: Partner 0`, `P: ... Partner 1`, ...): one footnote",
        lambda n: with_partners(n, excerpt),
    ),
    "long-name-table": (
        "`cv --data FILE partners` (a table, 80 columns): a name of N/5 words",
        lambda n: with_name("word " * (n // 5) + "end"),
    ),
    "long-name-lines": (
        "`cv --data FILE search line` (a table): a name of N/5 lines",
        lambda n: with_name('"' + "line\\n" * (n // 5) + '"'),
    ),
    "search-many-hits": (
        "`cv --data FILE search word` (a table): N/256 partners, each quoting `word` 50 times",
        lambda n: with_partners(
            max(n // 256, 1), lambda i: partner(i).replace("renowned scientific", "word " * 50)
        ),
    ),
    "search-long-quote": (
        "`cv --data FILE search word --json`: a quote of N/5 words, every one `word`",
        lambda n: with_partners(
            4,
            lambda i: partner(i).replace(
                "renowned scientific", "word " * (n // 5) if i == 1 else "x"
            ),
        ),
    ),
    "long-name-diff": (
        "`cv diff facts.yaml FILE` (a table): a name of N/5 words",
        lambda n: with_name("word " * (n // 5) + "end"),
    ),
    "long-name-sheet": (
        "`cv --data FILE sheet` (the terminal sheet, 80 columns): a name of one N-letter word",
        lambda n: with_name("W" * n),
    ),
    "cite-section": (
        "`cv --data FILE cite --section partners`: N partners, each citing its own source",
        own_sources,
    ),
    "cite-bibtex": (
        "`cv --data FILE cite --section partners -f bibtex`: N partners, N sources cited",
        own_sources,
    ),
    "cite-unknown": (
        "`cv --data FILE cite partner-x`: N partners, none of them the id (a did-you-mean)",
        lambda n: with_partners(n, partner),
    ),
    "facts-markdown": (
        "`cv --data FILE facts -f markdown`: N partners, each citing its own source",
        own_sources,
    ),
    "listing-markdown": (
        "`cv --data FILE partners -f markdown`: N partners, each citing its own source",
        own_sources,
    ),
}
ARTICLE = HERE.parent.parent / "shared" / "seeds" / "000_9e8f03860a0667c4.txt"
SVG = Path(tempfile.gettempdir()) / "cv-hostile-sheet.svg"
TXT = Path(tempfile.gettempdir()) / "cv-hostile-sheet.txt"
COMMANDS = {  # the others run `cv validate FILE`; "{path}" stands for the input's file
    "table-cell": ["partners"],
    "quote-elision-spaces": ["validate", "{path}", "--against", f"luxus-2019={ARTICLE}"],
    "quotes-not-in-source": ["validate", "{path}", "--against", "luxus-2019={path}.txt"],
    "jsonld-sources": ["facts", "-f", "jsonld"],
    "svg-long-word": ["sheet", "--save", str(SVG)],
    "sheet-sources": ["sheet"],
    "sheet-excerpts": ["sheet", "--save", str(TXT)],
    "problems-as-json": ["validate", "{path}", "--format", "json"],
    "long-name-table": ["partners"],
    "long-name-lines": ["search", "line"],
    "search-many-hits": ["search", "word"],
    "search-long-quote": ["search", "word", "--json"],
    "long-name-diff": ["diff", str(HERE.parent / "facts.yaml"), "{path}"],
    "long-name-sheet": ["sheet"],
    "cite-section": ["cite", "--section", "partners"],
    "cite-bibtex": ["cite", "--section", "partners", "-f", "bibtex"],
    "cite-unknown": ["cite", "partner-x"],
    "facts-markdown": ["facts", "-f", "markdown"],
    "listing-markdown": ["partners", "-f", "markdown"],
}


SOURCE_TEXTS: dict[str, Callable[[int], str]] = {  # the text an input's quotes are checked in
    "quotes-not-in-source": lambda n: "".join(
        f"line {i} of the text, with its words.\n" for i in range(n)
    ),
}


def short_partner(n: int) -> str:
    return (
        f"  - {{id: p{n}, name: P, type: network, evidence: [{{source: luxus-2019, quote: Q}}]}}\n"
    )


def block(lines: int) -> str:
    """A description written as a block scalar of `lines` lines."""
    return "    description: |\n" + "".join(f"      line {n}\n" for n in range(lines))


def run(path: Path, command: list[str] | None = None) -> tuple[float, int, int]:
    """Wall time of one `cv validate` (or the command), its peak memory and stderr's size."""
    if command and "{path}" in command:
        args = [word.replace("{path}", str(path)) for word in command]
    else:
        args = ["--data", str(path), *command] if command else ["validate", str(path)]
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(CV), *args], stdout=subprocess.DEVNULL, stderr=stderr, env=ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        # cv diff exits 3 on changes, cv cite 2 for an unknown id
        if code not in (0, 1, 3 if args[0] == "diff" else 1, 2 if "cite" in args else 1):
            stderr.seek(0)
            raise SystemExit(f"cv {' '.join(args)} exited {code}: {stderr.read()[-2000:]!r}")
        return elapsed, usage.ru_maxrss * 1024, stderr.tell()


def startup() -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        # The full path's start-up (typer): `cv --version` alone is answered before it.
        subprocess.run([str(CV), "--version"], stdout=subprocess.DEVNULL,
                       env={**ENV, "CV_FAST": "off"}, check=True)  # fmt: skip
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def write(directory: Path, name: str, n: int) -> Path:
    """The input of size n, written by a child process.

    A child's peak memory counts what its parent held when it started, so the texts
    are built in another process and this one stays small.
    """
    path = directory / f"{name}-{n}.yaml"
    subprocess.run([sys.executable, __file__, "--write", name, str(n), str(path)], check=True)
    return path


def measure(directory: Path, name: str, floor: float, resident: int) -> list[str]:
    """The rows of one input's table."""
    n = 64
    command = COMMANDS.get(name)
    while True:  # the smallest doubling that costs at least `floor`, within the file limit
        path = write(directory, name, n)
        if path.stat().st_size * 8 > LIMIT:
            break
        elapsed, _peak, _err = run(path, command)
        path.unlink()
        if elapsed >= floor:
            break
        n *= 2
    rows, previous = [], None
    for step in range(4):
        size = n * 2**step
        path = write(directory, name, size)
        if path.stat().st_size > LIMIT:
            rows.append(f"{name:22} {size:>10,}  (over the 32 MiB limit)")
            break
        results = [run(path, command) for _ in range(RUNS)]
        median = statistics.median(r[0] for r in results)
        peak = max(r[1] for r in results)
        bytes_ = path.stat().st_size
        ratio = f"{median / previous:5.2f}×" if previous else "     "
        flag = " !" if previous and median / previous > TARGET_RATIO else ""
        growth = (peak - resident) / bytes_
        flag += " MEM!" if growth > TARGET_MEMORY else ""
        rows.append(
            f"{name:22} {size:>10,} {bytes_ / 2**20:8.2f} MiB {median:8.2f} s {ratio}"
            f" {peak / 2**20:8.0f} MiB {growth:11.1f}× {results[0][2] / 2**20:8.2f} MiB{flag}"
        )
        print(rows[-1], flush=True)
        previous = median
        path.unlink()
        if median > GIVE_UP_SECONDS or peak > GIVE_UP_BYTES:
            rows.append(f"{name:22} stopped: the next doubling would cost too much")
            print(rows[-1], flush=True)
            break
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help=f"inputs to run: {', '.join(INPUTS)}")
    parser.add_argument("--write", nargs=3, metavar=("INPUT", "N", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.write:
        name, n, path = options.write
        Path(path).write_text(INPUTS[name][1](int(n)), encoding="utf-8", newline="")
        if name in SOURCE_TEXTS:
            Path(f"{path}.txt").write_text(SOURCE_TEXTS[name](int(n)), encoding="utf-8")
        return
    names = options.inputs or list(INPUTS)
    unknown = [name for name in names if name not in INPUTS]
    if unknown:
        parser.error(f"unknown inputs: {', '.join(unknown)}")
    base = startup()
    commands = {tuple(COMMANDS.get(name, ())) for name in names}
    resident = {command: max(run(HERE.parent / "facts.yaml", list(command) or None)[1]
                             for _ in range(RUNS)) for command in commands}  # fmt: skip
    print(f"cv start-up (CV_FAST=off cv --version): {base * 1000:.0f} ms; floor for the "
          f"first size: {10 * base:.2f} s; {RUNS} runs a size, median")  # fmt: skip
    for command, peak in sorted(resident.items()):
        shown = f"cv --data facts.yaml {' '.join(command)}" if command else "cv validate facts.yaml"
        print(f"{shown} peaks at {peak / 2**20:.0f} MiB")
    print(
        "the column 'growth/file' is (peak - the same command's on facts.yaml) / file size, "
        f"the target at most {TARGET_MEMORY}×"
    )
    print(f"{'input':22} {'N':>10} {'file':>12} {'time':>10} {'ratio':>6} {'peak RSS':>12}"
          f" {'growth/file':>12} {'stderr':>12}")  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:
        for name in names:
            print(f"# {name}: {INPUTS[name][0]}", flush=True)
            measure(Path(directory), name, 10 * base, resident[tuple(COMMANDS.get(name, ()))])


if __name__ == "__main__":
    main()
