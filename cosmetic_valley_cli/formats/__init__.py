"""Output formats: one choice per format, one module per format, one dispatcher.

Importing this package is cheap (the command line needs `OutputFormat` for its option);
a format's module is imported only when that format is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..listing import Listing


class OutputFormat(str, Enum):
    """What `--format` accepts."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    YAML = "yaml"
    CSV = "csv"
    MARKDOWN = "markdown"
    JSONLD = "jsonld"  # schema.org JSON-LD, for cv facts only


MODULES: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "table",
    OutputFormat.JSON: "json_document",
    OutputFormat.JSONL: "json_lines",
    OutputFormat.YAML: "yaml_document",
    OutputFormat.CSV: "csv_rows",
    OutputFormat.MARKDOWN: "markdown",
    OutputFormat.JSONLD: "jsonld",  # a listing is refused: see the module
}


def render(listing: Listing, output_format: OutputFormat) -> str | Iterator[str] | RenderableType:
    """The listing in the format: text, text in pieces, or a rich renderable."""
    module = import_module(f"{__name__}.{MODULES[output_format]}")
    result: str | Iterator[str] | RenderableType = module.render(listing)
    return result
