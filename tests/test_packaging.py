"""The wheel carries the dataset and the type marker."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import FACTS, REPO


def test_wheel_contains_facts_yaml(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
         str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("cosmetic_valley_cli-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "cosmetic_valley_cli/facts.yaml" in names
        assert "cosmetic_valley_cli/py.typed" in names
        assert archive.read("cosmetic_valley_cli/facts.yaml") == FACTS.read_bytes()
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "cv = cosmetic_valley_cli:console" in archive.read(entry_points).decode()
