"""Shell completion, cv's own: the words that may come next, from the declarations.

A shell asks through one entry point, `cv __complete WORD...`: the words typed after
`cv`, each a separate argument, the last one the word being completed (empty after a
space). cv prints the candidates, one a line; a single line `:files` (no candidate
begins with a colon) asks the shell for file names instead. The scripts that
`cv completion bash|zsh|fish` prints pass the words and add the candidates as they
are: none of them evaluates what cv prints.

Scripts installed by cv 0.2 (typer's) call cv with `_CV_COMPLETE=complete_SHELL` and
typer's variables; cv answers those too (`legacy`), in the form typer's scripts read,
so old installs keep working through the 0.3 series.

Everything comes from options.py and sections.py, the tables typer's commands are built
from: the commands, each command's options, their values, and the fields of --fields,
dotted names included. Only the standard library is imported: a completion is answered
before typer, pydantic or the dataset are loaded.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .options import (
    ARGUMENTS,
    CHOICE,
    COMMAND,
    COMMANDS,
    FLAG,
    GLOBAL,
    HELP,
    PATH,
    SHELL,
    SHELLS,
    Option,
    choices,
    json_commands,
    options_of,
)
from .sections import LISTED

if TYPE_CHECKING:
    from pathlib import Path

FILES = ":files"
"""The line that asks the shell for file names."""


def candidates(words: list[str]) -> list[str]:
    """What may stand in place of the last word, given the words typed after `cv`."""
    *done, current = words or [""]
    command, index = None, 0
    while index < len(done):  # cv's own options, then the command
        word = done[index]
        if word == "--data":
            index += 2
        elif word.startswith("-"):
            index += 1
        else:
            command = word
            break
    if command is None:
        if done and done[-1] == "--data":
            return [FILES]
        if done and done[-1] in ("--show-completion", "--install-completion"):
            return _starting(SHELLS, current)
        if current.startswith("-"):
            return _starting([o.long for o in GLOBAL] + list(HELP), current)
        return _starting(COMMANDS, current)
    return _in_command(command, done[index + 1 :], current)


def _in_command(command: str, done: list[str], current: str) -> list[str]:
    """The candidates after `cv [OPTIONS] COMMAND DONE...`."""
    if command not in COMMANDS:
        return []
    table = options_of(command)
    spelled = {spelling: option for option in table for spelling in option.spellings}
    if done and done[-1] in spelled and spelled[done[-1]].kind != FLAG:
        return _values(command, spelled[done[-1]], current)
    if current.startswith("--") and "=" in current:
        name, _, value = current.partition("=")
        option = spelled.get(name)
        if option is None or option.kind == FLAG:
            return []
        if option.kind == PATH:
            return [FILES]  # the shell completes the file name after the `=`
        return [f"{name}={word}" for word in _values(command, option, value)]
    if "--" in done:  # after `--`, every word is an argument
        return [FILES] if ARGUMENTS.get(command) == PATH else []
    if current.startswith("-"):
        given = {spelled[word].key for word in done if word in spelled}
        open_ = [option for option in table if option.many or option.key not in given]
        offered = [option.long for option in open_] + [o.short for o in open_ if o.short]
        return _starting([*offered, *HELP], current)
    kind = ARGUMENTS.get(command)
    if kind == PATH:
        return [FILES]
    if kind == SHELL:
        return _starting(SHELLS, current)
    return []


def _values(command: str, option: Option, current: str) -> list[str]:
    """The values an option may take in a command."""
    if option.kind == PATH:
        return [FILES]
    if option.kind == CHOICE:
        return _starting(choices(command, option), current)
    if option.kind == COMMAND:
        return _starting(json_commands(), current)
    if option.key == "fields":
        return _fields(command, current)
    return []


def _fields(command: str, current: str) -> list[str]:
    """`--fields a,b,<TAB>`: the names not chosen yet, dotted names (figure.value) too."""
    from .listing import Listing

    section = LISTED.get(command)
    if section is not None:
        available = list(Listing.of(section, []).available)
    elif command == "search":
        from .search import HIT_FIELDS

        available = list(HIT_FIELDS)
    else:
        return []
    done, comma, last = current.rpartition(",")
    chosen = set(done.split(",")) if comma else set()
    prefix = f"{done}," if comma else ""
    return [f"{prefix}{name}" for name in available if name.startswith(last) and name not in chosen]


def _starting(words: tuple[str, ...] | list[str], current: str) -> list[str]:
    return [word for word in words if word.startswith(current)]


def answer(words: list[str]) -> str:
    """What `cv __complete WORD...` prints: the candidates that are text.

    A word typed with bytes that are not UTF-8 gives no candidate built on it.
    """
    return "".join(f"{word}\n" for word in candidates(words) if word.isascii() or _text(word))


def _text(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: an undecodable byte of the command line
        return False
    return True


# Scripts installed by cv 0.2: typer's protocol, answered from the same candidates.


LEGACY = {f"complete_{shell}": shell for shell in SHELLS}
"""The requests that cv 0.2's scripts (typer's) make, by the value of _CV_COMPLETE."""


def legacy() -> tuple[str, int]:
    """The answer to a script of cv 0.2 (typer's), and the exit status it expects.

    Malformed variables (a COMP_CWORD that is no index, an unclosed quote) give no
    candidates, never an error: a TAB must not print a traceback into a prompt.
    """
    request = os.environ.get("_CV_COMPLETE", "")
    shell = LEGACY.get(request)
    if shell is None:
        from .errors import UsageProblem, shown

        hint = f"unset it, or use {', '.join(LEGACY)}"
        raise UsageProblem(
            f"_CV_COMPLETE={shown(request)} is not a completion request cv knows", hint
        )
    if shell == "bash":
        words = _split(os.environ.get("COMP_WORDS", ""))
        cword = os.environ.get("COMP_CWORD", "")
        if not (cword.isascii() and cword.isdigit() and len(cword) <= 9) or not (
            0 < int(cword) <= len(words)
        ):  # at most 9 digits: int() refuses over 4,300 of them (issue 22's review)
            return "", 0
        at = int(cword)
        typed = [*words[1:at], words[at] if at < len(words) else ""]
    else:
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        typed = _split(line)[1:]
        if not typed or line.endswith(" "):
            typed.append("")
    found = [word for word in candidates(typed) if word != FILES]
    if shell == "zsh":
        if not found:
            return "_files", 0
        return "_arguments '*: :((" + "\n".join(f'"{_zsh(w)}"' for w in found) + "))'", 0
    if shell == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return "", 0 if found else 1
    return "\n".join(found), 0


def _zsh(word: str) -> str:
    """A word as typer's zsh answer quotes it (its script evaluates the answer)."""
    for old, new in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        word = word.replace(old, new)
    return word


def _split(line: str) -> list[str]:
    """Words as a shell splits them, forgiving an unclosed quote (typer's reading)."""
    import shlex

    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        for word in lexer:
            words.append(word)
    except ValueError:  # an unclosed quote: the rest is the last word
        words.append(lexer.token)
    return words


# The scripts: generated from the declarations, they pass words and add candidates.

_BASH = """\
# cv's completion for bash (cv completion bash). It passes the words to
# `cv __complete` and adds what cv prints as candidates; it evaluates nothing.
# No negative indices, so that the bash 3.2 of macOS reads it too.
_cv_completion() {
    local line i cur=${COMP_WORDS[COMP_CWORD]}
    local -a words=() reply=()
    # bash splits `--format=js` at the `=`: join such words back, as cv reads them.
    for ((i = 1; i <= COMP_CWORD; i++)); do
        if [[ ${#words[@]} -gt 0 && ( ${COMP_WORDS[i]} == = || ${COMP_WORDS[i-1]} == = ) ]]; then
            words[${#words[@]}-1]+=${COMP_WORDS[i]}
        else
            words+=("${COMP_WORDS[i]}")
        fi
    done
    [[ $cur == "=" ]] && cur=""
    while IFS= read -r line; do reply+=("$line"); done \\
        < <(cv __complete "${words[@]}" 2>/dev/null)
    if [[ ${#reply[@]} -eq 1 && ${reply[0]} == ":files" ]]; then
        compopt -o filenames 2>/dev/null
        while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$cur")
    elif [[ ${words[${#words[@]}-1]} == *=* ]]; then
        COMPREPLY=("${reply[@]#*=}")  # bash replaces only what follows the `=`
    else
        COMPREPLY=("${reply[@]}")
    fi
}
complete -F _cv_completion cv
"""

_ZSH = """\
#compdef cv
# cv's completion for zsh (cv completion zsh). It passes the words to
# `cv __complete` and adds what cv prints as candidates; it evaluates nothing.
_cv() {
    local -a reply
    reply=("${(@f)$(cv __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if [[ ${#reply} -eq 1 && $reply[1] == ":files" ]]; then
        _files
    elif [[ -n $reply[1] ]]; then
        compadd -- "${reply[@]}"
    fi
}
# Autoloaded from fpath (~/.zfunc/_cv), this file is the completion itself: answer now.
# Sourced, it registers the function.
if [[ $funcstack[1] == _cv ]]; then
    _cv "$@"
else
    compdef _cv cv
fi
"""

_FISH = """\
# cv's completion for fish (cv completion fish). It passes the words to
# `cv __complete` and adds what cv prints as candidates; it evaluates nothing.
function __cv_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l reply (cv __complete $words "$current" 2>/dev/null)
    if test (count $reply) -eq 1 -a "$reply[1]" = ":files"
        __fish_complete_path (commandline -ct)
    else
        printf '%s\\n' $reply
    end
end
complete --command cv --no-files --arguments '(__cv_complete)'
"""

SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}
"""Each shell's script, as `cv completion SHELL` prints it."""

