"""The installed `cv`, run as a user runs it: a separate process, from another folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FACTS

BIN = Path(sys.executable).parent
CV = BIN / ("cv.exe" if os.name == "nt" else "cv")


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert CV.exists(), f"{CV} is missing: install the package (pip install -e '.[test]')"
    return subprocess.run(
        [str(CV), *args], cwd=cwd, input=stdin, capture_output=True, text=True,
        encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip


def test_installed_cv_lists_the_nine_universities(tmp_path: Path) -> None:
    result = run("partners", "--type", "university", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    names = [partner["name"] for partner in json.loads(result.stdout)]
    assert len(names) == 9
    assert "Orléans" in names and "Sorbonne University" in names


def test_installed_cv_facts_from_another_folder(tmp_path: Path) -> None:
    result = run("facts", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "nearly 600 companies" in result.stdout
    assert "\x1b[" not in result.stdout  # piped: no colour


def test_python_dash_m(tmp_path: Path) -> None:
    from cosmetic_valley_cli import __version__

    result = subprocess.run(
        [sys.executable, "-m", "cosmetic_valley_cli", "--version"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"cv {__version__}\n"


def test_usage_error_exit_2_nothing_on_stdout(tmp_path: Path) -> None:
    result = run("partners", "--type", "school", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def big_dataset(tmp_path: Path, partners: int) -> Path:
    """The real dataset with many more partners, for output larger than a pipe's buffer."""
    extra = "".join(
        f"  - id: partner-{n}\n    name: Partner {n}\n    type: network\n    evidence:\n"
        f"      - source: luxus-2019\n        quote: renowned scientific institutions\n"
        for n in range(partners)
    )
    text = FACTS.read_text(encoding="utf-8").replace("\npartners:\n", "\npartners:\n" + extra)
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reader_that_stops_early_gets_no_error(tmp_path: Path) -> None:
    data = big_dataset(tmp_path, 3000)
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:  # a file, not a pipe: a failing cv cannot block on it
        process = subprocess.Popen(
            [str(CV), "--data", str(data), "partners", "--json"],
            stdout=subprocess.PIPE, stderr=stderr, cwd=tmp_path,
        )  # fmt: skip
        assert process.stdout is not None
        assert process.stdout.read(10) == b"[\n  {\n    "
        process.stdout.close()
        process.wait(timeout=60)
    error = errors.read_text(encoding="utf-8")
    # 141 when a write met the closed pipe; 0 when the kernel took all but the last write
    assert process.wait(timeout=60) in (0, 141)
    assert error == ""


def test_closed_pipe_exits_141_quietly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [str(CV), "--data", "-", "partners", "--json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    process.stdout.close()  # the reader is gone before cv writes a byte
    _, error = process.communicate(FACTS.read_bytes(), timeout=60)
    assert process.returncode == 141
    assert error == b""


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("after", [0.15, 0.4, 2.0], ids=["starting", "importing", "reading"])
def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path, after: float) -> None:
    process = subprocess.Popen(
        [str(CV), "--data", "-", "facts"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip
    time.sleep(after)  # at 2 s, cv is waiting for the dataset on stdin
    process.send_signal(signal.SIGINT)
    output, error = process.communicate(timeout=60)
    # -2: the signal came before Python had its handler in place, which is quiet too
    assert process.returncode in (130, -signal.SIGINT), error
    assert b"Traceback" not in error
    assert output == b""


def test_closed_pipe_before_a_command_runs(tmp_path: Path) -> None:
    process = subprocess.Popen([str(CV), "--version"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=tmp_path)  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()
    _, error = process.communicate(timeout=60)
    assert process.returncode in (0, 141)  # 0 if it wrote before the pipe closed
    assert error == b""
