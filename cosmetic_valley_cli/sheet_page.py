"""The fact sheet as a page: an A4 HTML page for print and screen, and an SVG for slides.

Both are built with the standard library and hold no remote resource: system fonts, no
script, no link out of the page. Every value from the dataset is made visible and then
HTML-escaped (`_shown`), once, here; the templates hold layout only, never a fact.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from string import Template

from .escaping import visible
from .sheet_facts import Block, Citation, Fact, Figure, Sheet, citation_text
from .wording import markers

# Fonts every system has, with Arial's widths: the page is laid out the same everywhere.
FONTS = '"Helvetica Neue", Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif'


def _shown(value: str) -> str:
    """The one escaping rule for a page: visible first, then HTML-escaped."""
    return html.escape(visible(value))


PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
@page { size: A4; margin: 0; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #ecebef; }
body { margin: 0; font-family: $fonts; color: #221d27; font-size: 8.4pt;
       line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { max-width: 210mm; margin: 6mm auto; padding: 10mm 13mm 8mm; background: #fff;
        box-shadow: 0 1px 6px rgba(0, 0, 0, .18); overflow-wrap: anywhere; }
@media print { html { background: #fff; }
               .page { width: 210mm; max-width: none; margin: 0; box-shadow: none; } }
h1 { margin: 0; font-size: 22pt; letter-spacing: .06em; color: #7a1f5c; }
h2 { margin: 0 0 1.2mm; font-size: 10pt; color: #7a1f5c; }
.about { margin: .6mm 0 0; }
.mandate { font-style: italic; color: #4a4150; }
sup.cite { font-size: 6.5pt; line-height: 0; color: #6d6475; margin-left: .5mm;
           white-space: nowrap; }
sup.cite a { color: inherit; text-decoration: none; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 4.5mm 0; }
.figure { border: .3mm solid #d8cfdd; border-radius: 2.5mm; padding: 2.2mm 3mm 2.6mm;
          background: #faf7fb; }
.qualifier { display: block; min-height: 1.32em; font-style: italic; color: #4a4150; }
.number { font-size: 24pt; font-weight: 700; line-height: 1.05; color: #7a1f5c;
          font-variant-numeric: tabular-nums; }
.unit { font-weight: 700; font-size: 10pt; margin-left: 1mm; }
.caption { display: block; margin-top: 1mm; color: #4a4150; }
.blocks { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; }
.block { margin: 0 0 3.5mm; }
.block table { border-collapse: collapse; width: 100%; }
.block th { text-align: left; vertical-align: top; white-space: nowrap; padding: .5mm 3mm .5mm 0;
            font-weight: 700; overflow-wrap: normal; }
.block td { padding: .5mm 0; }
footer { border-top: .3mm solid #d8cfdd; margin-top: 1mm; padding-top: 2.5mm;
         font-size: 6.6pt; line-height: 1.27; color: #3b3441; }
footer h2 { font-size: 8.5pt; }
footer p { margin: 0 0 1.5mm; }
footer ol { margin: 0; padding: 0; list-style: none; }
.citations { columns: 2; column-gap: 6mm; }
.citations li { break-inside: avoid; margin: 0 0 .7mm; }
.mark { font-weight: 700; }
/* A phone or a narrow window: one column, larger type, no margin around the page. */
@media screen and (max-width: 600px) {
  html { background: #fff; }
  body { font-size: 10.5pt; }
  .page { margin: 0; padding: 5mm 4mm; box-shadow: none; }
  .figures { grid-template-columns: 1fr 1fr; }
  .blocks { grid-template-columns: 1fr; }
  footer { font-size: 8.5pt; }
  .citations { columns: 1; }
}
</style>
</head>
<body>
<main class="page">
<header>
<h1>$name</h1>
$about
</header>
<section class="figures">
$figures
</section>
<div class="blocks">
$blocks
</div>
<footer>
<h2>Sources and their words</h2>
$sources
<ol class="citations">
$citations
$notes
</ol>
</footer>
</main>
</body>
</html>
""")


def _mark(cites: tuple[int, ...]) -> str:
    """The markers, joined to the word before them (a word joiner) and unbreakable.

    Without the joiner a line could break between a closing parenthesis and the marker,
    leaving the marker alone at the start of the next line.
    """
    if not cites:
        return ""
    return f'&#8288;<sup class="cite">{markers(cites, _link)}</sup>'


