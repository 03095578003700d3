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
    assert {"docs/fact-sheet-a4.png", "docs/fact-sheet-420px.png"} <= set(shown)
    for picture in shown:
        data = (REPO / picture).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", picture
        width, height = struct.unpack(">II", data[16:24])  # IHDR, the first chunk
        least = 420 if picture.endswith("-420px.png") else 794  # a phone, or A4 at 96 dpi
        assert width >= least and height > width, (picture, width, height)
        assert len(data) < 400_000, picture  # modest, for a README
        assert len(data) > 50_000  # a page with text on it, not a blank


def test_the_command_table_names_every_command_and_its_types() -> None:
    """The README's table of commands is every command `cv` lists, and each `--type`
    row gives exactly the command's types (the table once kept a type that was gone and
    missed five commands)."""
    import typer

    from cosmetic_valley_cli.cli import app
    from cosmetic_valley_cli.sections import LISTED

    text = README.read_text(encoding="utf-8")
    table = text[text.index("| command | what it prints |") :].split("\n\n", 1)[0]
    named = [re.match(r"\| `cv ([a-z-]+)", row).group(1)  # type: ignore[union-attr]
             for row in table.splitlines()[2:]]  # fmt: skip
    assert len(named) == len(set(named)), named  # each command once
    rows = dict(zip(named, table.splitlines()[2:], strict=True))
    group = typer.main.get_command(app)
    commands = [name for name, command in group.commands.items()  # type: ignore[attr-defined]
                if not command.hidden]  # fmt: skip
    assert sorted(rows) == sorted(commands)
    for command, section in LISTED.items():
        if section.types is None:
            assert "--type" not in rows[command], command
            continue
        kinds = [kind.value for kind in section.types]
        said = re.search(r"TYPE is (.*?) \|$", rows[command])
        assert said is not None, command
        assert said.group(1) == ", ".join(kinds[:-1]) + f" or {kinds[-1]}", command
