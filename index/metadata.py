"""Read what a news page states about itself: title, outlet, byline and publication date.

Contract of :func:`read_meta`: every field comes from what the text (or the HTML ``<title>``)
states; nothing is guessed. A field that cannot be told is ``None`` (``""`` for the title).
Outlet, byline and copyright come from furniture lines found by
:func:`index.boilerplate.find_furniture`; the wire lead and dates are read from the text itself.
``published`` is ISO ``YYYY-MM-DD`` (``YYYY-MM`` when only a month is stated) and is only taken
from a publication dateline: a "Published/Posted …" timestamp line anywhere, or a date line or
"September 12, 2021 —" dateline near the top; an "Updated …" date is the fallback. Copyright
years and dates inside body sentences are never used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from index.boilerplate import (MONTH, TIMESTAMP_KEY, WEEKDAY, ROLE_WORDS, Line, classify_line, core,
                               field_value, split_lines)
from index.types import DocumentMeta, Furniture

__all__ = ["byline_parts", "clean_title", "parse_date", "read_meta"]

I = re.IGNORECASE
TOP_WINDOW = 10  # a dateline or wire lead sits within this many non-blank lines of the top
WIRE_WINDOW = 20
_MON = rf"(?<![A-Za-z])(?P<mon>{MONTH})(?![A-Za-z])"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
# Date shapes, most specific first, so "12 September 2021" never reads as a bare month.
DATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?<!\d)(?P<y>\d{4})[-/](?P<m>\d{2})[-/](?P<d>\d{2})(?!\d)"),
    "day_month_year": re.compile(rf"(?<!\d){_DAY}\s*(?:of\s+)?{_MON},?\s*(?P<y>\d{{4}})(?!\d)", I),
    "month_day_year": re.compile(rf"{_MON}\s*{_DAY},?\s*(?P<y>\d{{4}})(?!\d)", I),
    "month_year": re.compile(rf"{_MON},?\s*(?P<y>\d{{4}})(?!\d)", I),
}
_ANY_FULL_DATE = (rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
                  rf"|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
# An optional upper-case place ("LONDON,") may precede the date; the dash ends the dateline.
DATELINE = re.compile(rf"(?:[A-Z][A-Z .'’-]{{1,30}},?\s+)?(?:(?i:{WEEKDAY}),?\s+)?(?P<date>(?i:{_ANY_FULL_DATE}))"
                      r"\s*[—–-]{1,2}\s*\S")
_KEY_SPLIT = re.compile(rf"({TIMESTAMP_KEY})")
_UPDATE_KEY = re.compile(r"updated|modified", I)

_OUTLET = r"(?:The\s+|the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:[A-Z&][\w&.'’-]*|of|for)){0,4}"
# "(OUTLET) —" or "CITY (OUTLET) -" or "CITY, Sept 12 (OUTLET) -"; the city is upper-case, so a
# sentence such as "Northern Alliance (NA) – …" is not read as a wire lead.
WIRE_LEAD = re.compile(rf"(?:[A-Z][A-Z.'’ -]{{1,40}}?(?:,\s*[A-Za-z]{{3,9}}\.?\s+\d{{1,2}})?\s+)?"
                       rf"\((?P<outlet>{_OUTLET})\)\s*[—–-]{{1,2}}\s*\S")
PROMO_OUTLET = re.compile(rf"\(?At (?P<outlet>{_OUTLET}),\s+we\b")
COPYRIGHT_HOLDER = re.compile(
    r"(?:(?:Copyright|COPYRIGHT)\s*(?:©|\([cC]\))?|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?"
    r"(?P<outlet>[A-Z][^.,;|©]{1,60}?)\s*(?:,?\s*(?:Inc|LLC|Ltd|Limited|Corp|Corporation|plc|PLC|GmbH)\b"
    r"|[.,;|]|\s+\d{4}\b|\s+all rights reserved|$)")
_TITLE_SEP = re.compile(r"(\s+(?:\||[-–—]|::|·|»|•)\s+)")
_SITE_WORD = re.compile(r"[A-Z0-9][\w.'’&-]*|&|of|the|and|on")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def read_meta(text: str, furniture: list[Furniture], html_title: str | None = None) -> DocumentMeta:
    """Title, outlet, byline and publication date as stated by ``text`` (see module docstring)."""
    lines = [line for line in split_lines(text) if line.text]
    by_kind = _furniture_lines(text, furniture)
    return DocumentMeta(
        title=(clean_title(html_title) if html_title else "") or _first_content(text, lines, furniture),
        outlet=_outlet(lines, by_kind),
        byline=_byline(by_kind.get("byline", [])),
        published=_published(lines),
    )


# --- title ------------------------------------------------------------------------------------
def clean_title(title: str) -> str:
    """``title`` without trailing site names: "Headline | Site" and "Headline - Site Name" → "Headline".

    A trailing part after " - " is only dropped when it reads like a name (capitalised words, at
    most five) and is shorter than what precedes it; after " | " it is dropped when short.
    """
    pieces = _TITLE_SEP.split(" ".join(title.split()))
    while len(pieces) >= 3 and _is_site_name(pieces[-1], pieces[-2], "".join(pieces[:-2])):
        del pieces[-2:]
    cleaned = "".join(pieces).strip()
    return cleaned if any(ch.isalnum() for ch in cleaned) else ""


def _is_site_name(tail: str, sep: str, head: str) -> bool:
    words = tail.split()
    if not words or len(words) > 5 or len(tail) > 40 or len(tail) >= len(head):
        return False
    return "|" in sep or all(_SITE_WORD.fullmatch(w) for w in words)


def _first_content(text: str, lines: list[Line], furniture: list[Furniture]) -> str:
    """The first line's text outside furniture, without a markdown heading mark."""
    for line in lines:
        pieces, cursor = [], line.start
        for f in furniture:
            if f.end > line.start and f.start < line.end:
                pieces.append(text[cursor:max(cursor, f.start)])
                cursor = max(cursor, f.end)
        pieces.append(text[cursor:line.end] if cursor < line.end else "")
        rest = _MD_HEADING.sub("", " ".join(" ".join(pieces).split()))
        if rest:
            return rest
    return ""


