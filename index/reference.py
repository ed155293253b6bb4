"""Infer when an undated document was written, from its own sentences.

Contract of :func:`infer_reference`: a stated publication date wins; otherwise a dateline
sentence ("April 17, 2031 — …", "Thu 17 Apr 2031 09.30 local time") gives the day; otherwise
the range is built from what the text says, and ``how`` explains every step:

1. **Lower bound.** The text was written after the latest past event it dates with a year
   (dates in sentences about the future — will, could, next, due, expects — or after
   "by"/"until" are not past events). A month or month-day named without a year ("In October",
   "On April 17") is read as its first occurrence on or after that latest dated event's
   month: writers drop the year for recent months, so such a month is not older than the
   events they had to date.
2. **Gaps.** "the first … in more than a decade" or "a three-year hiatus", paired with a
   predecessor dated with a year ("since March 2011", "its last … was in June 2009"),
   bounds the date on both sides (predecessor + the gap, widened by the qualifier;
   see :func:`index.resolution.duration_days`). Pairings that contradict the lower bound are
   dropped. "the fifth … in six years" bounds it from above only (the latest dated event +
   the span).
3. **Horizon.** With no upper bound from the text, the range is closed at
   :data:`HORIZON_YEARS` after the lower bound (an assumption, and ``how`` says so).

Copyright lines are ignored. Without any past date carrying a year the result is None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from index.resolution import DateRange, duration_days, parse_iso, resolve
from index.temporal import TimeExpr, find_time_expressions
from index.temporal_rules import ORDINALS, UNIT_DAYS

__all__ = ["Reference", "infer_reference", "DateRange", "resolve", "HORIZON_YEARS"]

HORIZON_YEARS = 3
_MAX_GAP_DAYS = 200 * 366  # "first in 9,000 years" dates nothing a news text was written in
DATELINE_WINDOW = 12  # a dateline sits among the first sentences
_FOOTER = re.compile(r"©|\bcopyright\b|all rights reserved", re.I)
# Sentences about the future or the hypothetical do not date past events.
# ("due to the storm" is a cause, not a schedule.)
_FUTURE = re.compile(r"\b(?:will|would|could|might|shall|should|going to|next|expects?|expected|"
                     r"forecasts?|plans?|planned|scheduled|set to|as early as)\b|(?-i:\bmay\b)|"
                     r"\bdue\b(?!\s+to\s+(?:the|a|an|its|his|her|their|this|that)\b)", re.I)
_DEADLINE = re.compile(r"\b(?:by|until|till|before)\s+(?:early\s+|late\s+|the\s+)?$", re.I)
_PREDECESSOR = re.compile(r"\b(?:since|last|previous|previously|most\s+recent|most\s+recently|"
                          r"latest|preceding)\b(?:(?![;.]\s).){0,100}$", re.I)
_ORDINAL_GAP = re.compile(r"\b(?P<ord>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b"
                          r"[^,;]{0,80}?\b(?:in|for)\s+$", re.I)
_SILENCE = re.compile(r"[ \t-]*(?:long\s+)?(?:silence|hiatus|absence|lull|pause)\b", re.I)
# "OSLO, 17 April 2031 —", "Published 17 April 2031": an upper-case place or a publish label.
_DATELINE_PREFIX = re.compile(r"^\W*(?:(?i:published|posted)\b:?\s*(?:(?i:on)\s+)?)?"
                              r"(?:[A-Z][A-Z .'’-]{1,30},?\s+)?$")
_DATELINE_SUFFIX = re.compile(r"^\s*(?:$|[—–|]|--|-\s|\d{1,2}[:.]\d\d\b)")


# (sentence index, sentence, its expressions) for every sentence that is not a copyright line
Found = list[tuple[int, str, list[TimeExpr]]]
# (range the gap allows, explanation, sentence indexes used, whether it is a "first … in" gap)
Gap = tuple[DateRange, str, set[int], bool]


@dataclass(frozen=True)
class Reference:
    """When a document was written: a range, how it was found, the sentences used."""

    range: DateRange
    how: str
    evidence: tuple[int, ...]


@dataclass(frozen=True)
class _Clue:
    """One dated fact: a sentence index, the phrase, the range it denotes, a note for ``how``."""

    index: int
    text: str
    range: DateRange
    note: str = ""


def infer_reference(sentences: Sequence[str], published: str | None = None) -> Reference | None:
    """The range in which the document was written; see the module docstring for the rules."""
    stated = parse_iso(published) if published else None
    if stated is not None:
        return Reference(stated, "stated publication date", ())
    found = [(i, s, find_time_expressions(s)) for i, s in enumerate(sentences)
             if isinstance(s, str) and not _FOOTER.search(s)]
    dateline = _dateline(found)
    if dateline is not None:
        return dateline
    dated = _past_dates(found)
    if not dated:
        return None
    latest = max(dated, key=lambda c: (c.range.start, c.range.end))
    lower = max([latest, *_undated_months(found, latest)], key=lambda c: c.range.start)
    return _bounded(found, dated, latest, lower)


def _dateline(found: Found) -> Reference | None:
    """A sentence near the top that is a full date, maybe after a place or "Published", and
    followed only by a time, a dash or nothing."""
    for index, sentence, exprs in found[:DATELINE_WINDOW]:
        first = exprs[0] if exprs else None
        rng = parse_iso(first.value) if first and first.kind == "date" else None
        if rng is None or rng.start != rng.end:
            continue
        if _DATELINE_PREFIX.match(sentence[: first.start]) and \
                _DATELINE_SUFFIX.match(sentence[first.end:]):
            return Reference(rng, f"dateline: {first.text!r}", (index,))
    return None


def _before(sentence: str, expr: TimeExpr, width: int) -> str:
    """The ``width`` characters before ``expr``: the cues looked for there are short, and a
    bounded window keeps long sentences with many dates linear."""
    return sentence[max(0, expr.start - width):expr.start]


@functools.lru_cache(maxsize=4096)
def _future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def _is_past(sentence: str, expr: TimeExpr) -> bool:
    """False for dates in future-tense sentences and deadlines ("by mid-2031")."""
    return not _future(sentence) and not _DEADLINE.search(_before(sentence, expr, 24))


def _past_dates(found: Found) -> list[_Clue]:
    """Past events the text dates with a year."""
    clues = []
    for index, sentence, exprs in found:
        for expr in exprs:
            rng = parse_iso(expr.value) if expr.kind == "date" else None
            if rng is not None and _is_past(sentence, expr):
                cue = _PREDECESSOR.search(_before(sentence, expr, 130))
                note = "predecessor" if cue else ""
                clues.append(_Clue(index, expr.text, rng, note))
    return clues


def _undated_months(found: Found, latest: _Clue) -> list[_Clue]:
    """Months (and month-days) named without a year, each read as its first occurrence on or
    after the latest dated event's month."""
    clues = []
    for index, sentence, exprs in found:
        for expr in exprs:
            month_day = _month_day(expr)
            if month_day is None or not _is_past(sentence, expr):
                continue
            month, day = month_day
            year = latest.range.start.year + (month < latest.range.start.month)
            first = dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
            rng = DateRange(first, first)
            clues.append(_Clue(index, expr.text, rng, "month without a year"))
    return clues


