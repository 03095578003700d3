"""Search what a person reads of the dataset, ignoring case and accents, and say where.

What a person reads of a record is its name, each field's value beside the field's
label ("certified: 48", as `cv certification` prints it), the sentence `cv timeline`
makes of it, and the quotes of its evidence. Ids, hashes and the bases of dates are
not read as facts, so they are not searched: `luxus` finds the source's publisher, not
every record whose evidence names the source `luxus-2019`.

A hit says where it matched: the passage (a window of a long text) with each word of
the query marked, in code points of the original text. Matching folds case, accents
and typographic quotes and dashes (`fold`); the marks are mapped back to the text as
written, one character at a time, so a ligature or an accent that folding expands or
drops still marks the characters a person sees.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING, NamedTuple, cast, get_args

from .dataset import every_record, notes, timeline
from .errors import UsageProblem
from .listing import cell
from .outputs import Mark, Passage, Rank, SearchHit
from .sections import EVIDENCE, ID, NOTED, REFERS_TO, SECTIONS, Section, field, label
from .wording import site_text

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from .records import Document, OfficeRecord, Record

_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "“": '"', "”": '"'})

HIT_FIELDS = tuple(SearchHit.__annotations__)
"""A hit: the record's section and the record, in words and by key, where it matched,
and the passages that hold the words."""

TABLE_FIELDS = ("section", "label", "passages")
"""A table's columns: the section and the record in words, and where they matched."""

UNREAD = (ID, *NOTED, "date_basis", "sha256")
"""Fields that name or check a record rather than state a fact: never searched."""

RANKS: tuple[Rank, ...] = get_args(Rank)
"""Where a passage stands in a record, best first: the hits are ranked by it."""

WINDOW = 160
"""The most characters of a passage's own text: a longer text is cut around the match."""
CONTEXT = 40
"""How much of the text before the first match a cut passage keeps."""
ELLIPSIS = "…"


def fold(text: str) -> str:
    """Text reduced for matching: no accents, no case, one kind of quote and dash."""
    if text.isascii():  # most text: no accent to strip, no typographic quote or dash
        return _one_space(text.lower())
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _one_space(bare.casefold())


def _one_space(text: str) -> str:
    """`" ".join(text.split())`, with no list of the words where nothing is to change.

    Printable text has no white space but the ASCII space, so stripped, with no two
    spaces in a row, it is its own answer: a quote of 200,000 short words was
    16 times its size at peak, split into words (or substituted by a regular expression).
    """
    stripped = text.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    return " ".join(stripped.split())


class _Folds(dict[str, str]):
    """Each character's fold, asked once: `fold` one character at a time, spaces kept."""

    def __missing__(self, char: str) -> str:
        decomposed = unicodedata.normalize("NFKD", char.translate(_PUNCTUATION))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        if len(self) < 4096:  # a text of every code point must not keep them all
            self[char] = folded
        return folded


_FOLDS = _Folds()


def folded_at(text: str) -> tuple[str, Sequence[int]]:
    """`fold(text)`, and for each of its characters the index of the one it comes from.

    NFKD decomposes each character on its own and casefold maps each on its own, so
    folding a character at a time gives `fold`'s text (tests/test_search.py checks
    it); runs of white space become one space, none at the ends, as `fold` makes them.
    Linear in the text, 4 bytes a character; ASCII text is mapped a word at a time, and
    not at all when folding keeps its length (a name of 100,000 lines was mapped in
    0.3 s a character at a time, in 0.02 s a word at a time).
    """
    if text.isascii():
        folded = fold(text)
        if len(folded) == len(text):  # lower case, one space for one: the same places
            return folded, range(len(text))
        starts = array("I")  # 4 bytes a character, not a list's 36
        for word in _WORD.finditer(text):
            if starts:
                starts.append(starts[-1] + 1)  # the one space for a run: its first
            starts.extend(range(word.start(), word.end()))
        return folded, starts
    out: list[str] = []
    origins = array("I")
    space = True  # no space at the start
    for index, char in enumerate(text):
        for piece in _FOLDS[char]:
            if piece.isspace():
                if space:
                    continue
                piece, space = " ", True
            else:
                space = False
            out.append(piece)
            origins.append(index)
    if out and out[-1] == " ":
        out.pop()
        origins.pop()
    return "".join(out), origins


_WORD = re.compile(r"\S+")  # what str.split() calls a word (the same white space)


class _Read(NamedTuple):
    """One piece of what a person reads of a record, before it is matched."""

    rank: Rank
    field: str
    where: str
    source: str | None
    text: str
    said: str  # the text but for a value's label: "48" of "certified: 48"


def record_words(section: Section, record: Record) -> str:
    """A record in words: its name, or for a record with no name what it is and when.

    An unnamed site is its kind and city (wording.site_text), another record whose name
    is not given its section's title. A section whose records are named by their id
    alone has no name in words: a certification period or a membership count is its
    section's title with its years or its date; another record its first words (a
    source's title), or else its section's title.
    """
    if section.label not in (None, ID):
        named = field(record, section.label)
        if named:
            return str(named)
        if section.key == "offices":
            return site_text(cast("OfficeRecord", record))
        return section.title
    own = section.record_fields
    if "start_year" in own:
        return f"{section.title} {field(record, 'start_year')}–{field(record, 'end_year')}"
    if "as_of" in own and field(record, "as_of"):
        return f"{section.title} as of {field(record, 'as_of')}"
    words = (field(record, name) for name in own if name not in UNREAD)
    return next((value for value in words if isinstance(value, str) and value), section.title)


