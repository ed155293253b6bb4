"""Whether a sentence's value belongs to the event the question asks about.

"When was he born?" is not answered by "Ohio-born, he has run the firm for six years": the
sentence has a date and the word "born", but the date belongs to "run". A value answers the
question's event when, in the sentence's dependency parse, the word for that event governs it
(the value lies under it) — "born in 1971", "recalled 90,000 cars", "linked to 4 fires".
"""

from __future__ import annotations

from assistant.language import Entity, Parsed


def governs(parsed: Parsed, lemma: str, entity: Entity) -> bool:
    """True when a token with ``lemma`` is an ancestor of (or inside) ``entity`` in ``parsed``."""
    return distance(parsed, {lemma}, entity) is not None


def distance(parsed: Parsed, lemmas: set[str], entity: Entity) -> int | None:
    """How many steps up the parse from ``entity`` the nearest token with one of ``lemmas`` is
    (0: inside it), or None when none governs it."""
    at = parsed.token_at(entity.start)
    for steps in range(len(parsed.tokens)):  # bounded walk up the tree (a root points at itself)
        if at is None:
            return None
        if parsed.tokens[at].lemma.lower() in lemmas:
            return steps
        if parsed.tokens[at].head == at:
            return None
        at = parsed.tokens[at].head
    return None


def attached(parsed: Parsed, event: str | None, labels: frozenset[str]) -> bool:
    """Whether ``parsed`` holds a value with one of ``labels`` that the ``event`` word governs;
    with no event word in the sentence (it is phrased otherwise), any such value counts."""
    values = parsed.entities_of(*labels)
    if not values:
        return False
    if event is None or event not in {t.lemma.lower() for t in parsed.tokens}:
        return True
    return any(governs(parsed, event, v) for v in values)
