"""Loading a dataset: strict YAML to validated data, every problem located.

The YAML dialect is deliberately small (after strictyaml and yamllint):

- every scalar stays text; the model turns digits into numbers, so `1:20`, `017` and
  `2019-01-01` never change type behind the user's back;
- an empty value, `~` or `null` is "nothing"; `yes`, `no`, `on`, `off` (and `y`, `n`,
  `True`, ...) unquoted are errors, since YAML 1.1 tools read them as booleans;
- duplicate keys, merge keys (`<<`), anchors, aliases and tags are errors;
- layout that parsers forgive differently is refused: trailing white space, tabs in the
  indentation, `#` glued to a value, continuation lines not indented past their key;
- one document, a mapping at the top, nested at most MAX_DEPTH deep, at most MAX_BYTES big
  (see reading.py), in UTF-8 (a byte-order mark and CRLF line ends are fine).

The YAML is read as a stream of parser events, never composed or constructed by PyYAML:
nothing recurses, no Python object is built from a tag, and an alias is refused before it
could expand. Positions are only worked out when something is wrong (a second pass, which
records the places of the problems and their parents, nothing else), so a valid file pays
nothing for them and an invalid one pays no more than a valid one.

Memory stays within a few times the file's size, valid or not: libyaml reads the text a
piece at a time (no UTF-8 copy of the whole file), each record of a list section is
validated and dumped as soon as its last event is read (the raw records never pile up
beside the validated ones), and problems are kept compactly (problems.Problems).

Nothing here is slower than linear in the size of the file, whatever it holds: no regular
expression can backtrack over user text, a line is found in a table of line starts made
once (positions.py, which counts line breaks as libyaml does), and a message quotes at most
a few valid choices and the start of a long value (errors.py).
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sys
import typing
from array import array
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import SHOWN, choices, shown
from .model import Facts, Location
from .positions import BREAKS, Lines
from .problems import DataError, Problem, Problems
from .reading import decode, read_dataset
from .sections import SECTIONS

MAX_DEPTH = 20

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLEAN_LOOKING = frozenset(
    word
    for base in ("y", "yes", "n", "no", "on", "off", "true", "false")
    for word in (base, base.capitalize(), base.upper())
) - {"true", "false"}

# libyaml's event parser when PyYAML was built with it, else PyYAML's own: same events.
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Mark = int
"""A 1-based line and column in one machine-sized int: `line << 32 | column`."""
Positions = dict[Location, int]
"""For each location, where its key is and where its value starts, in one int:
`key_mark << 64 | value_mark`. Three tuples and four ints would cost ten times as much,
and a file can hold a problem on every line (hostile.py's unknown-sources)."""


def _mark(line: int, column: int) -> Mark:
    return line << 32 | column


def _unmark(mark: Mark) -> tuple[int, int]:
    return mark >> 32, mark & 0xFFFFFFFF


Complaint = tuple[Location, str, bool]
"""A schema problem before it is placed: where, what, and whether it is about the key."""


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
    streamed = _Records()
    tree, problems = _TreeBuilder(text, on_record=streamed).build()
    misplaced: list[Complaint] = []
    document = None
    if tree is not None and _old_shape(tree):
        misplaced = [((), _OLD_SHAPE, False)]
        tree = None
    if tree is not None:
        document, misplaced = _validate(tree, streamed.complaints)
        del tree
        if document is not None and not misplaced:
            misplaced = [
                (where, f"{_dotted(where)}: {what}", False)
                for where, what in _reference_problems(document)
            ]
    if misplaced:
        document = None  # it will not be returned: let it go before the second pass
        positions = _positions(text, {where for where, _message, _at_key in misplaced})
        problems.extend(
            _place(where, message, at_key, positions) for where, message, at_key in misplaced
        )
    if problems or document is None:
        raise DataError(origin, problems)
    return document


def _positions(text: str, places: set[Location]) -> Positions:
    """Where each of these places is, and each of their parents, found in a second pass.

    It keeps nothing else, so that one bad value in a large file costs no more than the file.
    """
    wanted: dict[Location, Location] = {}  # each place its own key in `positions`: one tuple
    for where in places:
        for depth in range(len(where) + 1):
            prefix = where[:depth]
            wanted.setdefault(prefix, prefix)
    positions: Positions = {}
    _TreeBuilder(text, positions, wanted).locate()
    return positions


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
        # An evidence names one of a few sources: one str per name, not one per mention.
        self.sources: dict[str, str] = {}

    def __call__(self, section: str, index: int, raw: Any) -> Any:
        model = _LIST_SECTIONS.get(section)
        if model is None:
            return raw
        try:
            record = model.model_validate(raw)
        except ValidationError as error:
            self.complaints += [
                _explain(detail, (section, index)) for detail in error.errors(include_url=False)
            ]
            return None
        if self.complaints:
            return None
        dumped = _compact(record.model_dump(mode="json"))
        for evidence in dumped["evidence"]:
            name = evidence["source"]
            if len(self.sources) < _NAMES:
                self.sources.setdefault(name, name)
            evidence["source"] = self.sources.get(name, name)
        return dumped


def _compact(value: Any) -> Any:
    """Plain data, equal to the value, whose mappings share their keys as objects' do.

    A record dumped by pydantic is a dict of every field, most of them None: 460 bytes
    for a partner, 10 times its shortest line in the file. A dict made as an object's
    attributes shares one table of keys with every other object of its class (PEP 412),
    and holds only its values: 150 bytes. It is a dict all the same, equal, ordered and
    changeable like any other (a change in another order gives it its own table).
    """
    if isinstance(value, list):
        return [_compact(item) for item in value]
    if not isinstance(value, dict):
        return value
    keys = tuple(value)
    kind = _SHAPES.get(keys)
    if kind is None:
        kind = _SHAPES[keys] = type("Record", (), {})
    holder = kind()
    for key, item in value.items():
        setattr(holder, key, _compact(item))
    return vars(holder)


_NAMES = 1024  # the source names shared: a dataset has a few sources, a hostile one many
_SHAPES: dict[tuple[str, ...], type] = {}
"""A class per set of keys: a dumped record always has every field of its model, so there
are as many as there are models, whatever the file holds."""


def _field_names(model: Any) -> set[str]:
    """Every key the schema knows, in this model and the models below it."""
    names: set[str] = set()
    if isinstance(model, type) and issubclass(model, BaseModel):
        for name, field in model.model_fields.items():
            names.add(name)
            names |= _field_names(field.annotation)
    for argument in typing.get_args(model):
        names |= _field_names(argument)
    return names


_KNOWN_KEYS = {sys.intern(name): sys.intern(name) for name in _field_names(Facts)}


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
        complaints += [_explain(detail) for detail in error.errors(include_url=False)]
    else:
        document = facts.model_dump(mode="json")
        del facts
    complaints += streamed
    if complaints or document is None:
        return None, complaints
    for key, items in rest.items():
        document[key] += items[1:]  # the records themselves are shared, not copied
    return document, complaints


def _reference_problems(document: dict[str, Any]) -> list[tuple[Location, str]]:
    """What the schema alone cannot see: ids used twice in a section, unknown sources."""
    problems: list[tuple[Location, str]] = []
    known = {source["id"]: None for source in document["sources"]}  # in file order
    # Said once: listing the sources for each unknown one made N of them cost N x N.
    sources = choices(list(known))
    for key, value in document.items():
        many = SECTIONS[key].many
        seen: set[str] = set()
        for index, record in enumerate(value if many else [value]):
            at: Location = (key, index) if many else (key,)
            if record["id"] in seen:
                problems.append(((*at, "id"), f"id {shown(record['id'])} is used twice in {key}"))
            seen.add(record["id"])
            for number, evidence in enumerate(record["evidence"]):
                if evidence["source"] not in known:
                    problems.append(
                        (
                            (*at, "evidence", number, "source"),
                            f"unknown source {shown(evidence['source'])}; the "
                            f"sources are: {sources}",
                        )
                    )
    return problems


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


class _Shape(typing.NamedTuple):
    """What the schema expects of a mapping (its keys) or of a list (its items)."""

    fields: dict[str, _Shape | None] | None  # a model's keys; None when it is no model
    item: _Shape | None  # a list's items


def _shape(annotation: Any) -> _Shape | None:
    """The shape of a value of this type; None for text, numbers and anything else."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is list:
        return _Shape(None, _shape(arguments[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields
        return _Shape({name: _shape(field.annotation) for name, field in fields.items()}, None)
    if origin is typing.Annotated:
        return _shape(arguments[0])
    inner = [argument for argument in arguments if argument is not type(None)]
    return _shape(inner[0]) if origin is not None and len(inner) == 1 else None


_FACTS_SHAPE = _shape(Facts)
# Under a key the schema refuses, nothing is kept (its keys are still checked): the
# schema names the key, never its value, so a mapping of a million made-up keys under
# an unknown one costs no tree.
_REJECTED = _Shape({}, None)


class _Keys:
    """The keys of one mapping and the line each is first on, to report a duplicate.

    A dict while the mapping is small. A mapping of a million made-up keys is packed
    instead, about 30 bytes a key rather than 130 (a str, an int and a dict entry):
    the keys' UTF-8 bytes end to end, and an open-addressed table of machine integers
    that finds them by hash and compares their bytes, so a duplicate is always exact.
    """

    __slots__ = ("_blob", "_ends", "_hashes", "_lines", "_slots", "_small")

    SMALL = 64

    def __init__(self) -> None:
        self._small: dict[str, int] | None = {}
        self._blob = bytearray()
        self._ends = array("I")
        self._lines = array("I")
        self._hashes = array("q")
        self._slots = array("I")  # an index + 1 into the arrays above, 0 where free

    def first(self, key: str, line: int) -> int | None:
        """The line `key` was first seen on; None the first time, when it is recorded."""
        small = self._small
        if small is None:
            return self._packed(key, line)
        found = small.get(key)
        if found is None:
            small[key] = line
            if len(small) > self.SMALL:
                self._small = None
                self._slots = array("I", bytes(4 * 4 * self.SMALL))
                for known, at in small.items():
                    self._packed(known, at)
        return found

    def _packed(self, key: str, line: int) -> int | None:
        code = hash(key)
        slots, mask = self._slots, len(self._slots) - 1
        slot = code & mask
        data = key.encode("utf-8", "surrogatepass")
        while index := slots[slot]:
            index -= 1
            if self._hashes[index] == code:
                start = self._ends[index - 1] if index else 0
                if self._blob[start : self._ends[index]] == data:
                    return self._lines[index]
            slot = (slot + 1) & mask
        self._blob += data
        self._ends.append(len(self._blob))
        self._lines.append(line)
        self._hashes.append(code)
        slots[slot] = len(self._lines)
        if 2 * len(self._lines) > len(slots):  # at most half full: probes stay short
            self._grow()
        return None

    def _grow(self) -> None:
        slots = array("I", bytes(4 * 2 * len(self._slots)))
        mask = len(slots) - 1
        for index, code in enumerate(self._hashes):
            slot = code & mask
            while slots[slot]:
                slot = (slot + 1) & mask
            slots[slot] = index + 1
        self._slots = slots


class _Stop(Exception):
    """The event stream cannot go on (a second document, nested too deep)."""


class _Frame:
    """A mapping or sequence being built from the event stream."""

    __slots__ = ("flow", "indent", "key", "key_mark", "keys", "location", "shape", "start", "value")

    def __init__(
        self,
        value: dict[str, Any] | list[Any],
        start: Any,
        location: Location | None,
        indent: int,
        shape: _Shape | None,
    ) -> None:
        self.value = value
        self.start = start  # the start event, for the position of the finished node
        self.location = location
        self.shape = shape  # what the schema expects here: _REJECTED builds nothing
        self.flow: bool = bool(start.flow_style)
        # Lines that continue a node inside this frame must start right of `indent`:
        # the column of the innermost block collection (-1 at the top).
        self.indent = indent if self.flow else start.start_mark.column
        self.key: Any = None  # in a mapping, the key whose value comes next (or _SKIP)
        self.key_mark: Mark = 0
        self.keys = _Keys()  # key -> line, to name both lines of a duplicate


_SKIP = object()  # the value of a key that is refused (duplicate, merge, not text)
# Patterns that match a fixed, small number of characters: each attempt looks at three at
# most, so a scan is linear whatever the text (no repeat to backtrack over).
_BLANK_BEFORE_BREAK = re.compile("[ \t][\n\r\x85\u2028\u2029]")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]{0,2}#")  # at most an indent and a chomp


def parse_yaml(text: str) -> tuple[dict[str, Any] | None, Problems]:
    """The top-level mapping of a YAML text, and the problems found in it.

    Returns None for the mapping when there is none to validate (a syntax error, an
    empty file, a list at the top).
    """
    return _TreeBuilder(text).build()


class _Pieces:
    """The text as a stream that libyaml reads a piece at a time.

    Given a whole `str`, PyYAML's C parser first makes a UTF-8 copy of all of it; read
    this way, it holds a piece at a time (libyaml asks for 16 KiB or so).
    """

    __slots__ = ("at", "name", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.name = "<unicode string>"

    def read(self, size: int = -1) -> str:
        end = len(self.text) if size < 0 else self.at + size
        piece = self.text[self.at : end]
        self.at += len(piece)
        return piece


class _TreeBuilder:
    """Plain values from a stream of parser events, checking the dialect's rules.

    With `positions` and `wanted`, it is the second pass instead: it keeps no value and
    records where each wanted location is. With `on_record`, each item of a list at
    the top mapping's second level (a record), but the first, is handed to it when it
    is complete, with its section and index, and what it returns is kept instead.
    """

    def __init__(
        self,
        text: str,
        positions: Positions | None = None,
        wanted: dict[Location, Location] | None = None,
        on_record: Callable[[str, int, Any], Any] | None = None,
    ) -> None:
        self.text = text
        self.positions = positions
        self.wanted = wanted or {}
        self.on_record = on_record
        self.problems = Problems()
        self.stack: list[_Frame] = []
        self.root: list[tuple[Any, Any]] = []
        self._lines: Lines | None = None

    @property
    def lines(self) -> Lines:
        """The text's line table, made on first use: a valid file may never need it."""
        if self._lines is None:
            self._lines = Lines(self.text)
        return self._lines

    def complain(self, mark: Any, message: str) -> None:
        self.problems.add(mark.line + 1, mark.column + 1, message)

    def locate(self) -> None:
        """The second pass: fill `positions`; the file is known to parse."""
        with contextlib.suppress(_Stop, yaml.YAMLError):
            self.read_events()

    def build(self) -> tuple[dict[str, Any] | None, Problems]:
        self.check_lines()
        try:
            self.read_events()
        except _Stop:
            return None, self.problems
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            message = error.problem or error.context or "not valid YAML"
            if error.context and error.problem:
                message = f"{error.problem} ({error.context})"
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.add(line, column, message.replace("\n", " "))
            return None, self.problems
        except yaml.reader.ReaderError as error:
            index = self.character_index(error.position)
            line, column = self.lines.locate(index)
            message = f"character {self.text[index : index + 1]!r} is not allowed in YAML"
            self.problems.add(line, column, message)
            return None, self.problems
        return self.top_mapping()

    def character_index(self, position: int) -> int:
        """The index in the text of a reader error's position.

        libyaml reads the text as UTF-8 and reports a byte offset; PyYAML's own reader
        reports a character index.
        """
        if _Parser is yaml.SafeLoader:
            return position
        return len(self.text.encode("utf-8")[:position].decode("utf-8", "ignore"))

    def check_lines(self) -> None:
        """Rules about the text itself, which the parser does not see (or forgives).

        Both rules look only where a line ends (after a blank) or where a tab is, and a
        line is found by bisection in the line table, so that each costs linear time.
        """
        text = self.text
        message = "white space at the end of the line (it hides in block text)"
        ends = (found.start() for found in _BLANK_BEFORE_BREAK.finditer(text))
        last = (len(text) - 1,) if text.endswith((" ", "\t")) else ()
        for end in itertools.chain(ends, last):
            line, _column = self.lines.locate(end)
            kept = self.lines.line(line - 1).rstrip(" \t")
            self.problems.add(line, len(kept) + 1, message)
        message = "a tab in the indentation; indent with spaces"
        tab = text.find("\t")
        while tab >= 0:
            # A tab in the indentation has only spaces before it on its line. The spaces
            # walked over here end at this tab, so no character is walked over twice.
            start = tab
            while start > 0 and text[start - 1] == " ":
                start -= 1
            if start == 0 or text[start - 1] in BREAKS:
                self.problems.add(*self.lines.locate(tab), message)
            tab = text.find("\t", tab + 1)

    def read_events(self) -> None:
        documents = 0
        event: Any
        for event in yaml.parse(_Pieces(self.text), Loader=_Parser):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.check_node(event)
                frame = self.stack[-1] if self.stack else None
                key = frame.key if frame is not None and isinstance(frame.value, dict) else None
                self.attach(self.scalar(event, key), event)
            elif kind is yaml.MappingStartEvent:
                self.open_frame(event, {})
            elif kind is yaml.SequenceStartEvent:
                self.open_frame(event, [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                self.attach(frame.value, frame.start)
            elif kind is yaml.AliasEvent:
                message = f"aliases (*{_cut(event.anchor)}) are not allowed; write the value out"
                self.complain(event.start_mark, message)
                self.attach(None, event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "a second document starts here; a dataset is one document"
                    self.complain(event.start_mark, message)
                    raise _Stop

    def top_mapping(self) -> tuple[dict[str, Any] | None, Problems]:
        if not self.root or self.root[0][0] is None:
            message = (
                "the file holds no data; a dataset is a mapping of sections "
                "(sources:, cluster:, partners:, ...)"
            )
            self.problems.add(1, 1, message)
            return None, self.problems
        tree, mark = self.root[0]
        if not isinstance(tree, dict):
            found = "a list" if isinstance(tree, list) else f"the text {shown(tree)}"
            self.complain(
                mark,
                "the top level must be a mapping of sections "
                f"(sources:, cluster:, partners:, ...), found {found}",
            )
            return None, self.problems
        return tree, self.problems

    def check_node(self, event: Any) -> None:
        """A node's own rules: no anchor or tag; continuation lines indented enough."""
        if event.anchor is not None:
            message = f"anchors (&{_cut(event.anchor)}) are not allowed; write the value out"
            self.complain(event.start_mark, message)
        if event.tag is not None:
            message = f"tags ({_cut(event.tag)}) are not allowed; every value is plain text"
            self.complain(event.start_mark, message)
        indent = self.stack[-1].indent if self.stack else -1
        start, end = event.start_mark, event.end_mark
        if self.stack and self.stack[-1].flow and start.column <= indent:
            self.complain(
                start,
                "inside [...] or {...}, a new line must be indented more "
                "than the key it belongs to",
            )
        style = getattr(event, "style", None)
        if style in ("'", '"'):
            if self.text[end.index : end.index + 1] == "#":
                self.complain(end, "a comment needs a space before '#'")
            if end.line > start.line:
                self.check_continuation(start.line + 1, end.line, indent)
        elif style in ("|", ">") and _BLOCK_HEADER_COMMENT.match(self.text, start.index):
            self.complain(start, "a comment needs a space before '#'")

    def check_continuation(self, first: int, last: int, indent: int) -> None:
        """Lines first..last (0-based) of a quoted scalar must start right of `indent`."""
        for number in range(first, last + 1):
            line = self.lines.line(number)
            margin = len(line) - len(line.lstrip(" "))
            if line.strip() and margin <= indent:
                message = "this line continues quoted text, so indent it more than its key"
                self.problems.add(number + 1, margin + 1, message)

    def open_frame(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.complain(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            raise _Stop
        self.check_node(event)
        indent = self.stack[-1].indent if self.stack else -1
        location, shape = self.child_location(), self.child_shape()
        self.stack.append(_Frame(value, event, location, indent, shape))

    def child_shape(self) -> _Shape | None:
        """What the schema expects of the node that starts next (None: nothing known)."""
        if not self.stack:
            return _FACTS_SHAPE
        frame = self.stack[-1]
        shape = frame.shape
        if shape is None or shape is _REJECTED:
            return shape
        if isinstance(frame.value, list):
            return shape.item
        if shape.fields is None:
            return None
        key = frame.key  # _SKIP (a refused key): its value is not kept either
        return shape.fields.get(key, _REJECTED) if isinstance(key, str) else _REJECTED

    def child_location(self) -> Location | None:
        """Where the node that starts next is, in the second pass and only if it is wanted.

        A node that is not wanted has no wanted child, so nothing below it is looked up.
        """
        if self.positions is None:
            return None
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.location is None:
            return None
        if isinstance(frame.value, list):
            where: Location = (*frame.location, len(frame.value))
        else:
            where = (*frame.location, frame.key if isinstance(frame.key, str) else "?")
        return self.wanted.get(where)

    def attach(self, value: Any, event: Any) -> None:
        """Put a finished node where it belongs: the root, a list item, a key or a value.

        In the second pass a value is not kept (None stands in for a list's item, a
        mapping keeps nothing), only its place.
        """
        mark = event.start_mark
        here = _mark(mark.line + 1, mark.column + 1)
        positions = self.positions
        if not self.stack:
            self.root.append((value, mark))
            if positions is not None:
                positions[()] = here << 64 | here
            return
        frame = self.stack[-1]
        if frame.shape is _REJECTED:
            # Nothing is kept under a key the schema refuses: its keys are still checked.
            if isinstance(frame.value, dict):
                frame.key = self.take_key(frame, value, event) if frame.key is None else None
            return
        if isinstance(frame.value, list):
            if positions is not None:
                if frame.location is not None:
                    item = self.wanted.get((*frame.location, len(frame.value)))
                    if item is not None:
                        positions[item] = here << 64 | here
                value = None
            elif self.on_record is not None and frame.value and len(self.stack) == 2:
                section = self.stack[0].key
                if isinstance(section, str) and isinstance(self.stack[0].value, dict):
                    value = self.on_record(section, len(frame.value), value)
            frame.value.append(value)  # in the second pass too: an item's place is its index
        elif frame.key is None:
            frame.key = self.take_key(frame, value, event)
            frame.key_mark = here
        else:
            if frame.key is not _SKIP and positions is not None:
                if frame.location is not None:
                    entry = self.wanted.get((*frame.location, frame.key))
                    if entry is not None:
                        positions[entry] = frame.key_mark << 64 | here
            elif frame.key is not _SKIP:  # a mapping: the schema names a refused key
                frame.value[frame.key] = None if self.child_shape() is _REJECTED else value
            frame.key = None

    def scalar(self, event: Any, key: Any) -> str | None:
        """A scalar as text; unquoted nothing-words become None, boolean-looking ones an error."""
        value: str = event.value
        if not event.style:  # plain, unquoted: None from PyYAML's parser, "" from libyaml's
            if value in _NULLS:
                return None
            if value in _BOOLEAN_LOOKING:
                where = f"{_cut(key)}: " if isinstance(key, str) else ""
                self.complain(
                    event.start_mark,
                    f"{where}unquoted {value!r} is a boolean to YAML 1.1 tools; "
                    f'write "{value}" for the text, or true/false',
                )
        return value

    def take_key(self, frame: _Frame, key: Any, event: Any) -> Any:
        """The key a mapping's next value goes under, or _SKIP when the key is refused."""
        mark = event.start_mark
        if not isinstance(key, str):
            self.complain(mark, "a key must be text")
            return _SKIP
        if key == "<<" and not getattr(event, "style", "x"):
            self.complain(mark, "merge keys (<<) are not allowed; write the keys out")
            return _SKIP
        first = frame.keys.first(key, mark.line + 1)
        if first is not None:
            message = (
                f"duplicate key {shown(key)}: first at line {first}, again at line {mark.line + 1}"
            )
            self.complain(mark, message)
            return _SKIP
        # A key repeats in every record: keep one copy of each key the schema knows. Not
        # sys.intern: a mapping of a million made-up keys would grow the interned table.
        return _KNOWN_KEYS.get(key, key)


def _dotted(location: Location) -> str:
    """partners[3].type, as a person writes it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{_cut(part)}" if text else _cut(part)
    return text or "the dataset"


def _cut(name: str) -> str:
    """A name from the file (a key, an anchor, a tag) as a message shows it.

    Unquoted while it is short, and cut like `shown` cuts a value when it is not.
    """
    return name if len(name) <= SHOWN else shown(name)


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


def _explain(detail: ErrorDetails, within: Location = ()) -> tuple[Location, str, bool]:
    """Pydantic's error as (where, a sentence for a person, whether it is about the key)."""
    where: Location = (*within, *detail["loc"])
    kind, given, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    if kind == "missing":
        return where[:-1], f"{_dotted(where[:-1])}: missing key {where[-1]!r}", False
    if kind == "extra_forbidden":
        model = _model_at(where[:-1])
        valid = f"; the keys here are: {choices(list(model.model_fields))}" if model else ""
        return where, f"{_dotted(where)}: unknown key {shown(str(where[-1]))}{valid}", True
    if kind == "enum":
        expected = _enum_values(where) or [context["expected"]]
        message = (
            f"{shown(str(given))} is not a valid {_cut(str(where[-1]))}; "
            f"expected one of: {choices(expected, last=' or ')}"
        )
    elif kind == "value_error":
        message = str(context.get("error", detail["msg"]))
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_describe(given)}"
    elif kind in ("string_too_short", "string_pattern_mismatch"):
        message = "must not be empty"
    elif kind == "too_short":
        message = "must list at least one entry"
    else:
        message = detail["msg"].replace("Input should", "should")
    return where, f"{_dotted(where)}: {message}", False


def locate(text: str, found: list[tuple[Location, str]]) -> list[Problem]:
    """Problems found in a valid document's values, each placed at its line and column.

    Positions are worked out only now, in a second pass over the text, as for errors.
    """
    positions = _positions(text, {where for where, _message in found})
    return [_place(where, message, False, positions) for where, message in found]


def _place(where: Location, message: str, at_key: bool, positions: Positions) -> Problem:
    """A problem at the nearest recorded node: the value, or its key, or a parent."""
    for depth in range(len(where), -1, -1):
        found = positions.get(where[:depth])
        if found is not None:
            mark = found >> 64 if at_key and depth == len(where) else found & (1 << 64) - 1
            return Problem(*_unmark(mark), message)
    return Problem(1, 1, message)
