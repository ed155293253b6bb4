"""Which value a sentence gives for the question: of the wanted kind, fitting the question
(:mod:`.fits`), and standing in the clause where most of the question's focus words are (see
:mod:`assistant.clauses`); a date anchored to another event answers only a question about that
event. "Who said …?" asks for the speaker instead (:mod:`.who_said`)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.clauses import clause_of, clauses
from assistant.query import Query
from assistant.text import stem
from assistant.values import Value, values_of
from assistant.evidence.counting import counted_stems
from assistant.language import Parsed
from assistant.compose.fits import _fits
from assistant.compose.positions import _word_positions
from assistant.compose.who_said import _ASKS_SPEAKER, _speaker_value

_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.I)
_SUBORDINATOR = re.compile(r"\b(?:after|before|since|until|following|ahead of)\b", re.I)


def _choose_value(query: Query, text: str, parsed: Parsed | None = None,
                  asked: str | None = None) -> Value | None:
    """The value of the wanted kind that the sentence attaches to the question's focus.

    It must stand in the clause where most of the focus words are (see :mod:`assistant.clauses`);
    a sentence whose only values belong to another predicate offers none. With the sentence's
    ``parsed`` text, a count's counted thing is read off the parse (:func:`_with_counted`) and
    must be ``asked``, the noun the question's "how many" counts, when it has one (:func:`_fits`).
    """
    if query.kind == "person" and _ASKS_SPEAKER.search(query.text):
        return _speaker_value(query, text)
    wanted = {stem(f) for f in query.focus}
    spots = [i for i, w in _word_positions(text) if w in wanted]
    spans = clauses(text)
    values = [v for v in _with_counted(values_of(text, query.kind), parsed) if _fits(query, v, asked)
              and (not v.anchored or _about_anchor(text, v, spots, spans))]
    if not values:
        return None
    if not spots or len(spans) == 1:
        return values[0] if not spots else min(values, key=lambda v: _distance(v, spots))
    hits = [0] * len(spans)
    for spot in spots:
        hits[clause_of(spans, spot)] += 1
    best = max(hits)
    attached = [v for v in values if hits[clause_of(spans, v.start)] == best]
    return min(attached, key=lambda v: _distance(v, spots)) if attached else None


def _with_counted(values: list[Value], parsed: Parsed | None) -> list[Value]:
    """The values, each count with what it counts by the parse ("340,000 electric *vehicles*":
    the word after the number is only an adjective)."""
    if parsed is None:
        return values
    return [replace(v, counted=counted_stems(parsed, v.start, v.end))
            if v.key.startswith("count:") else v for v in values]


def _about_anchor(text: str, value: Value, spots: list[int], spans) -> bool:
    """An anchored date ("… since X took the city in June 2014") answers only a question about
    the anchor X: more of the question's words must lie in the anchor phrase than outside it."""
    start, end = spans[clause_of(spans, value.start)]
    subordinators = list(_SUBORDINATOR.finditer(text, start, value.start))
    if not subordinators:
        return False
    anchor = subordinators[-1].start()
    if subordinators[-1].group().lower() == "since" and _NEGATED.search(text, start, anchor):
        return True  # "not seen in public since … in July 2014": when it last happened
    inside = sum(1 for i in spots if anchor <= i < value.end)
    return inside > 0 and inside >= sum(1 for i in spots if start <= i < end) - inside


def _distance(value: Value, spots: list[int]) -> int:
    return min(abs(value.start - i) for i in spots)
