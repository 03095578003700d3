"""`cv cite`'s formats: one function per format, each escaping for its one reader.

Text, Markdown and HTML show the facts in words with their quotes and one numbered
reference list, for a person. CSL-JSON, BibTeX and RIS are for reference managers
(Zotero, pandoc, LaTeX), which import sources: one entry per source cited, keyed by its
id, and the inferred-date caveat in the field each format has for notes.

BibTeX: the fields are BibTeX's (`author`, `title`, `journal`, `year`, `month`,
`note`), which BibLaTeX reads too; `url`, `urldate` and `language` are BibLaTeX's,
and classic BibTeX styles leave them out.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .citations import Citations, address_notes, date_said, link, reference_text
from .escaping import json_text, markdown_cell, visible
from .options import FORMATS

if TYPE_CHECKING:
    from .records import SourceRecord

CITE_FORMATS = FORMATS["cite"]
"""What `cv cite --format` takes (options.py), in the order help lists them."""


def _references(
    cited: Citations, escaped: Callable[[str], str]
) -> Iterator[tuple[int, str, str | None]]:
    """Each reference's number, its text and its date's basis, escaped for the reader."""
    for reference in cited.references:
        basis = reference.source["date_basis"]
        yield (
            reference.number,
            escaped(reference_text(reference.source)),
            escaped(basis) if basis else None,
        )


def as_text(cited: Citations) -> str:
    """For a terminal or a plain-text e-mail: each fact, its quotes, then the references."""
    if not cited.facts:  # an empty section: nothing to say (cv says so on stderr)
        return ""
    lines: list[str] = []
    for fact in cited.facts:
        lines.append(f"{visible(fact.heading)} ({visible(fact.name)})")
        lines += [f"  {visible(name)}: {visible(says)}" for name, says in fact.says]
        lines += [f"  Note: {visible(caveat)}" for caveat in fact.caveats]
        for quote in fact.quotes:
            lines.append(f"  “{visible(quote.words)}” [{quote.reference}]")
            if quote.link:
                lines.append(f"    {quote.link}")
        lines.append("")
    lines.append("References")
    for number, said, basis in _references(cited, visible):
        lines += [f"[{number}] {said}", *([f"    Date inferred: {basis}"] if basis else [])]
    return "\n".join(lines) + "\n"


def as_markdown(cited: Citations) -> str:
    """For an article, a wiki or a pull request: GFM, every value shown as written."""
    if not cited.facts:  # an empty section: nothing to say (cv says so on stderr)
        return ""
    lines: list[str] = []
    for fact in cited.facts:
        lines += [f"**{markdown_cell(fact.heading)}** (`{fact.name}`)", ""]
        lines += [f"- {markdown_cell(name)}: {markdown_cell(says)}" for name, says in fact.says]
        lines += [f"- *Note:* {markdown_cell(caveat)}" for caveat in fact.caveats]
        lines.append("")
        for quote in fact.quotes:
            words = f"“{markdown_cell(quote.words)}”"
            if quote.link:
                words = f"[{words}](<{quote.link}>)"
            lines += [f"> {words} \\[{quote.reference}\\]", ""]
    lines += ["**References**", ""]
    for number, said, basis in _references(cited, markdown_cell):
        lines += [f"{number}. {said}", *([f"   Date inferred: {basis}"] if basis else [])]
    return "\n".join(lines) + "\n"


def _html(value: str) -> str:
    """Text for an element's content: controls made visible, markup shown as text."""
    return html.escape(visible(value), quote=False)


def as_html(cited: Citations) -> str:
    """An HTML fragment for a web page or a CMS: a section per fact, then an ordered list."""
    if not cited.facts:  # an empty section: nothing to say (cv says so on stderr)
        return ""
    parts = ['<section class="cv-citations">']
    for fact in cited.facts:
        parts.append(f'<article data-cite="{html.escape(fact.name)}">')  # SECTION/ID
        parts.append(f"<h3>{_html(fact.heading)}</h3>")
        if fact.says or fact.caveats:
            parts.append("<ul>")
            parts += [f"<li>{_html(name)}: {_html(says)}</li>" for name, says in fact.says]
            parts += [f'<li class="note">Note: {_html(caveat)}</li>' for caveat in fact.caveats]
            parts.append("</ul>")
        for quote in fact.quotes:
            words = f"“{_html(quote.words)}”"
            if quote.link:
                words = f'<a href="{html.escape(quote.link)}">{words}</a>'
            number = quote.reference
            parts.append(
                f'<blockquote><p>{words} <a href="#cv-ref-{number}">[{number}]</a></p></blockquote>'
            )
        parts.append("</article>")
    parts.append('<ol class="cv-references">')
    for number, said, basis in _references(cited, _html):
        inferred = f"<br>Date inferred: {basis}" if basis else ""
        parts.append(f'<li id="cv-ref-{number}">{said}{inferred}</li>')
    parts += ["</ol>", "</section>"]
    return "\n".join(parts) + "\n"


def _date_parts(date: str) -> list[int]:
    """An ISO date as CSL's date-parts: "2019-02-05" is [2019, 2, 5]."""
    return [int(part) for part in date.split("-")]


