"""Every generated file, written from the declarations by one command, and checked current.

The pydantic models (model.py) are the records: each field's type, optionality and
description is written there, once. Everything else that describes the same fields is
derived here:

- `cosmetic_valley_cli/records.py`, the records as TypedDicts (plain JSON data), which
  mypy checks the code against and which the fast path imports instead of pydantic;
- `facts.schema.json`, the dataset's JSON Schema for editors (`cv schema`);
- `docs/schemas/COMMAND.json`, each command's output contract (`cv schema --output`);
- the outputs shown in the README's console blocks, run as a user would run them.

    python -m cosmetic_valley_cli.generate           # write every file that is stale
    python -m cosmetic_valley_cli.generate --check   # exit 1, naming each stale file

`.ci/run` runs the check, so a model changed without regenerating fails CI. Run it from
a checkout (with the test extra installed): the README's outputs come from this
checkout's package, through a `cv` that runs it with this Python.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel

from .model import Facts, json_schema

REPOSITORY = Path(__file__).resolve().parent.parent
RECORDS = Path(__file__).resolve().parent / "records.py"


class GenerateError(Exception):
    """Something that stops the files from being written: said in one line, exit 1."""


DOCUMENT = "Document"
"""The name of the whole dataset's TypedDict: the record of `Facts`."""

_HEADER = '''\
"""The dataset's records as plain JSON data: GENERATED from model.py, do not edit.

Each class here is one pydantic model of model.py, as the TypedDict of what
`model_dump(mode="json")` gives: enums are their text, nested models their records,
and every field is there, null when the dataset leaves it out. mypy checks the code
against these, and the fast path imports them instead of pydantic. Change a record in
model.py, then run `python -m cosmetic_valley_cli.generate`; `.ci/run` fails while this
file is stale.
"""

from __future__ import annotations

from typing import TypedDict
'''


def record_name(model: type[BaseModel]) -> str:
    """The TypedDict's name of a model: `Partner` is `PartnerRecord`, `Facts` the Document."""
    return DOCUMENT if model is Facts else f"{model.__name__}Record"


def _models(model: type[BaseModel], seen: dict[type[BaseModel], None]) -> None:
    """The models that `model` is made of, each before the models that use it."""
    for field in model.model_fields.values():
        for inner in _leaves(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in seen:
                _models(inner, seen)
    seen.setdefault(model, None)


def _leaves(annotation: Any) -> Iterator[Any]:
    """The types an annotation is built from: `list[Figure] | None` gives Figure, None."""
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is Annotated:
        yield from _leaves(arguments[0])
    elif arguments:
        for argument in arguments:
            yield from _leaves(argument)
    else:
        yield annotation


def json_type(annotation: Any) -> str:
    """How a model's field reads as JSON data, written as a type: `list[str] | None`."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        return json_type(arguments[0])
    if origin in (Union, types.UnionType):
        kept = [json_type(argument) for argument in arguments if argument is not type(None)]
        return " | ".join(kept + (["None"] if type(None) in arguments else []))
    if origin is list:
        return f"list[{json_type(arguments[0])}]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return record_name(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "str"  # a record is plain JSON: an enum is its text
    if annotation in (str, int, bool, float):
        return str(annotation.__name__)
    raise TypeError(f"no JSON type for {annotation!r}: say in generate.py how it reads")


def _escaped(text: str) -> str:
    """Text that a docstring holds as it is: backslashes doubled, no three quotes in a row."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _docstring(text: str, indent: str) -> list[str]:
    """A description as a docstring's lines, wrapped to the line length, any text safe.

    White space is folded and the text escaped (_escaped); words and URLs are never
    split. Text that ends in a quote takes the multi-line form.
    """
    text = _escaped(" ".join(text.split()))
    lines = textwrap.wrap(
        text, width=96 - len(indent), break_long_words=False, break_on_hyphens=False
    )
    if len(lines) == 1 and len(indent) + len(lines[0]) + 6 <= 100 and not text.endswith('"'):
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}', *(f"{indent}{line}" for line in lines[1:]), f'{indent}"""']


def _class_docstring(model: type[BaseModel]) -> list[str]:
    """A model's own docstring, as it is written in model.py (paragraphs kept)."""
    text = _escaped(inspect.cleandoc(model.__doc__ or record_name(model)))
    lines = [f"    {line}".rstrip() for line in text.splitlines()]
    if len(lines) == 1 and len(lines[0]) + 6 <= 100 and not text.endswith('"'):
        return [f'    """{text}"""']
    return [f'    """{lines[0].strip()}', *lines[1:], '    """']