def _read(
    section: Section, record: Record, told: list[str], people: dict[str, str]
) -> Iterator[_Read]:
    """What a person reads of a record, best rank first: name, values, quotes.

    A field that holds another record's id (a quotation's speaker) reads as that
    record's name, as `cv cite` says it: the id is not searched.
    """
    for name in section.record_fields:
        if name in UNREAD or name == EVIDENCE:
            continue
        value = field(record, name)
        said = people.get(value, value) if name in REFERS_TO else cell(value, human=True)
        if not said:
            continue
        if name == section.label:
            yield _Read("name", name, label(name), None, said, said)
        else:
            yield _Read("value", name, label(name), None, f"{label(name)}: {said}", said)
    for sentence in told:
        yield _Read("value", "timeline", "timeline", None, sentence, sentence)
    for evidence in field(record, EVIDENCE):
        quote = evidence["quote"]
        yield _Read("quote", EVIDENCE, "quote", evidence["source"], quote, quote)


def _sentences(document: Document) -> dict[tuple[str, str], list[str]]:
    """What `cv timeline` says of each record of another section (a certification)."""
    told: dict[tuple[str, str], list[str]] = {}
    for entry in timeline(document):
        if entry["section"] != "timeline":
            told.setdefault((entry["section"], entry["id"]), []).append(entry["event"])
    return told


MOST_WORDS = 100
"""The most words one search looks for. Each word is looked for in each passage, so the
cost is words × text: 2,000 distinct words in one long quote took 1.65 s, 4,000 5.84 s
and 8,000 22.7 s (3.5× and 3.9× per doubling; review of issue 25). Bounded, it is linear
in the dataset."""


def caveats(document: Document, key: str, record: Record) -> list[str]:
    """What qualifies a record found, as a listing's notes say it (dataset.notes).

    A source's own date inferred is said too: its `date_basis` is not a field a person
    reads among its passages.
    """
    said = list(notes(document, [record]))
    basis = field(record, "date_basis") if key == "sources" else None
    if basis:
        said.insert(0, f"{field(record, 'date')} is inferred: {basis}")
    return said


def search(document: Document, text: str) -> list[SearchHit]:
    """The records that hold every word of `text`, in any order, in what a person reads.

    Words are folded (`fold`). A word may stand in any passage of the record; the hit
    shows the passage that holds the most words (a name before a value before a quote),
    then the other quotes that hold one. Hits are ranked by where their first passage
    matched, name then value then quote (a value before a value's label: the person
    whose role is President before the cluster whose president he is), and keep the
    dataset's order within a rank.
    """
    words = list(dict.fromkeys(fold(text).split()))  # a word given twice is looked for once
    if not words:
        return []
    if len(words) > MOST_WORDS:
        raise UsageProblem(
            f"cv search looks for at most {MOST_WORDS} words at a time, not {len(words):,}",
            "search for the rarest few: a record must hold every word anyway",
        )
    told = _sentences(document)
    people = {person["id"]: person["name"] for person in document["people"]}
    ranked: list[tuple[tuple[int, bool], SearchHit]] = []
    for key, record in every_record(document):
        section = SECTIONS[key]
        read = list(_read(section, record, told.get((key, field(record, ID)), []), people))
        folded = [fold(piece.text) for piece in read]
        found = [{word for word in words if word in said} for said in folded]
        if set().union(*found) != set(words):
            continue
        best = max(range(len(read)), key=lambda n: (len(found[n]), -n))
        shown, covered = [best], set(found[best])
        for n, held in enumerate(found):  # every quote that holds a word, and where each
            if n != best and held and (read[n].rank == "quote" or held - covered):
                shown.append(n)  # other word is, so that every word shows where it stands
                covered |= held
        by_label = any(word not in fold(read[best].said) for word in found[best])
        hit = SearchHit(
            section=key,
            section_title=section.title,
            id=field(record, ID),
            label=record_words(section, record),
            matched=read[best].rank,
            passages=[passage(read[n], words) for n in shown],
            caveats=caveats(document, key, record),
        )
        ranked.append(((RANKS.index(hit["matched"]), by_label), hit))
    ranked.sort(key=lambda pair: pair[0])  # stable: the dataset's order within a rank
    return [hit for _rank, hit in ranked]


def passage(piece: _Read, words: list[str]) -> Passage:
    """The piece with each word marked, cut to a window around the first mark if long.

    Only the marks in the window are looked for: a quote of a million words, each one
    the word searched, is a window and its marks, not a million marks (that took 250
    MB for a 4 MB quote).
    """
    text = piece.text
    folded, origins = folded_at(text)
    at, word = min((folded.find(word), word) for word in words if word in folded)
    start, end = _window(text, origins[at], origins[at + len(word) - 1] + 1)
    low, high = bisect_left(origins, start), bisect_left(origins, end)  # the window, folded
    found = []
    for word in words:
        at = folded.find(word, low, high)
        while at >= 0:
            found.append((origins[at], origins[at + len(word) - 1] + 1))
            at = folded.find(word, at + len(word), high)
    before = ELLIPSIS if start > 0 else ""
    after = ELLIPSIS if end < len(text) else ""
    shift = len(before) - start
    return Passage(
        field=piece.field,
        where=piece.where,
        source=piece.source,
        text=f"{before}{text[start:end]}{after}",
        marks=[Mark(start=first + shift, end=last + shift) for first, last in _merged(found)],
    )


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Marks in order, those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(found):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _window(text: str, first: int, last: int) -> tuple[int, int]:
    """The part of a text to show: all of it, or WINDOW characters around the first mark.

    `first` and `last` are where the first mark starts and ends. A cut falls at a space
    where one is near, so no word is cut in two.
    """
    if len(text) <= WINDOW:
        return 0, len(text)
    start = max(0, first - CONTEXT)
    end = max(min(len(text), start + WINDOW), last)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space >= 0 else end
    return start, end
