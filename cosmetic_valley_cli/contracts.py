"""The published output contracts: what each command's `--json` prints, declared once.

Each command that prints JSON maps to the type of what it prints, written with the
standard library's typing: the summary of `cv facts`, a list of a section's records
(or rows) for a listing, the hits of `cv search`, the changes of `cv diff`. These are
the types the code builds its output with, so mypy holds the code to them, and no
output path imports pydantic for them.

`output_schema` turns one into a JSON Schema (`cv schema --output COMMAND`), with
pydantic's TypeAdapter, only when asked. The schema is strict: every key is required,
no other key is allowed, `null` only where a field can be null. A record's TypedDict
says `str` where the model (model.py) says an enum, because records are plain JSON;
the schema takes the enum back from the model, so each list of values is written once,
in vocabulary.py.

The repository publishes every schema in docs/schemas/, written with every other
generated file by `python -m cosmetic_valley_cli.generate` (tests/test_contracts.py
and `.ci/run` check that they are current).
"""

from __future__ import annotations

import sys
import types
import typing
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Union

from .errors import UsageProblem, closest, shown
from .outputs import Change, FactsSummary, SearchHit, ValidationProblem
from .sections import LISTED, SECTIONS
from .vocabulary import PartnerType

OUTPUTS: dict[str, object] = {
    "facts": FactsSummary,
    **{
        command: types.GenericAlias(list, section.view or section.record)
        if section.many
        else section.view or section.record
        for command, section in LISTED.items()
    },
    "search": types.GenericAlias(list, SearchHit),
    "diff": types.GenericAlias(list, Change),
    "validate": types.GenericAlias(list, ValidationProblem),
}
"""The type of each command's `--json` output, by command name."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
CONTRACT = "0.3"
"""The version of the output contracts, in every schema's `$id`. A release that changes
a published schema changes it, and keeps the schemas of the version before, unchanged,
in docs/schemas/VERSION/ (tests/test_contracts.py checks that the 0.2 ones are there,
byte for byte, under their old ids)."""


def output_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of what `cv COMMAND --json` prints; a usage error for another name."""
    if command not in OUTPUTS:
        near = closest(command, list(OUTPUTS))
        raise UsageProblem(
            f"no command {shown(command)} prints JSON; the ones that do are: {', '.join(OUTPUTS)}",
            f"did you mean {near!r}?" if near else None,
        )
    from pydantic import TypeAdapter

    generated = TypeAdapter(_portable(OUTPUTS[command])).json_schema(mode="serialization")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:cosmetic-valley-cli:{CONTRACT}:output:{command}",
        "title": f"cv {command} --json",
        **{key: value for key, value in generated.items() if key != "title"},
    }


# pydantic reads TypedDicts only from typing_extensions before Python 3.12, and needs
# to be told that a TypedDict allows no other key: so each TypedDict is rebuilt for it,
# with the stricter type of each field the refinements name.


def _portable(annotation: Any) -> Any:
    """The annotation with every TypedDict in it rebuilt for pydantic."""
    if typing.is_typeddict(annotation):
        return _rebuilt(annotation)
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is None or origin is Literal:
        return annotation
    portable = tuple(_portable(argument) for argument in arguments)
    if origin in (Union, types.UnionType):
        return Union[portable]  # noqa: UP007 - a union built at run time
    return types.GenericAlias(origin, portable)


@cache
def _rebuilt(declared: type) -> Any:
    from pydantic import ConfigDict, Field, with_config
    from typing_extensions import TypedDict  # pydantic's own dependency

    refined, described = _refinements(), _descriptions()
    fields = {
        name: Annotated[
            _portable(refined.get((declared, name), hint)),
            Field(description=described.get((declared, name))),
        ]
        for name, hint in typing.get_type_hints(declared).items()
    }
    rebuilt = TypedDict(declared.__name__, fields)  # type: ignore[misc]  # fields known at run time
    rebuilt.__doc__ = declared.__doc__
    return with_config(ConfigDict(extra="forbid"))(rebuilt)


@cache
def _refinements() -> dict[tuple[type, str], Any]:
    """The fields whose values the schema can say more about than their TypedDict.

    The enums come from the model; the section keys from the declarations. The
    summary counts the partners of every type, so each type is a key of its own.
    """
    from typing_extensions import TypedDict

    from .model import Facts

    refined: dict[tuple[type, str], Any] = {}
    for key, section in SECTIONS.items():
        _pair(section.record, _bare(Facts.model_fields[key].annotation), refined, {})
    section_key = Literal[tuple(SECTIONS)]  # type: ignore[valid-type]
    refined[(SearchHit, "section")] = section_key
    refined[(Change, "section")] = section_key
    counts = TypedDict(  # type: ignore[misc]
        "PartnersByType", {kind.value: int for kind in PartnerType}, total=False
    )
    counts.__doc__ = "How many partners have each type: a type is a key only if a partner has it."
    refined[(FactsSummary, "partners_by_type")] = counts | None
    return refined


@cache
def _descriptions() -> dict[tuple[type, str], str]:
    """Each record field's description, the one the model gives editors."""
    from .model import Facts

    described: dict[tuple[type, str], str] = {}
    for key, section in SECTIONS.items():
        _pair(section.record, _bare(Facts.model_fields[key].annotation), {}, described)
    return described


def _pair(
    declared: type,
    model: type,
    refined: dict[tuple[type, str], Any],
    described: dict[tuple[type, str], str],
) -> None:
    """Walk a TypedDict beside the pydantic model of the same record: enums, descriptions."""
    from pydantic import BaseModel

    for name, hint in typing.get_type_hints(declared).items():
        field = getattr(model, "model_fields", {}).get(name)
        if field is None:
            continue
        if field.description:
            described[(declared, name)] = field.description
        inner = _bare(field.annotation)
        if isinstance(inner, type) and issubclass(inner, Enum):
            refined[(declared, name)] = _with_leaf(hint, inner)
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            nested = _bare(hint)
            if typing.is_typeddict(nested):
                _pair(nested, inner, refined, described)


def _bare(annotation: Any) -> Any:
    """The type inside `X | None` and `list[X]`: the record or value itself."""
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (Union, types.UnionType, list) and len(arguments) == 1:
        return _bare(arguments[0])
    return annotation


def _with_leaf(annotation: Any, leaf: type) -> Any:
    """`str | None` as `Leaf | None`, `list[str]` as `list[Leaf]`: the shape kept."""
    if annotation is str:
        return leaf
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    replaced = tuple(_with_leaf(argument, leaf) for argument in arguments)
    if origin in (Union, types.UnionType):
        return Union[replaced]  # noqa: UP007 - a union built at run time
    if origin is list:
        return types.GenericAlias(list, replaced)
    return annotation


if __name__ == "__main__":  # the regenerate command of 0.2: say where it went
    MOVED = "python -m cosmetic_valley_cli.contracts is gone: run python -m {}, which writes"
    sys.exit(MOVED.format("cosmetic_valley_cli.generate") + " every generated file")
