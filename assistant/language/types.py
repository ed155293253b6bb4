"""The values a :class:`~assistant.language.pipeline.LanguagePipeline` returns.

All are frozen and hashable, so a parse can be cached and shared between threads and chat
sessions without copying. Every offset is a Python ``str`` index (code points, not bytes) into
``Parsed.text``, half-open ``[start, end)``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

# The OntoNotes 5 entity labels, the only ones an Entity may carry.
ENTITY_LABELS = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
})

# Universal POS tags that carry no word: left out of Parsed.lemmas().
_NOT_WORDS = frozenset({"PUNCT", "SPACE"})


@dataclass(frozen=True, slots=True)
class Token:
    """One token. ``text == parsed.text[start:end]`` and never empty or all white space.

    ``lemma``/``pos``/``tag``/``dep`` are the pipeline's (Universal POS in ``pos``, the
    fine-grained Penn tag in ``tag``). ``head`` is the index of the head token in the same
    :class:`Parsed`; a root points at itself. ``ent_type`` is the label of the entity the token
    lies in, or ``""``.
    """

    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str
    is_stop: bool
    like_num: bool


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: ``text == parsed.text[start:end]``; ``label`` is in :data:`ENTITY_LABELS`.

    It starts at a token's start and ends at a token's end, and every token inside it has
    ``ent_type == label``.
    """

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Parsed:
    """The analysis of one text: its tokens in text order (non-overlapping, covering every
    non-space character) and its entities in text order."""

    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]

    def lemmas(self) -> tuple[str, ...]:
        """The lower-cased lemmas of the word tokens (punctuation and white space left out)."""
        return tuple(t.lemma.lower() for t in self.tokens if t.pos not in _NOT_WORDS)

    def entities_of(self, *labels: str) -> tuple[Entity, ...]:
        """The entities carrying one of ``labels``, in text order."""
        return tuple(e for e in self.entities if e.label in labels)

    def token_at(self, char_offset: int) -> int | None:
        """The index of the token covering ``char_offset``, or None (white space, out of range)."""
        i = bisect.bisect_right([t.start for t in self.tokens], char_offset) - 1
        if i >= 0 and char_offset < self.tokens[i].end:
            return i
        return None

    def children(self, i: int) -> tuple[int, ...]:
        """The indices of the tokens whose head is token ``i`` (``i`` itself excluded)."""
        return tuple(j for j, t in enumerate(self.tokens) if t.head == i and j != i)

    def subtree(self, i: int) -> tuple[int, int]:
        """``(start, end)`` of the text covered by token ``i`` and all its descendants."""
        below: dict[int, list[int]] = {}
        for j, t in enumerate(self.tokens):
            if t.head != j:
                below.setdefault(t.head, []).append(j)
        seen, todo = {i}, [i]
        while todo:  # iterative with a seen set: deep trees don't recurse, bad heads don't loop
            fresh = [j for j in below.get(todo.pop(), ()) if j not in seen]
            seen.update(fresh)
            todo.extend(fresh)
        return min(self.tokens[j].start for j in seen), max(self.tokens[j].end for j in seen)
