"""The first pass over a dataset: strict YAML to plain values, checking the dialect's rules.

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
could expand. libyaml reads the text a piece at a time (`_Pieces`: no UTF-8 copy of the
whole file).

Nothing here is slower than linear in the size of the file, whatever it holds: no regular
expression can backtrack over user text, and a line is found in a table of line starts
made once (positions.py, which counts line breaks as libyaml does).
"""

from __future__ import annotations

import itertools
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from pydantic import BaseModel

from .errors import SHOWN, shown
from .model import Facts
from .positions import BREAKS, Lines
from .problems import Problem

MAX_DEPTH = 20

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Unquoted, these words are nothing (None)."""
_BOOLEAN_LOOKING = frozenset(
    word
    for base in ("y", "yes", "n", "no", "on", "off", "true", "false")
    for word in (base, base.capitalize(), base.upper())
) - {"true", "false"}

PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's event parser when PyYAML was built with it, else PyYAML's own: same events."""

OnRecord = Callable[[str, int, Any], Any]
"""Called with a section, an index and a raw record; what it returns is kept instead."""


def parse_yaml(
    text: str, on_record: OnRecord | None = None
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The top-level mapping of a YAML text, and the problems found in it.

    Returns None for the mapping when there is none to validate (a syntax error, an
    empty file, a list at the top). With `on_record`, each item of a list at the top
    mapping's second level (a record), but a section's first, is handed to it when it
    is complete, with its section and index, and what it returns is kept instead.
    """
    lines = Lines(text)
    problems = layout_problems(lines)
    builder = _Builder(lines, on_record, problems)
    try:
        builder.read()
    except _Stop:
        return None, problems
    except yaml.MarkedYAMLError as error:
        found = _syntax_problem(error, text)
        # The parser then fails where a run-on quote ends, or on a tab already reported:
        # the same cause, said once (issue 24).
        if not any(
            problem.message.startswith(RUN_ON)
            or (problem.line == found.line and problem.message == TAB_IN_INDENT)
            for problem in problems
        ):
            problems.append(found)
        return None, problems
    except yaml.reader.ReaderError as error:
        index = _character_index(text, error.position)
        message = f"character {text[index : index + 1]!r} is not allowed in YAML"
        problems.append(Problem(*lines.locate(index), message, "CV101"))
        return None, problems
    return _top_mapping(builder.root, problems)


def events(text: str) -> Iterator[Any]:
    """The parser's events for a text, read a piece at a time."""
    return typing.cast("Iterator[Any]", yaml.parse(_Pieces(text), Loader=PARSER))


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


# --- Layout: rules about the text itself, which the parser does not see (or forgives) -----

# Patterns that match a fixed, small number of characters: each attempt looks at three at
# most, so a scan is linear whatever the text (no repeat to backtrack over).
_BLANK_BEFORE_BREAK = re.compile("[ \t][\n\r\x85\u2028\u2029]")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]{0,2}#")  # at most an indent and a chomp


def layout_problems(lines: Lines) -> list[Problem]:
    """Trailing white space and tabs in the indentation, line by line.

    Both rules look only where a line ends (after a blank) or where a tab is, and a
    line is found by bisection in the line table, so that each costs linear time.
    """
    text = lines.text
    problems = []
    message = "white space at the end of the line (it hides in block text)"
    ends = (found.start() for found in _BLANK_BEFORE_BREAK.finditer(text))
    last = (len(text) - 1,) if text.endswith((" ", "\t")) else ()
    for end in itertools.chain(ends, last):
        line, _column = lines.locate(end)
        kept = lines.line(line - 1).rstrip(" \t")
        problems.append(Problem(line, len(kept) + 1, message, "CV102"))
    message = TAB_IN_INDENT
    tab = text.find("\t")
    while tab >= 0:
        # A tab in the indentation has only spaces before it on its line. The spaces
        # walked over here end at this tab, so no character is walked over twice.
        start = tab
        while start > 0 and text[start - 1] == " ":
            start -= 1
        if start == 0 or text[start - 1] in BREAKS:
            problems.append(Problem(*lines.locate(tab), message, "CV103"))
        tab = text.find("\t", tab + 1)
    return problems