# --- outlet and byline ------------------------------------------------------------------------
def _furniture_lines(text: str, furniture: Iterable[Furniture]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in furniture:
        found.setdefault(f.kind, []).append(text[f.start:f.end])
    return found


def byline_parts(line: str) -> tuple[list[str], str | None]:
    """Names and outlet of a byline line: "By A and B, Outlet" → (["A", "B"], "Outlet").

    The last comma-separated part is the outlet unless it joins names with "and"; a role
    ("Staff Writer") is neither name nor outlet.
    """
    text = re.sub(r"^(?:By|BY)\s+", "", core(line))
    text, _, outlet = (part.strip() for part in text.partition("|"))
    segments = [s.strip() for s in text.split(",") if s.strip()]
    if not outlet and len(segments) > 1 and not re.search(r"\s(?:and|&)\s", segments[-1]):
        outlet = segments.pop()
    names = [n.strip() for s in segments for n in re.split(r"\s+and\s+|\s*&\s*", s) if n.strip()]
    if outlet and ROLE_WORDS.search(outlet):
        outlet = ""
    return names, outlet or None


def _byline(lines: list[str]) -> str | None:
    names: list[str] = []
    for line in lines:
        names += [n for n in byline_parts(line)[0] if n not in names]
    return ", ".join(names) or None


def _outlet(lines: list[Line], by_kind: dict[str, list[str]]) -> str | None:
    """Outlet by strength of evidence: byline, wire lead, masthead, "At X, we …" promo, copyright."""
    for candidate in _outlet_candidates(lines, by_kind):
        if candidate:
            return " ".join(candidate.split())
    return None


def _outlet_candidates(lines: list[Line], by_kind: dict[str, list[str]]) -> Iterator[str | None]:
    yield from (byline_parts(line)[1] for line in by_kind.get("byline", []))
    yield from (_group(WIRE_LEAD.match(core(line.text))) for line in lines[:WIRE_WINDOW])
    yield from (field_value(core(line)) for line in by_kind.get("masthead", []))
    prompts = [line for kind, found in by_kind.items() if kind.endswith("_prompt") for line in found]
    yield from (_group(PROMO_OUTLET.match(line)) for line in prompts)
    yield from (_group(COPYRIGHT_HOLDER.match(line)) for line in by_kind.get("footer", []))


def _group(match: re.Match[str] | None) -> str | None:
    return match["outlet"].strip() if match else None


# --- dates ------------------------------------------------------------------------------------
def parse_date(text: str) -> str | None:
    """The first stated date in ``text`` as ISO ("YYYY-MM-DD", or "YYYY-MM" for a month), or None."""
    taken: list[tuple[int, int]] = []  # an invalid "31 February 2021" must not become "2021-02"
    for name, pattern in DATE_PATTERNS.items():
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            iso = _iso(match, with_day=name != "month_year")
            if iso:
                return iso
    return None


def _iso(match: re.Match[str], with_day: bool) -> str | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month_number(groups["mon"])
    day = int(groups["d"]) if with_day else 1
    try:
        date = dt.date(int(groups["y"]), month, day)
    except ValueError:  # 31 February and the like are not dates
        return None
    return date.isoformat() if with_day else date.isoformat()[:7]


def _month_number(name: str) -> int:
    months = "jan feb mar apr may jun jul aug sep oct nov dec".split()
    return months.index(name[:3].lower()) + 1


def _published(lines: list[Line]) -> str | None:
    """Publication date: a "Published/Posted" stamp, else a dateline near the top, else "Updated"."""
    published = updated = None
    for line in lines:
        for key, date in _stamped_dates(line.text):
            if _UPDATE_KEY.search(key):
                updated = updated or date
            else:
                published = published or date
    return published or _dateline(lines[:TOP_WINDOW]) or updated


def _stamped_dates(line: str) -> list[tuple[str, str]]:
    """(keyword, ISO date) pairs of a timestamp line such as "Published 12 May 2021 Updated …"."""
    rule = classify_line(line)
    if rule is None or rule.name != "timestamp":
        return []
    pieces = _KEY_SPLIT.split(core(line))
    pairs = [(pieces[i], parse_date(pieces[i + 1])) for i in range(1, len(pieces) - 1, 2)]
    return [(key, date) for key, date in pairs if date]


def _dateline(lines: list[Line]) -> str | None:
    """A date line ("12 September 2021") or a "September 12, 2021 —" dateline near the top."""
    for line in lines:
        rule = classify_line(line.text)
        if rule is not None and rule.name == "date_line":
            return parse_date(core(line.text))
        match = DATELINE.match(core(line.text))
        if match:
            return parse_date(match["date"])
    return None
