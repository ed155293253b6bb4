"""Binding months named without a year to the one known instance that fits.

A report that says "its first hearing since March" or "its last launch was in March last year"
may not be datable alone. When other reports date exactly one instance of the same story in
such a month, and that instance fits the report's own constraints (its reference, the older
instances it names), the mention is bound to it, and the report's reference follows: "March last
year" bound to March 2041 means the report was written in 2042.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from assistant.event_dating import Earlier, Evidence, mentions, settle
from index.resolution import DateRange, resolve
from index.temporal import TimeExpr

_BIND_YEARS = 4  # how far after an instance a report naming it without a year may be written


def bind_partial_dates(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Bind each undated "in March"-style earlier mention to the single known instance month
    that fits (see module doc); reports with nothing to bind are returned unchanged."""
    months = _known_months(evidence)
    return [_bind(ev, months) for ev in evidence]


def _known_months(evidence: Sequence[Evidence]) -> list[tuple[DateRange, frozenset[str]]]:
    """Months in which some report dates an instance to within that month, each with the
    event words of the reports that do (so a story binds only to its own instances)."""
    found: dict[DateRange, frozenset[str]] = {}
    for ev in evidence:
        for mention in mentions(ev):
            month = _month_of(mention.date) if mention.date is not None else None
            if month is not None:
                found[month] = found.get(month, frozenset()) | ev.story
    return sorted(found.items(), key=lambda item: item[0].start)


def _month_of(rng: DateRange) -> DateRange | None:
    if (rng.start.year, rng.start.month) != (rng.end.year, rng.end.month):
        return None
    last = calendar.monthrange(rng.start.year, rng.start.month)[1]
    return DateRange(rng.start.replace(day=1), rng.start.replace(day=last))


def _bind(ev: Evidence, known: list[tuple[DateRange, frozenset[str]]]) -> Evidence:
    if all(item.mention.date is not None for item in ev.claims):
        return ev  # nothing to bind (most reports: their months need not be listed)
    months = [month for month, terms in known if terms & ev.story]
    claims, reference, notes = list(ev.claims), ev.reference, []
    for index, item in enumerate(claims):
        options = _options(item, claims, reference, months)
        if item.mention.date is not None or len({target for target, _ in options}) != 1:
            continue
        target, written = options[0]
        claims[index] = replace(item, mention=replace(item.mention, date=target))
        reference = meet(reference, written)
        notes.append(f"{item.mention.date_text!r} is the only known instance that fits "
                     f"({target.iso()}), so written {written.start}..{written.end}")
    if not notes:
        return ev
    return replace(ev, claims=tuple(claims), earlier=settle(claims, reference),
                   reference=reference, reference_how="; ".join([ev.reference_how, *notes]))


def _options(item: Earlier, claims: list[Earlier], reference: DateRange | None,
             months: list[DateRange]) -> list[tuple[DateRange, DateRange]]:
    """(instance month, when the report must then have been written) for each known month
    the undated expression can denote, given the report's reference and its older mentions."""
    fields = _month_field(item.statement.expr) if item.mention.date is None else None
    if fields is None:
        return []
    out = []
    for month in months:
        if month.start.month != fields[0]:
            continue
        target = month if fields[1] is None else _day_in(month, fields[1])
        written = _written_when(item.statement.expr, target) if target else None
        if written and (reference is None or written.overlaps(reference)) \
                and _after_older(item, claims, target):
            out.append((target, written))
    return out


def _month_field(expr: TimeExpr) -> tuple[int, int | None] | None:
    """(month, day or None) of "March", "March last year", "last March", "May 28"."""
    value = expr.value or ""
    if expr.kind == "date" and value.startswith("--"):
        return int(value[2:4]), int(value[5:7])
    terms = dict(t.split("=", 1) for t in value.split(",") if "=" in t)
    if expr.kind == "relative" and "month" in terms and "weekday" not in terms:
        return int(terms["month"]), int(terms["day"]) if "day" in terms else None
    return None


def _day_in(month: DateRange, day: int) -> DateRange | None:
    if day > month.end.day:
        return None
    point = month.start.replace(day=day)
    return DateRange(point, point)


@lru_cache(maxsize=4096)
def _written_when(expr: TimeExpr, target: DateRange) -> DateRange | None:
    """The months in which writing ``expr`` denotes ``target`` (both ends of each month
    checked), as one range; None when none within :data:`_BIND_YEARS`. The months that work
    are one run ("March" written from March to the next February), so the scan stops after it."""
    good: list[DateRange] = []
    year, month = target.start.year, target.start.month
    for step in range(12 * _BIND_YEARS + 1):
        y, m = year + (month - 1 + step) // 12, (month - 1 + step) % 12 + 1
        first, last = dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        if all(resolve(expr, DateRange(d, d)) == target for d in (first, last)):
            good.append(DateRange(first, last))
        elif good:
            break
    return good[0].hull(good[-1]) if good else None


def _after_older(item: Earlier, claims: list[Earlier], target: DateRange) -> bool:
    """The bound instance must come after the ones the report places before it."""
    order = item.mention.order
    older = [c.mention.date for c in claims if order is not None and c.mention.order
             and c.mention.order > order and c.mention.date is not None]
    return all(d.end < target.start for d in older)


def meet(a: DateRange | None, b: DateRange) -> DateRange:
    if a is None or not a.overlaps(b):
        return b if a is None else a
    return DateRange(max(a.start, b.start), min(a.end, b.end))