def _link(number: int) -> str:
    return f'<a href="#cite-{number}">{number}</a>'


def _figure_html(figure: Figure) -> str:
    unit = f' <span class="unit">{_shown(figure.unit)}</span>' if figure.unit else ""
    caption = _shown(f"{figure.caption}, {figure.when}")
    return (
        f'<div class="figure"><span class="qualifier">{_shown(figure.qualifier or "")}'
        f'</span><span class="number">{_shown(figure.number)}</span>{unit}'
        f'<span class="caption">{caption}{_mark(figure.cites)}</span></div>'
    )


def _fact_row(fact: Fact) -> str:
    return f"<tr><th>{_shown(fact.label)}</th><td>{_shown(fact.says)}{_mark(fact.cites)}</td></tr>"


def _citation_html(sheet: Sheet, citation: Citation) -> str:
    number = citation.number
    return (
        f'<li id="cite-{number}"><span class="mark">[{number}]</span> '
        f"{_shown(citation_text(sheet, citation))}</li>"
    )


def _columns(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The blocks in two columns of about the same height: each goes to the shorter one."""
    columns: tuple[list[Block], list[Block]] = ([], [])
    heights = [0, 0]
    for block in blocks:
        side = 0 if heights[0] <= heights[1] else 1
        columns[side].append(block)
        heights[side] += 2 + sum(1 + len(fact.says) // 45 for fact in block.facts)
    return columns


def html_page(sheet: Sheet) -> str:
    """The sheet as one self-contained HTML page that prints on one A4 sheet."""
    about_class = ("about", "about mandate")
    about = "\n".join(
        f'<p class="{about_class[min(i, 1)]}">{_shown(fact.says)}{_mark(fact.cites)}</p>'
        for i, fact in enumerate(sheet.about)
    )
    blocks = "\n".join(
        "<div>"
        + "".join(
            f'<section class="block"><h2>{_shown(block.title)}</h2><table>'
            + "".join(_fact_row(fact) for fact in block.facts)
            + "</table></section>"
            for block in column
        )
        + "</div>"
        for column in _columns(sheet.blocks)
    )
    sources = "\n".join(f"<p>{_shown(sheet.source_line(s))}</p>" for s in sheet.sources)
    notes = "\n".join(f'<li class="note">{_shown(line)}</li>' for line in sheet.note_lines())
    return PAGE.substitute(
        title=_shown(f"{sheet.name}: fact sheet"),
        fonts=FONTS,
        name=_shown(sheet.name.upper()),
        about=about,
        figures="\n".join(_figure_html(figure) for figure in sheet.figures),
        blocks=blocks,
        sources=sources,
        citations="\n".join(_citation_html(sheet, c) for c in sheet.citations),
        notes=notes,
    )


# The SVG: the same design, laid out by hand on an A4-sized canvas (units of 1 pt).

WIDTH, MARGIN = 595, 34
A4_HEIGHT = 842.0  # points: an A4 page is 595 × 842
ACCENT, INK, SOFT, RULE, TILE = "#7a1f5c", "#221d27", "#4a4150", "#d8cfdd", "#faf7fb"

# Arial's advance widths, in em, by kind of character: enough to wrap lines safely.
_NARROW, _SLIM, _WIDE = frozenset(" ijl.,:;'|!"), frozenset("frt()[]-/"), frozenset("mwMW%@")


def _width(line: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the line's width in a sans-serif font of `size` points."""
    total = 0.0
    for char in line:
        if char in _NARROW:
            total += 0.29
        elif char in _SLIM:
            total += 0.37
        elif char in _WIDE:
            total += 0.86
        elif char.isdigit():
            total += 0.556
        elif char.isupper():
            total += 0.7
        else:
            total += 0.57
    return total * size * (1.05 if bold else 1.0)


def _wrap(line: str, room: float, size: float, bold: bool = False) -> list[str]:
    """The line cut at spaces into lines that fit `room`; a word too long is cut too."""
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        trial = f"{current} {word}" if current else word
        if _width(trial, size, bold) <= room:
            current = trial
            continue
        if current:
            lines.append(current)
        if _width(word, size, bold) > room:  # a word wider than the room: cut it, in one pass
            *whole, word = _cut_word(word, room, size, bold)
            lines += whole
        current = word
    lines.append(current)
    return lines


def _cut_word(word: str, room: float, size: float, bold: bool) -> list[str]:
    """A word too wide for the room, cut into pieces that fit, measured once per character.

    Measuring what is left of the word after each cut made a long word quadratic.
    """
    pieces: list[str] = []
    piece: list[str] = []
    used = 0.0
    for char in word:
        step = _width(char, size, bold)
        if piece and used + step > room:
            pieces.append("".join(piece))
            piece, used = [], 0.0
        piece.append(char)
        used += step
    pieces.append("".join(piece))
    return pieces


@dataclass
class _Canvas:
    """SVG elements and the lowest point drawn so far."""

    parts: list[str]

    def text(
        self,
        x: float,
        y: float,
        line: str,
        size: float,
        *,
        fill: str = INK,
        weight: str = "normal",
        style: str = "normal",
        anchor: str = "start",
        cite: str = "",
    ) -> None:
        mark = ""
        if cite:
            mark = (
                f'<tspan fill="{SOFT}" font-size="{size * 0.75:.1f}" font-weight="normal"'
                f' dy="-{size * 0.3:.1f}"> {cite}</tspan>'
            )
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" fill="{fill}"'
            f' font-weight="{weight}" font-style="{style}" text-anchor="{anchor}">'
            f"{_shown(line)}{mark}</text>"
        )

    def paragraph(
        self,
        x: float,
        y: float,
        says: str,
        room: float,
        size: float,
        *,
        cites: tuple[int, ...] = (),
        leading: float = 1.3,
        **style: str,
    ) -> float:
        """Wrapped text from its first baseline; returns the baseline after its last line.

        The markers follow the last line; where they do not fit there, the last word goes
        down with them (its last letter only, for a word cut to fit): never alone.
        """
        cite = markers(cites)
        bold = style.get("weight") == "bold"
        lines = _wrap(says, room, size, bold)
        if cite and _width(f"{lines[-1]} {cite}", size, bold) > room and lines[-1]:
            head, _, word = lines[-1].rpartition(" ")
            if not head or _width(f"{word} {cite}", size, bold) > room:
                head, word = lines[-1][:-1], lines[-1][-1]
            lines[-1:] = [head, word] if head else [word]
        for index, line in enumerate(lines):
            self.text(x, y, line, size, cite=cite if index == len(lines) - 1 else "", **style)
            y += size * leading
        return y


