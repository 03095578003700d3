"""The floor: the cheapest honest typer app that does cv's job naively.

Same options as cv for the benchmarked paths, the same YAML file read with libyaml,
`json.dumps` (or a plain rich table) for output, and no validation at all. Whatever cv
costs above this is what its model, its checks and its rendering add.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

FACTS = Path(__file__).resolve().parent.parent / "facts.yaml"

app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


class PartnerType(str, Enum):
    UNIVERSITY = "university"
    INSTITUTION = "institution"
    CLUSTER = "cluster"
    REGION_OR_CLUSTER = "region-or-cluster"
    NETWORK = "network"


class OutputFormat(str, Enum):
    TABLE = "table"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        print("floor 0")
        raise typer.Exit


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[str | None, typer.Option("--data", envvar="CV_DATA")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    ctx.obj = data or str(FACTS)


def load(ctx: typer.Context) -> Any:
    with Path(ctx.find_root().obj).open("rb") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


@app.command()
def facts(
    ctx: typer.Context,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    data = load(ctx)
    keys = ("cluster", "members", "figures", "certification", "timeline", "sources")
    summary = {key: data[key] for key in keys}
    if as_json or output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("fact", "value")
    for key, value in data["cluster"].items():
        table.add_row(key, str(value))
    for milestone in data["timeline"]:
        table.add_row(str(milestone["year"]), milestone["event"])
    Console().print(table)


@app.command()
def partners(
    ctx: typer.Context,
    partner_type: Annotated[PartnerType | None, typer.Option("--type", "-t")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    fields: Annotated[str | None, typer.Option("--fields")] = None,
) -> None:
    chosen = [p for p in load(ctx)["partners"]
              if partner_type is None or p["type"] == partner_type.value]  # fmt: skip
    sys.stdout.write(json.dumps(chosen, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    app(prog_name="floor")
