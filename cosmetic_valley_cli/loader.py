"""Loading a dataset: strict YAML to validated data, every problem located.

Three steps, each its own unit with its own input and output:

1. The dialect pass (dialect.py): text to a tree of plain values and the problems of
   the YAML itself (the dialect's rules, the parser's errors).
2. Validation against the model (`_Records`, `_validate`, `_reference_problems`): the
   tree to validated data and the complaints of the schema, each at a location such as
   `("partners", 3, "type")`. Each record of a list section, but the first, is
   validated and dumped as soon as its last event is read (`_Records`, called by the
   dialect pass), so the raw records never pile up beside the validated ones.
3. The position pass (`_Locator`): only when something is wrong, the text is read
   again for the line and column of each location complained about and its parents,
   nothing else, so a valid file pays nothing for positions and an invalid one pays no
   more than a valid one.

Memory stays within 30 times the file's size, valid or not (`benchmarks/hostile.py`
measures it): libyaml reads the text a piece at a time, records are validated as they
are read, and nothing is kept under a key the schema refuses.

Nothing here is slower than linear in the size of the file, whatever it holds: see
dialect.py for the reading, and a message quotes at most a few valid choices and the
start of a long value (errors.py).
"""

from __future__ import annotations

import contextlib
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .dialect import NULLS, cut, events, parse_yaml
from .errors import NEAR_CHOICES, choices, closest, shown
from .model import FORMS, Facts, Location
from .problems import DataError, Problem
from .reading import decode, read_dataset
from .sections import SECTIONS
from .signals import check

Mark = tuple[int, int]
"""A 1-based line and column."""
Positions = dict[Location, tuple[Mark, Mark]]
"""For each location, where its key is and where its value starts."""
Complaint = tuple[Location, str, bool, str]
"""A problem found in the tree: where, what, whether at the key, and its code."""
Found = tuple[Location, str, str]
"""A problem found in a valid document: where, what, and its code."""


def load_facts(path: str | Path | None = None) -> Facts:
    """Read, check and return a dataset: the packaged one, a file, or `-` for stdin.

    Raises `DataError` listing every problem found, each at its line and column, or
    `CvError` when the file cannot be read at all.
    """
    origin, data = read_dataset(path)
    return parse_facts(decode(data, origin), origin)


def parse_facts(text: str, origin: str) -> Facts:
    """Validate YAML text as a dataset and return it as the typed model."""
    return Facts.model_validate(parse_document(text, origin))


def parse_document(text: str, origin: str) -> dict[str, Any]:
    """Validate YAML text as a dataset, reporting every problem at once.

    Returns the validated dataset as plain data, as `Facts.model_dump(mode="json")`
    would. A list section is validated record by record, each record dumped as soon as
    it is checked, so that a dataset of 100,000 records never holds 100,000 models.
    Every record but a section's first is checked while the file is still being read
    (`_Records`), so the raw records are never all held beside the validated ones.
    """
    check()  # a Ctrl-C while PyYAML and pydantic were imported and the model was built
    streamed = _Records()
    tree, problems = parse_yaml(text, on_record=streamed)
    check()
    misplaced: list[Complaint] = []
    document = None
    if tree is not None and _old_shape(tree):
        misplaced = [((), _OLD_SHAPE, False, "CV230")]
        tree = None
    if tree is not None:
        document, misplaced = _validate(tree, streamed.complaints)
        del tree
        if document is not None and not misplaced:
            misplaced = [
                (where, f"{_dotted(where)}: {what}", False, code)
                for where, what, code in _reference_problems(document)
            ]
    check()
    if misplaced:
        document = None  # it will not be returned: let it go before the second pass
        positions = _positions(text, {complaint[0] for complaint in misplaced})
        problems.extend(_place(*complaint, positions) for complaint in misplaced)
    check()  # before the verdict: a Ctrl-C never ends in "invalid"
    if problems or document is None:
        raise DataError(origin, problems)
    return document


# --- Validation: the tree against the model, each complaint at a location -------------------


_LIST_SECTIONS = {
    name: typing.get_args(field.annotation)[0]
    for name, field in Facts.model_fields.items()
    if typing.get_origin(field.annotation) is list
}