INSTALLED = {
    "bash": "~/.bash_completions/cv.sh",
    "zsh": "~/.zfunc/_cv",
    "fish": "~/.config/fish/completions/cv.fish",
}
"""Where `cv --install-completion` writes each script: where typer's went in cv 0.2."""

RC_LINES = {
    "bash": (".bashrc", "source ~/.bash_completions/cv.sh"),
    "zsh": (".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
}
"""The line a shell's start-up file needs so that it loads the script (fish needs none)."""


def detected_shell() -> str | None:
    """The user's shell, from $SHELL, when cv completes in it."""
    name = os.environ.get("SHELL", "").rpartition("/")[2]
    return name if name in SHELLS else None


def script(shell: str | None) -> str:
    """The completion script for a shell (the user's own when None); a usage error else."""
    from .errors import UsageProblem, shown

    chosen = shell or detected_shell()
    if chosen not in SCRIPTS:
        said = (
            f"shell {shown(shell)}"
            if shell
            else f"your shell ({os.environ.get('SHELL') or 'unknown'})"
        )
        raise UsageProblem(
            f"cv completes in {', '.join(SHELLS)}, not {said}; name one, as in cv completion bash"
        )
    return SCRIPTS[chosen]


def install(shell: str | None) -> list[str]:
    """Write the script where the shell loads it; the lines that say what was done.

    The file is the one typer's `--install-completion` wrote in cv 0.2, replaced whole
    (atomically); a start-up file gets the line that loads it, once, written through a
    symlink to the file it points to (dotfile managers keep their link). A file that
    cannot be read or written is a one-line error, exit 1.
    """
    from pathlib import Path

    from .errors import CvError
    from .files import replace_file

    text = script(shell)
    chosen = shell or detected_shell() or ""
    home = os.environ.get("HOME")
    if home is not None and not Path(home).is_absolute():  # unset: the system's own record
        raise CvError(
            f"cannot install completion: HOME is {'empty' if not home else 'not absolute'}; "
            f"set it to your home folder, or save `cv completion {chosen or 'bash'}` yourself"
        )
    path = _home_path(chosen)
    rc, wanted, current = None, "", ""
    if chosen in RC_LINES:  # read, and refused if need be, before anything is written
        name, wanted = RC_LINES[chosen]
        zdotdir = os.environ.get("ZDOTDIR") or "~"
        folder = zdotdir if chosen == "zsh" and Path(zdotdir).expanduser().is_absolute() else "~"
        rc = Path(folder, name).expanduser().resolve()  # through a symlink, to its file
        try:
            current = _start_up_file(rc)
        except (OSError, UnicodeDecodeError) as failure:
            raise _rc_failure(rc, wanted, failure) from None
    try:
        replaced = path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, [text])
    except OSError as failure:
        raise CvError(f"cannot write {path}: {failure.strerror or failure}") from None
    said = [
        f"cv: {chosen} completion written to {path}"
        + (" (it replaces the script an older cv installed)" if replaced else "")
    ]
    if rc is not None and wanted not in current:
        end = "" if current.endswith("\n") or not current else "\n"
        try:
            replace_file(rc, [current, end, wanted, "\n"])
        except OSError as failure:
            raise _rc_failure(rc, wanted, failure) from None
        said.append(f"cv: added to {rc}: {wanted}")
    said.append("cv: it takes effect in a new shell")
    return said