def _svg_figure(canvas: _Canvas, figure: Figure, x: float, y: float, width: float) -> float:
    """A figure's tile drawn from its top; returns the height of its content."""
    inner = x + 9
    canvas.text(inner, y + 13, figure.qualifier or "", 8.4, fill=SOFT, style="italic")
    canvas.text(inner, y + 37, figure.number, 24, fill=ACCENT, weight="bold")
    number_width = _width(figure.number, 24, bold=True)
    if figure.unit:
        canvas.text(inner + number_width + 3, y + 37, figure.unit, 10, weight="bold")
    caption = f"{figure.caption}, {figure.when}"
    bottom = canvas.paragraph(
        inner, y + 49, caption, width - 18, 8.2, cites=figure.cites, fill=SOFT
    )
    return bottom - y - 3


def _svg_block(
    canvas: _Canvas, title: str, facts: list[Fact], x: float, y: float, width: float
) -> float:
    """A titled block of facts from its top; returns the y below it."""
    canvas.text(x, y + 10, title, 10, fill=ACCENT, weight="bold")
    y += 23
    label_room = max((_width(fact.label, 8.4, bold=True) for fact in facts), default=0) + 8
    for fact in facts:
        canvas.text(x, y, fact.label, 8.4, weight="bold")
        y = canvas.paragraph(
            x + label_room, y, fact.says, width - label_room, 8.4, cites=fact.cites
        )
        y += 1
    return y + 4