class _Records:
    """Checks each record of a list section, but the first, as soon as it has been read.

    The tree then holds the record as `Facts.model_dump(mode="json")` would give it, or
    None once anything is wrong (a document that will not be returned keeps nothing).
    A section's first record stays raw: `_validate` checks it with the whole dataset,
    and `_old_shape` looks at it.
    """

    def __init__(self) -> None:
        self.complaints: list[Complaint] = []

    def __call__(self, section: str, index: int, raw: Any) -> Any:
        check()  # between records: a safe point to stop at
        model = _LIST_SECTIONS.get(section)
        if model is None:
            return raw
        try:
            record = model.model_validate(raw)
        except ValidationError as error:
            self.complaints += _explain_all(error.errors(include_url=False), (section, index))
            return None
        if self.complaints:
            return None
        return record.model_dump(mode="json")


def _validate(
    tree: dict[str, Any], streamed: list[Complaint]
) -> tuple[dict[str, Any] | None, list[Complaint]]:
    """The validated document and the schema's complaints, each (where, what, about the key).

    The whole dataset is validated with each list section cut to its first record; the
    other records were validated while the file was read (`_Records`), with `streamed`
    the complaints about them.
    """
    rest = {key: tree[key] for key in _LIST_SECTIONS if isinstance(tree.get(key), list)}
    complaints: list[Complaint] = []
    document = None
    try:
        facts = Facts.model_validate({**tree, **{key: items[:1] for key, items in rest.items()}})
    except ValidationError as error:
        complaints += _explain_all(error.errors(include_url=False))
    else:
        document = facts.model_dump(mode="json")
        del facts
    complaints += streamed
    if complaints or document is None:
        return None, complaints
    for key, items in rest.items():
        document[key] += items[1:]  # the records themselves are shared, not copied
    return document, complaints


def _reference_problems(document: dict[str, Any]) -> list[Found]:
    """What the schema alone cannot see: ids used twice in a section, unknown sources."""
    problems: list[Found] = []
    known = {source["id"]: None for source in document["sources"]}  # in file order
    # Said once: listing the sources for each unknown one made N of them cost N x N.
    sources = choices(list(known))
    for key, value in document.items():
        many = SECTIONS[key].many
        seen: set[str] = set()
        for index, record in enumerate(value if many else [value]):
            at: Location = (key, index) if many else (key,)
            if record["id"] in seen:
                used = f"id {shown(record['id'])} is used twice in {key}"
                problems.append(((*at, "id"), used, "CV301"))
            seen.add(record["id"])
            for number, evidence in enumerate(record["evidence"]):
                if evidence["source"] not in known:
                    near = _near(evidence["source"], known)
                    problems.append(
                        (
                            (*at, "evidence", number, "source"),
                            f"unknown source {shown(evidence['source'])}; {near}the "
                            f"sources are: {sources}",
                            "CV302",
                        )
                    )
    people = {person["id"]: None for person in document["people"]}  # in file order
    everyone = choices(list(people))  # said once, as for the sources
    for index, quotation in enumerate(document.get("quotations", [])):
        if quotation["speaker"] not in people:
            near = _near(quotation["speaker"], people)
            problems.append(
                (
                    ("quotations", index, "speaker"),
                    f"unknown person {shown(quotation['speaker'])}; {near}a quotation's "
                    f"speaker is the id of a person in people: {everyone}",
                    "CV303",
                )
            )
    return problems


def _near(unknown: str, known: dict[str, None]) -> str:
    """'did you mean ...? ' for an unknown id among a bounded number of known ones."""
    if len(known) > NEAR_CHOICES:
        return ""
    near = closest(unknown, list(known))
    return f"did you mean {near!r}? " if near else ""


_OLD_SHAPE = (
    "this dataset has the shape of cv 0.1 (a `source` and a `quote` on each record, "
    "`members` and `certification` as single records); cv 0.2 reads records with an `id` "
    "and a list of `evidence`: see 'Migrating a 0.1 dataset' in the README"
)


