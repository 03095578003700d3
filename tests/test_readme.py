"""The README stays true: each command in its console blocks prints what the README shows."""

from __future__ import annotations

import re
import shutil
import struct

import pytest
from conftest import REPO

from cosmetic_valley_cli.generate import console_examples, run_example

README = REPO / "README.md"

EXAMPLES = console_examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command: str, shown: str) -> None:
    if re.search(r"\bjq\b", command) and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    assert run_example(command) == shown


def test_readme_python_example(capsys: pytest.CaptureFixture[str]) -> None:
    (example,) = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "'Orléans'" in printed
    assert printed.count(",") == 8  # nine universities


def test_the_screenshot_is_there() -> None:
    shown = re.findall(r"!\[[^]]*\]\(([^)]+)\)", README.read_text(encoding="utf-8"))
    assert shown
    for picture in shown:
        data = (REPO / picture).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", picture
        width, height = struct.unpack(">II", data[16:24])  # IHDR, the first chunk
        assert width >= 794 and height > width, (width, height)  # a page, at 96 dpi or more
        assert len(data) > 50_000  # a page with text on it, not a blank