def csl_item(source: SourceRecord) -> dict[str, Any]:
    """A source as a CSL-JSON item: a newspaper article, its author a literal name.

    The dataset holds a byline as written, not a family and a given name, so `author`
    is always a literal. An inferred date is a `literal`, "2019 (inferred)", and its
    basis goes in `note` with an archive's copy.
    """
    item: dict[str, Any] = {
        "id": source["id"],
        "type": "article-newspaper",
        "title": source["title"],
    }
    if source["publisher"]:
        item["container-title"] = source["publisher"]
    if source["author"]:
        item["author"] = [{"literal": source["author"]}]
    # An inferred date as a literal, which styles print as written: with date-parts they
    # print the bare year (citeproc-py did), as if the source printed it.
    item["issued"] = (
        {"literal": date_said(source)}
        if source["date_basis"]
        else {"date-parts": [_date_parts(source["date"])]}
    )
    if source["url"]:
        item["URL"] = link(source["url"])
    if source["retrieved"]:
        item["accessed"] = {"date-parts": [_date_parts(source["retrieved"])]}
    if source["language"]:
        item["language"] = source["language"]
    notes = address_notes(source)
    if notes:
        item["note"] = "\n".join(notes)
    return item


def as_csl_json(cited: Citations) -> str:
    """CSL-JSON: an array of items, one per source cited, as Zotero and pandoc read it."""
    items = [csl_item(reference.source) for reference in cited.references]
    return json_text(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"


_LATEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        # Not \{ and \}: BibTeX counts every brace, escaped or not, to find a field's end.
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "$": r"\$",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
        # In LaTeX's default font encoding these print as other glyphs (¡ ¿ —).
        "<": r"\textless{}",
        ">": r"\textgreater{}",
        "|": r"\textbar{}",
    }
)
"""LaTeX's special characters, written so that LaTeX prints them and BibTeX's braces
stay balanced."""

_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)")
"""Where LaTeX would join two characters into another (`--` a dash, ``` `` ``` and `''`
quotes, ``?` `` an inverted mark): an empty group `{}` between them keeps both."""

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def latex(value: str) -> str:
    """Text for a BibTeX field: controls made visible, LaTeX's specials and ligatures escaped."""
    return _LIGATURE.sub("{}", visible(value).translate(_LATEX))


def bibtex_entry(source: SourceRecord) -> str:
    """A source as a BibTeX `@article`: double braces keep the author and title as written.

    A month is BibTeX's macro (`feb`), which needs no braces; every other value is braced.
    A date finer than a year is BibLaTeX's `date` too, which keeps the day.
    """
    fields = [("author", "{{" + latex(source["author"]) + "}}")] if source["author"] else []
    fields.append(("title", "{{" + latex(source["title"]) + "}}"))
    if source["publisher"]:
        fields.append(("journal", "{" + latex(source["publisher"]) + "}"))
    year, _, rest = source["date"].partition("-")
    fields.append(("year", "{" + year + "}"))
    if rest:
        fields.append(("month", _MONTHS[int(rest[:2]) - 1]))
        fields.append(("date", "{" + source["date"] + "}"))  # BibLaTeX's, with the day
    notes = address_notes(source)
    if notes:
        fields.append(("note", "{" + latex(". ".join(note.rstrip(".") for note in notes)) + ".}"))
    if source["url"]:
        fields.append(("url", "{" + link(source["url"]) + "}"))  # %-encoded: no brace, no space
    if source["retrieved"]:
        fields.append(("urldate", "{" + source["retrieved"] + "}"))
    if source["language"]:
        fields.append(("language", "{" + source["language"] + "}"))
    return "\n".join(
        [f"@article{{{source['id']},", *(f"  {name} = {value}," for name, value in fields), "}"]
    )


def as_bibtex(cited: Citations) -> str:
    """BibTeX: one `@article` per source cited, keyed by the source's id."""
    entries = [bibtex_entry(reference.source) for reference in cited.references]
    return "\n\n".join(entries) + "\n" if entries else ""


def _ris_date(date: str) -> str:
    """An ISO date as RIS writes one: YYYY/MM/DD/ (the parts it has)."""
    parts = date.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def ris_entry(source: SourceRecord) -> str:
    """A source as a RIS record: `TY  - NEWS` to `ER  - `, one line per value."""
    tags = [("TY", "NEWS"), ("ID", source["id"])]
    if source["author"]:
        tags.append(("AU", source["author"]))
    tags.append(("TI", source["title"]))
    if source["publisher"]:
        tags.append(("T2", source["publisher"]))
    tags += [("PY", source["date"].partition("-")[0]), ("DA", _ris_date(source["date"]))]
    if source["url"]:
        tags.append(("UR", link(source["url"])))
    if source["retrieved"]:
        tags.append(("Y2", _ris_date(source["retrieved"])))
    if source["language"]:
        tags.append(("LA", source["language"]))
    tags += [("N1", note) for note in address_notes(source)]
    # visible(): a line break (or any control) is an escape, so each value stays one line
    return "\n".join([*(f"{tag}  - {visible(value)}" for tag, value in tags), "ER  - "])


def as_ris(cited: Citations) -> str:
    """RIS: one record per source cited."""
    entries = [ris_entry(reference.source) for reference in cited.references]
    return "\n".join(entries) + "\n" if entries else ""


RENDERERS: dict[str, Callable[[Citations], str]] = {
    "text": as_text,
    "markdown": as_markdown,
    "html": as_html,
    "csl-json": as_csl_json,
    "bibtex": as_bibtex,
    "ris": as_ris,
}
"""Each format of CITE_FORMATS, and its renderer (a test checks that none is missing)."""
