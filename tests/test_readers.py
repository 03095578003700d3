"""One escaping rule per reader, each tested with a real reader of its kind.

A name in the data holds what a terminal would obey or hide: C1 controls (xterm reads
U+009B as CSI), a bidi override, zero-width and separator characters, DEL, the BOM,
and noncharacters. JSON, JSON Lines and JSON-LD write them as `\\u` escapes, which a
JSON parser reads back as the very same value; the bytes hold none of them raw.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import FACTS
from test_installed import CV

HOSTILE = "LNE \x9b2J \u202e evil \u200b \u2028 \uffff \U0001ffff \ufeff \x7f \x85 end"
RAW = [char for char in HOSTILE if not char.isascii() or char == "\x7f"]
YAML_FORM = r'"LNE \x9b2J \u202e evil \u200b \u2028 \uffff \U0001ffff \ufeff \x7f \x85 end"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readers") / "hostile.yaml"
    text = FACTS.read_text(encoding="utf-8")
    assert "    name: LNE\n" in text
    path.write_text(text.replace("    name: LNE\n", f"    name: {YAML_FORM}\n", 1), "utf-8")
    return path


def printed(path: Path, *args: str, fast: bool = True) -> bytes:
    env = {**os.environ, **({} if fast else {"CV_FAST": "off"})}
    done = subprocess.run([str(CV), "--data", str(path), *args], capture_output=True,
                          timeout=60, check=False, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def names(value: object) -> list[str]:
    """Every string in a JSON value that holds the hostile name's first word and more."""
    if isinstance(value, str):
        return [value] if value.startswith("LNE ") else []
    if isinstance(value, dict):
        return [name for item in value.values() for name in names(item)]
    if isinstance(value, list):
        return [name for item in value for name in names(item)]
    return []


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "typer-path"])
@pytest.mark.parametrize(
    "args", [["partners", "--json"], ["partners", "-f", "jsonl"], ["search", "evil", "--json"]],
    ids=["json", "jsonl", "search-json"],
)  # fmt: skip
def test_json_escapes_what_a_terminal_would_obey(
    hostile: Path, args: list[str], fast: bool
) -> None:
    data = printed(hostile, *args, fast=fast)
    text = data.decode("utf-8")
    assert [char for char in RAW if char in text] == []
    assert "é" in printed(hostile, "partners", "--json").decode("utf-8")  # UTF-8 stays UTF-8
    lines = text.splitlines() if "jsonl" in args else [text]
    found = [name for line in lines for name in names(json.loads(line))]
    assert found
    assert set(found) == {HOSTILE}


def test_json_ld_escapes_it_too(hostile: Path) -> None:
    text = printed(hostile, "facts", "--format", "jsonld").decode("utf-8")
    assert [char for char in RAW if char in text] == []
    graph = json.loads(text)
    assert HOSTILE in names(graph)


def test_yaml_escapes_it_too_and_has_no_aliases(hostile: Path) -> None:
    """YAML writes the same set as escapes, in double quotes; PyYAML reads the same value."""
    import yaml

    text = printed(hostile, "partners", "-f", "yaml").decode("utf-8")
    assert [char for char in RAW if char in text] == []
    assert HOSTILE in names(yaml.safe_load(text))
    assert yaml.safe_load(text) == json.loads(printed(hostile, "partners", "--json"))
    summary = printed(hostile, "facts", "-f", "yaml").decode("utf-8")
    assert "&id" not in summary and "*id" not in summary  # cv's own loader refuses aliases
    assert yaml.safe_load(summary) == json.loads(printed(hostile, "facts", "--json"))


MARKUP = [
    "![img](https://evil.example/p.png)",
    "[click](https://evil.example) and <a href='x'>a</a>",
    "https://evil.example/path and www.evil.example",
    "*em* **strong** _u_ ~~del~~ `code` $x^2$",
    "a | b | c",
    "R&D &amp; <script>alert(1)</script>",
    "# heading",
    "- list item",
    "12. numbered",
    "back\\slash \\* and \\",
]


@pytest.mark.parametrize("value", MARKUP, ids=range(len(MARKUP)))
def test_markdown_shows_markup_from_the_data_as_text(tmp_path: Path, value: str) -> None:
    """GitHub's renderer (cmark-gfm, tables and autolinks on) shows the value as text."""
    import html
    import re

    import cmarkgfm

    text = FACTS.read_text(encoding="utf-8")
    path = tmp_path / "markup.yaml"
    path.write_text(text.replace("    name: LNE\n", f"    name: {json.dumps(value)}\n", 1),
                    encoding="utf-8")  # fmt: skip
    table = printed(path, "partners", "--fields", "id,name", "-f", "markdown").decode("utf-8")
    rendered = cmarkgfm.github_flavored_markdown_to_html(table)
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.DOTALL) for row in rows[1:]]
    assert cells and all(len(row) == 2 for row in cells)  # no cell split by a `|`
    (shown,) = [name for key, name in cells if key == "institution-lne"]
    assert re.search(r"<(?!/?td)[a-z]", shown) is None, shown  # no element at all
    assert html.unescape(shown) == value  # the very text, nothing lost