def _old_shape(tree: dict[str, Any]) -> bool:
    """Whether a dataset is written in cv 0.1's shape, which gets one clear error."""
    if isinstance(tree.get("members"), dict) or isinstance(tree.get("certification"), dict):
        return True
    sources = tree.get("sources")
    first = sources[0] if isinstance(sources, list) and sources else None
    return isinstance(first, dict) and "quote" in first and "evidence" not in first


def _dotted(location: Location) -> str:
    """partners[3].type, as a person writes it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{cut(part)}" if text else cut(part)
    return text or "the dataset"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return shown(value) if isinstance(value, str) else repr(value)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "list_type": "a list",
}


def _model_at(location: Location) -> type[BaseModel] | None:
    """The model class that holds the keys at a location, to name the valid ones."""
    model: Any = Facts
    for part in location:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = field.annotation
        while typing.get_args(model):  # list[X] and X | None down to X
            model = next(arg for arg in typing.get_args(model) if arg is not type(None))
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _enum_values(location: Location) -> list[str]:
    """The valid values of the enum field at a location, quoted, or [] if it is not one."""
    model = _model_at(location[:-1])
    field = model.model_fields.get(str(location[-1])) if model and location else None
    kind: Any = field.annotation if field else None
    while typing.get_args(kind):  # X | None down to X
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [repr(member.value) for member in kind]
    return []


def _explain_all(details: list[ErrorDetails], within: Location = ()) -> list[Complaint]:
    """Pydantic's errors of one record, each explained, one cause said once.

    A misspelt key (`evidnce:`) is an unknown key and a missing one: its "did you mean
    'evidence'?" stands, and the missing key it meant is not said again.
    """
    meant: set[Location] = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            where: Location = (*within, *detail["loc"])
            near = _meant_key(where)
            if near is not None:
                meant.add((*where[:-1], near))
    return [
        _explain(detail, within)
        for detail in details
        if detail["type"] != "missing" or (*within, *detail["loc"]) not in meant
    ]


def _meant_key(where: Location) -> str | None:
    """The key a person most likely meant by the unknown key at `where`, if any."""
    model = _model_at(where[:-1])
    return closest(str(where[-1]), list(model.model_fields)) if model else None


def _explain(detail: ErrorDetails, within: Location = ()) -> Complaint:
    """Pydantic's error as (where, a sentence for a person, whether at the key, its code)."""
    where: Location = (*within, *detail["loc"])
    kind, given, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    if kind == "missing":
        return where[:-1], f"{_dotted(where[:-1])}: missing key {where[-1]!r}", False, "CV201"
    if kind == "extra_forbidden":
        model = _model_at(where[:-1])
        near = _meant_key(where)
        keys = list(model.model_fields) if model else []
        if near is not None:  # the right key first: "and 6 more" once hid it
            keys = [near, *(key for key in keys if key != near)]
        meant = f"; did you mean {near!r}?" if near else ""
        valid = f"{meant} the keys here are: {choices(keys)}" if keys else ""
        if keys and not near:
            valid = f";{valid}"
        unknown = f"{_dotted(where)}: unknown key {shown(str(where[-1]))}{valid}"
        return where, unknown, True, "CV202"
    if kind == "enum":
        expected = _enum_values(where) or [context["expected"]]
        message, code = (
            (
                f"{shown(str(given))} is not a valid {cut(str(where[-1]))}; "
                f"expected one of: {choices(expected, last=' or ')}"
            ),
            "CV203",
        )
    elif kind == "value_error":  # a Refusal of model.py's, with its own code
        error = context.get("error", detail["msg"])
        message, code = str(error), getattr(error, "code", "CV299")
    elif kind in _EXPECTED:
        message, code = f"expected {_EXPECTED[kind]}, got {_describe(given)}", "CV205"
    elif kind == "string_pattern_mismatch" and context.get("pattern") in FORMS:
        message = f"{shown(str(given))} does not fit: {FORMS[context['pattern']]}"
        code = "CV204"
    elif kind in ("string_too_short", "string_pattern_mismatch"):
        message, code = "must not be empty", "CV206"
    elif kind == "too_short":
        message, code = "must list at least one entry", "CV207"
    else:  # pydantic's words, which no test has met: said, with the catch-all code
        message, code = detail["msg"].replace("Input should", "should"), "CV299"
    return where, f"{_dotted(where)}: {message}", False, code