def records_module() -> str:
    """The text of records.py: one TypedDict per model, nested records first."""
    ordered: dict[type[BaseModel], None] = {}
    _models(Facts, ordered)
    parts = [_HEADER]
    for model in ordered:
        lines = ["", "", f"class {record_name(model)}(TypedDict):"]
        lines += _class_docstring(model)
        for name, field in model.model_fields.items():
            lines += ["", f"    {name}: {json_type(field.annotation)}"]
            if field.description:
                lines += _docstring(field.description, "    ")
        parts.append("\n".join(lines) + "\n")
    sections = [record_name(_bare(field.annotation)) for field in Facts.model_fields.values()]
    union = "\n    | ".join(dict.fromkeys(sections))
    parts.append(f'\n\nRecord = (\n    {union}\n)\n"""Any section\'s record."""\n')
    shapes = ["", "", "SHAPES: dict[str, dict[str, str]] = {"]
    for model in ordered:
        shapes.append(f'    "{record_name(model)}": {{')
        shapes += [f'        "{name}": "{json_type(field.annotation)}",'
                   for name, field in model.model_fields.items()]  # fmt: skip
        shapes.append("    },")
    shapes += [
        "}",
        '"""Each record\'s fields and their JSON types, as above, for a check at run',
        "time: the cache reads an entry only when its data has these shapes (cache.fits).",
        '"""',
        "",
    ]
    parts.append("\n".join(shapes))
    return "".join(parts)


def _bare(annotation: Any) -> type[BaseModel]:
    """The record model of a `Facts` field: the model itself, or the model a list holds."""
    for leaf in _leaves(annotation):
        if isinstance(leaf, type) and issubclass(leaf, BaseModel):
            return leaf
    raise TypeError(f"{annotation!r} holds no record")


CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
"""A console block of the README: `$ COMMAND` lines, each followed by what it prints."""


def console_examples(text: str) -> list[tuple[str, str]]:
    """(command, output shown) for every `$ ` line of every console block."""
    examples = []
    for block in CONSOLE.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, shown = chunk.partition("\n")
            examples.append((command, shown))
    return examples


def run_example(command: str, shims: Path | None = None) -> str:
    """What a README command prints, run by bash in the repository as a user would.

    At 80 columns, without colour. `cv` is this checkout's: with `shims` (a folder that
    `cv_shim` filled), whatever `cv` is installed; else the one beside this Python.
    """
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    folders = [str(shims)] if shims else []
    env["PATH"] = os.pathsep.join([*folders, str(Path(sys.executable).parent), env["PATH"]])
    if shims:
        env["PYTHONPATH"] = os.pathsep.join([str(REPOSITORY), env.get("PYTHONPATH", "")])
    env.pop("CV_DATA", None)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if result.returncode == 127:
        raise GenerateError(f"README: {command!r} found no command: {result.stderr.strip()}")
    return result.stdout


def cv_shim(folder: Path) -> Path:
    """A `cv` in folder that runs this checkout's package with this Python."""
    shim = folder / "cv"
    shim.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m cosmetic_valley_cli "$@"\n', encoding="utf-8"
    )
    shim.chmod(0o755)
    return folder


MARKED = re.compile(
    r"(<!-- (json-shapes|output-schemas|message-codes): [^\n]*-->\n)(.*?)(?=\n\n)", re.DOTALL
)
"""A README part written from the declarations: its marker line, then the text up to a
blank line."""


def _marked(name: str) -> str:
    """The README part named after its marker, written from the declarations."""
    from .contracts import OUTPUTS
    from .outputs import FactsSummary
    from .sections import LISTED

    if name == "message-codes":
        from .escaping import markdown_cell
        from .problems import CODES

        rows = ["| code | what it says | for example |", "| --- | --- | --- |"]
        rows += [
            f"| `{code}` | {markdown_cell(said.meaning)} | {markdown_cell(said.example)}… |"
            for code, said in CODES.items()
        ]
        return "\n".join(rows)
    if name == "output-schemas":
        links = [f"[`{command}`](docs/schemas/{command}.json)" for command in OUTPUTS]
        return ",\n".join(links[:-1]) + f" and\n{links[-1]}."
    rows = ["| command | JSON |", "| --- | --- |"]
    rows.append(f"| `cv facts` | object: {_names(FactsSummary.__annotations__)} |")
    rows += [
        f"| `cv {command}` | array of {_names(section.fields)} |"
        for command, section in LISTED.items()
    ]
    return "\n".join(rows)


