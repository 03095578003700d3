"""Shell completion is cv's own: its candidates, its scripts in real shells, old installs.

The candidates come from the declarations (options.py, sections.py). The scripts that
`cv completion SHELL` prints are run in a real bash, zsh and fish, with the installed
cv on PATH; so are typer 0.29.2's three scripts, stored verbatim in
tests/fixtures/typer-0.29.2/, which cv 0.2 installed and cv still answers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from test_installed import CV

from cosmetic_valley_cli.completion import FILES, SCRIPTS, candidates
from cosmetic_valley_cli.listing import Listing
from cosmetic_valley_cli.options import COMMANDS, FORMATS, json_commands
from cosmetic_valley_cli.sections import LISTED

TYPER_SCRIPTS = REPO / "tests" / "fixtures" / "typer-0.29.2"
PARTNER_TYPES = [member.value for member in LISTED["partners"].types or ()]


def test_partner_types_are_known() -> None:
    assert "university" in PARTNER_TYPES


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([""], list(COMMANDS)),
        (["pa"], ["partners"]),
        (["-"], ["--data", "--version", "--show-completion", "--install-completion", "--help",
                 "-h"]),
        (["--data", "x.yaml", "fig"], ["figures"]),
        (["--data", ""], [FILES]),
        (["partners", "--type", ""], PARTNER_TYPES),
        (["partners", "-t", "u"], ["university"]),
        (["partners", "--type=u"], ["--type=university"]),
        (["facts", "--format", ""], list(FORMATS["facts"])),
        (["diff", "a", "b", "-f", ""], ["table", "json", "markdown"]),
        (["partners", "--format", "json"], ["json", "jsonl"]),
        (["timeline", "--t"], []),
        (["partners", "--json", "--"], ["--type", "--format", "--fields", "--csv-raw",
                                          "--help"]),
        (["schema", "--output", ""], list(json_commands())),
        (["sheet", "--save", ""], [FILES]),
        (["validate", ""], [FILES]),
        (["completion", ""], ["bash", "zsh", "fish"]),
        (["search", "or"], []),
        (["nonsense", ""], []),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)  # fmt: skip
def test_candidates_follow_the_declarations(words: list[str], expected: list[str]) -> None:
    assert candidates(words) == expected


def test_fields_complete_with_dotted_names_and_commas() -> None:
    figures = list(Listing.of(LISTED["figures"], []).available)
    assert "figure.value" in figures
    assert candidates(["figures", "--fields", "figure."]) == [
        name for name in figures if name.startswith("figure.")
    ]
    others = [field for field in LISTED["people"].fields if field != "name"]
    assert "role" in others
    assert candidates(["people", "--fields", "name,"]) == [f"name,{field}" for field in others]
    assert candidates(["search", "x", "--fields", "lab"]) == ["label"]


def test_the_command_list_is_cv_s() -> None:
    import typer.main

    from cosmetic_valley_cli.cli import app

    group = typer.main.get_command(app)
    shown = [name for name in group.commands if not group.commands[name].hidden]  # type: ignore[attr-defined]
    assert shown == list(COMMANDS)


def installed_cv_env(home: Path) -> dict[str, str]:
    """The environment of a shell with the installed cv first on PATH, and its own HOME."""
    return {**os.environ, "PATH": f"{CV.parent}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(home), "SHELL": "/bin/bash"}  # fmt: skip


def need(shell: str) -> str:
    """A real shell: .ci/run installs them; elsewhere, a missing one skips."""
    found = shutil.which(shell)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{shell} is not installed, and .ci/run installs it")
        pytest.skip(f"{shell} is not installed (.ci/run installs it)")
    return found


def in_bash(script: Path, words: list[str], home: Path) -> list[str]:
    """COMPREPLY after the script's function runs for `words` (the last one incomplete)."""
    code = f"""
source {script}
COMP_WORDS=({" ".join(_quoted(word) for word in words)})
COMP_CWORD={len(words) - 1}
COMPREPLY=()
_cv_completion cv
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run([need("bash"), "--norc", "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, env=installed_cv_env(home),
                          cwd=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def in_zsh(script: Path, words: list[str], home: Path) -> list[str]:
    """What the script adds for `words`, in a real zsh with compadd and _files recorded.

    compadd, _arguments and _files only work inside a completion widget, so here they
    print what they were given; everything else (the script's quoting, how it splits
    cv's answer, typer's eval) is zsh's own.
    """
    code = f"""