def _rc_failure(rc: Path, wanted: str, failure: OSError | UnicodeDecodeError) -> Exception:
    """The one line for a start-up file cv cannot edit: the user adds the line."""
    from .errors import CvError

    reason = getattr(failure, "strerror", None) or "it is not UTF-8 text"
    return CvError(f"cannot add the line {wanted!r} to {rc}: {reason}; add it yourself")


RC_LIMIT = 1024 * 1024
"""The largest start-up file cv edits: far more than any shell's, far less than a disk."""


def _start_up_file(rc: Path) -> str:
    """A shell's start-up file as text, "" if there is none yet.

    Only a regular file of at most RC_LIMIT bytes is read: a FIFO there would wait for
    ever (and no signal ends a blocked read, PEP 475), and /dev/zero never ends.
    """
    import errno
    import stat

    try:
        status = rc.stat()
    except FileNotFoundError:
        return ""
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file")
    if status.st_size > RC_LIMIT:
        raise OSError(errno.EFBIG, f"it is larger than {RC_LIMIT // 1024} KiB")
    return rc.read_text(encoding="utf-8")


def _home_path(shell: str) -> Path:
    """Where a shell's script goes: typer's place, under XDG_CONFIG_HOME for fish."""
    from pathlib import Path

    config = Path(os.environ.get("XDG_CONFIG_HOME", ""))
    if shell == "fish" and config.is_absolute():
        return config / "fish" / "completions" / "cv.fish"
    return Path(INSTALLED[shell]).expanduser()


def request(argv: list[str]) -> tuple[str, list[str]] | None:
    """A completion request in argv: (what, shell or words), else None.

    `__complete WORD...`, `completion SHELL`, and `--show-completion [SHELL]` or
    `--install-completion [SHELL]` among cv's own options, before the command: the word
    after the flag, if it is not an option or a command, is the shell (script() refuses
    one cv does not complete in, before install() writes anything). Anything else is
    typer's.
    """
    if argv[:1] == ["__complete"]:
        return "words", argv[1:]
    if len(argv) == 2 and argv[0] == "completion" and argv[1] in SHELLS:
        return "script", argv[1:]
    for index, word in enumerate(argv):
        if word in COMMANDS:
            return None
        if word in ("--show-completion", "--install-completion"):
            after = argv[index + 1] if index + 1 < len(argv) else "-"
            shell = [] if after.startswith("-") or after in COMMANDS else [after]
            return word.removeprefix("--").removesuffix("-completion"), shell  # script() checks
    return None
