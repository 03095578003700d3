"""How fast cv answers, against four references, measured in one run.

    python benchmarks/startup.py            # everything, 21 + 15 runs (about 9 minutes)
    python benchmarks/startup.py --quick    # 5 runs, no 100k dataset (about a minute)

Every path runs as a whole process. The paths of a table run round-robin, one run of
each in turn, after a warm-up, so that a noisy neighbour slows them all alike; the
figures are medians, and peak memory is the largest resident set size of any run
(os.wait4's ru_maxrss). The references:

- the physical limit, `python -I -c pass` on the same interpreter: no Python program
  starts faster;
- the design's limit, benchmarks/reference.py: only the standard library, the same cache
  key, the same cache entry read and parsed, the same bytes written (checked byte for
  byte before the timing starts);
- what a user would pick instead: jq on the validated dataset saved as JSON, and a
  minimal click app (benchmarks/click_app.py) on the same YAML;
- the framework floor, benchmarks/floor.py: the cheapest honest typer app.

cv's cache lives in a temporary folder of this run (XDG_CACHE_HOME), so other programs
cannot evict its entries. Before timing, each cv path is run once under
`python -X importtime` to see whether the fast path answered or typer did. Every timed
process is started by benchmarks/spawner.py, a bare `python -I -S`: a child's ru_maxrss
counts what its parent had resident when it was started, so the parent must be smaller
than what it measures (a peak below the spawner's own, such as jq's, reads as the
spawner's). This is a benchmark, not a test: it prints figures and judges nothing but
the targets it names, ok or MISSED.
"""

from __future__ import annotations

import argparse
import filecmp
import marshal
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FACTS = HERE.parent / "facts.yaml"
PYTHON = sys.executable
FLOOR = [PYTHON, str(HERE / "floor.py")]
REFERENCE = [PYTHON, str(HERE / "reference.py")]
CLICK = [PYTHON, str(HERE / "click_app.py")]
JQ = "/usr/bin/jq"
# Settings of the caller's that would change what cv does: every run starts without them.
# PYTHONDONTWRITEBYTECODE among them: with it, and bytecode older than the sources (an
# editable install after an edit), every run would compile cv's modules again.
CLEARED = ("CV_FAST", "CV_CACHE", "CV_DATA", "PYTHONUNBUFFERED", "NO_COLOR", "FORCE_COLOR",
           "COLUMNS", "XDG_CACHE_HOME", "_CV_COMPLETE", "COMP_WORDS", "COMP_CWORD",
           "PYTHONDONTWRITEBYTECODE")  # fmt: skip
UNIVERSITY = ["partners", "--type", "university", "--json"]
JQ_FACTS = "{cluster, members, figures, certification, timeline, sources}"
JQ_PARTNERS = '[.partners[] | select(.type == "university")]'


def compile_cv() -> str:
    """Compile cv's modules to bytecode, as `pip install` does; the folder compiled.

    An editable install (`pip install -e`) leaves that to the first run, and a stale
    .pyc is compiled again at every run while PYTHONDONTWRITEBYTECODE is set: timing
    that would time the compiler, not cv.
    """
    import importlib.util

    spec = importlib.util.find_spec("cosmetic_valley_cli")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cv is not installed in this Python")
    folder = next(iter(spec.submodule_search_locations))
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    done = subprocess.run([PYTHON, "-m", "compileall", "-q", folder], check=False, env=env)
    if done.returncode != 0:  # a read-only install: pip compiled it when it installed it
        return f"{folder} (could not write its bytecode: timed as installed)"
    return folder


def cv_command() -> list[str]:
    found = Path(PYTHON).parent / "cv"
    if not found.exists():
        raise SystemExit(f"no cv beside {PYTHON}: run the benchmark with the Python cv is "
                         "installed in")  # fmt: skip
    return [str(found)]


