"""The fact sheet in a real browser: headless Chromium prints it on exactly one A4 page,
and on a 420 px screen it reflows into one column with nothing cut off.

Chromium is a system package (.ci/run installs it with apt), not a Python dependency.
Without it the tests skip on a developer's machine and fail in CI. Layout is measured by
a script added to a copy of the page (the saved page holds none), whose findings
Chromium's --dump-dom reads back.

`python tests/test_sheet_browser.py` regenerates the README's pictures: the printed page,
docs/fact-sheet-a4.png, and the page on a phone, docs/fact-sheet-420px.png.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from string import Template
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
PRINTED_PICTURE = REPO / "docs" / "fact-sheet-a4.png"
NARROW_PICTURE = REPO / "docs" / "fact-sheet-420px.png"
A4_PIXELS = (794, 1123)  # an A4 page in CSS pixels (96 per inch)
NARROW = 420  # a phone's width in CSS pixels
NARROW_HEIGHT = 1500  # the picture shows the top of the page: the figures and the facts
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
    from cosmetic_valley_cli.wording import markers

    dom = printed["dom"]
    assert isinstance(dom, str)
    sheet = build(load_document())
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", dom)).replace("\u2060", " ").split())
    entries = dict(re.findall(r'<li id="cite-(\d+)">(.*?)</li>', dom, re.DOTALL))
    for figure in sheet.figures:
        assert f"{figure.caption}, {figure.when} {markers(figure.cites)}" in shown
        said = " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", entries[str(figure.cites[0])])).split()
        )
        assert " ".join(sheet.citations[figure.cites[0] - 1].quote.split()) in said


MEASURE = Template("""<!DOCTYPE html>
<html><body style="margin: 0">
<iframe id="sheet" style="width: ${width}px; height: 20000px; border: 0" srcdoc="$page"></iframe>
<script>
// The page in a frame as wide as the screen measured (headless windows are 500 px at
// least), and so tall that it needs no scroll bar: its own viewport is that width.
const frame = document.getElementById("sheet");
frame.addEventListener("load", () => {
  const view = frame.contentWindow, page = frame.contentDocument;
  const found = {width: view.innerWidth, scroll: page.documentElement.scrollWidth,
                 over: [], alone: [], markers: 0};
  for (const element of page.querySelectorAll("body *")) {
    const right = element.getBoundingClientRect().right;
    if (right > view.innerWidth + 0.5) found.over.push(`$${element.tagName} $${right}`);
  }
  for (const marker of page.querySelectorAll("sup.cite")) {
    found.markers += 1;
    const before = marker.previousSibling;  // the text the marker follows, and its joiner
    const said = before && before.nodeType === 3 ? before.data.replace(/\u2060$$/, "") : "";
    if (!said) { found.alone.push(`$${marker.textContent}: no word before it`); continue; }
    const range = page.createRange();
    range.setStart(before, said.length - 1);
    range.setEnd(before, said.length);
    const word = [...range.getClientRects()].pop();
    const mark = marker.getClientRects()[0];
    if (!(mark.top < word.bottom && mark.bottom > word.top && mark.left >= word.left)) {
      found.alone.push(`$${marker.textContent} after $${said.slice(-20)}`);
    }
  }
  document.body.setAttribute("data-measured", JSON.stringify(found));
});
</script>
</body></html>
""")


def measure(browser: str, page: Path, width: int) -> dict[str, Any]:
    """What the script above finds in the page laid out `width` CSS pixels wide."""
    probe = page.with_name(f"measured-{width}.html")
    framed = html.escape(page.read_text(encoding="utf-8"))
    probe.write_text(MEASURE.substitute(width=width, page=framed), encoding="utf-8")
    dom = run_chromium(browser, probe, "--virtual-time-budget=10000", "--dump-dom").stdout
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found, dom[-2000:]
    measured: dict[str, Any] = json.loads(html.unescape(found[1]))
    return measured


@pytest.fixture(scope="module")
def saved_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return chromium(), save_sheet(tmp_path_factory.mktemp("layout"))


def test_on_a_420px_screen_nothing_overflows(saved_page: tuple[str, Path]) -> None:
    measured = measure(*saved_page, NARROW)
    assert measured["width"] == NARROW
    assert measured["scroll"] <= NARROW
    assert measured["over"] == []


@pytest.mark.parametrize("width", [NARROW, A4_PIXELS[0]])
def test_no_citation_marker_starts_a_line_in_the_browser(
    saved_page: tuple[str, Path], width: int
) -> None:
    from cosmetic_valley_cli.dataset import load_document
    from cosmetic_valley_cli.sheet_facts import build

    sheet = build(load_document())
    measured = measure(*saved_page, width)
    facts = len(sheet.about) + len(sheet.figures) + sum(len(b.facts) for b in sheet.blocks)
    assert measured["markers"] == facts
    assert measured["alone"] == []


def printed_copy(page: Path) -> Path:
    """The page with its print rules applied on screen: what the printed A4 page shows."""
    copy = page.with_name("printed.html")
    copy.write_text(page.read_text(encoding="utf-8").replace("@media print", "@media all"))
    return copy


if __name__ == "__main__":  # python tests/test_sheet_browser.py: the README's pictures
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    PRINTED_PICTURE.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        page = save_sheet(Path(folder))
        run_chromium(browser, printed_copy(page), f"--screenshot={PRINTED_PICTURE}",
                     f"--window-size={A4_PIXELS[0]},{A4_PIXELS[1]}")  # fmt: skip
        run_chromium(browser, page, f"--screenshot={NARROW_PICTURE}",
                     f"--window-size={NARROW},{NARROW_HEIGHT}")  # fmt: skip
    for picture in (PRINTED_PICTURE, NARROW_PICTURE):
        print(f"wrote {picture.relative_to(REPO)}", file=sys.stderr)
