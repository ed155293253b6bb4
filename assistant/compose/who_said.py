"""Who said it: for "who said …?" the answer is the speaker of the sentence, not a name it
mentions, and several speakers answer at once (a list, never a disagreement)."""

from __future__ import annotations

import re

from assistant.clauses import clauses
from assistant.query import Query
from assistant.speakers import speaker_of
from assistant.text import stem, words
from assistant.values import Value
from assistant.compose.positions import _word_positions

_PRONOUNS = frozenset("he him his she her hers they them their it its i we you".split())
_ASKS_SPEAKER = re.compile(r"\b(?:said|say|says|told|tell|claimed|claim|warned|announced|stated|"
                           r"according|insisted|argued)\b", re.I)


def _speaker_value(query: Query, text: str) -> Value | None:
    """For "who said …?": the speaker of the clause holding the question's words, named or
    described ("a senior general"); the whole sentence's speaker when no clause stands out."""
    names = {stem(w) for n in query.entities for w in words(n)}
    weight = {stem(f): 0.5 if stem(f) in names else 1.0 for f in query.focus}
    spans = clauses(text)
    hits = [sum(weight[w] for i, w in _word_positions(text) if w in weight and a <= i < b)
            for a, b in spans]
    start, end = spans[hits.index(max(hits))] if max(hits, default=0) else (0, len(text))
    speaker, offset = speaker_of(text[start:end]), start
    if speaker is None:
        speaker, offset = speaker_of(text), 0
    if speaker is None or speaker.kind != "person" or speaker.text.lower() in _PRONOUNS:
        return None
    return Value("person", f"person:{speaker.key}", speaker.text, speaker.text,
                 offset + speaker.start, offset + speaker.end)


def _many_answers(query: Query) -> bool:
    """Questions that several values answer at once ("who said …?"): no disagreement."""
    return query.kind == "person" and bool(_ASKS_SPEAKER.search(query.text))
