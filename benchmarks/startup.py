"""How fast cv starts and how it scales, against the floor app, measured in one run.

    python benchmarks/startup.py            # everything (a few minutes)
    python benchmarks/startup.py --quick    # fewer runs, no 100k dataset

Each path runs as a whole process, cv and the floor interleaved round by round after a
warm-up, so that a noisy neighbour slows both alike; the figures are medians, and the
ratio is cv's median over the floor's. Peak memory is each process's maximum resident
set size. This is a benchmark, not a test: it prints figures and judges nothing but the
targets it names.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FACTS = HERE.parent / "facts.yaml"
FLOOR = [sys.executable, str(HERE / "floor.py")]


def cv_command() -> list[str]:
    found = Path(sys.executable).parent / "cv"
    if not found.exists():
        found = Path(shutil.which("cv") or "cv")
    return [str(found)]


@dataclass
class Scenario:
    """One thing a user does, as cv does it and as the floor does it."""

    name: str
    cv_args: list[str]
    floor_args: list[str]
    target: float
    cv_env: dict[str, str] = field(default_factory=dict)
    floor_env: dict[str, str] = field(default_factory=dict)
    cv_times: list[float] = field(default_factory=list)
    floor_times: list[float] = field(default_factory=list)
    cv_peak: int = 0
    floor_peak: int = 0


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of one whole process, and its peak resident memory in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **env}
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {error}")
    return elapsed, usage.ru_maxrss * 1024


def measure(paths: list[Scenario], runs: int, warmup: int = 2) -> None:
    cv = cv_command()
    for _ in range(warmup):
        for path in paths:
            run_once(cv + path.cv_args, path.cv_env)
            run_once(FLOOR + path.floor_args, path.floor_env)
    for _ in range(runs):
        for path in paths:
            seconds, peak = run_once(cv + path.cv_args, path.cv_env)
            path.cv_times.append(seconds)
            path.cv_peak = max(path.cv_peak, peak)
            seconds, peak = run_once(FLOOR + path.floor_args, path.floor_env)
            path.floor_times.append(seconds)
            path.floor_peak = max(path.floor_peak, peak)


def ratio(path: Scenario) -> float:
    return statistics.median(path.cv_times) / statistics.median(path.floor_times)


def report(title: str, paths: list[Scenario], runs: int) -> None:
    print(f"\n{title} (medians of {runs} runs, interleaved)\n")
    print("| path | cv ms | floor ms | ratio | target | cv peak MiB | floor peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path in paths:
        met = "ok" if ratio(path) <= path.target else "MISSED"
        goal = "—" if path.target == float("inf") else f"≤ {path.target:.2f} {met}"
        print(
            f"| {path.name} | {statistics.median(path.cv_times) * 1000:.1f} "
            f"| {statistics.median(path.floor_times) * 1000:.1f} | {ratio(path):.2f} "
            f"| {goal} | {path.cv_peak / 2**20:.1f} "
            f"| {path.floor_peak / 2**20:.1f} |"
        )


def completion(prog: str) -> dict[str, str]:
    return {
        f"_{prog.upper()}_COMPLETE": "complete_bash",
        "COMP_WORDS": f"{prog} partners --type ",
        "COMP_CWORD": "3",
    }


def startup_paths() -> list[Scenario]:
    return [
        Scenario("cv facts --json", ["facts", "--json"], ["facts", "--json"], 1.10),
        Scenario("cv facts (table)", ["facts"], ["facts"], 1.15),
        Scenario(
            "cv partners --type university --json",
            ["partners", "--type", "university", "--json"],
            ["partners", "--type", "university", "--json"],
            1.10,
        ),
        Scenario(
            "completion of cv partners --type",
            [],
            [],
            1.10,
            cv_env=completion("cv"),
            floor_env=completion("floor"),
        ),
        Scenario("cv --version", ["--version"], ["--version"], 1.10),
    ]


def big_dataset(directory: Path, partners: int) -> Path:
    """facts.yaml with `partners` generated partner records in place of the real ones.

    Written record by record: the benchmark process stays small, since a child's peak
    memory counts what it shared with its parent before it started cv.
    """
    text = FACTS.read_text(encoding="utf-8")
    head, rest = text.split("\npartners:\n", 1)
    tail = rest[rest.index("\noffices:\n") :]
    kinds = ["university", "institution", "network", "startup-support", "region-or-cluster"]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="measured runs per path (≥ 15)")
    parser.add_argument("--quick", action="store_true", help="7 runs, no 100k dataset")
    options = parser.parse_args()
    runs = 7 if options.quick else max(options.runs, 15)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, cv at {cv_command()[0]}"
    )

    paths = startup_paths()
    measure(paths, runs)
    report("Start-up, warm: the dataset already validated (the everyday case)", paths, runs)
    cold = [path for path in startup_paths() if path.name.endswith("--json")]
    for path in cold:
        path.cv_env["CV_CACHE"] = "off"
        path.target = float("inf")
    measure(cold, runs)
    report("Start-up, cold: CV_CACHE=off, so cv validates in full at every run", cold, runs)

    sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory() as directory:
        files = {n: big_dataset(Path(directory), n) for n in sizes}
        scale = [
            Scenario(
                f"{n:,} partners: cv --data FILE partners --json",
                ["--data", str(files[n]), "partners", "--json"],
                ["--data", str(files[n]), "partners", "--json"],
                1.25 if n == 10_000 else float("inf"),
            )
            for n in sizes
        ]
        scale_runs = 5 if options.quick else 9
        for label, cache in (
            ("cold: CV_CACHE=off, validated at every run", "off"),
            ("warm: validated once, then read from the cache", "on"),
        ):
            for path in scale:
                path.cv_times, path.floor_times, path.cv_peak, path.floor_peak = [], [], 0, 0
                path.cv_env["CV_CACHE"] = cache
            measure(scale, scale_runs, warmup=1)
            report(f"Scale, {label}", scale, scale_runs)
            by_size = dict(zip(sizes, scale, strict=True))
            if 100_000 in by_size:
                grow = statistics.median(by_size[100_000].cv_times) / statistics.median(
                    by_size[10_000].cv_times
                )
                size = files[100_000].stat().st_size
                peak = by_size[100_000].cv_peak
                print(f"\n100k / 10k time: {grow:.1f}× (target ≤ 12, linear is 10)")
                print(
                    f"100k peak memory: {peak / 2**20:.0f} MiB for a {size / 2**20:.1f} MiB "
                    f"file: {peak / size:.1f}× the file (target < 10)"
                )


if __name__ == "__main__":
    main()