@dataclass
class Timed:
    """One command line, timed: a path of cv's or a reference's."""

    label: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    available: bool = True
    answered_by: str = ""  # for cv: the fast path or typer, seen in a run before timing
    times: list[float] = field(default_factory=list)
    peak: int = 0

    @property
    def ms(self) -> float:
        return statistics.median(self.times) * 1000 if self.times else float("nan")

    def mib(self, floor: int = 0) -> str:
        """The peak in MiB; `≤` when it is no more than the spawner's own (jq's)."""
        return f"{'≤ ' if self.peak <= floor + 2**19 else ''}{self.peak / 2**20:.1f}"


class Bench:
    """The run's settings: where cv's cache is, and the environment every run starts from."""

    def __init__(self, cache: Path) -> None:
        self.base = {k: v for k, v in os.environ.items() if k not in CLEARED}
        self.base["XDG_CACHE_HOME"] = str(cache)
        self.spawner = subprocess.Popen([PYTHON, "-I", "-S", str(HERE / "spawner.py")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
        self.floor_peak = 0  # the spawner's own peak: no child's can read lower

    def _answer(self) -> Any:
        assert self.spawner.stdout is not None
        size = int.from_bytes(self.spawner.stdout.read(4), "big")
        return marshal.loads(self.spawner.stdout.read(size))

    def close(self) -> None:
        if self.spawner.stdin is not None:
            self.spawner.stdin.close()
        self.spawner.wait()

    def env(self, path: Timed) -> dict[str, str]:
        return {**self.base, **path.env}

    def run(self, path: Timed) -> tuple[float, int]:
        """Wall time of one whole process, and its peak resident memory in bytes."""
        assert self.spawner.stdin is not None
        request = marshal.dumps((path.argv, self.env(path)))
        self.spawner.stdin.write(len(request).to_bytes(4, "big") + request)
        self.spawner.stdin.flush()
        elapsed, peak, code, own = self._answer()
        self.floor_peak = max(self.floor_peak, int(own))
        if code != 0:
            self.fail(path)
        return float(elapsed), int(peak)

    def fail(self, path: Timed) -> None:
        done = subprocess.run(path.argv, env=self.env(path), capture_output=True, check=False)
        raise SystemExit(f"{path.label}: `{' '.join(path.argv)}` failed "
                         f"({done.returncode}): {done.stderr.decode()[-2000:]}")  # fmt: skip

    def output(self, path: Timed, into: Path) -> Path:
        """Run once, stdout to a file; fail loudly on a non-zero exit."""
        with into.open("wb") as stream:
            done = subprocess.run(path.argv, env=self.env(path), stdout=stream,
                                  stderr=subprocess.PIPE, check=False)  # fmt: skip
        if done.returncode != 0:
            self.fail(path)
        return into

    def same_bytes(self, cv: Timed, reference: Timed, folder: Path) -> None:
        """Stop unless the reference prints exactly what cv prints."""
        mine = self.output(cv, folder / "cv.out")
        theirs = self.output(reference, folder / "reference.out")
        if not filecmp.cmp(mine, theirs, shallow=False):
            raise SystemExit(f"{reference.label} does not print what {cv.label} prints: "
                             f"compare {mine} and {theirs}")  # fmt: skip

    def who_answers(self, path: Timed) -> str:
        """Whether a run of cv imported typer (typer's path) or not (the fast path)."""
        argv = [PYTHON, "-X", "importtime", *path.argv]
        done = subprocess.run(argv, env=self.env(path), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)  # fmt: skip
        imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines()}
        return "typer" if "typer" in imported else "fast path"

    def measure(self, paths: Sequence[Timed], runs: int, warmup: int) -> None:
        """Round-robin: one run of each path in turn, `warmup` rounds untimed first."""
        ready = [path for path in paths if path.available]
        for _ in range(warmup):
            for path in ready:
                self.run(path)
        for _ in range(runs):
            for path in ready:
                seconds, peak = self.run(path)
                path.times.append(seconds)
                path.peak = max(path.peak, peak)


OWN_COMPLETIONS = {
    "commands": ["pa"],
    "options": ["partners", "--"],
    "type": ["partners", "--type", ""],
    "format": ["facts", "--format", ""],
    "fields": ["figures", "--fields", "name,figure."],
    "schema": ["schema", "--output", ""],
}
"""What a TAB asks cv's own completion (issue 20): each within 3x a bare Python start."""


def completion(prog: str) -> dict[str, str]:
    """Bash's request for the values of `partners --type`."""
    return {
        f"_{prog.upper()}_COMPLETE": "complete_bash",
        "COMP_WORDS": f"{prog} partners --type ",
        "COMP_CWORD": "3",
    }


def big_dataset(directory: Path, partners: int) -> Path:
    """facts.yaml with `partners` generated partner records in place of the real ones.

    Written record by record, so that this process stays small (see the docstring).
    """
    text = FACTS.read_text(encoding="utf-8")
    head, rest = text.split("\npartners:\n", 1)
    tail = rest[rest.index("\noffices:\n") :]
    from cosmetic_valley_cli.vocabulary import PartnerType

    kinds = [kind.value for kind in PartnerType]
    path = directory / f"partners-{partners}.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(f"{head}\npartners:\n")
        for n in range(partners):
            stream.write(
                f"  - id: partner-{n}\n    name: Partner {n}\n"
                f"    type: {kinds[n % len(kinds)]}\n    city: City {n % 97}\n"
                f"    evidence:\n      - source: luxus-2019\n"
                '        quote: "renowned scientific institutions (CNRS, LNE, Synchrotron"\n'
            )
        stream.write(tail)
    return path


@dataclass
class Target:
    """One of issue 15's targets: a measured ratio and its limit."""

    what: str
    measured: float | None  # None: not measured in this run
    limit: float
    strict: bool = False  # `<` rather than `≤`

    def line(self) -> str:
        sign = "<" if self.strict else "≤"
        if self.measured is None:
            return f"| {self.what} | n/a | {sign} {self.limit:g}× | not measured |"
        met = self.measured < self.limit if self.strict else self.measured <= self.limit
        return (f"| {self.what} | {self.measured:.2f}× | {sign} {self.limit:g}× "
                f"| {'ok' if met else 'MISSED'} |")  # fmt: skip


def ratio(a: Timed, b: Timed) -> float | None:
    if not (a.times and b.times):
        return None
    return a.ms / b.ms


def times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
    names = list(header)
    print("| " + " | ".join(names) + " |")
    print("|---|" + "---:|" * (len(names) - 1))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = subprocess.run(
        [PYTHON, "-c", "import importlib.metadata as m; print(', '.join(f'{n} ' + "
         "m.version(n) for n in ('typer', 'pydantic', 'rich')))"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    return (f"{platform.machine()}, {os.cpu_count()} cores ({model}), "
            f"Python {platform.python_version()}, {versions}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="start-up runs per path (≥ 15)")
    parser.add_argument("--scale-runs", type=int, default=15, help="runs per scale row (≥ 15)")
    parser.add_argument("--quick", action="store_true", help="5 runs, no 100k dataset")
    options = parser.parse_args()
    runs = 5 if options.quick else max(options.runs, 15)
    scale_runs = 5 if options.quick else max(options.scale_runs, 15)
    began = time.perf_counter()
    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {machine()}")
    print(f"command: python benchmarks/startup.py{' --quick' if options.quick else ''}")

    print(f"compiled: {compile_cv()} to bytecode, as pip install does, before any run")
    with tempfile.TemporaryDirectory(prefix="cv-bench-") as temporary:
        folder = Path(temporary)
        bench = Bench(folder / "cache")
        cv = cv_command()
        sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000]
        datasets = {n: big_dataset(folder, n) for n in sizes}

        # Once, before any timing: the cache warmed, the inputs of the references made.
        warming = [Timed("warm", [*cv, "facts", "--json"])]
        warming += [Timed(f"warm {n}", [*cv, "--data", str(datasets[n]), "partners", "--json"])
                    for n in sizes]  # fmt: skip
        for path in warming:
            bench.output(path, folder / "warming.out")
        facts_bytes = bench.output(warming[0], folder / "facts.json.out")
        as_json = folder / "facts.json"
        bench.output(Timed("facts.yaml as JSON", [PYTHON, "-c",
            "import json; from cosmetic_valley_cli import load_document; "
            "print(json.dumps(load_document(), ensure_ascii=False))"]), as_json)  # fmt: skip
        has_jq = Path(JQ).exists()

        p = {
            "python -I": Timed("`python -I -c pass` (physical limit)",
                               [PYTHON, "-I", "-c", "pass"]),
            "python": Timed("`python -c pass` (with site, this venv)", [PYTHON, "-c", "pass"]),
            "ref facts": Timed("reference.py facts --json (design's limit)",
                               [*REFERENCE, "facts", "--json", "--bytes", str(facts_bytes)]),
            "ref partners": Timed("reference.py partners --type university --json",
                                  [*REFERENCE, *UNIVERSITY]),
            "jq facts": Timed("jq on the dataset as JSON: the summary's sections",
                              [JQ, JQ_FACTS, str(as_json)], available=has_jq),
            "jq partners": Timed("jq on the dataset as JSON: the universities",
                                 [JQ, JQ_PARTNERS, str(as_json)], available=has_jq),
            "click facts": Timed("click_app.py facts --json", [*CLICK, "facts", "--json"]),
            "click partners": Timed("click_app.py partners --type university --json",
                                    [*CLICK, *UNIVERSITY]),
            "floor facts": Timed("floor.py facts --json (typer floor)",
                                 [*FLOOR, "facts", "--json"]),
            "floor partners": Timed("floor.py partners --type university --json",
                                    [*FLOOR, *UNIVERSITY]),
            "floor table": Timed("floor.py facts (table)", [*FLOOR, "facts"]),
            "floor completion": Timed("floor.py: completion of partners --type", FLOOR,
                                      env=completion("floor")),
            "floor version": Timed("floor.py --version", [*FLOOR, "--version"]),
            "facts": Timed("cv facts --json", [*cv, "facts", "--json"]),
            "partners": Timed("cv partners --type university --json", [*cv, *UNIVERSITY]),
            "facts unbuffered": Timed("cv facts --json, PYTHONUNBUFFERED=1",
                                      [*cv, "facts", "--json"], env={"PYTHONUNBUFFERED": "1"}),
            "partners unbuffered": Timed("cv partners --type university --json, "
                                         "PYTHONUNBUFFERED=1", [*cv, *UNIVERSITY],
                                         env={"PYTHONUNBUFFERED": "1"}),
            "table": Timed("cv facts (table)", [*cv, "facts"]),
            "completion": Timed("completion of `cv partners --type ` (0.2's script)", cv,
                                env=completion("cv")),
            **{f"complete {name}": Timed(f"cv __complete {' '.join(words)}",
                                         [*cv, "__complete", *words])
               for name, words in OWN_COMPLETIONS.items()},
            "version": Timed("cv --version", [*cv, "--version"]),
            "facts typer": Timed("cv facts --json, CV_FAST=off", [*cv, "facts", "--json"],
                                 env={"CV_FAST": "off"}),
            "partners typer": Timed("cv partners --type university --json, CV_FAST=off",
                                    [*cv, *UNIVERSITY], env={"CV_FAST": "off"}),
            "cold facts": Timed("cold: cv facts --json, CV_CACHE=off", [*cv, "facts", "--json"],
                                env={"CV_CACHE": "off"}),
            "cold partners": Timed("cold: cv partners --type university --json, CV_CACHE=off",
                                   [*cv, *UNIVERSITY], env={"CV_CACHE": "off"}),
            "cold facts unbuffered": Timed("cold: cv facts --json, CV_CACHE=off, "
                                           "PYTHONUNBUFFERED=1", [*cv, "facts", "--json"],
                                           env={"CV_CACHE": "off", "PYTHONUNBUFFERED": "1"}),
            "cold partners unbuffered": Timed("cold: cv partners --type university --json, "
                                              "CV_CACHE=off, PYTHONUNBUFFERED=1",
                                              [*cv, *UNIVERSITY],
                                              env={"CV_CACHE": "off", "PYTHONUNBUFFERED": "1"}),
        }  # fmt: skip
        references = [path for key, path in p.items() if key.startswith(
            ("python", "ref ", "jq ", "click ", "floor "))]  # fmt: skip
        cvs = [path for path in p.values() if path not in references]

        scale: dict[tuple[str, int], Timed] = {}
        for n in sizes:
            data = ["--data", str(datasets[n])]
            scale["cv", n] = Timed(f"{n:,}: cv partners --json", [*cv, *data, "partners", "--json"])
            scale["ref", n] = Timed(
                f"{n:,}: reference.py partners --json", [*REFERENCE, *data, "partners", "--json"]
            )
            scale["cold", n] = Timed(
                f"{n:,}: cold cv partners --json",
                [*cv, *data, "partners", "--json"],
                env={"CV_CACHE": "off"},
            )
        scale["unbuffered", 10_000] = Timed("10,000: cv partners --json, PYTHONUNBUFFERED=1",
            scale["cv", 10_000].argv, env={"PYTHONUNBUFFERED": "1"})  # fmt: skip

        # The checks: the design's limit prints cv's bytes, and who answers each cv path.
        bench.same_bytes(p["facts"], p["ref facts"], folder)
        bench.same_bytes(p["partners"], p["ref partners"], folder)
        for n in sizes:
            bench.same_bytes(scale["cv", n], scale["ref", n], folder)
        print("checked: reference.py prints cv's bytes exactly (facts, partners, "
              + ", ".join(f"{n:,}" for n in sizes) + " partners)")  # fmt: skip
        for path in [*cvs, *(scale[key] for key in scale if key[0] != "ref")]:
            path.answered_by = bench.who_answers(path)
        (folder / "cv.out").unlink()
        (folder / "reference.out").unlink()

        bench.measure([*references, *cvs], runs, warmup=2)
        bench.measure(list(scale.values()), scale_runs, warmup=1)

        base = p["python -I"]
        bench.close()
        print(
            f"\nPeak memory reads at least {bench.floor_peak / 2**20:.1f} MiB, the spawner's own: "
            "a peak near that is marked ≤."
        )
        print(f"\n**References**, medians of {runs} runs, interleaved with cv's paths\n")
        table(["reference", "ms", "peak MiB", "× python -I"],
              ([path.label, f"{path.ms:.1f}", path.mib(bench.floor_peak), times(ratio(path, base))]
               if path.available else [path.label, "n/a", "n/a", "n/a"]
               for path in references))  # fmt: skip

        compared = {
            "facts": ("ref facts", "floor facts"), "partners": ("ref partners", "floor partners"),
            "facts unbuffered": ("ref facts", "floor facts"),
            "partners unbuffered": ("ref partners", "floor partners"),
            "table": (None, "floor table"), "completion": (None, "floor completion"),
            "version": (None, "floor version"),
            **{f"complete {name}": (None, "floor completion") for name in OWN_COMPLETIONS},
            "facts typer": ("ref facts", "floor facts"),
            "partners typer": ("ref partners", "floor partners"),
            "cold facts": (None, "floor facts"), "cold partners": (None, "floor partners"),
            "cold facts unbuffered": (None, "floor facts"),
            "cold partners unbuffered": (None, "floor partners"),
        }  # fmt: skip
        print(f"\n**cv**, medians of {runs} runs, warm unless said (the dataset validated "
              "and in the cache)\n")  # fmt: skip
        rows = []
        for key, (reference, floor) in compared.items():
            path = p[key]
            rows.append([path.label, path.answered_by, f"{path.ms:.1f}", path.mib(bench.floor_peak),
                         times(ratio(path, base)),
                         times(ratio(path, p[reference])) if reference else "—",
                         times(ratio(path, p[floor]))])  # fmt: skip
        table(["path", "answered by", "ms", "peak MiB", "× python -I", "× reference",
               "× floor"], rows)  # fmt: skip

        print(f"\n**Scale**: `cv --data FILE partners --json` on generated datasets, medians "
              f"of {scale_runs} runs, interleaved\n")  # fmt: skip
        rows = []
        for n in sizes:
            warm, ref, cold = scale["cv", n], scale["ref", n], scale["cold", n]
            size = datasets[n].stat().st_size
            rows.append([f"{n:,}", f"{size / 2**20:.1f}", f"{warm.ms:.1f}", f"{ref.ms:.1f}",
                         times(ratio(warm, ref)), f"{cold.ms:.1f}", warm.mib(),
                         f"{warm.peak / size:.1f}", ref.mib(),
                         cold.mib()])  # fmt: skip
        table(["partners", "file MiB", "cv warm ms", "reference ms", "× reference",
               "cv cold ms", "cv warm peak MiB", "÷ file", "reference peak MiB",
               "cv cold peak MiB"], rows)  # fmt: skip
        unbuffered = scale["unbuffered", 10_000]
        print(f"\n10,000 warm with PYTHONUNBUFFERED=1 ({unbuffered.answered_by}): "
              f"{unbuffered.ms:.1f} ms, {times(ratio(unbuffered, scale['cv', 10_000]))}× "
              "the buffered run")  # fmt: skip
        answered = {scale["cv", n].answered_by for n in sizes}
        print(f"warm scale rows answered by: {', '.join(sorted(answered))}")
        if 100_000 in sizes:
            for kind, what in (("cv", "cv warm"), ("ref", "reference"), ("cold", "cv cold")):
                grow = ratio(scale[kind, 100_000], scale[kind, 10_000])
                print(f"100k ÷ 10k, {what}: {times(grow)}× (linear is 10)")

        big = 100_000 in sizes
        size = datasets[100_000].stat().st_size if big else 0
        targets = [
            Target("warm `cv facts --json` ÷ `python -I -c pass`", ratio(p["facts"], base), 3.0),
            Target("warm `cv facts --json` ÷ reference.py", ratio(p["facts"], p["ref facts"]),
                   1.5),
            Target("warm `cv partners --type university --json` ÷ `python -I -c pass`",
                   ratio(p["partners"], base), 3.0),
            Target("warm `cv partners --type university --json` ÷ reference.py",
                   ratio(p["partners"], p["ref partners"]), 1.5),
            Target("completion of `cv partners --type ` ÷ `python -I -c pass`",
                   ratio(p["completion"], base), 3.0),
            *(Target(f"`cv __complete {' '.join(words)}` ÷ `python -I -c pass`",
                     ratio(p[f"complete {name}"], base), 3.0)
              for name, words in OWN_COMPLETIONS.items()),
            Target("`cv --version` ÷ `python -I -c pass`", ratio(p["version"], base), 2.0),
            Target("`cv facts` (table) ÷ floor.py facts (table)",
                   ratio(p["table"], p["floor table"]), 0.6),
            Target("warm 100k `cv partners --json` ÷ reference.py on the same data",
                   ratio(scale["cv", 100_000], scale["ref", 100_000]) if big else None, 2.0),
            Target("warm 100k ÷ 10k, cv",
                   ratio(scale["cv", 100_000], scale["cv", 10_000]) if big else None, 11.0),
            # Issue 21's definition: the growth over the same listing's peak on facts.yaml.
            Target("warm 100k (peak − `cv partners` on facts.yaml) ÷ file size",
                   (scale["cv", 100_000].peak - p["partners"].peak) / size if big else None,
                   30.0),
            Target("cold `cv facts --json` ÷ floor.py facts --json",
                   ratio(p["cold facts"], p["floor facts"]), 1.25),
            Target("cold `cv partners --type university --json` ÷ floor.py",
                   ratio(p["cold partners"], p["floor partners"]), 1.25),
        ]  # fmt: skip
        print("\n**Targets** (issues 15, 19 and 20)\n")
        print("| target | measured | limit | result |")
        print("|---|---:|---:|---|")
        for target in targets:
            print(target.line())
        print(f"\n{sum(t.measured is not None for t in targets)} measured, "
              f"{sum('| ok |' in t.line() for t in targets)} ok, "
              f"{sum('MISSED' in t.line() for t in targets)} MISSED; "
              f"the run took {time.perf_counter() - began:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
