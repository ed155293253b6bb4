"""Explicit calendar dates stated in a sentence, as ISO strings.

Only dates that carry a year are returned (``"5 July 2014"`` → ``2014-07-05``, ``"September
2017"`` → ``2017-09``, ``"Jan. 1, 2021"`` → ``2021-01-01``, ``"2021-09-12"``, a bare ``"2016"``):
a weekday or "last year" needs a reference date, which is the temporal resolver's job, not this
module's. Nothing here guesses.
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,.]\d)"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:1[6-9]|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])(?:-(?P<day>[0-3]\d))?\b"),
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+{_YEAR}", re.I),
    # A bare number is a year only after a word that introduces a time ("in 2016", "since
    # 2014"); "2000 m" or "2016 people" are quantities.
    re.compile(rf"\b(?:(?:in|since|by|until|till|from|during|before|after|of|early|late|mid|"
               rf"around|circa|year|summer|winter|spring|autumn|fall)\s+|mid-){_YEAR}\b", re.I),
]


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month = MONTHS.get((parts.get("month") or "").lower()) or int(parts.get("mnum") or 0)
    day = int(parts["day"]) if parts.get("day") else 0
    if day > 31 or (day and not month):
        return None
    iso = parts["year"]
    if month:
        iso += f"-{month:02d}"
    if day:
        iso += f"-{day:02d}"
    return iso


def explicit_dates(text: str) -> tuple[str, ...]:
    """ISO dates stated with a year in ``text``, in order of appearance, without repeats.

    A span claimed by a more specific pattern (a full date) is not matched again by a less
    specific one (its bare year).
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            iso = _iso(match)
            if iso:
                taken.append(match.span())
                found.append((match.start(), iso))
    ordered = [iso for _, iso in sorted(found)]
    return tuple(dict.fromkeys(ordered))