def _node_problems(event: Any, indent: int, in_flow: bool, lines: Lines) -> Iterator[Problem]:
    """A node's own rules: no anchor or tag; continuation lines indented enough.

    `indent` is the column lines inside the node's parent must start right of, and
    `in_flow` whether that parent is a [...] or {...}.
    """
    start, end = event.start_mark, event.end_mark
    if event.anchor is not None:
        message = f"anchors (&{cut(event.anchor)}) are not allowed; write the value out"
        yield _at(start, message, "CV104")
    if event.tag is not None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as written: !!str
        message = f"tags ({cut(tag)}) are not allowed; every value is plain text"
        yield _at(start, message, "CV105")
    if in_flow and start.column <= indent:
        yield _at(
            start,
            "inside [...] or {...}, a new line must be indented more than the key it belongs to",
            "CV106",
        )
    style = getattr(event, "style", None)
    if style in ("'", '"'):
        if lines.text[end.index : end.index + 1] == "#":
            yield _at(end, "a comment needs a space before '#'", "CV107")
        # Lines after the first (0-based numbers) must start right of `indent`. One that
        # does not is most often a quote never closed, which ran on to the next quote
        # mark: said once, where it opens, not on every line it swallowed (issue 24).
        for number in range(start.line + 1, end.line + 1):
            line = lines.line(number)
            margin = len(line) - len(line.lstrip(" "))
            if line.strip() and margin <= indent:
                yield _at(
                    start,
                    f"{RUN_ON} {style} runs on to line {end.line + 1}: close it on "
                    "this line, or indent the lines it continues on more than its key",
                    "CV108",
                )
                break
    elif style in ("|", ">") and _BLOCK_HEADER_COMMENT.match(lines.text, start.index):
        yield _at(start, "a comment needs a space before '#'", "CV107")


TAB_IN_INDENT = "a tab in the indentation; indent with spaces"
RUN_ON = "this quote is not closed on its line: the text from its"
"""The start of the one message for a quoted value that swallows the lines after it."""


def _at(mark: Any, message: str, code: str) -> Problem:
    """A problem at a parser's mark (0-based line and column)."""
    return Problem(mark.line + 1, mark.column + 1, message, code)


# --- What the schema expects, so that nothing is kept under a key it refuses ---------------


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


# --- The event stream to a tree ------------------------------------------------------------


class _Stop(Exception):
    """The event stream cannot go on (a second document, nested too deep)."""


_SKIP = object()  # the value of a key that is refused (duplicate, merge, not text)


class _Frame:
    """A mapping or sequence being built from the event stream."""

    __slots__ = ("flow", "indent", "key", "keys", "shape", "start", "value")

    def __init__(
        self, value: dict[str, Any] | list[Any], start: Any, indent: int, shape: _Shape | None
    ) -> None:
        self.value = value
        self.start = start  # the start event, for the position of the finished node
        self.shape = shape  # what the schema expects here: _REJECTED builds nothing
        self.flow: bool = bool(start.flow_style)
        # Lines that continue a node inside this frame must start right of `indent`:
        # the column of the innermost block collection (-1 at the top).
        self.indent = indent if self.flow else start.start_mark.column
        self.key: Any = None  # in a mapping, the key whose value comes next (or _SKIP)
        self.keys: dict[str, int] = {}  # key -> line, to name both lines of a duplicate


