"""Resolve temporal expressions against a reference date (inference lives in index.reference).

Contracts:

* :func:`resolve` maps a :class:`~index.temporal.TimeExpr` to the calendar range it denotes,
  given the reference (the date the text was written, as a range when only roughly known). It
  never guesses: durations, vague offsets and anything the reference cannot pin down give
  None. A relative value is evaluated at both ends of the reference range; when the two
  readings overlap their hull is returned ("earlier this year" with a September reference →
  1 Jan .. 30 Sep), when they are disjoint the expression is ambiguous and the result is None
  ("on Friday" with only a month known; "in October" when the reference spans an October).
  A field without a shift is its latest occurrence not after the reference ("in October"
  written in December 2031 → October 2031; "on Friday" → the Friday on or before the
  reference day).
* :func:`duration_days` reads a duration expression, with its qualifier, as a span of days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from index.temporal import TimeExpr, find_time_expressions
from index.temporal_rules import UNIT_DAYS

__all__ = ["DateRange", "resolve", "parse_iso", "duration_days"]

Date = dt.date
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS = {"early": 0, "mid": 1, "late": 2}


@dataclass(frozen=True)
class DateRange:
    """Calendar days ``start`` .. ``end``, both inclusive (``start <= end``)."""

    start: Date
    end: Date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"empty range {self.start} .. {self.end}")

    def iso(self) -> str:
        """"2031" for a whole year, "2031-04" for a whole month, "2031-04-17" for a day, else
        "start/end" in ISO 8601 interval form."""
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return str(s.year)
        if s.day == 1 and (e.year, e.month) == (s.year, s.month) and e == _month_end(s.year, s.month):
            return f"{s.year:04d}-{s.month:02d}"
        return f"{s.isoformat()}/{e.isoformat()}"

    def contains(self, day: Date) -> bool:
        return self.start <= day <= self.end

    def hull(self, other: DateRange) -> DateRange:
        return DateRange(min(self.start, other.start), max(self.end, other.end))

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end


# --- calendar arithmetic ----------------------------------------------------------------------
def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> DateRange:
    return DateRange(Date(year, month, 1), _month_end(year, month))


def _months(year: int, month: int, count: int) -> DateRange:
    """``count`` whole months starting with ``year``-``month`` (month may exceed 12)."""
    y, m = year + (month - 1) // 12, (month - 1) % 12 + 1
    last_y, last_m = _add_months(y, m, count - 1)
    return DateRange(Date(y, m, 1), _month_end(last_y, last_m))


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + k
    return index // 12, index % 12 + 1


def _shift_day(day: Date, months: int) -> Date:
    y, m = _add_months(day.year, day.month, months)
    return Date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _third(rng: DateRange, part: str) -> DateRange:
    """Early/mid/late third of a range (a year's "late" is September to December)."""
    if rng.start == rng.end:
        return rng
    if rng.start.day == 1 and rng.end.day == _month_end(rng.end.year, rng.end.month).day:
        span = (rng.end.year - rng.start.year) * 12 + rng.end.month - rng.start.month + 1
        if span % 3 == 0:
            first = rng.start.month + _PARTS[part] * span // 3
            return _months(rng.start.year, first, span // 3)
    days = (rng.end - rng.start).days + 1
    lo = rng.start + dt.timedelta(days=days * _PARTS[part] // 3)
    hi = rng.start + dt.timedelta(days=days * (_PARTS[part] + 1) // 3 - 1)
    return DateRange(lo, max(lo, hi))


# --- absolute values --------------------------------------------------------------------------
_ABSOLUTE = re.compile(r"^(?P<y>\d{4}|\d{3}X)(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?|-Q(?P<q>[1-4])|"
                       r"-H(?P<h>[12])|-(?P<s>SP|SU|FA|WI))?(?:-(?P<part>early|mid|late))?$")


def parse_iso(value: str | None) -> DateRange | None:
    """An absolute value (``2031``, ``2031-04``, ``2031-04-17``, ``197X``, ``2031-Q1``,
    ``2031-H1``, ``2031-SU``, optionally ``-early/-mid/-late``) as a range; else None."""
    match = _ABSOLUTE.match(value or "")
    if not match:
        return None
    try:
        rng = _absolute(match)
    except ValueError:
        return None
    if match["part"] and match["y"].endswith("X"):  # early/mid/late 1970s: 0-3, 4-6, 7-9
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[match["part"]]
        return DateRange(rng.start.replace(year=rng.start.year + first),
                         rng.end.replace(year=rng.start.year + last))
    return _third(rng, match["part"]) if match["part"] else rng


def _absolute(m: re.Match[str]) -> DateRange:
    if m["y"].endswith("X"):
        decade = int(m["y"][:3]) * 10
        return DateRange(Date(decade, 1, 1), Date(decade + 9, 12, 31))
    year = int(m["y"])
    if m["d"]:
        day = Date(year, int(m["m"]), int(m["d"]))
        return DateRange(day, day)
    if m["m"]:
        return _month(year, int(m["m"]))
    if m["q"] or m["h"]:
        size = 3 if m["q"] else 6
        return _months(year, (int(m["q"] or m["h"]) - 1) * size + 1, size)
    if m["s"]:
        return _months(year, _SEASON_START[m["s"]], 3)
    return DateRange(Date(year, 1, 1), Date(year, 12, 31))


# --- resolution -------------------------------------------------------------------------------
def resolve(expr: TimeExpr, reference: DateRange | None) -> DateRange | None:
    """The calendar range ``expr`` denotes when written at ``reference``; None when it cannot
    be told (see the module docstring). Absolute dates need no reference."""
    value = expr.value or ""
    if expr.kind == "date":
        absolute = parse_iso(value)
        if absolute or reference is None:
            return absolute
        return _at_both_ends(reference, lambda day: _relative(_partial_terms(value), day))
    if expr.kind == "relative" and reference is not None and ":" not in value:
        return _at_both_ends(reference, lambda day: _relative(value.split(","), day))
    if expr.kind == "anchored" and expr.anchor_text:
        try:
            return _anchored(expr, reference)
        except (ValueError, OverflowError):  # an offset that leaves the calendar
            return None
    return None


def _partial_terms(value: str) -> list[str]:
    """``--05-28`` → the relative terms ``month=05``, ``day=28``."""
    match = re.match(r"^--(\d\d)-(\d\d)$", value)
    return [f"month={match[1]}", f"day={match[2]}"] if match else ["invalid"]


def _at_both_ends(reference: DateRange,
                  reading: Callable[[Date], DateRange | None]) -> DateRange | None:
    """Evaluate at the reference's first and last day; hull if they overlap, else None."""
    try:
        first, last = reading(reference.start), reading(reference.end)
    except (ValueError, OverflowError):
        return None
    if first is None or last is None:
        return None
    return first.hull(last) if first.overlaps(last) else None


def _relative(terms: list[str], day: Date) -> DateRange | None:
    """Evaluate relative ``terms`` (grammar in :mod:`index.temporal`) written on ``day``."""
    fields = dict(t.split("=", 1) for t in terms if "=" in t)
    shifts = [t for t in terms if re.fullmatch(r"(year|month|week|day|quarter)[+-]\d+", t)]
    clip = next((t for t in terms if t in ("<ref", ">ref")), None)
    if len(fields) + len(shifts) + (clip is not None) != len(terms) or len(shifts) > 1:
        return None
    base = _shifted(shifts[0], day) if shifts else None
    rng = _with_fields(base, fields, day, clip)
    if rng is not None and base is not None and clip:
        rng = _clip(rng, day, clip)
    part = fields.get("part")
    return _third(rng, part) if rng is not None and part in _PARTS else rng


def _shifted(term: str, day: Date) -> DateRange:
    unit, sign, n = re.fullmatch(r"(\w+)([+-])(\d+)", term).groups()
    k = int(n) * (1 if sign == "+" else -1)
    if unit == "year":
        return DateRange(Date(day.year + k, 1, 1), Date(day.year + k, 12, 31))
    if unit == "month":
        return _month(*_add_months(day.year, day.month, k))
    if unit == "quarter":
        return _months(*_add_months(day.year, (day.month - 1) // 3 * 3 + 1, 3 * k), 3)
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=k)
        return DateRange(monday, monday + dt.timedelta(days=6))
    target = day + dt.timedelta(days=k)
    return DateRange(target, target)


def _clip(rng: DateRange, day: Date, clip: str) -> DateRange | None:
    """"earlier this year": the part of ``rng`` up to ``day``; "later …": from ``day`` on."""
    lo, hi = (rng.start, min(rng.end, day)) if clip == "<ref" else (max(rng.start, day), rng.end)
    return DateRange(lo, hi) if lo <= hi else None


def _with_fields(base: DateRange | None, fields: dict[str, str], day: Date,
                 clip: str | None) -> DateRange | None:
    """Apply month/day/weekday/season/quarter/half fields inside ``base``, or, without a
    base, take their latest occurrence not after ``day`` (before/after it with a clip)."""
    calendar_fields = {k: v for k, v in fields.items() if k != "part"}
    if not calendar_fields:
        return base
    if base is not None:
        return _inside(base, calendar_fields)
    if "weekday" in calendar_fields:
        return _weekday(int(calendar_fields["weekday"]), day, clip)
    # Eight years back so that "29 February" finds the last leap year.
    candidates = [_inside(DateRange(Date(y, 1, 1), Date(y, 12, 31)), calendar_fields)
                  for y in range(max(day.year - 8, 1), min(day.year + 2, 10_000))]
    candidates = [c for c in candidates if c is not None]
    if clip == ">ref":
        after = [c for c in candidates if c.start > day]
        return after[0] if after else None
    before = [c for c in candidates if (c.end < day if clip == "<ref" else c.start <= day)]
    return before[-1] if before else None


def _inside(year_range: DateRange, fields: dict[str, str]) -> DateRange | None:
    """The period named by ``fields`` within the year that ``year_range`` starts in."""
    year = year_range.start.year
    if "month" in fields:
        month = int(fields["month"])
        if "day" in fields:
            day = int(fields["day"])
            if day > calendar.monthrange(year, month)[1]:
                return None
            return DateRange(Date(year, month, day), Date(year, month, day))
        return _month(year, month)
    for key, size in (("quarter", 3), ("half", 6)):
        if key in fields:
            return _months(year, (int(fields[key]) - 1) * size + 1, size)
    if "season" in fields and fields["season"] in _SEASON_START:
        return _months(year, _SEASON_START[fields["season"]], 3)
    return None


def _weekday(weekday: int, day: Date, clip: str | None) -> DateRange | None:
    if not 1 <= weekday <= 7:
        return None
    back = (day.isoweekday() - weekday) % 7
    if clip == "<ref":
        back = back or 7
    if clip == ">ref":
        target = day + dt.timedelta(days=(weekday - day.isoweekday()) % 7 or 7)
    else:
        target = day - dt.timedelta(days=back)
    return DateRange(target, target)


def _anchored(expr: TimeExpr, reference: DateRange | None) -> DateRange | None:
    """"three days after 17 April 2031": an anchor that is itself a date, shifted by the offset."""
    dates = [e for e in find_time_expressions(expr.anchor_text or "") if e.kind == "date"]
    if not dates or dates[0].text != expr.anchor_text:
        return None
    anchor = resolve(dates[0], reference)
    match = re.fullmatch(r"P(\d+)([YMWD])", expr.offset or "")
    if anchor is None or not match:
        return None
    n = int(match[1]) * expr.direction
    if match[2] in "YM":
        months = n * (12 if match[2] == "Y" else 1)
        return DateRange(_shift_day(anchor.start, months), _shift_day(anchor.end, months))
    delta = dt.timedelta(days=n * (7 if match[2] == "W" else 1))
    return DateRange(anchor.start + delta, anchor.end + delta)


# --- durations (for inference) ----------------------------------------------------------------
_DURATION = re.compile(r"^PT?(\d+(?:\.\d+)?)([YMWDHS])(?:\.\.PT?(\d+(?:\.\d+)?)[YMWDHS])?$")
# How a qualifier stretches a stated amount N: the true amount lies in [lo*N, hi*N].
_QUALIFIERS = [
    (r"just over|a little over", (1.0, 1.2)), (r"more than|over|at least|well over", (1.0, 1.5)),
    (r"less than|under|up to|at most|barely|fewer than|just under", (0.0, 1.0)),
    (r"almost|nearly|close to", (0.75, 1.0)), (r"about|around|approximately|roughly|some", (0.8, 1.2)),
]


def duration_days(expr: TimeExpr) -> tuple[float, float] | None:
    """The span of days a duration expression allows: exact "33 years" is read as 32.5 to 34
    years (people round), "almost a decade" as 7.5 to 10 years, "more than four years" as 4 to
    6 years, "less than five months" as up to 5 months. None for non-durations."""
    match = _DURATION.match(expr.value or "") if expr.kind == "duration" else None
    if not match:
        return None
    unit = UNIT_DAYS[("T" if expr.value.startswith("PT") else "") + match[2]]  # PT1M ≠ P1M
    low, high = float(match[1]), float(match[3] or match[1])
    qualifier = next((bounds for words, bounds in _QUALIFIERS
                      if re.search(rf"\b(?:{words})\b", expr.text, re.I)), None)
    if qualifier is None and re.search(r"\bor\s+(?:more|longer)\b", expr.text, re.I):
        qualifier = (1.0, 1.5)
    if qualifier is None:
        return (max(low - 0.5, 0) * unit, (high + 1) * unit)
    return (low * qualifier[0] * unit, high * qualifier[1] * unit)