def svg_image(sheet: Sheet) -> Iterator[str]:
    """The sheet as a standalone SVG: A4-sized, system fonts, taller only if it must be.

    Its elements are laid out first (the scale in its header depends on the height of
    them all), then given piece by piece, never joined into one string: a long text
    cut into many lines would otherwise be held twice.
    """
    canvas = _Canvas([])
    room = WIDTH - 2 * MARGIN
    y = MARGIN + 20.0
    canvas.text(MARGIN, y, sheet.name.upper(), 22, fill=ACCENT, weight="bold")
    y += 16
    for index, fact in enumerate(sheet.about):
        y = canvas.paragraph(
            MARGIN,
            y,
            fact.says,
            room,
            8.4,
            cites=fact.cites,
            style="italic" if index else "normal",
            fill=SOFT if index else INK,
        )

    y += 6
    gap = 9
    tile = (room - 2 * gap) / 3
    for start in range(0, len(sheet.figures), 3):
        row = sheet.figures[start : start + 3]
        drawn = _Canvas([])
        heights = [
            _svg_figure(drawn, figure, MARGIN + i * (tile + gap), y, tile)
            for i, figure in enumerate(row)
        ]
        height = max(heights) + 8
        for i in range(len(row)):
            canvas.parts.append(
                f'<rect x="{MARGIN + i * (tile + gap):.1f}" y="{y:.1f}" width="{tile:.1f}"'
                f' height="{height:.1f}" rx="7" fill="{TILE}" stroke="{RULE}"'
                f' stroke-width="0.9"/>'
            )
        canvas.parts += drawn.parts
        y += height + gap
    y += 6

    column = (room - 22) / 2
    tops: list[float] = [y, y]
    for side, blocks in enumerate(_columns(sheet.blocks)):
        for block in blocks:
            tops[side] = _svg_block(
                canvas,
                block.title,
                block.facts,
                MARGIN + side * (column + 22),
                tops[side],
                column,
            )
    y = max(tops)

    canvas.parts.append(
        f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{WIDTH - MARGIN}" y2="{y:.1f}"'
        f' stroke="{RULE}" stroke-width="0.9"/>'
    )
    y += 16
    canvas.text(MARGIN, y, "Sources and their words", 8.5, fill=ACCENT, weight="bold")
    y += 12
    small = 6.6
    for source in sheet.sources:
        y = canvas.paragraph(MARGIN, y, sheet.source_line(source), room, small) + 2
    half = (room - 17) / 2
    entries = [(f"[{c.number}]", citation_text(sheet, c)) for c in sheet.citations]
    entries += [("", line) for line in sheet.note_lines()]
    # Two columns, filled in order: measure every entry first, then cut at the middle.
    measured = [
        (mark, _wrap(f"{mark} {says}" if mark else says, half, small)) for mark, says in entries
    ]
    total = sum(len(lines) for _, lines in measured)
    columns: list[list[tuple[str, list[str]]]] = [[], []]
    seen = 0
    for entry in measured:
        columns[0 if seen + len(entry[1]) / 2 <= total / 2 else 1].append(entry)
        seen += len(entry[1])
    bottoms = []
    for side, entries_in_column in enumerate(columns):
        x, line_y = MARGIN + side * (half + 17), y
        for mark, lines in entries_in_column:
            for index, line in enumerate(lines):
                if index == 0 and mark:
                    canvas.text(x, line_y, mark, small, weight="bold")
                    line = line.removeprefix(mark)
                    canvas.text(x + _width(mark, small, bold=True) + 2, line_y, line, small)
                else:
                    canvas.text(x, line_y, line, small)
                line_y += small * 1.27
            line_y += 2
        bottoms.append(line_y)
    # A longer sheet is drawn a little smaller, so that it stays one A4 page.
    tall = max(bottoms) + MARGIN - 10
    scale = min(1.0, A4_HEIGHT / tall)
    shift = (WIDTH - WIDTH * scale) / 2
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {A4_HEIGHT:.0f}"'
        f' width="{WIDTH}pt" height="{A4_HEIGHT:.0f}pt" font-family=\'{FONTS}\''
        ' role="img">\n'
        f"<title>{_shown(f'{sheet.name}: fact sheet')}</title>\n"
        f'<rect width="100%" height="100%" fill="#fff"/>\n'
        f'<g transform="translate({shift:.2f} 0) scale({scale:.4f})">'
    )
    for part in canvas.parts:
        yield "\n" + part
    yield "\n</g>\n</svg>\n"
