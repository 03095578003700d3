r"""JSON: an array of records (an object for a one-record section), UTF-8.

Non-ASCII text is written as it is, except the characters a terminal would obey or
hide (controls, bidi and zero-width characters, noncharacters), which are `\u`
escapes: the same value for any JSON parser (escaping.json_text).

The array is written a chunk of records at a time, so a large dataset is never held
twice in memory as text; the result is the same as `json.dumps(records, indent=2)`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from ..escaping import json_text
from ..listing import Listing

if TYPE_CHECKING:
    from typing import Any


def dumps(value: Any) -> str:
    """The project's JSON: indented, non-ASCII kept as it is, one final newline."""
    return json_text(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def render(listing: Listing) -> str | Iterator[str]:
    """The records as one JSON document."""
    if listing.single:
        return dumps(next(listing.values(), {}))
    return array(listing.values())


CHUNK = 512  # records per json.dumps call: few calls, and never the whole array at once


def array(values: Iterator[Any]) -> Iterator[str]:
    """`json.dumps(list(values), indent=2)`, byte for byte, made CHUNK values at a time.

    One call per record spends most of its time entering and leaving the encoder; one
    call for all would hold the whole text at once. A chunk of records dumped as an
    array is the same text as its part of the whole, less the brackets.
    """
    opened = False
    while chunk := list(islice(values, CHUNK)):
        text = json_text(json.dumps(chunk, ensure_ascii=False, indent=2))
        yield ("[\n" if not opened else ",\n") + text[2:-2]
        opened = True
    yield "\n]\n" if opened else "[]\n"
