"""Every message code of the catalogue (problems.CODES) happens, and only those.

Each code has a change to facts.yaml (or a file) that makes it, and the run must report
that code: the meta-test fails when a code has no case here, no row in the README, or
when the package uses a code the catalogue does not have (issue 24).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FACTS, REPO

from cosmetic_valley_cli.escaping import markdown_cell
from cosmetic_valley_cli.problems import CODES, DataError

TEXT = FACTS.read_text(encoding="utf-8")
PACKAGE = REPO / "cosmetic_valley_cli"


def swap(old: str, new: str) -> Callable[[str], str]:
    """A change of facts.yaml: `old`, which must be there, becomes `new` (once)."""

    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def whole(text: str) -> Callable[[str], str]:
    return lambda _facts: text


CASES: dict[str, Callable[[str], str]] = {
    "CV101": swap("    name: Rouen\n", '    name: "Rou\x01en"\n'),
    "CV102": swap("    name: Rouen\n", "    name: Rouen \n"),
    "CV103": swap("    name: Rouen\n", "\tname: Rouen\n"),
    "CV104": swap("    name: Rouen\n", "    name: &x Rouen\n"),
    "CV105": swap("    name: Rouen\n", "    name: !!str Rouen\n"),
    "CV106": whole("a: [b,\nc]\n"),
    "CV107": swap("    name: Rouen\n", '    name: "Rouen"#note\n'),
    "CV108": swap("    name: Rouen\n", '    name: "Rouen\n'),
    "CV109": swap("    name: Rouen\n", "    name: *x\n"),
    "CV110": whole("a: b\n---\nc: d\n"),
    "CV111": whole("a: " + "[" * 30 + "]" * 30 + "\n"),
    "CV112": swap("    name: Rouen\n", "    name: yes\n"),
    "CV113": whole("[a, b]: c\n"),
    "CV114": whole("a: {b: 1}\nc:\n  <<: {b: 1}\n"),
    "CV115": swap("    name: Rouen\n", "    name: Rouen\n    name: Caen\n"),
    "CV116": whole(""),
    "CV117": whole("- a\n- b\n"),
    "CV118": whole("a: [b\n"),
    "CV119": whole('a: "b\n'),
    "CV120": whole("a: b\nfoo\nc: d\n"),
    "CV121": whole("a:\n  b: 1\n c: 2\n"),
    "CV122": whole("a:\n  - x\n  y: 1\n"),
    "CV123": whole("a: b: c\n"),
    "CV124": whole("a: @b\n"),
    "CV201": swap("    name: Rouen\n", ""),
    "CV202": swap("    name: Rouen\n", "    name: Rouen\n    colour: blue\n"),
    "CV203": swap("    type: university\n", "    type: universty\n"),
    "CV204": swap("  - id: university-rouen\n", "  - id: University Rouen\n"),
    "CV205": swap("    name: Rouen\n", "    name: [Rouen]\n"),
    "CV206": swap("    name: Rouen\n", '    name: ""\n'),
    "CV207": swap(
        '    evidence:\n      - source: luxus-2019\n        quote: "9 universities',
        '    evidence: []\n    old:\n      - source: luxus-2019\n        quote: "9 universities',
    ),
    "CV209": swap("clusters_certified: 48", "clusters_certified: 48a"),
    "CV210": swap(
        "    relation: partners in the cluster\n",
        "    relation: partners in the cluster\n    led_by_cosmetic_valley: maybe\n",
    ),
    "CV211": swap('    as_of: "2019"\n', '    as_of: "2019-02-30"\n'),
    "CV212": swap(
        '        quote: "9 universities are partners in the cluster: Orléans"',
        '        quote: "..."',
    ),
    "CV213": swap(
        "sme_share: {value: 80, unit: percent}", "sme_share: {value: 180, unit: percent}"
    ),
    "CV214": swap("    start_year: 2019\n", "    start_year: 2023\n"),
    "CV215": swap("clusters_certified: 48", "clusters_certified: 60"),
    "CV216": swap("    author: Claire\n", "    author: Claire\n    retrieved: 2010-01-01\n"),
    "CV230": whole("members:\n  companies: 600\n"),
    "CV301": swap("  - id: university-rouen\n", "  - id: university-orleans\n"),
    "CV302": swap(
        '      - source: luxus-2019\n        quote: "9 universities',
        '      - source: luxus-2091\n        quote: "9 universities',
    ),
    "CV303": swap("    speaker: marc-antoine-jamet\n", "    speaker: the-president\n"),
}
"""A change that makes each code of the YAML and the schema (and references)."""


def messages_of(text: str) -> dict[str, str]:
    """The first message of each code that the text makes."""
    from cosmetic_valley_cli.loader import parse_document

    with pytest.raises(DataError) as failed:
        parse_document(text, "case.yaml")
    found: dict[str, str] = {}
    for problem in failed.value.problems:
        found.setdefault(problem.code, problem.message)
    return found


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_happens_as_its_example_says(code: str, tmp_path: Path) -> None:
    messages = messages_of(CASES[code](TEXT))
    assert code in messages
    assert messages[code].startswith(CODES[code].example)


def said(failed: pytest.ExceptionInfo[DataError], code: str) -> None:
    """The one problem of a failure has this code, and starts as its example does."""
    (problem,) = failed.value.problems
    assert problem.code == code
    assert problem.message.startswith(CODES[code].example), problem.message


def test_the_file_codes_happen(tmp_path: Path) -> None:
    from cosmetic_valley_cli.reading import MAX_BYTES, decode, read_dataset

    with pytest.raises(DataError) as failed:
        decode(b"a: \xff\n", "case.yaml")
    said(failed, "CV001")
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    with pytest.raises(DataError) as failed:
        read_dataset(big)
    said(failed, "CV002")


def test_the_quote_codes_happen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cosmetic_valley_cli.verification import validate

    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text("Nothing of what the dataset quotes.", encoding="utf-8")
    with pytest.raises(DataError) as failed:
        validate(str(FACTS), {"luxus-2019": "article.txt"})
    said(failed, "CV402")
    unrecorded = tmp_path / "facts.yaml"
    unrecorded.write_text(re.sub(r"sha256: \S+", "sha256: null", TEXT, count=1), "utf-8")
    with pytest.raises(DataError) as failed:
        validate(str(unrecorded), {"luxus-2019": "article.txt"})
    assert {problem.code for problem in failed.value.problems} == {"CV401"}
    assert failed.value.problems[0].message.startswith(CODES["CV401"].example)


def test_the_catch_all_code_says_pydantic_s_words_in_cv_s_form() -> None:
    """CV299: a pydantic error no branch knows (none is known to reach the loader)."""
    from cosmetic_valley_cli.loader import _explain

    detail = {"type": "some_new_type", "loc": ("name",), "msg": "Input should be odd",
              "input": "x"}  # fmt: skip
    where, message, _at_key, code = _explain(detail, ("partners", 1))  # type: ignore[arg-type]
    assert (where, code) == (("partners", 1, "name"), "CV299")
    assert message == "partners[1].name: should be odd"
    assert message.startswith(CODES["CV299"].example)


def test_the_catalogue_is_whole() -> None:
    """Every code the package uses is in CODES, each is made by a case here, and each
    has its row in the README (written from CODES by generate.py)."""
    used = {
        code
        for path in PACKAGE.rglob("*.py")
        if path.name != "problems.py"
        for code in re.findall(r'"(CV\d{3})"', path.read_text(encoding="utf-8"))
    }
    assert used == set(CODES)
    here = Path(__file__).read_text(encoding="utf-8")
    tested = set(CASES) | set(re.findall(r'"(CV\d{3})"', here))
    assert set(CODES) <= tested
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, said in CODES.items():
        assert f"| `{code}` | {markdown_cell(said.meaning)} | " in readme, code


def test_validate_prints_json_for_ci(tmp_path: Path) -> None:
    """`cv validate --format json`: one array on stdout, each problem with file, line,
    column, code, message and hint; exit 1; the count on stderr; `[]` when valid."""
    import json
    import subprocess

    from test_installed import CV

    broken = tmp_path / "broken.yaml"
    broken.write_text(CASES["CV203"](CASES["CV202"](TEXT)), encoding="utf-8")
    done = subprocess.run([str(CV), "validate", str(broken), "--format", "json"],
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1
    found = json.loads(done.stdout)
    assert sorted(item["code"] for item in found) == ["CV202", "CV203"]
    assert set(found[0]) == {"file", "line", "column", "code", "message", "hint"}
    assert found[0]["file"] == str(broken)
    assert found[0]["hint"] == CODES[found[0]["code"]].meaning
    assert [item["line"] for item in found] == sorted(item["line"] for item in found)
    assert done.stderr == f"cv: 2 problems in {broken}\n"
    valid = subprocess.run([str(CV), "validate", "--format", "json"], capture_output=True,
                           text=True, timeout=60, check=False)  # fmt: skip
    assert (valid.returncode, valid.stdout) == (0, "[]\n")
    assert "valid" in valid.stderr


def test_validate_prints_github_annotations_that_data_cannot_break(tmp_path: Path) -> None:
    """`--format github`: one `::error file=,line=,col=,title=CODE::message` line per
    problem on stdout. A file name with `,` or `:` and a message with `%` stay in their
    place: GitHub's own escapes (%2C, %3A, %25)."""
    import subprocess

    from test_installed import CV

    broken = tmp_path / "a,b:c.yaml"
    broken.write_text(TEXT.replace("    name: Rouen\n", "    name: Rouen\n    100%: x\n"),
                      encoding="utf-8")  # fmt: skip
    done = subprocess.run([str(CV), "validate", str(broken), "--format", "github"],
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1
    (line,) = done.stdout.splitlines()
    assert re.fullmatch(r"::error file=[^:,]+,line=\d+,col=\d+,title=CV202::.+", line), line
    assert "a%2Cb%3Ac.yaml" in line and "'100%25'" in line


def test_an_annotation_stays_one_line_whatever_the_message_holds() -> None:
    from cosmetic_valley_cli.outputs import ValidationProblem
    from cosmetic_valley_cli.verification import report_lines

    item = ValidationProblem(file="f.yaml", line=1, column=2, code="CV202",
                             message="a\r\n::error file=x::forged %0A", hint="h")  # fmt: skip
    (line,) = "".join(report_lines([item], "github")).splitlines()
    assert (
        line == "::error file=f.yaml,line=1,col=2,title=CV202::a%0D%0A::error file=x::forged %250A"
    )


def test_the_json_report_says_what_the_lines_say(tmp_path: Path) -> None:
    """A key holding a line break was `a\\x0ab` in the text line but a real line break in
    the JSON message, which `jq -r` would print as two lines, the second free to start
    `::error` (issue 24's hostile pass). Each JSON message is its text line's message;
    one problem is "1 problem"."""
    import json
    import subprocess

    from test_installed import CV

    forged = '"x\\n::error file=evil::forged": 1'
    broken = tmp_path / "key.yaml"
    broken.write_text(TEXT.replace("    title: ", f"    {forged}\n    title: ", 1), "utf-8")
    text = subprocess.run([str(CV), "validate", str(broken)], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    as_json = subprocess.run([str(CV), "validate", str(broken), "--format", "json"],
                             capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    (line,) = text.stderr.splitlines()
    (item,) = json.loads(as_json.stdout)
    assert (
        line == f"{item['file']}:{item['line']}:{item['column']}: {item['code']} {item['message']}"
    )
    assert "\n" not in item["message"] and "\\x0a" in item["message"]
    assert as_json.stderr == f"cv: 1 problem in {broken}\n"
