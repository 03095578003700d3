"""The package's shape: no import circle, one declaration per section, tied to the model."""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
import typing
from enum import Enum
from pathlib import Path
from typing import Any, TypedDict

import pytest
from pydantic import BaseModel, create_model

from cosmetic_valley_cli.model import Facts, Model
from cosmetic_valley_cli.sections import LISTED, SECTIONS, Section

PACKAGE = Path(__file__).resolve().parent.parent / "cosmetic_valley_cli"
MODULES = sorted(
    ".".join(
        ("cosmetic_valley_cli", *path.relative_to(PACKAGE).with_suffix("").parts)
    ).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
)


def imports_of(module: str) -> set[str]:
    """Every module of the package that `module` imports, anywhere in its text.

    Imports inside functions and under TYPE_CHECKING count too: a circle they hide is
    still a circle.
    """
    path = PACKAGE.joinpath(*module.split(".")[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else node.module or base
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in MODULES and name != module}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """A circle in the graph, as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_the_scan_finds_a_circle_hidden_in_a_function() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
    assert "cosmetic_valley_cli.loader" in imports_of("cosmetic_valley_cli.dataset")  # in a def


def test_no_import_circle_in_the_package() -> None:
    graph = {module: imports_of(module) for module in MODULES}
    assert find_cycle(graph) == []


def test_nothing_imports_the_package_itself() -> None:
    for module in MODULES:
        if module not in ("cosmetic_valley_cli", "cosmetic_valley_cli.__main__"):
            assert "cosmetic_valley_cli" not in imports_of(module), module


@pytest.mark.parametrize("module", MODULES)
def test_every_module_imports_on_its_own(module: str) -> None:
    if module.endswith("__main__"):
        pytest.skip("running it is the console script")
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_the_declarations_need_neither_pydantic_nor_yaml() -> None:
    code = (
        "import sys, cosmetic_valley_cli.sections, cosmetic_valley_cli.dataset;"
        "print(sorted(m for m in ('pydantic', 'yaml', 'typer', 'rich') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    assert result.stdout.strip() == "[]", result.stderr


def _record_model(annotation: Any) -> tuple[type[BaseModel], bool]:
    """The model of a `Facts` field, and whether the field is a list of them."""
    if typing.get_origin(annotation) is list:
        (model,) = typing.get_args(annotation)
        return model, True
    return annotation, False


def declaration_gaps(facts: type[BaseModel], sections: dict[str, Section]) -> list[str]:
    """What is missing or disagrees between a dataset model and its section declarations."""
    gaps: list[str] = []
    for key, field in facts.model_fields.items():
        section = sections.get(key)
        if section is None:
            gaps.append(f"{key}: no declaration in sections.py")
            continue
        model, many = _record_model(field.annotation)
        if section.many != many:
            gaps.append(f"{key}: declared {'a list' if section.many else 'one record'}")
        if set(section.record_fields) != set(model.model_fields):
            gaps.append(f"{key}: fields {section.record_fields} are not the model's "
                        f"{tuple(model.model_fields)}")  # fmt: skip
        type_field = model.model_fields.get("type")
        enum = type_field.annotation if type_field else None
        if section.types is not enum:
            gaps.append(f"{key}: --type offers {section.types}, the model's type is {enum}")
        if section.label is not None and section.label not in section.record_fields:
            gaps.append(f"{key}: label {section.label!r} is not a field")
        if many and section.command is None:
            gaps.append(f"{key}: a list section with no command")
        if section.command is not None and not section.example.startswith(f"cv {section.command}"):
            gaps.append(f"{key}: no help example for cv {section.command}")
        if section.command is not None and not section.help:
            gaps.append(f"{key}: no help text")
    gaps += [f"{key}: declared, but not in the model" for key in sections if key not in
             facts.model_fields]  # fmt: skip
    return gaps


def test_every_section_is_declared_once_and_agrees_with_the_model() -> None:
    assert declaration_gaps(Facts, SECTIONS) == []


def test_the_declarations_type_each_field_like_the_model() -> None:
    for key, section in SECTIONS.items():
        model, _ = _record_model(Facts.model_fields[key].annotation)
        hints = typing.get_type_hints(section.record)
        for name, field in model.model_fields.items():
            optional = not field.is_required()
            assert (type(None) in typing.get_args(hints[name])) == optional, f"{key}.{name}"


NEW = next(key for n in itertools.count() if (key := f"hypothetical{n}") not in Facts.model_fields)
"""A section key that no real section has, now or later: the meta-test's new section."""
NEW_COMMAND = NEW


class Hypothetical(Model):
    """A hypothetical new section, for the meta-test."""

    id: str
    name: str
    evidence: list[str]


class HypotheticalRecord(TypedDict):
    id: str
    name: str
    evidence: list[str]


FactsWithNew = create_model(
    "FactsWithNew",
    __base__=Facts,
    **{NEW: (list[Hypothetical], ...)},  # type: ignore[call-overload]  # a key known at run time
)


class Colour(str, Enum):
    RED = "red"


def test_a_new_section_needs_one_model_class_and_one_declaration() -> None:
    assert declaration_gaps(FactsWithNew, SECTIONS) == [f"{NEW}: no declaration in sections.py"]
    bare = Section(NEW, "New", HypotheticalRecord)
    assert declaration_gaps(FactsWithNew, {**SECTIONS, NEW: bare}) == [
        f"{NEW}: a list section with no command"
    ]
    no_example = Section(NEW, "New", HypotheticalRecord, command=NEW_COMMAND, help="New.")
    assert declaration_gaps(FactsWithNew, {**SECTIONS, NEW: no_example}) == [
        f"{NEW}: no help example for cv {NEW_COMMAND}"
    ]
    wrong = Section(NEW, "New", HypotheticalRecord, many=False, types=Colour, label="title",
                    command=NEW_COMMAND, help="New.", example=f"cv {NEW} --json")  # fmt: skip
    assert len(declaration_gaps(FactsWithNew, {**SECTIONS, NEW: wrong})) == 3
    whole = Section(NEW, "New", HypotheticalRecord, label="name", command=NEW_COMMAND,
                    help="The new ones.", example=f"cv {NEW_COMMAND} --json")  # fmt: skip
    assert declaration_gaps(FactsWithNew, {**SECTIONS, NEW: whole}) == []


def test_every_declared_command_is_a_command_of_cv() -> None:
    import typer.main

    from cosmetic_valley_cli.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name, section in LISTED.items():
        assert name in commands
        assert commands[name].help == f"{section.help}\n\nExample: {section.example}"


def test_records_are_typing_s_typeddicts() -> None:
    """The records are typing's TypedDicts: plain dicts when called, fields in order."""
    from cosmetic_valley_cli.outputs import Change, FactsSummary
    from cosmetic_valley_cli.records import FigureRecord

    made = FigureRecord(value=600, qualifier="nearly", unit="companies")
    assert type(made) is dict
    assert tuple(FigureRecord.__annotations__) == ("value", "qualifier", "unit")
    assert typing.get_type_hints(FigureRecord) == {
        "value": int,
        "qualifier": str | None,
        "unit": str,
    }
    assert all(typing.is_typeddict(section.record) for section in SECTIONS.values())
    assert typing.is_typeddict(FactsSummary)
    assert typing.is_typeddict(Change)
    assert not any(typing.is_typeddict(kind) for kind in (dict, list, int, Section))


def test_every_label_is_a_field_that_cv_prints() -> None:
    """A word for a field that no longer exists would be dead, and its field unlabelled."""
    from cosmetic_valley_cli.outputs import FactsSummary, SearchHit, TimelineEntry
    from cosmetic_valley_cli.sections import LABELS

    printed = {name for section in SECTIONS.values() for name in section.record_fields}
    printed |= {*TimelineEntry.__annotations__, *SearchHit.__annotations__}
    printed |= set(FactsSummary.__annotations__)
    assert sorted(set(LABELS) - printed) == []