def _month_day(expr: TimeExpr) -> tuple[int, int | None] | None:
    """(month, day or None) for "October" (``month=10``) and "April 17" (``--04-17``)."""
    value = expr.value or ""
    if expr.kind == "relative":
        match = re.fullmatch(r"month=(\d\d)(?:,part=\w+)?", value)
        return (int(match[1]), None) if match else None
    match = re.fullmatch(r"--(\d\d)-(\d\d)", value) if expr.kind == "date" else None
    return (int(match[1]), int(match[2])) if match else None


def _bounded(found: Found, dated: list[_Clue], latest: _Clue, lower: _Clue) -> Reference:
    """Combine the lower bound with gap statements; without a "first … in <gap>" upper bound
    the horizon closes the range too."""
    start, end, strong = lower.range.start, None, False
    steps, evidence, seen = [_explain_lower(latest, lower)], {latest.index, lower.index}, {}
    for rng, note, used, is_first in _gaps(found, dated, latest, start):
        if rng.end < start or (end is not None and rng.start > end):
            continue
        start, end = max(start, rng.start), rng.end if end is None else min(end, rng.end)
        strong |= is_first
        evidence |= used
        if rng not in seen:  # the same statement twice (headline and lead) is one step
            seen[rng] = note
            steps.append(note)
    horizon = _add_years(start, HORIZON_YEARS)
    if not strong and (end is None or horizon < end):
        end = horizon
        steps.append(f"no firmer later bound in the text: assumed written within "
                     f"{HORIZON_YEARS} years of it")
    return Reference(DateRange(start, end), "; ".join(steps), tuple(sorted(evidence)))


