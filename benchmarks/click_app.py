"""What a user might write instead of cv: a minimal click app on the same YAML.

    python benchmarks/click_app.py [--data PATH] facts [--json]
    python benchmarks/click_app.py [--data PATH] partners [--type T] [--json]

click (the `bench` extra: `pip install -e ".[bench]"`), PyYAML's safe loading through
libyaml (`CSafeLoader`, as `yaml.safe_load` does in pure Python, ten times slower), and
`json.dumps`. No validation, no cache, no table: a listing or a few sections as JSON.
The commands are built as objects rather than with click's decorators, so that mypy
needs no click where the extra is not installed; click does the same work either way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click  # type: ignore[import-not-found,unused-ignore]
import yaml

FACTS = Path(__file__).resolve().parent.parent / "facts.yaml"
SUMMARY = ("cluster", "members", "figures", "certification", "timeline", "sources")
PARTNER_TYPES = ["university", "institution", "cluster", "region-or-cluster", "network"]
"""cv's PartnerType, written out: a reference app imports nothing of cv's (tests check it)."""


def load(path: str) -> Any:
    with Path(path).open("rb") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def show(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def facts(data: str, as_json: bool) -> None:
    document = load(data)
    show({key: document[key] for key in SUMMARY})


def partners(data: str, partner_type: str | None, as_json: bool) -> None:
    chosen = [partner for partner in load(data)["partners"]
              if partner_type is None or partner["type"] == partner_type]  # fmt: skip
    show(chosen)


def main() -> None:
    data = click.Option(["--data"], type=click.Path(dir_okay=False), default=str(FACTS))
    as_json = click.Option(["--json", "as_json"], is_flag=True)
    of_type = click.Option(["--type", "-t", "partner_type"], type=click.Choice(PARTNER_TYPES))
    context = click.pass_context

    def group(ctx: Any, data: str) -> None:
        ctx.obj = data

    def run_facts(ctx: Any, as_json: bool) -> None:
        facts(ctx.obj, as_json)

    def run_partners(ctx: Any, partner_type: str | None, as_json: bool) -> None:
        partners(ctx.obj, partner_type, as_json)

    cli = click.Group("click_app", callback=context(group), params=[data])
    cli.add_command(click.Command("facts", callback=context(run_facts), params=[as_json]))
    cli.add_command(
        click.Command("partners", callback=context(run_partners), params=[of_type, as_json])
    )
    cli.main(prog_name="click_app")


if __name__ == "__main__":
    main()