@pytest.mark.parametrize("value", MARKUP, ids=range(len(MARKUP)))
def test_a_markdown_note_on_its_own_line_is_text(value: str) -> None:
    """A listing's notes stand as `> note` lines: no heading or list starts there either."""
    import html
    import re

    import cmarkgfm

    from cosmetic_valley_cli.escaping import markdown_cell

    rendered = cmarkgfm.github_flavored_markdown_to_html(f"> {markdown_cell(value)}\n")
    inner = re.fullmatch(r"<blockquote>\n<p>(.*)</p>\n</blockquote>\n", rendered, re.DOTALL)
    assert inner is not None, rendered
    assert html.unescape(inner.group(1)) == value


def test_the_sheet_is_well_formed_xml_whatever_a_name_holds(tmp_path: Path) -> None:
    """SVG and HTML cannot hold C0 controls, U+FFFE or U+FFFF, even as references: shown."""
    import xml.etree.ElementTree as ElementTree

    text = FACTS.read_text(encoding="utf-8")
    assert "    name: Sorbonne University\n" in text
    odd = r'"Sorbonne \x01 \uffff \U0001fffe \ufdd0 University"'
    path = tmp_path / "odd.yaml"
    path.write_text(text.replace("    name: Sorbonne University\n", f"    name: {odd}\n", 1),
                    encoding="utf-8")  # fmt: skip
    for suffix in ("svg", "html"):
        target = tmp_path / f"sheet.{suffix}"
        done = subprocess.run([str(CV), "--data", str(path), "sheet", "--save", str(target)],
                              capture_output=True, timeout=60, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        saved = target.read_text(encoding="utf-8")
        assert not set("\x01\uffff\U0001fffe\ufdd0") & set(saved)
        assert "&#xffff;" not in saved.lower() and "&#65535;" not in saved
        assert "\\uffff" in saved  # shown, as the terminal shows it
    root = ElementTree.fromstring((tmp_path / "sheet.svg").read_text(encoding="utf-8"))
    shown = " ".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))
    assert "\\uffff" in shown


def _swept() -> str:
    """Every character the one escaping rule hides, found by Unicode's own categories.

    Format characters (soft hyphen, Arabic number signs, tag characters, ...), line and
    paragraph separators, C1 controls and DEL, noncharacters, and the letters that draw
    nothing (Hangul fillers). The sweep is derived here from `unicodedata`, not from cv's
    list, so a character cv forgot fails the test.
    """
    import sys
    import unicodedata

    chars = [
        chr(code)
        for code in range(0x7F, sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Zl", "Zp"}
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    ]
    return "".join(chars) + "\u115f\u1160\u3164\uffa0"


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    value = "LNE " + _swept() + " end"
    path = tmp_path_factory.mktemp("swept") / "swept.yaml"
    text = FACTS.read_text(encoding="utf-8")
    quoted = "".join(char if char.isascii() and char.isprintable() and char not in '"\\'
                     else f"\\U{ord(char):08x}" for char in value)  # fmt: skip
    path.write_text(text.replace("    name: LNE\n", f'    name: "{quoted}"\n', 1), "utf-8")
    return path, value


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "typer-path"])
@pytest.mark.parametrize(
    "args",
    [["partners", "--json"], ["partners", "-f", "jsonl"], ["partners", "-f", "yaml"],
     ["facts", "--format", "jsonld"]],
    ids=["json", "jsonl", "yaml", "jsonld"],
)  # fmt: skip
def test_every_hidden_character_is_escaped_for_every_reader(
    swept: tuple[Path, str], args: list[str], fast: bool
) -> None:
    """A sweep of Unicode: no hidden character leaves raw, and the reader gets it back."""
    import yaml

    path, value = swept
    text = printed(path, *args, fast=fast).decode("utf-8")
    raw = sorted({f"U+{ord(char):04X}" for char in value[4:-4] if char in text})
    assert raw == []
    if "yaml" in args:
        found = names(yaml.safe_load(text))
    elif "jsonl" in args:
        found = [name for line in text.splitlines() for name in names(json.loads(line))]
    else:
        found = names(json.loads(text))
    assert value in found


def test_the_terminal_shows_every_hidden_character_as_an_escape() -> None:
    """`visible` hides the same sweep: a table, an error, the sheet show escapes."""
    from cosmetic_valley_cli.escaping import visible

    shown = visible(_swept())
    assert shown.isascii()
    assert shown.count("\\") == len(_swept())
