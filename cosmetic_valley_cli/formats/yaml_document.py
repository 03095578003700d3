"""YAML: the same document as the JSON format, written by PyYAML's safe dumper.

Without anchors or aliases (cv's own loader refuses them, and a reader should not have
to resolve `*id001`), and with the characters a terminal would obey or hide written as
escapes in double-quoted scalars, as JSON writes them (escaping.yaml_text).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from ..escaping import unsafe_in_text, yaml_text
from ..listing import Listing


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper that writes a value again where it recurs, never an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A string, double-quoted when it holds a character to write as an escape."""
    style = '"' if unsafe_in_text(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dumps(value: Any) -> str:
    """The project's YAML: safe, non-ASCII kept as it is, keys in order, lines unwrapped."""
    dumped = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return yaml_text(dumped)


def render(listing: Listing) -> str | Iterator[str]:
    """The records as a YAML list (a mapping for a one-record section), record by record.

    A block sequence of one item per record reads, joined, as the sequence of them all:
    `| head` ends the listing early, and it is never held whole as text.
    """
    values = listing.values()
    if listing.single:
        first = next(values, None)
        return dumps(first if first is not None else [])
    return _items(values)


def _items(values: Iterator[Any]) -> Iterator[str]:
    written = False
    for value in values:
        written = True
        yield dumps([value])
    if not written:
        yield dumps([])
