"""Temporal expressions in one sentence, at exact offsets, with a normalised value.

Contract of :func:`find_time_expressions`: it never raises; every result satisfies
``sentence[e.start:e.end] == e.text``; results are in order and do not overlap (when two
readings overlap, the longer one wins, then the more specific rule). Spans leave out a leading
preposition or article ("in October" → ``October``) but keep modifiers ("late on Friday",
"about 40 minutes", "mid-2031"). Resolving a value against a reference date is
:mod:`index.resolution`'s job; nothing here guesses a year. The grammar (vocabulary, patterns,
one rule per shape) lives in :mod:`index.temporal_rules`.

Kinds and the value grammar:

* ``"date"`` — calendar fields stated in the text. Absolute: ``YYYY``, ``YYYY-MM``,
  ``YYYY-MM-DD``, decade ``199X``, quarter ``YYYY-Q1``, half ``YYYY-H1``, season ``YYYY-SU``
  (``SP SU FA WI``), each optionally followed by a part ``-early``/``-mid``/``-late``
  ("mid-2031" → ``2031-mid``, "late 1970s" → ``197X-late``). Partial (no year): ``--MM-DD``
  ("April 17" → ``--04-17``).
* ``"relative"`` — needs the reference date. The value is comma-separated terms:
  ``unit±N`` shifts from the reference's calendar unit (``year-1`` last year, ``year+0`` this
  year, ``month-4`` four months ago, ``week-1``, ``day-1`` yesterday); ``field=V`` fixes a field
  (``month=10``, ``weekday=5`` with Monday=1, ``season=SU``, ``quarter=1``, ``half=1``,
  ``part=early|mid|late|morning|afternoon|evening|night``); ``<ref`` / ``>ref`` keep only what
  lies before / after the reference ("earlier this year" → ``year+0,<ref``, "last October" →
  ``month=10,<ref``). A field without a shift means its latest occurrence not after the
  reference ("in October" → ``month=10``). Vague offsets from an event ("days after …") are
  ``after:days`` / ``before:weeks`` with ``direction`` and the anchor set, ``offset`` None.
* ``"duration"`` — ISO 8601 (``PT40M``, ``PT3H``, ``P2Y``, ``P5W``, ``P30Y`` for three decades,
  ``P0.5Y``); a range is ``P12W..P14W``. ``approx`` marks about/nearly/more than/up to….
* ``"anchored"`` — a definite offset from an event: "three days after the vote" has
  value ``+P3D``, ``offset="P3D"``, ``direction=1`` and the anchor phrase's text and offsets.

Years need a cue (a month, a preposition such as "in"/"since", early/mid/late): a bare "2000"
in "2000 m" is a quantity. Clock times and numeric slash dates ("12/09/2031") are not read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from index.temporal_rules import GATES, RULES, YEAR

__all__ = ["TimeExpr", "find_time_expressions"]
I = re.IGNORECASE


@dataclass(frozen=True)
class TimeExpr:
    """One temporal expression; see the module docstring for ``kind`` and ``value``.

    For ``anchored`` (and vague ``after:days`` relatives): ``direction`` is +1 after / -1
    before, ``offset`` the ISO duration (None when vague) and ``anchor_*`` the event phrase
    it counts from (``sentence[anchor_start:anchor_end] == anchor_text``), None when absent.
    """

    kind: str
    text: str
    start: int
    end: int
    value: str | None
    approx: bool = False
    offset: str | None = None
    direction: int = 0
    anchor_text: str | None = None
    anchor_start: int | None = None
    anchor_end: int | None = None


# "a day"/"an hour" is a duration only after one of these words ("in a year", not "€5 a month").
_ARTICLE_CUES = re.compile(r"\b(?:for|in|within|than|over|past|last|after|of|under)\s+$", I)
# "2031 and 2032", "2005 to 2009", "1987, 1988": the year after a dated year.
_YEAR_LIST = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|until|through)\s+|"
                        rf"\s*[-–]\s*)(?P<x>{YEAR})\b")
# An anchor phrase ends at clause punctuation, the sentence's final stop, or "and"/"but"
# opening a new clause ("… before the election and the vote was annulled").
_STOP = re.compile(r"[,;:!?()\[\]\"“”«»—–]|\.[\"'”’)\]]*\s*$|\s+(?:and|but)\s+(?=(?:the|a|an|he|"
                   r"she|it|they|we|his|her|its|their)\s)", I)
# Words an anchor phrase cannot end with ("… the jury was sworn in" → "the jury was sworn").
_TRAILING = frozenset("and or but in on at of for since from to by when while as the a an".split())


def find_time_expressions(sentence: str) -> list[TimeExpr]:
    """Temporal expressions in ``sentence``, ordered, non-overlapping, at exact offsets."""
    if not isinstance(sentence, str):
        return []
    return list(_found(sentence) if len(sentence) > _CACHED_CHARS else _cached(sentence))


def _found(sentence: str) -> tuple[TimeExpr, ...]:
    found = _choose(_candidates(sentence))
    found = _add_year_lists(sentence, found)
    events = [e.start for e in found if _counts_from_event(e)]
    dates = {e.start: e for e in found if e.kind == "date"}
    return tuple(_with_anchor(sentence, expr, events, dates) for expr in found)


# The event index reads each sentence twice (its report's reference date, then what it dates),
# report by report, and the rules are the slow part of both: a pure function of the text, so
# cached, for sentence-sized texts only (a cache of whole documents would hold megabytes).
_CACHED_CHARS = 2000
_cached = lru_cache(maxsize=16384)(_found)


def _candidates(sentence: str) -> list[tuple[int, TimeExpr]]:
    """Every reading any rule gives, tagged with the rule's priority (lower is stronger)."""
    out: list[tuple[int, TimeExpr]] = []
    open_gates = {name for name, gate in GATES.items() if gate.search(sentence)}
    for priority, (gate, pattern, build) in enumerate(RULES):
        if gate not in open_gates:
            continue
        for match in pattern.finditer(sentence):
            start, end = match.span("x")
            if start == end or _bare_article(sentence, match):
                continue
            built = build(match)
            if built:
                kind, value, approx = built
                out.append((priority, TimeExpr(kind, sentence[start:end], start, end, value, approx)))
    return out


