"""Shell completion through typer's completion variables, as bash, zsh and fish call cv."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_installed import CV

from cosmetic_valley_cli.sections import LISTED


def complete(shell: str, words: str) -> list[str]:
    env = {**os.environ, "_CV_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = subprocess.run([str(CV)], env=env, capture_output=True, text=True, timeout=60,
                            check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_type_completes_its_values(shell: str) -> None:
    offered = " ".join(complete(shell, "cv partners --type "))
    for kind in ("university", "institution", "region-or-cluster", "network", "startup-support"):
        assert kind in offered


def test_type_completes_a_prefix() -> None:
    assert complete("bash", "cv partners --type u") == ["university"]


def test_fields_complete_field_names() -> None:
    assert complete("bash", "cv partners --fields na") == ["name"]
    others = [field for field in LISTED["people"].fields if field != "name"]
    assert "role" in others
    assert complete("bash", "cv people --fields name,") == [f"name,{field}" for field in others]


def test_commands_complete() -> None:
    assert "partners" in complete("bash", "cv pa")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(shell: str, tmp_path: Path) -> None:
    result = subprocess.run([str(CV), "--show-completion", shell], capture_output=True,
                            text=True, timeout=60, check=False, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "_CV_COMPLETE" in result.stdout
