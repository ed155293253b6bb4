"""Candidate answer values of a wanted kind in a sentence, with keys that make equal values equal.

One type over three finders: :mod:`assistant.numbers` (amounts, counts, percentages …),
:mod:`index.temporal` (dates and durations) and :mod:`assistant.entities` (people and places).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.clauses import clause_of, clauses
from assistant.entities import find_entities, same_entity
from assistant.numbers import find_numbers, same_value
from assistant.query import AMOUNT, DATE, DURATION, NUMBER, PERSON, PLACE
from index.temporal import find_time_expressions

# A number asked for may be money: "how large a fine", "how big is the bounty" ask a size, and
# only the reports say what it is counted in.
_NUMBER_FAMILIES = {"percent", "bp", "count", "length", "volume", "mass", "split", "amount"}
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour",
                   "MIN": "minute", "S": "second"}


@dataclass(frozen=True)
class Value:
    """A value of ``kind`` found at ``[start, end)`` of a sentence.

    ``key`` is equal for equal values ("46-minute" and "46 minutes"); ``display`` is how an
    answer states it; ``noun`` is the word after a count, ``counted`` what it counts by the
    parse; ``anchored`` marks a date that only anchors another event ("two weeks
    after the start of …"), which is not the date of what the sentence reports.
    """

    kind: str
    key: str
    display: str
    text: str
    start: int
    end: int
    approx: bool = False
    anchored: bool = False
    noun: str | None = None
    magnitude: float | None = None
    # stems of what a count counts, read off the sentence's parse where there is one
    # (:func:`assistant.evidence.counting.counted_stems`); empty: only ``noun`` is known
    counted: frozenset[str] = frozenset()


def values_of(sentence: str, kind: str) -> list[Value]:
    """The values of ``kind`` in ``sentence``, in order (empty for non-value kinds)."""
    finder = {DATE: _dates, DURATION: _durations, AMOUNT: _amounts, NUMBER: _numbers,
              PERSON: _people, PLACE: _places}.get(kind)
    return finder(sentence) if finder else []


def same(a: Value, b: Value) -> bool:
    """Whether two values state the same thing (keys, names, or numbers within tolerance)."""
    if a.kind != b.kind:
        return False
    if a.key == b.key:
        return True
    if a.kind in (PERSON, PLACE):
        return same_entity(a.text, b.text)
    return same_value(a, b)


def _dates(sentence: str) -> list[Value]:
    found = []
    for expr in find_time_expressions(sentence):
        # Offsets such as "days after" name no date of their own.
        if expr.kind in ("date", "relative") and expr.value and not _offset(expr.value):
            anchored = expr.kind == "anchored" or _follows_anchor_word(sentence, expr.start)
            found.append(Value(DATE, f"date:{expr.value}", _tidy(expr.text), expr.text,
                               expr.start, expr.end, approx=expr.approx, anchored=anchored))
    return found


def _offset(value: str) -> bool:
    return value[0] in "+-" or value.startswith(("after", "before"))


def _follows_anchor_word(sentence: str, start: int) -> bool:
    """"… for the first time since X took the city and made it a base in June 2014": a date
    after a subordinator in its clause belongs to the anchor X, not to what is reported."""
    spans = clauses(sentence)
    clause_start = spans[clause_of(spans, start)][0]
    return bool(re.search(r"\b(?:after|before|since|until|following|ahead of)\b",
                          sentence[clause_start:start], re.I))


# "its first eruption in 21 years", "the third in less than three years": a gap between
# events, not how long something lasted.
_GAP = re.compile(r"\b(?:first|second|third|fourth|fifth|\w+th|only|one|last)\b[^.;]{0,60}?\b"
                  r"(?:in|for)\s+(?:(?:less|more|fewer) than\s+|almost\s+|nearly\s+|over\s+|"
                  r"just\s+over\s+|about\s+)?$", re.I)


def _durations(sentence: str) -> list[Value]:
    found = []
    for expr in find_time_expressions(sentence):
        if expr.kind == "duration" and expr.value and not _GAP.search(sentence[:expr.start]):
            seconds = _seconds(expr.value)
            found.append(Value(DURATION, f"duration:{expr.value}", _duration_display(expr),
                               expr.text, expr.start, expr.end, approx=expr.approx,
                               magnitude=seconds))
    return found


def _seconds(iso: str) -> float | None:
    """Rough length in seconds of an ISO-8601 duration such as PT46M, P1Y, P2W."""
    match = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?"
                         r"(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
                         r"(?:(\d+(?:\.\d+)?)S)?)?", iso)
    if not match:
        return None
    scale = (31_536_000, 2_592_000, 604_800, 86_400, 3_600, 60, 1)
    return sum(float(g) * s for g, s in zip(match.groups(), scale) if g)


def _duration_display(expr) -> str:
    """"46-minute" → "46 minutes"; a hedged one keeps its own words ("up to five months",
    "less than an hour"), since "about" would change what the source claims."""
    match = re.fullmatch(r"PT?(\d+(?:\.\d+)?)(Y|M|W|D|H|S)", expr.value or "")
    if not match or (expr.approx and not re.match(r"(?i)about\b", expr.text)):
        return _tidy(expr.text)
    number, unit = match.groups()
    unit = "MIN" if unit == "M" and expr.value.startswith("PT") else unit
    name = _DURATION_UNITS[unit] + ("" if float(number) == 1 else "s")
    approx = "about " if expr.approx else ""
    return f"{approx}{float(number):g} {name}"


def _amounts(sentence: str) -> list[Value]:
    """Money, and for "how much lava/ash/rain …" the measured quantities."""
    return [_numeric(AMOUNT, n) for n in find_numbers(sentence)
            if n.family in ("amount", "volume", "mass")]


def _numbers(sentence: str) -> list[Value]:
    return [_numeric(NUMBER, n) for n in find_numbers(sentence) if n.family in _NUMBER_FAMILIES]


def _numeric(kind: str, number) -> Value:
    return Value(kind, number.key, _tidy(number.display or number.text), number.text,
                 number.start, number.end,
                 approx=number.approx, noun=number.noun, magnitude=number.magnitude)


def _people(sentence: str) -> list[Value]:
    return [_entity(PERSON, e) for e in find_entities(sentence) if e.kind == "person"
            and e.text[:1].isupper()]


_LOCATIVE = re.compile(r"\b(?:in|at|near|on|inside|outside|across|between|within|along|"
                       r"around|throughout|towards?|into)\b", re.I)
_GEO_HEAD = re.compile(r"[\w-]*\s+(?:border|borders|valley|region|area|desert|province|city|"
                       r"town|village|river|coast|mountains?|island|district|camp|frontier|"
                       r"outskirts|suburbs?|countryside|airport|port|bay)\b")
_JOINED = re.compile(r"(?:\s*(?:and|or|-|–)\s*)")


def _places(sentence: str) -> list[Value]:
    """Places governed by a locative preposition, each with its phrase ("between X and Y",
    "in the X valley"); a name used as an adjective ("a US general") is not a location."""
    places = [e for e in find_entities(sentence) if e.kind == "place"]
    found, used_until = [], -1
    for i, entity in enumerate(places):
        clause = re.split(r"[,;:.!?]", sentence[:entity.start])[-1]
        governing = ([m for m in _LOCATIVE.finditer(clause)] or [None])[-1]
        if (entity.start < used_until or governing is None
                or len(clause[governing.end():].split()) > 6):
            continue
        start = entity.start - len(clause) + governing.start()
        joined = [entity]
        for nxt in places[i + 1:]:
            if not _JOINED.fullmatch(sentence[joined[-1].end:nxt.start]):
                break
            joined.append(nxt)
        end = joined[-1].end
        head = _GEO_HEAD.match(sentence, end)
        end = head.end() if head else end
        key = "place:" + "+".join(sorted({p.key for p in joined}))
        found.append(Value(PLACE, key, _tidy(sentence[start:end]), sentence[start:end], start, end))
        used_until = end
    return found


def _entity(kind: str, entity) -> Value:
    return Value(kind, f"{kind}:{entity.key}", entity.text, entity.text, entity.start,
                 entity.end, noun=entity.role)


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;:")


__all__ = ["Value", "values_of", "same"]
