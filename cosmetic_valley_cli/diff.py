"""`cv diff`: what an update changes, record by record, matched by section and id.

Both datasets are validated in full first. Records are matched by their section and
`id`; a record in both whose fields differ is changed, and each differing field is
reported with its value before and after (evidence included). Sources are a section
like the others. The cost is one pass over each dataset.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from .dataset import records
from .escaping import text
from .listing import cell
from .outputs import Change, FieldChange
from .records import Document, Record
from .sections import SECTIONS

if TYPE_CHECKING:
    from rich.console import RenderableType


def _fields(record: Record) -> Mapping[str, Any]:
    return cast("Mapping[str, Any]", record)


def _compare(
    before: Mapping[str, Any], after: Mapping[str, Any], names: tuple[str, ...]
) -> list[FieldChange]:
    return [
        FieldChange(field=name, before=before.get(name), after=after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


def changes(old: Document, new: Document) -> Iterator[Change]:
    """Every difference, section by section in the order of the declarations.

    Within a section: the old records in their order (removed or changed), then the
    new records that are added, in their order.
    """
    nothing: Mapping[str, Any] = {}
    for key, section in SECTIONS.items():
        names = section.record_fields
        before = {record["id"]: _fields(record) for record in records(old, key)}
        after = {record["id"]: _fields(record) for record in records(new, key)}
        for identity, record in before.items():
            if identity not in after:
                yield Change(
                    section=key,
                    id=identity,
                    change="removed",
                    fields=_compare(record, nothing, names),
                )
            elif fields := _compare(record, after[identity], names):
                yield Change(section=key, id=identity, change="changed", fields=fields)
        for identity, record in after.items():
            if identity not in before:
                yield Change(
                    section=key,
                    id=identity,
                    change="added",
                    fields=_compare(nothing, record, names),
                )


KINDS = ("added", "removed", "changed")


def counted(found: Iterable[Change], tally: dict[str, int]) -> Iterator[Change]:
    """The changes as they come, each counted in `tally` by kind, for the summary line."""
    for change in found:
        tally[change["change"]] = tally.get(change["change"], 0) + 1
        yield change


def summary_line(tally: Mapping[str, int]) -> str:
    """`3 records differ: 1 added, 1 removed, 1 changed`: the kinds there are, in order."""
    total = sum(tally.values())
    kinds = ", ".join(f"{tally[kind]} {kind}" for kind in KINDS if tally.get(kind))
    return f"{total} record{'s differ' if total != 1 else ' differs'}: {kinds}"


def sides(field: FieldChange) -> tuple[str | None, str | None]:
    r"""A field's before and after as a person reads them; None for a side it lacks.

    Two values can differ where the eye sees none: white space at an end, a no-break
    space, "é" composed or not. Then both are quoted, and those characters written as
    escapes (`'Orléans'`, `'Orléans '`), so that the change shows; the rest of
    the text, typographic quotes included, stays as it is.
    """
    before, after = field["before"], field["after"]
    shown = tuple(None if value is None else cell(value) for value in (before, after))
    if shown[0] is not None and shown[1] is not None and _looks(shown[0]) == _looks(shown[1]):
        return _revealed(shown[0]), _revealed(shown[1])
    return shown[0], shown[1]


def _revealed(shown: str) -> str:
    """Text quoted, with what the eye cannot tell apart written as escapes."""
    from unicodedata import category

    def mark(char: str) -> str:
        hidden = char != " " and (char.isspace() or category(char) in ("Mn", "Me", "Zs"))
        return f"\\u{ord(char):04x}" if hidden else char

    return "'" + "".join(map(mark, shown)) + "'"


def _looks(shown: str) -> str:
    """Text as the eye takes it in: white space folded, accents composed."""
    from unicodedata import normalize

    return normalize("NFC", " ".join(shown.split()))


def diff_markdown(found: Iterable[Change]) -> Iterator[str]:
    """The changes as a GitHub table for a pull request: a row per field that differs.

    Every cell is escaped (escaping.markdown_cell): a value's markup is shown as text.
    Written row by row, as the table view is drawn.
    """
    from .escaping import markdown_cell

    yield "| change | section | id | field | before | after |\n"
    yield "| --- | --- | --- | --- | --- | --- |\n"
    for change in found:
        for field in change["fields"]:
            before, after = sides(field)
            shown = (change["change"], change["section"], change["id"], field["field"],
                     before or "", after or "")  # fmt: skip
            yield "| " + " | ".join(markdown_cell(part) for part in shown) + " |\n"


def diff_view(found: Iterable[Change]) -> Iterator[str]:
    """The changes for a person, record by record: a header, each field before and after.

    Drawn as they come, so that a long diff is never held whole and `| head` ends it.
    """
    from rich.console import Group
    from rich.padding import Padding

    from .output import drawn

    def record(change: Change) -> RenderableType:
        lines: list[RenderableType] = [
            text(f"{change['change']}: {change['section']} {change['id']}", style="bold")
        ]
        for field in change["fields"]:
            lines.append(Padding(text(f"{field['field']}:"), (0, 0, 0, 2)))
            for side, value in zip(("before", "after"), sides(field), strict=True):
                if value is not None:  # an added record has no before, a removed no after
                    lines.append(Padding(text(f"{side}: {value}"), (0, 0, 0, 4)))
        return Group(*lines)

    return drawn(record(change) for change in found)
