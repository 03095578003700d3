"""Generated files follow the declarations: current, and a model changed alone fails.

The pydantic models are the records. records.py, facts.schema.json, the output schemas
and the README's outputs are written from them by one command,
`python -m cosmetic_valley_cli.generate`; these tests check that every one is current,
that changing the model without running it is caught, and that a new section takes the
files the README's Development section names, and no others.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from pydantic import BaseModel

from cosmetic_valley_cli.generate import RECORDS, generated, record_name, records_module, stale
from cosmetic_valley_cli.model import Facts
from cosmetic_valley_cli.sections import SECTIONS


def test_every_generated_file_is_current() -> None:
    assert [path.name for path, _ in stale({RECORDS: records_module})] == []
    assert [str(path.relative_to(REPO)) for path, _ in stale(generated())] == []


def test_each_section_reads_the_record_generated_from_its_model() -> None:
    from cosmetic_valley_cli import records

    for key, section in SECTIONS.items():
        annotation: Any = Facts.model_fields[key].annotation
        model: type[BaseModel] = typing.get_args(annotation)[0] if section.many else annotation
        assert section.record is getattr(records, record_name(model)), key
        assert section.record_fields == tuple(model.model_fields), key


def scratch(tmp_path: Path, *parts: str) -> Path:
    """A copy of the repository's `parts` in tmp_path: somewhere to change the model."""
    for part in parts:
        source, target = REPO / part, tmp_path / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return tmp_path


