"""Ctrl-C and SIGTERM at any point: the right verdict, or 130/143, never a wrong one.

Issue 22: cv's handler raised SystemExit wherever Python next looked for signals. Inside
pydantic-core, while it built the model's validators, the exception was swallowed
("Exception ignored in: '\\S'"), a field's pattern was left rejecting everything, and a
valid file was reported invalid. The handler now only records the signal (signals.py).

`CV_SIGNAL_SOAK=1000 pytest tests/test_signals.py` sends a thousand signals; CI sends
fewer, and the unit tests below check the handler itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import FACTS
from test_installed import CV
from test_reliability import LINUX, caught

from cosmetic_valley_cli import signals

SOAK = int(os.environ.get("CV_SIGNAL_SOAK", "0") or 0)
RUNS = SOAK or 48


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """No signal received yet, and no wait under way, whatever an earlier test did."""
    monkeypatch.setattr(signals, "_received", 0)
    monkeypatch.setattr(signals, "_waiting", 0)


@pytest.mark.usefixtures("fresh")
def test_the_handler_records_and_never_raises_outside_a_wait() -> None:
    signals._record(signal.SIGTERM, None)  # must not raise: it may be inside a library
    signals._record(signal.SIGINT, None)  # the first signal decides the status
    assert signals.final(0) == 143
    with pytest.raises(SystemExit) as stopped:
        signals.check()
    assert stopped.value.code == 143


@pytest.mark.usefixtures("fresh")
def test_nothing_received_changes_nothing() -> None:
    signals.check()
    assert signals.final(0) == 0
    assert signals.final(1) == 1


@pytest.mark.usefixtures("fresh")
def test_a_wait_on_a_stream_is_ended_by_the_handler_itself() -> None:
    """PEP 475 retries an interrupted read: only a raising handler ends a wait on a pipe."""
    with pytest.raises(SystemExit) as stopped, signals.waiting_on_stream:
        signals._record(signal.SIGINT, None)
    assert stopped.value.code == 130
    assert signals._waiting == 0
    signals._received = 0
    signals._record(signal.SIGINT, None)  # after the wait: recorded only


@pytest.mark.usefixtures("fresh")
def test_a_signal_before_a_wait_stops_there() -> None:
    signals._record(signal.SIGTERM, None)
    with pytest.raises(SystemExit), signals.waiting_on_stream:
        pytest.fail("the wait began although a signal had come")


@LINUX
def test_a_read_from_a_silent_pipe_ends_on_ctrl_c(tmp_path: Path) -> None:
    """`cv --data - facts` with nobody writing: Ctrl-C must end it, not be noted for later."""
    process = subprocess.Popen([str(CV), "--data", "-", "facts"], cwd=tmp_path,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)  # fmt: skip
    wait_for_handlers(process)
    time.sleep(0.5)  # well into its read of stdin, which never ends
    process.send_signal(signal.SIGINT)
    out, error = process.communicate(timeout=60)
    assert (process.returncode, out, error) == (130, b"", b"")


def wait_for_handlers(process: subprocess.Popen[bytes]) -> None:
    """Until cv's own SIGTERM handler (set last) is in place; a deadline, not a timing."""
    deadline = time.monotonic() + 60
    while not caught(process.pid, signal.SIGTERM):
        assert process.poll() is None, "cv ended before it set its handlers"
        assert time.monotonic() < deadline, "cv never set its SIGTERM handler"
        time.sleep(0.0002)


def run(argv: list[str], env: dict[str, str], delay: float | None, number: int) -> tuple[int, str]:
    """One run of cv, with a signal `delay` seconds after its handlers are set (or none)."""
    process = subprocess.Popen([str(CV), *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)  # fmt: skip
    wait_for_handlers(process)
    started = time.monotonic()
    if delay is not None:
        time.sleep(delay)
        process.send_signal(number)
    out, error = process.communicate(timeout=120)
    text = out.decode() + error.decode()
    return process.returncode, text if delay is not None else f"{time.monotonic() - started}"


@LINUX
@pytest.mark.parametrize("valid", [True, False], ids=["valid", "invalid"])
def test_a_signal_at_any_point_never_gives_a_wrong_verdict(tmp_path: Path, valid: bool) -> None:
    """Cold `cv validate`, signalled at points spread over the whole run, imports included.

    Each run ends with the right verdict and its status, or with 130/143 and no other
    verdict (a complete right verdict may come first). Never a wrong verdict, "Exception
    ignored", a traceback or 70.
    """
    data = tmp_path / "facts.yaml"
    text = FACTS.read_text(encoding="utf-8")
    if not valid:
        text = text.replace("  kind: competitiveness cluster", '  kind: ""')
    data.write_text(text, encoding="utf-8")
    env = {**os.environ, "CV_CACHE": "off"}
    argv = ["validate", str(data)]
    status, took = run(argv, env, None, 0)
    expected_status = 0 if valid else 1
    assert status == expected_status, took
    baseline = subprocess.run([str(CV), *argv], capture_output=True, text=True, env=env,
                              timeout=120, check=False)  # fmt: skip
    verdict = baseline.stdout + baseline.stderr
    assert ("valid (" in verdict) is valid and ("must not be empty" in verdict) is not valid
    # Points spread evenly over the run and a little past its end, SIGINT and SIGTERM.
    span = float(took) * 1.1
    cases = [(span * (i + 0.5) / RUNS, (signal.SIGINT, signal.SIGTERM)[i % 2]) for i in range(RUNS)]
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        outcomes = list(pool.map(lambda case: (case, *run(argv, env, *case)), cases))
    stopped = 0
    for (delay, number), code, said in outcomes:
        where = f"signal {number} at {delay:.3f}s: exit {code}\n{said}"
        assert "Exception ignored" not in said and "Traceback" not in said, where
        if code == expected_status:
            assert said == verdict, where
        else:
            assert code == 128 + number, where
            assert said in ("", verdict), where
            stopped += 1
    assert stopped, "no run was stopped: the signals all came too late to test anything"


@LINUX
@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGINT, signal.SIGTERM],
                         ids=["SIGHUP", "SIGINT", "SIGTERM"])  # fmt: skip
def test_a_signal_during_a_save_leaves_no_temp_file(tmp_path: Path, number: int) -> None:
    """SIGHUP (a closed terminal) killed cv mid-save and left `.cv-*.tmp` (issue 22's
    hostile pass): it is now noted like SIGINT and SIGTERM, and cv leaves with 128+N,
    its temp file removed. The save is long (a name of 400,000 words) to be caught."""
    text = FACTS.read_text(encoding="utf-8")
    big = tmp_path / "big.yaml"
    big.write_text(text.replace("    name: Rouen\n", f"    name: {'word ' * 400_000}end\n", 1),
                   encoding="utf-8")  # fmt: skip
    target = tmp_path / "out" / "sheet.svg"
    target.parent.mkdir()
    process = subprocess.Popen([str(CV), "--data", str(big), "sheet", "--save", str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "CV_CACHE": "off"})  # fmt: skip
    wait_for_handlers(process)
    deadline = time.monotonic() + 60
    while not list(target.parent.iterdir()) and process.poll() is None:  # the temp file
        assert time.monotonic() < deadline
        time.sleep(0.001)
    process.send_signal(number)
    _out, error = process.communicate(timeout=120)
    assert process.returncode in (0, 128 + number), error
    assert [path.name for path in target.parent.iterdir() if path.name != "sheet.svg"] == []
    assert b"Traceback" not in error
