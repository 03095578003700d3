"""The fact sheet in a real browser: headless Chromium prints it on exactly one A4 page.

Chromium is a system package (.ci/run installs it with apt), not a Python dependency.
Without it the tests skip on a developer's machine and fail in CI.

`python tests/test_sheet_browser.py` regenerates the README's picture, docs/fact-sheet.png.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PICTURE = REPO / "docs" / "fact-sheet.png"
TIMEOUT = 180  # a first start on a busy 2-core machine can take a while
A4_POINTS = (595.28, 841.89)
SCREEN = (794, 1168)  # A4 at 96 dpi, with the page's margin on screen


def chromium() -> str:
    """The browser's path; skipped without one, unless in CI, where it must be there."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") or os.environ.get("CV_REQUIRE_CORPUS") == "1":
        pytest.fail("Chromium is missing: .ci/run installs it with apt-get install chromium")
    pytest.skip("Chromium is not installed (.ci/run installs it)")


def run_chromium(browser: str, page: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Chromium, headless, on a file; --no-sandbox because CI runs as root."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", f"--user-data-dir={profile}", *options, page.as_uri()],
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def save_sheet(folder: Path) -> Path:
    from typer.testing import CliRunner

    from cosmetic_valley_cli.cli import app

    page = folder / "sheet.html"
    result = CliRunner().invoke(app, ["sheet", "--save", str(page)])
    assert result.exit_code == 0, result.output
    return page


def screenshot(browser: str, page: Path, png: Path, scale: float = 1) -> None:
    run_chromium(browser, page, f"--screenshot={png}", f"--window-size={SCREEN[0]},{SCREEN[1]}",
                 f"--force-device-scale-factor={scale}")  # fmt: skip


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size in points of each page object (`/Type /Page`, not the `/Pages` tree)."""
    pages = re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == len(pages), "one MediaBox per page"
    return [(float(w), float(h)) for w, h in boxes]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB pixels of an 8-bit RGB or RGBA PNG (Chromium's)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    idat = b""
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at : at + 4]), data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        chunks[kind] = body
        idat += body if kind == b"IDAT" else b""
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    size = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * size
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))  # fmt: skip
                line[x] = (line[x] + near[2]) & 0xFF
        rows.append(b"".join(line[x : x + 3] for x in range(0, stride, size)))
        previous = line
    return width, height, rows


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | str]:
    """The sheet saved by cv, then printed, photographed and read back by Chromium."""
    browser = chromium()
    folder = tmp_path_factory.mktemp("browser")
    page = save_sheet(folder)
    pdf, png = folder / "sheet.pdf", folder / "sheet.png"
    run_chromium(browser, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    screenshot(browser, page, png)
    dom = run_chromium(browser, page, "--dump-dom").stdout
    return {"pdf": pdf.read_bytes(), "png": png.read_bytes(), "dom": dom}


def test_the_sheet_prints_on_exactly_one_a4_page(printed: dict[str, bytes | str]) -> None:
    pdf = printed["pdf"]
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    # One page holds it all: the page has no fixed height and hides no overflow, so any
    # content that did not fit would have made a second page.
    ((width, height),) = pdf_pages(pdf)
    assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1


def test_the_page_is_not_blank(printed: dict[str, bytes | str]) -> None:
    png = printed["png"]
    assert isinstance(png, bytes)
    width, height, rows = png_pixels(png)
    assert (width, height) == SCREEN
    pixels = [row[x : x + 3] for row in rows[::3] for x in range(0, len(row), 3 * 3)]
    colours = set(pixels)
    background = max(colours, key=pixels.count)
    assert len(colours) > 20  # text, tiles, rules: not one colour, nor two
    inked = sum(pixel != background for pixel in pixels) / len(pixels)
    assert 0.05 < inked < 0.95, inked


def test_the_figures_and_their_citations_are_in_the_dom(printed: dict[str, bytes | str]) -> None:
    from cosmetic_valley_cli.dataset import load_document
    from cosmetic_valley_cli.sheet_facts import build

    dom = printed["dom"]
    assert isinstance(dom, str)
    sheet = build(load_document())
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())
    entries = dict(re.findall(r'<li id="cite-(\d+)">(.*?)</li>', dom, re.DOTALL))
    for figure in sheet.figures:
        dated = f"{figure.when}{sheet.note_mark(figure.note)}"
        assert f"{figure.words} {figure.caption}, {dated} [{figure.cite}]" in shown
        (quote, *_) = sheet.citations[figure.cite - 1].evidence
        said = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", entries[str(figure.cite)])).split())
        assert " ".join(quote["quote"].split()) in said


if __name__ == "__main__":  # python tests/test_sheet_browser.py: the README's picture
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    PICTURE.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        screenshot(browser, save_sheet(Path(folder)), PICTURE, scale=1.5)
    print(f"wrote {PICTURE.relative_to(REPO)}", file=sys.stderr)