compdef() {{ : }}
compadd() {{ [[ $1 == -- ]] && shift; print -rl -- "$@" }}
_files() {{ print -r -- ":files" }}
_arguments() {{ local spec=${{1#\\*: :\\(\\(}}; spec=${{spec%\\)\\)}};
  for word in ${{(z)spec}}; do print -r -- ${{(Q)word}}; done }}
source {script}
words=({" ".join(_quoted(word) for word in words)})
CURRENT={len(words)}
{"_cv" if "compadd" in script.read_text(encoding="utf-8") else "_cv_completion"}
"""
    done = subprocess.run([need("zsh"), "-f", "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, env=installed_cv_env(home),
                          cwd=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def in_fish(script: Path, line: str, home: Path) -> list[str]:
    """What fish offers for the command line, the script loaded (`complete -C`)."""
    code = f"source {script}; complete -C {_quoted(line)}"
    done = subprocess.run([need("fish"), "--no-config", "-c", code], capture_output=True,
                          text=True, timeout=60, check=False, env=installed_cv_env(home),
                          cwd=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [entry.split("\t")[0] for entry in done.stdout.splitlines() if entry]


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


@pytest.fixture
def scripts(tmp_path: Path) -> dict[str, Path]:
    """cv's own scripts, as `cv completion SHELL` prints them, saved in tmp_path."""
    saved = {}
    for shell in SCRIPTS:
        done = subprocess.run([str(CV), "completion", shell], capture_output=True, text=True,
                              timeout=60, check=True)  # fmt: skip
        assert done.stdout == SCRIPTS[shell]
        saved[shell] = tmp_path / f"cv.{shell}"
        saved[shell].write_text(done.stdout, encoding="utf-8")
    return saved


LINES = [
    (["cv", "partners", "--type", ""], PARTNER_TYPES),
    (["cv", "partners", "--type", "re"], ["region-or-cluster"]),
    (["cv", "fac"], ["facts"]),
    (["cv", "facts", "-f", ""], list(FORMATS["facts"])),
    (["cv", "figures", "--fields", "figure.v"], ["figure.value"]),
    (["cv", "schema", "--output", "tr"], ["trade-shows"]),
]


@pytest.mark.parametrize(("words", "expected"), LINES, ids=[" ".join(w) for w, _ in LINES])
def test_cv_s_scripts_complete_in_real_shells(
    scripts: dict[str, Path], tmp_path: Path, words: list[str], expected: list[str]
) -> None:
    assert in_bash(scripts["bash"], words, tmp_path) == expected
    assert in_zsh(scripts["zsh"], words, tmp_path) == expected
    assert sorted(in_fish(scripts["fish"], " ".join(words), tmp_path)) == sorted(expected)


def test_cv_s_scripts_fall_back_to_file_names(scripts: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "facts-2023.yaml").write_text("", encoding="utf-8")
    words = ["cv", "validate", "facts-"]
    assert in_bash(scripts["bash"], words, tmp_path) == ["facts-2023.yaml"]
    assert in_zsh(scripts["zsh"], words, tmp_path) == [":files"]
    assert in_fish(scripts["fish"], " ".join(words), tmp_path) == ["facts-2023.yaml"]


def test_cv_s_scripts_evaluate_nothing_that_cv_prints(
    scripts: dict[str, Path], tmp_path: Path
) -> None:
    """A word with shell syntax in it stays a word: passed to cv and shown, never run."""
    hostile = "$(touch owned)`touch owned2`;touch owned3"
    assert in_bash(scripts["bash"], ["cv", hostile], tmp_path) == []
    assert in_zsh(scripts["zsh"], ["cv", hostile], tmp_path) == []
    in_fish(scripts["fish"], f"cv {_quoted(hostile)}", tmp_path)
    assert sorted(path.name for path in tmp_path.rglob("owned*")) == []
    for shell in ("bash", "zsh", "fish"):
        assert re.search(r"\beval\b", SCRIPTS[shell]) is None


@pytest.mark.parametrize(("words", "expected"), LINES, ids=[" ".join(w) for w, _ in LINES])
def test_typer_s_scripts_of_cv_0_2_still_complete(
    tmp_path: Path, words: list[str], expected: list[str]
) -> None:
    """Old installs keep working: cv answers typer's protocol itself."""
    assert in_bash(TYPER_SCRIPTS / "bash", words, tmp_path) == expected
    assert in_zsh(TYPER_SCRIPTS / "zsh", words, tmp_path) == expected
    assert sorted(in_fish(TYPER_SCRIPTS / "fish", " ".join(words), tmp_path)) == sorted(expected)


def test_typer_s_zsh_script_gets_files_when_cv_offers_nothing(tmp_path: Path) -> None:
    assert in_zsh(TYPER_SCRIPTS / "zsh", ["cv", "validate", ""], tmp_path) == [":files"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_and_install_completion(shell: str, tmp_path: Path) -> None:
    env = installed_cv_env(tmp_path)
    shown = subprocess.run([str(CV), "--show-completion", shell], capture_output=True,
                           text=True, timeout=60, check=False, env=env)  # fmt: skip
    assert (shown.returncode, shown.stdout) == (0, SCRIPTS[shell])
    old = {"bash": ".bash_completions/cv.sh", "zsh": ".zfunc/_cv",
           "fish": ".config/fish/completions/cv.fish"}[shell]  # fmt: skip
    (tmp_path / old).parent.mkdir(parents=True)
    (tmp_path / old).write_text((TYPER_SCRIPTS / shell).read_text(encoding="utf-8"))
    done = subprocess.run([str(CV), "--install-completion", shell], capture_output=True,
                          text=True, timeout=60, check=False, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert f"{shell} completion written to {tmp_path / old}" in done.stderr
    assert "replaces the script an older cv installed" in done.stderr
    assert (tmp_path / old).read_text(encoding="utf-8") == SCRIPTS[shell]
    again = subprocess.run([str(CV), "--install-completion", shell], capture_output=True,
                           text=True, timeout=60, check=False, env=env)  # fmt: skip
    assert again.returncode == 0
    if shell != "fish":
        rc = (tmp_path / (".bashrc" if shell == "bash" else ".zshrc")).read_text("utf-8")
        assert len(rc.splitlines()) == 1  # the loading line, added once


def test_an_unknown_shell_is_a_usage_error() -> None:
    done = subprocess.run([str(CV), "completion", "tcsh"], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert "'tcsh'" in done.stderr
    tcsh = {**os.environ, "SHELL": "/bin/tcsh"}
    detected = subprocess.run([str(CV), "--show-completion"], capture_output=True, text=True,
                              timeout=60, check=False, env=tcsh)  # fmt: skip
    assert detected.returncode == 2
    assert detected.stderr.startswith("cv: error: cv completes in bash, zsh, fish, not your")


def test_completion_is_answered_with_the_fast_path_off(tmp_path: Path) -> None:
    env = {**os.environ, "CV_FAST": "off", "_CV_COMPLETE": "complete_bash",
           "COMP_WORDS": "cv partners --type u", "COMP_CWORD": "3"}  # fmt: skip
    legacy = subprocess.run([str(CV)], capture_output=True, text=True, timeout=60, check=False,
                            env=env)  # fmt: skip
    assert (legacy.returncode, legacy.stdout, legacy.stderr) == (0, "university\n", "")
    own = subprocess.run([str(CV), "__complete", "partners", "--type", "u"], capture_output=True,
                         text=True, timeout=60, check=False,
                         env={**os.environ, "CV_FAST": "off"})  # fmt: skip
    assert (own.returncode, own.stdout) == (0, "university\n")


# What a hostile review of completion found: each class with its test.


@pytest.mark.parametrize("cword", ["-100", "999", "x", "", "0"])
def test_a_malformed_request_of_an_old_script_completes_nothing(cword: str) -> None:
    env = {**os.environ, "_CV_COMPLETE": "complete_bash", "COMP_WORDS": "cv partners --type ",
           "COMP_CWORD": cword}  # fmt: skip
    done = subprocess.run([str(CV)], capture_output=True, text=True, timeout=60, check=False,
                          env=env)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_an_unknown_completion_request_is_one_line() -> None:
    env = {**os.environ, "_CV_COMPLETE": "source_tcsh"}
    done = subprocess.run([str(CV), "partners"], capture_output=True, text=True, timeout=60,
                          check=False, env=env)  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("cv: error: _CV_COMPLETE='source_tcsh' is not a completion")


def _install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**installed_cv_env(home), "HOME": str(home)}
    return subprocess.run([str(CV), "--install-completion", *args], capture_output=True,
                          text=True, timeout=60, check=False, env=env)  # fmt: skip


@pytest.mark.parametrize(
    "damage", ["rc-is-a-folder", "rc-is-latin-1", "zfunc-is-a-file", "home-is-a-file"]
)
def test_install_into_a_home_it_cannot_use_is_one_line(tmp_path: Path, damage: str) -> None:
    home, shell = tmp_path / "home", "bash"
    home.mkdir()
    if damage == "rc-is-a-folder":
        (home / ".bashrc").mkdir()
    elif damage == "rc-is-latin-1":
        (home / ".bashrc").write_bytes(b"export N=\xe9\n")
    elif damage == "zfunc-is-a-file":
        (home / ".zfunc").write_text("", encoding="utf-8")
        shell = "zsh"
    else:
        home = tmp_path / "file"
        home.write_text("", encoding="utf-8")
    done = _install(home, shell)
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("cv: error: cannot ")
    assert "bug" not in line


def test_install_writes_through_a_symlinked_start_up_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "dotfiles").mkdir(parents=True)
    (home / "dotfiles" / "bashrc").write_text("export A=1\n", encoding="utf-8")
    (home / ".bashrc").symlink_to(home / "dotfiles" / "bashrc")
    assert _install(home, "bash").returncode == 0
    assert (home / ".bashrc").is_symlink()
    assert (home / "dotfiles" / "bashrc").read_text(encoding="utf-8") == (
        "export A=1\nsource ~/.bash_completions/cv.sh\n"
    )


def test_the_start_up_line_survives_any_home(tmp_path: Path) -> None:
    """The line names ~, not the path: a HOME with a quote or $(...) runs nothing."""
    home = tmp_path / "it's $(touch owned)"
    home.mkdir()
    assert _install(home, "bash").returncode == 0
    env = {**installed_cv_env(home), "HOME": str(home)}
    done = subprocess.run([need("bash"), "-c", "source ~/.bashrc && type _cv_completion"],
                          capture_output=True, text=True, timeout=60, check=False, env=env,
                          cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.rglob("owned"))


@pytest.mark.parametrize("argv", [["--install-completion", "fsh", "--data", "x"],
                                  ["--show-completion", "sh", "partners"]])  # fmt: skip
def test_a_shell_named_after_the_flag_is_checked_wherever_it_stands(
    tmp_path: Path, argv: list[str]
) -> None:
    env = {**installed_cv_env(tmp_path), "CV_FAST": "off"}
    done = subprocess.run([str(CV), *argv], capture_output=True, text=True, timeout=60,
                          check=False, env=env)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("cv: error: cv completes in bash, zsh, fish, not ")
    assert not list(tmp_path.iterdir())  # nothing installed
    argv = [str(CV), "--show-completion", "zsh", "--data", "x"]
    shown = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert shown.stdout == SCRIPTS["zsh"]


def test_zsh_completes_at_the_first_tab_when_autoloaded(tmp_path: Path) -> None:
    """From fpath (~/.zfunc/_cv), the file is the completion itself: no second TAB."""
    folder = tmp_path / "zfunc"
    folder.mkdir()
    (folder / "_cv").write_text(SCRIPTS["zsh"], encoding="utf-8")
    code = f"""
compdef() {{ print -r -- "compdef called" }}
compadd() {{ [[ $1 == -- ]] && shift; print -rl -- "$@" }}
fpath=({folder} $fpath)
autoload -Uz _cv
words=(cv partners --type un)
CURRENT=4
_cv
"""
    done = subprocess.run([need("zsh"), "-f", "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, env=installed_cv_env(tmp_path))  # fmt: skip
    assert done.stdout.splitlines() == ["university"], done.stderr


def test_bash_completes_equals_forms_and_file_names_with_spaces(
    scripts: dict[str, Path], tmp_path: Path
) -> None:
    # bash splits `--format=js` into `--format`, `=` and `js` (COMP_WORDBREAKS)
    assert in_bash(scripts["bash"], ["cv", "partners", "--format", "=", "js"], tmp_path) == [
        "json",
        "jsonl",
    ]
    assert in_bash(scripts["bash"], ["cv", "facts", "--format", "="], tmp_path) == list(
        FORMATS["facts"]
    )
    (tmp_path / "sp ace.yaml").write_text("", encoding="utf-8")
    assert in_bash(scripts["bash"], ["cv", "validate", "sp"], tmp_path) == ["sp ace.yaml"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["partners", "-f", "json", "-"], ["--type", "--json", "--fields", "--csv-raw", "-t",
                                           "--help", "-h"]),
        (["partners", "-t", "university", "-"], ["--type", "--format", "--json", "--fields",
                                                 "--csv-raw", "-t", "-f", "--help", "-h"]),
        (["partners", "--", "--ty"], []),
        (["partners", "--fields", "\udcff,na"], []),
    ],
    ids=["given-short-option", "repeatable-option", "after-double-dash", "undecodable"],
)  # fmt: skip
def test_only_what_may_come_next_is_offered(words: list[str], expected: list[str]) -> None:
    from cosmetic_valley_cli.completion import answer

    assert answer(words).splitlines() == expected


def test_an_empty_completion_variable_is_unset() -> None:
    """As click read it: `_CV_COMPLETE=` in the environment changes nothing."""
    env = {**os.environ, "_CV_COMPLETE": ""}
    argv = [str(CV), "partners", "--type", "university", "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert '"university-orleans"' in done.stdout