def run(copy: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python with the copy's package first on the path, in the copy."""
    environment = {**os.environ, "PYTHONPATH": str(copy), "XDG_CACHE_HOME": str(copy / "cache")}
    return subprocess.run([sys.executable, *args], cwd=copy, env={**environment, **env},
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHECK_RECORDS = ("-m", "cosmetic_valley_cli.generate", "--check", "--only", "records")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    relation: Text | None = Field(", "    relation: Whole | None = Field("),
        ('    city: Text | None = Field(default=None, description="Where it is, if the source '
         'says.")\n', ""),
        ("    title: Text = Field(", "    title: Text | None = Field(default=None, "),
    ],
    ids=["a-type-changed", "a-field-deleted", "made-optional"],
)  # fmt: skip
def test_a_model_changed_without_regenerating_fails(tmp_path: Path, old: str, new: str) -> None:
    copy = scratch(tmp_path, "cosmetic_valley_cli", "pyproject.toml")
    where = run(copy, "-c", "import cosmetic_valley_cli.model as m; print(m.__file__)")
    assert where.stdout.strip() == str(copy / "cosmetic_valley_cli" / "model.py")
    assert run(copy, *CHECK_RECORDS).returncode == 0  # as committed: current
    edit(copy / "cosmetic_valley_cli" / "model.py", old, new)
    result = run(copy, *CHECK_RECORDS)
    assert result.returncode == 1
    assert "stale: cosmetic_valley_cli/records.py" in result.stderr
    assert run(copy, "-m", "cosmetic_valley_cli.generate", "--only", "records").returncode == 0
    assert run(copy, *CHECK_RECORDS).returncode == 0


@pytest.mark.parametrize("damage", ["deleted", "broken"])
def test_a_missing_or_broken_records_module_is_written_again(tmp_path: Path, damage: str) -> None:
    """model.py imports nothing generated, so the generator can always run."""
    copy = scratch(tmp_path, "cosmetic_valley_cli", "pyproject.toml")
    records = copy / "cosmetic_valley_cli" / "records.py"
    if damage == "deleted":
        records.unlink()
    else:
        records.write_text(records.read_text(encoding="utf-8") + "\nclass (\n", encoding="utf-8")
    result = run(copy, *CHECK_RECORDS)
    assert result.returncode == 1
    assert "stale: cosmetic_valley_cli/records.py" in result.stderr
    written = run(copy, "-m", "cosmetic_valley_cli.generate", "--only", "records")
    assert written.returncode == 0, written.stderr
    assert records.read_text(encoding="utf-8") == RECORDS.read_text(encoding="utf-8")


def test_generate_runs_only_in_a_checkout(tmp_path: Path) -> None:
    """Installed as a plain package, it refuses in one line instead of writing there."""
    copy = scratch(tmp_path, "cosmetic_valley_cli")
    result = run(copy, "-m", "cosmetic_valley_cli.generate")
    assert result.returncode == 1
    assert result.stderr.startswith("generate: error: ")
    assert "is not a checkout of cosmetic-valley-cli" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (copy / "facts.schema.json").exists()


@pytest.mark.parametrize(
    "description",
    ['ends in a quote: "2019"', "a back\\slash \\n and \"\"\" three quotes",
     "https://example.org/a-very-long-address-" + "x" * 120],
    ids=["quote-at-the-end", "backslash-and-quotes", "long-url"],
)  # fmt: skip
def test_any_description_makes_a_valid_records_module(tmp_path: Path, description: str) -> None:
    copy = scratch(tmp_path, "cosmetic_valley_cli", "pyproject.toml")
    edit(copy / "cosmetic_valley_cli" / "model.py", '"The byline, if it has one."',
         repr(description))  # fmt: skip
    assert run(copy, "-m", "cosmetic_valley_cli.generate", "--only", "records").returncode == 0
    code = ("import typing, cosmetic_valley_cli.records as r, cosmetic_valley_cli.model as m;"
            "import ast, inspect; tree = ast.parse(inspect.getsource(r));"
            "print(repr(m.Source.model_fields['author'].description))")  # fmt: skip
    result = run(copy, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(description)
    text = (copy / "cosmetic_valley_cli" / "records.py").read_text(encoding="utf-8")
    assert description.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') in text
    assert max(len(line) for line in text.splitlines() if "://" not in line) <= 100


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under folder, by its path, with a digest of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and "cache" not in path.parts
    }


def new_section_key() -> str:
    """A section key that no real section has, now or later."""
    return next(key for n in itertools.count() if (key := f"prizes{n}") not in Facts.model_fields)


def test_a_new_section_takes_the_files_the_readme_names(tmp_path: Path) -> None:
    """The README's way to add a section, in a scratch copy: then every check passes.

    The section has a float field, which the validation cache keeps like any other.
    """
    copy = scratch(tmp_path, "cosmetic_valley_cli", "facts.yaml", "facts.schema.json",
                   "docs/schemas", "tests", "pyproject.toml")  # fmt: skip
    key = new_section_key()
    command = key.replace("_", "-")
    before = fingerprint(copy)
    package = copy / "cosmetic_valley_cli"
    # 1. the model
    edit(
        package / "model.py",
        "class Facts(Model):",
        '''class Prize(Model):
    """A prize (an example section of the tests, not a fact)."""

    id: RecordId
    name: Text = Field(description="The prize's name.")
    amount: float | None = Field(default=None, description="Its amount, if known.")
    evidence: EvidenceList


class Facts(Model):''',
    )
    values = (
        '    values: list[Value] = Field(description="The values of what the cluster defends.")\n'
    )
    edit(
        package / "model.py",
        values,
        f"{values}    {key}: list[Prize] = Field(default=[], description='Prizes.')\n",
    )
    # 2. the declaration
    edit(
        package / "sections.py",
        "from .vocabulary import",
        "from .records import PrizeRecord\nfrom .vocabulary import",
    )
    edit(package / "sections.py", "    )\n}", f'''        Section(
            "{key}", "Prizes", PrizeRecord, label="name", command="{command}",
            help="The prizes.", example="cv {command} --json",
        ),
    )
}}''')  # fmt: skip
    # 3. the data
    with (copy / "facts.yaml").open("a", encoding="utf-8") as data:
        data.write(f"{key}:\n  - id: example-prize\n    name: Example prize\n    amount: 12.5\n"
                   "    evidence:\n      - source: luxus-2019\n"
                   '        quote: "An ardent defender of Made in France"\n')  # fmt: skip
    # 4. the one command
    generate = run(copy, "-m", "cosmetic_valley_cli.generate")
    assert generate.returncode == 0, generate.stderr
    changed = {name for name, digest in fingerprint(copy).items() if before.get(name) != digest}
    assert changed == {
        "cosmetic_valley_cli/model.py",
        "cosmetic_valley_cli/sections.py",
        "facts.yaml",
        "cosmetic_valley_cli/records.py",
        "facts.schema.json",
        f"docs/schemas/{command}.json",
        "docs/schemas/search.json",  # a hit names its section
        "docs/schemas/diff.json",  # so does a change
    }
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    made = {str(path.relative_to(REPO)) for path in [RECORDS, *generated()]}
    by_hand = {name for name in changed - made if not name.startswith("docs/schemas/")}
    assert by_hand == {"cosmetic_valley_cli/model.py", "cosmetic_valley_cli/sections.py",
                       "facts.yaml"}  # fmt: skip
    said = re.search(r"A new section touches (\w+) files of code and data by hand", readme)
    assert said is not None
    assert said.group(1) == ["no", "one", "two", "three", "four"][len(by_hand)]
    assert (
        "So `model.py`,\n`sections.py` and the data are all a new section needs by hand" in readme
    )
    # Then every check passes, and the new section works warm and cold.
    assert run(copy, "-m", "cosmetic_valley_cli.generate", "--check").returncode == 0
    checks = run(
        copy,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/test_structure.py",
        "tests/test_contracts.py",
        "-k",
        "not imports_on_its_own and not readme",
    )
    assert checks.returncode == 0, checks.stdout[-3000:]
    cold = run(copy, "-m", "cosmetic_valley_cli", command, "--json")
    assert cold.returncode == 0, cold.stderr
    assert '"amount": 12.5' in cold.stdout
    warm = run(copy, "-X", "importtime", "-m", "cosmetic_valley_cli", command, "--json")
    assert warm.stdout == cold.stdout
    assert " pydantic" not in warm.stderr  # served from the cache: not validated again
