"""The kind of value a question asks for, as the entity labels of spaCy's recogniser.

Read from the question word and the word it governs (English grammar, not a topic): "when" asks
for a date or time; "how many/much/long/far/…" for a number of some kind; "who" for a person or an
organisation; "where" for a place. Any other question (what, which, why, how did …) may be
answered by any sentence, so no label is required (None).
"""

from __future__ import annotations

import re

from assistant.language import Entity, Parsed
from assistant.language.lexicon import TIME_NOUNS, WH_WORDS

TIME = frozenset({"DATE", "TIME"})
NUMBER = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
DURATION = TIME | NUMBER
AGENT = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE = frozenset({"GPE", "LOC", "FAC", "ORG"})


def expected_labels(parsed: Parsed) -> frozenset[str] | None:
    """Entity labels one of which a sentence must hold to state the answer, or None."""
    tokens = [t.text.lower() for t in parsed.tokens]
    for i, word in enumerate(tokens):
        if _subordinate(parsed, i) and WH_WORDS.intersection(tokens[:i]):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word == "how" and after == "long":
            return DURATION
        if word == "how" and after and (after in ("many", "much")
                                        or parsed.tokens[i + 1].pos in ("ADJ", "ADV")):
            return NUMBER
        if word in ("what", "which") and after in TIME_NOUNS:
            return TIME
        if word == "when":
            return TIME
        if word in ("who", "whom", "whose"):
            return AGENT
        if word == "where":
            return PLACE
    return None


# Clauses that modify the asked event rather than ask: "what did she say *when* she conceded?",
# "which is the street *where* it burst?". After the question's own question word, theirs does
# not say what kind of answer is wanted ("tell me *when* it ended" has no other).
_SUBORDINATE = frozenset({"advcl", "relcl", "acl"})


def _subordinate(parsed: Parsed, i: int) -> bool:
    """Whether token ``i`` opens a subordinate clause (its head is that clause's verb)."""
    head = parsed.tokens[parsed.tokens[i].head]
    return parsed.tokens[i].head != i and head.dep in _SUBORDINATE


def entities_for(parsed: Parsed, labels: frozenset[str]) -> tuple[Entity, ...]:
    """The entities of ``parsed`` that can state a value of ``labels``. A number asked for
    includes a measured span of time ("187 seconds", "a 34-day strike"), which the recogniser
    labels DATE or TIME: a cardinal numeral followed by a noun inside the entity, unlike a
    calendar date ("Sept. 9", "14 November 2024") whose numerals follow or stand alone, or a
    span an ordinal ranks ("the first quarter of next year")."""
    found = parsed.entities_of(*labels)
    if labels != NUMBER:
        return found
    spans = [e for e in parsed.entities_of(*TIME) if _measured(parsed, e)]
    return tuple(sorted(found + tuple(spans) + _bare_figures(parsed), key=lambda e: e.start))


# Digits alone (grouped or not), other than four: what the recogniser may label a date or time
# though no calendar date or clock time is written so.
_BARE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}|\d{5,}")


def _bare_figures(parsed: Parsed) -> tuple[Entity, ...]:
    """Bare figures that the recogniser labels a date or a time ("a population of 175915", "the
    population was 61"), as CARDINAL entities: digits alone, not four of them, state no
    calendar date or clock time (a year is four digits; a day or hour comes with its month,
    weekday or clock word, which the entity then holds)."""
    return tuple(Entity(e.text, "CARDINAL", e.start, e.end) for e in parsed.entities_of(*TIME)
                 if _BARE.fullmatch(e.text))


def _measured(parsed: Parsed, entity: Entity) -> bool:
    inside = [t for t in parsed.tokens if entity.start <= t.start and t.end <= entity.end
              and t.pos not in ("PUNCT", "SPACE")]
    # a cardinal: an ordinal ranks ("the *first* quarter of next year"), it measures nothing
    return any(a.like_num and a.pos == "NUM" and b.pos == "NOUN"
               for a, b in zip(inside, inside[1:]))
