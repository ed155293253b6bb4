"""Whether a value can answer the question at all, wherever it stands: it counts what the
question counts, measures what the question measures (a share, a vote split, a height …), is
not a name the question itself gives, and is not a qualified role ("deputy governor" for "the
governor")."""

from __future__ import annotations

import re

from assistant.entities import same_entity
from assistant.evidence.counting import counts_asked
from assistant.query import Query
from assistant.text import stem, words
from assistant.values import Value

_QUALIFIERS = frozenset("deputy vice assistant acting former ex associate interim junior".split())

# Words of a numeric question that say which family of number answers it.
_FAMILY_HINTS = [
    (re.compile(r"\b(?:vote|votes|voted|split|margin)\b", re.I), ("split:",)),
    (re.compile(r"\b(?:percent|percentage|rate|inflation|%|share|proportion)\b", re.I),
     ("percent:", "bp:")),
    (re.compile(r"\bbasis points?\b|\bpoints?\b", re.I), ("bp:",)),
    (re.compile(r"\bhow (?:high|tall|far|deep|wide|long a distance)\b|\b(?:height|distance|"
                r"depth)\b", re.I), ("length:",)),
]


def _qualified_role(query: Query, value: Value) -> bool:
    """"Deputy Governor X" does not answer "who is the governor?" (nor a former one)."""
    role = [w.lower() for w in (value.noun or "").split()]
    asked = set(words(query.text))
    return len(role) > 1 and role[-1] in asked and any(
        w in _QUALIFIERS and w not in asked for w in role[:-1])


def _family(value: Value) -> str:
    """What a value measures ("percent", "count", "length" …): a share and a head count are
    not two answers to one question, so they never make a disagreement."""
    return value.key.split(":", 1)[0]


def _family_ok(query: Query, value: Value) -> bool:
    for pattern, prefixes in _FAMILY_HINTS:
        if pattern.search(query.text):
            return value.key.startswith(prefixes)
    return True


def _fits(query: Query, value: Value, asked: str | None = None) -> bool:
    """A counted value must count what the question counts (``asked``: the stem of the noun its
    "how many" counts, read off its parse, :func:`~assistant.evidence.counting.asked_count`;
    "how many vehicles" → vehicles, not the "11 fires" in them; "how many people invested" →
    investors too, see :func:`~assistant.evidence.counting.counts_asked`), and a name the
    question itself gives is not its answer ("who killed X?" is not "X")."""
    if value.kind in ("person", "place"):
        if value.kind == "person" and _qualified_role(query, value):
            return False
        return not any(same_entity(value.text, e) or value.text.lower().endswith(e.lower())
                       for e in query.entities)
    if value.kind == "date" and any(value.text.lower() in t.lower() for t in query.times):
        return False
    if value.kind == "number" and not _family_ok(query, value):
        return False
    if value.noun is None or value.kind != "number" or not value.key.startswith("count:"):
        return True
    wanted = frozenset(stem(w) for w in query.focus)
    counted = value.counted or frozenset({stem(value.noun)})
    return not wanted or counts_asked(counted, asked, wanted)