def _explain_lower(latest: _Clue, lower: _Clue) -> str:
    text = f"after {latest.text!r} (latest dated event, sentence {latest.index})"
    if lower is not latest:
        when = lower.range.start.isoformat()
        when = when if lower.text[-1:].isdigit() else when[:7]
        text += (f"; after {lower.text!r} read as {when} "
                 f"(named without a year, so not older than that event; sentence {lower.index})")
    return text


def _gaps(found: Found, dated: list[_Clue], latest: _Clue, start: dt.date) -> Iterator[Gap]:
    """A :data:`Gap` for each gap statement the text makes."""
    # One predecessor per distinct range: repeating a date adds nothing but work.
    predecessors = list({c.range: c for c in reversed(dated) if c.note == "predecessor"}.values())
    predecessors.reverse()
    for index, sentence, exprs in found:
        for expr in exprs:
            bounds = duration_days(expr)
            if bounds is None or bounds[1] > _MAX_GAP_DAYS:
                continue
            order = _gap_order(sentence, expr)
            if order == 1:
                yield from _first_since(index, expr, bounds, predecessors, start)
            elif order:
                end = later(latest.range.end, bounds[1], up=True)
                note = (f"{expr.text!r} counts back to no earlier than {latest.text!r} "
                        f"→ by {end.isoformat()} (sentence {index})")
                yield DateRange(min(start, end), end), note, {index}, False


def _gap_order(sentence: str, expr: TimeExpr) -> int:
    """1 for "first … in <gap>" or "<gap> hiatus", n for "n-th … in <gap>", else 0."""
    match = _ORDINAL_GAP.search(_before(sentence, expr, 110))
    if match:
        return ORDINALS.get(match["ord"].lower(), 5)
    return 1 if _SILENCE.match(sentence, expr.end) else 0


def _first_since(index: int, expr: TimeExpr, bounds: tuple[float, float],
                 predecessors: list[_Clue], start: dt.date) -> Iterator[Gap]:
    """"first in more than a decade" + "since March 2011": predecessor + gap, for every dated
    predecessor consistent with the lower bound (their hull when several fit)."""
    fits = []
    for clue in predecessors:
        rng = DateRange(later(clue.range.start, bounds[0], up=False),
                        later(clue.range.end, bounds[1], up=True))
        if rng.end >= start:
            fits.append((rng, clue))
    if not fits:
        return
    hull = fits[0][0]
    for rng, _ in fits[1:]:
        hull = hull.hull(rng)
    since = ", ".join(repr(c.text) for _, c in fits)
    note = (f"{expr.text!r} since {since} → {hull.start.isoformat()}..{hull.end.isoformat()} "
            f"(sentences {', '.join(str(i) for i in sorted({index, *(c.index for _, c in fits)}))})")
    yield hull, note, {index, *(c.index for _, c in fits)}, True


def later(day: dt.date, days: float, up: bool) -> dt.date:
    """``day`` plus a span of ``days``. Spans of two months or more are counted in calendar
    months, rounded outward (down to a month's first day for a lower bound, up to its last
    day for an upper one), so "two years after March 2031" is March 2033, not 28 February."""
    if days < 60:
        return day + dt.timedelta(days=math.ceil(days) if up else math.floor(days))
    months = days / UNIT_DAYS["M"]
    months = math.ceil(months - 1e-9) if up else math.floor(months + 1e-9)
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1] if up else 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