class _Builder:
    """Plain values from a stream of parser events, checking the dialect's rules."""

    def __init__(self, lines: Lines, on_record: OnRecord | None, problems: list[Problem]):
        self.lines = lines
        self.on_record = on_record
        self.problems = problems
        self.stack: list[_Frame] = []
        self.root: list[tuple[Any, Any]] = []

    def complain(self, mark: Any, message: str, code: str) -> None:
        self.problems.append(_at(mark, message, code))

    def read(self) -> None:
        documents = 0
        event: Any
        for event in events(self.lines.text):
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
                message = f"aliases (*{cut(event.anchor)}) are not allowed; write the value out"
                self.complain(event.start_mark, message, "CV109")
                self.attach(None, event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "a second document starts here; a dataset is one document"
                    self.complain(event.start_mark, message, "CV110")
                    raise _Stop

    def check_node(self, event: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        indent = parent.indent if parent is not None else -1
        in_flow = parent is not None and parent.flow
        self.problems.extend(_node_problems(event, indent, in_flow, self.lines))

    def open_frame(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.complain(event.start_mark, f"nested deeper than {MAX_DEPTH} levels", "CV111")
            raise _Stop
        self.check_node(event)
        indent = self.stack[-1].indent if self.stack else -1
        self.stack.append(_Frame(value, event, indent, self.child_shape()))

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

    def attach(self, value: Any, event: Any) -> None:
        """Put a finished node where it belongs: the root, a list item, a key or a value."""
        if not self.stack:
            self.root.append((value, event.start_mark))
            return
        frame = self.stack[-1]
        if frame.shape is _REJECTED:
            # Nothing is kept under a key the schema refuses: its keys are still checked.
            if isinstance(frame.value, dict):
                frame.key = self.take_key(frame, value, event) if frame.key is None else None
            return
        if isinstance(frame.value, list):
            if self.on_record is not None and frame.value and len(self.stack) == 2:
                section = self.stack[0].key
                if isinstance(section, str) and isinstance(self.stack[0].value, dict):
                    value = self.on_record(section, len(frame.value), value)
            frame.value.append(value)
        elif frame.key is None:
            frame.key = self.take_key(frame, value, event)
        else:
            if frame.key is not _SKIP:  # a mapping: the schema names a refused key
                frame.value[frame.key] = None if self.child_shape() is _REJECTED else value
            frame.key = None

    def scalar(self, event: Any, key: Any) -> str | None:
        """A scalar as text; unquoted nothing-words become None, boolean-looking ones an error."""
        value: str = event.value
        if not event.style:  # plain, unquoted: None from PyYAML's parser, "" from libyaml's
            if value in NULLS:
                return None
            if value in _BOOLEAN_LOOKING:
                where = f"{cut(key)}: " if isinstance(key, str) else ""
                self.complain(
                    event.start_mark,
                    f"{where}unquoted {value!r} is a boolean to YAML 1.1 tools; "
                    f'write "{value}" for the text, or true/false',
                    "CV112",
                )
        return value

    def take_key(self, frame: _Frame, key: Any, event: Any) -> Any:
        """The key a mapping's next value goes under, or _SKIP when the key is refused."""
        mark = event.start_mark
        if not isinstance(key, str):
            self.complain(mark, "a key must be text", "CV113")
            return _SKIP
        if key == "<<" and not getattr(event, "style", "x"):
            self.complain(mark, "merge keys (<<) are not allowed; write the keys out", "CV114")
            return _SKIP
        line = mark.line + 1
        first = frame.keys.get(key)
        if first is None:
            frame.keys[key] = line
            return key
        message = f"duplicate key {shown(key)}: first at line {first}, again at line {line}"
        self.complain(mark, message, "CV115")
        return _SKIP


def _top_mapping(
    root: list[tuple[Any, Any]], problems: list[Problem]
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The document's top-level mapping, or None and a problem when it is not one."""
    if not root or root[0][0] is None:
        message = (
            "the file holds no data; a dataset is a mapping of sections "
            "(sources:, cluster:, partners:, ...)"
        )
        problems.append(Problem(1, 1, message, "CV116"))
        return None, problems
    tree, mark = root[0]
    if not isinstance(tree, dict):
        found = "a list" if isinstance(tree, list) else f"the text {shown(tree)}"
        message = (
            "the top level must be a mapping of sections "
            f"(sources:, cluster:, partners:, ...), found {found}"
        )
        problems.append(_at(mark, message, "CV117"))
        return None, problems
    return tree, problems


_SYNTAX: dict[tuple[str | None, str], tuple[bool, str, str]] = {
    ("while scanning a quoted scalar", "found unexpected end of stream"): (
        True,
        "CV119",
        "this quote is never closed: end the value with the same quote mark",
    ),
    ("while scanning a simple key", "could not find expected ':'"): (
        True,
        "CV120",
        "a key needs ':' after it; if this line continues the value above, indent it more",
    ),
    ("while parsing a block mapping", "did not find expected key"): (
        False,
        "CV121",
        "this line is not a key of the mapping that starts at line {line}: a key there "
        "starts at column {column}; a value's next line goes further right",
    ),
    ("while parsing a block collection", "did not find expected '-' indicator"): (
        False,
        "CV122",
        "this line is not an item of the list that starts at line {line}: an item there "
        "starts with '- ' at column {column}, and a key of an item at column {inner}",
    ),
    (None, "mapping values are not allowed in this context"): (
        False,
        "CV123",
        "': ' here would start a key inside a value: quote the value if it holds ': ', "
        "or give the key a line of its own",
    ),
    ("while increasing flow level", "exceeded maximum nesting depth"): (
        False,
        "CV111",
        f"nested deeper than {MAX_DEPTH} levels",  # libyaml's limit, met before cv's
    ),
    ("while scanning for the next token", "found character that cannot start any token"): (
        False,
        "CV124",
        "the character {character} cannot start a value here: quote the value, or indent "
        "with spaces if it is a tab",
    ),
}
"""libyaml's words for the common mistakes, in cv's: (at the start of what it was
reading, rather than where it gave up; the code; the message, with that start's line
and column). Any other of libyaml's complaints is CV118, in its own words."""


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    """The parser's complaint, at the line a person must edit, in cv's words if known."""
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "not valid YAML"
    if error.context and error.problem:
        message = f"{error.problem} ({error.context})"
    known = _SYNTAX.get((error.context, error.problem or ""))
    context = error.context_mark
    code = "CV118"
    if known is not None:
        at_start, code, template = known
        if at_start and context is not None:
            mark = context
        where = context or mark
        column = where.column + 1 if where else 1
        at = mark.index if mark is not None else len(text)
        message = template.format(
            line=where.line + 1 if where else 1,
            column=column,
            inner=column + 2,
            character=repr(text[at : at + 1]) if at < len(text) else "here",
        )
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(line, column, message.replace("\n", " "), code)


def _character_index(text: str, position: int) -> int:
    """The index in the text of a reader error's position.

    libyaml reads the text as UTF-8 and reports a byte offset; PyYAML's own reader
    reports a character index.
    """
    if PARSER is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))


def cut(name: str) -> str:
    """A name from the file (a key, an anchor, a tag) as a message shows it.

    Unquoted while it is short, and cut like `shown` cuts a value when it is not.
    """
    return name if len(name) <= SHOWN else shown(name)