def _bare_article(sentence: str, match: re.Match[str]) -> bool:
    """True for "a week" / "an hour" with neither a qualifier nor a cue word before it."""
    groups = match.groupdict()
    qty = (groups.get("qty") or "").lower()
    counted = groups.get("dir") is None and groups.get("unit") is not None
    if counted and qty in ("a", "an") and not groups.get("mod") and not match["x"].endswith("ago"):
        start = match.start("x")  # the cue is one short word: look at a short window only
        return not _ARTICLE_CUES.search(sentence[max(0, start - 12):start])
    return False


def _choose(candidates: list[tuple[int, TimeExpr]]) -> list[TimeExpr]:
    """Longest readings first, then by priority; a reading overlapping a chosen one is dropped."""
    starts: list[int] = []  # chosen spans, kept sorted and disjoint, so bisect finds neighbours
    chosen: list[TimeExpr] = []
    for _, expr in sorted(candidates, key=lambda c: (c[1].start - c[1].end, c[0], c[1].start)):
        at = bisect.bisect_right(starts, expr.start)
        if (at and chosen[at - 1].end > expr.start) or (at < len(starts) and starts[at] < expr.end):
            continue
        starts.insert(at, expr.start)
        chosen.insert(at, expr)
    return chosen


def _add_year_lists(sentence: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """"in 2031 and 2032", "from 2005 to 2009": a year right after a dated year is a year too."""
    out = list(found)
    for index, expr in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(sentence)
        while expr.kind == "date" and expr.text[-4:].isdigit():
            match = _YEAR_LIST.match(sentence, expr.end, limit)
            if not match:
                break
            s, e = match.span("x")
            expr = TimeExpr("date", sentence[s:e], s, e, sentence[s:e])
            out.append(expr)
    return sorted(out, key=lambda e: e.start)


def _with_anchor(sentence: str, expr: TimeExpr, events: list[int],
                 dates: dict[int, TimeExpr]) -> TimeExpr:
    """Anchored and vague after/before expressions get their direction and event phrase."""
    value = expr.value or ""
    if expr.kind == "anchored":
        direction, offset = (1 if value[0] == "+" else -1), value[1:]
    elif expr.kind == "relative" and value.split(":")[0] in ("after", "before"):
        direction, offset = (1 if value.startswith("after") else -1), None
    else:
        return expr
    span = _anchor_span(sentence, expr.end, events, dates)
    text = sentence[span[0]:span[1]] if span else None
    return TimeExpr(expr.kind, expr.text, expr.start, expr.end, expr.value, expr.approx, offset,
                    direction, text, span[0] if span else None, span[1] if span else None)


def _counts_from_event(expr: TimeExpr) -> bool:
    """True for "three days after" and "weeks after": expressions that open a new anchor."""
    return expr.kind == "anchored" or (expr.value or "").startswith(("after:", "before:"))


def _anchor_span(sentence: str, at: int, events: list[int],
                 dates: dict[int, TimeExpr]) -> tuple[int, int] | None:
    """The event phrase after "after"/"before": a date that starts it, or text up to a clause
    break or the next offset expression (``events``: their sorted starts), without trailing
    function words."""
    start = at
    while start < len(sentence) and sentence[start].isspace():
        start += 1
    if start in dates:
        return start, dates[start].end
    stop = _STOP.search(sentence, start)
    end = stop.start() if stop else len(sentence)
    following = bisect.bisect_right(events, start)
    if following < len(events):
        end = min(end, events[following])
    piece = _strip_trailing(sentence[start:end])
    return (start, start + len(piece)) if piece else None


def _strip_trailing(piece: str) -> str:
    """``piece`` without trailing whitespace and function words (a loop, not a regex: a regex
    anchored at the end rescans long runs of such words quadratically)."""
    piece = piece.rstrip()
    while piece:
        cut = max(piece.rfind(" "), piece.rfind("\n"), piece.rfind("\t"), piece.rfind("\r"))
        if piece[cut + 1:].lower() not in _TRAILING:
            return piece
        piece = piece[:max(cut, 0)].rstrip()
    return piece