# --- The position pass: where the complaints are, only when there are some ------------------


def locate(text: str, found: list[Found]) -> list[Problem]:
    """Problems found in a valid document's values, each placed at its line and column.

    Positions are worked out only now, in a second pass over the text, as for errors.
    """
    positions = _positions(text, {where for where, _message, _code in found})
    return [_place(where, message, False, code, positions) for where, message, code in found]


def _positions(text: str, places: set[Location]) -> Positions:
    """Where each of these places is, and each of their parents, found in a second pass.

    It keeps nothing else, so that one bad value in a large file costs no more than the file.
    """
    wanted = {where[:depth] for where in places for depth in range(len(where) + 1)}
    return _Locator(wanted).read(text)


class _Open:
    """A mapping or sequence of the second pass, and its location (None: not wanted)."""

    __slots__ = ("at_value", "count", "key", "key_mark", "location", "mapping", "start")

    def __init__(self, start: Any, location: Location | None) -> None:
        self.start = start  # the start event, for the position of the finished node
        self.location = location
        self.mapping = type(start) is yaml.MappingStartEvent
        self.count = 0  # in a sequence, the items so far
        self.at_value = False  # in a mapping, whether a key's value comes next
        self.key: str | None = None  # that key, None when it is refused
        self.key_mark: Mark = (0, 0)


class _Locator:
    """The second pass: the line and column of each wanted location, and nothing else.

    The file is known to parse. A node that is not wanted has no wanted child, so
    nothing below it is looked up. A key is where the first pass keeps it: not under
    a refused key (a duplicate, a merge key, a key that is not text).
    """

    def __init__(self, wanted: set[Location]) -> None:
        self.wanted = wanted
        self.positions: Positions = {}
        self.stack: list[_Open] = []

    def read(self, text: str) -> Positions:
        with contextlib.suppress(yaml.YAMLError):
            for event in events(text):
                kind = type(event)
                if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    self.stack.append(_Open(event, self.next_location()))
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    self.finish(self.stack.pop().start, None)
                elif kind is yaml.ScalarEvent:
                    plain = not event.style
                    refused = plain and (event.value in NULLS or event.value == "<<")
                    self.finish(event, None if refused else event.value)
                elif kind is yaml.AliasEvent:
                    self.finish(event, None)
                elif kind is yaml.DocumentEndEvent:
                    break
        return self.positions

    def next_location(self) -> Location | None:
        """Where the node that starts next is, if it is wanted."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if parent.location is None:
            return None
        if not parent.mapping:
            where: Location = (*parent.location, parent.count)
        elif parent.at_value and parent.key is not None:
            where = (*parent.location, parent.key)
        else:  # a key, or the value of a refused key
            return None
        return where if where in self.wanted else None

    def finish(self, event: Any, key: str | None) -> None:
        """Record a finished node's place; `key` is its text if it can be a key."""
        mark = event.start_mark
        here = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.positions[()] = (here, here)
            return
        parent = self.stack[-1]
        if not parent.mapping:
            if parent.location is not None:
                where: Location = (*parent.location, parent.count)
                if where in self.wanted:
                    self.positions[where] = (here, here)
            parent.count += 1
        elif not parent.at_value:  # this node is a key
            if parent.location is not None and (*parent.location, key) in self.positions:
                key = None  # a duplicate: the first one is the one kept
            parent.key, parent.key_mark, parent.at_value = key, here, True
        else:
            if parent.key is not None and parent.location is not None:
                where = (*parent.location, parent.key)
                if where in self.wanted:
                    self.positions[where] = (parent.key_mark, here)
            parent.at_value = False


def _place(where: Location, message: str, at_key: bool, code: str, positions: Positions) -> Problem:
    """A problem at the nearest recorded node: the value, or its key, or a parent."""
    for depth in range(len(where), -1, -1):
        found = positions.get(where[:depth])
        if found is not None:
            key, value = found
            return Problem(*(key if at_key and depth == len(where) else value), message, code)
    return Problem(1, 1, message, code)