def _names(fields: Iterable[str]) -> str:
    return ", ".join(f"`{name}`" for name in fields)


def readme_text(text: str) -> str:
    """The README's text with its generated parts and its console outputs as of now."""
    text = MARKED.sub(lambda part: part.group(1) + _marked(part.group(2)), text)
    with tempfile.TemporaryDirectory() as folder:
        shims = cv_shim(Path(folder))

        def fill(block: re.Match[str]) -> str:
            commands = [command for command, _ in console_examples(block.group(0))]
            shown = "".join(f"$ {c}\n{run_example(c, shims)}" for c in commands)
            return f"```console\n{shown}```"

        return CONSOLE.sub(fill, text)


def _readme() -> str:
    return readme_text((REPOSITORY / "README.md").read_text(encoding="utf-8"))


def _json(value: object) -> str:
    from .formats.json_document import dumps

    return dumps(value)


def generated() -> dict[Path, Callable[[], str]]:
    """Every generated file but records.py, and how to make its text.

    These read the section declarations, which import records.py: write it first.
    """
    from .contracts import OUTPUTS, output_schema

    files: dict[Path, Callable[[], str]] = {
        REPOSITORY / "facts.schema.json": lambda: _json(json_schema()),
    }
    for command in OUTPUTS:
        files[REPOSITORY / "docs" / "schemas" / f"{command}.json"] = (
            lambda command=command: _json(output_schema(command))  # type: ignore[misc]
        )
    if (REPOSITORY / "README.md").exists():
        files[REPOSITORY / "README.md"] = _readme
    return files


def stale(files: dict[Path, Callable[[], str]]) -> Iterator[tuple[Path, str]]:
    """Each file whose text is not what it would be generated as, with the new text."""
    for path, make in files.items():
        text = make()
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            yield path, text


def main(argv: list[str] | None = None) -> int:
    """Write, or with --check only name, every generated file that is stale."""
    parser = argparse.ArgumentParser(
        prog="python -m cosmetic_valley_cli.generate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--only", choices=("records",), help="records.py alone")
    options = parser.parse_args(argv)
    try:
        found = _run(options.check, records_only=options.only == "records")
    except (GenerateError, OSError) as failure:
        print(f"generate: error: {failure}", file=sys.stderr)
        return 1
    if options.check and found:
        print("run `python -m cosmetic_valley_cli.generate` and commit the result", file=sys.stderr)
        return 1
    return 0


def _run(check: bool, *, records_only: bool) -> int:
    """Check or write records.py, then the rest; how many files were stale."""
    project = REPOSITORY / "pyproject.toml"
    if not (project.is_file() and 'name = "cosmetic-valley-cli"' in project.read_text("utf-8")):
        raise GenerateError(
            f"{REPOSITORY} is not a checkout of cosmetic-valley-cli: run this from one, with "
            "the package installed editable (pip install -e .)"
        )
    if "cosmetic_valley_cli.records" in sys.modules:  # it would be read before it is written
        raise GenerateError("records.py was imported before it was written")
    found = _update({RECORDS: records_module}, check=check)
    if found and check:
        print("(the other files are checked once records.py is current)", file=sys.stderr)
    elif not records_only:
        found += _update(generated(), check=check)
    return found


def _update(files: dict[Path, Callable[[], str]], *, check: bool) -> int:
    """Write each stale file (with check, only name it); how many were stale."""
    from .files import replace_file

    found = 0
    for path, text in stale(files):
        found += 1
        shown = os.path.relpath(path, REPOSITORY)
        if check:
            print(f"stale: {shown}", file=sys.stderr)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, [text])
        # Python trusts a .pyc whose source has the same size and second: not this one.
        Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
        print(f"wrote {shown}", file=sys.stderr)
    return found


if __name__ == "__main__":
    sys.exit(main())
