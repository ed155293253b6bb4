"""Where value groups differ: what kind of disagreement it is (sources conflicting about one
instance, different instances, or a later report revising a figure, as the event index judges)
and how it is written: a head line, then one position line (``- value [n]``) and one
:class:`~assistant.types.Position` per group."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.citations import Citations
from assistant.instances import EventIndex
from assistant.query import Query
from assistant.retrieval import Corpus
from assistant.types import (CONFLICT, DIFFERENT_EVENTS, POSITION, TEXT, UPDATE, Disagreement,
                             Line, Position)
from assistant.compose.groups import Group, _cited

_DIFFER = {CONFLICT: "The sources differ:", DIFFERENT_EVENTS: "Different instances, different values:",
           UPDATE: "A later report revises the figure:"}


def _kind_of(groups: Sequence[Group], index: EventIndex):
    """The kind of disagreement between value groups, and the instance each speaks of."""
    return index.kind_of([([m.sentence for m in g.members],
                           [index.of_value(m.sentence, m.value.start) for m in g.members])
                          for g in groups])


def _disagreement(query: Query, chosen: Sequence[Group], cites: Citations, corpus: Corpus,
                  index: EventIndex) -> tuple[list[Line], tuple[Disagreement, ...]]:
    """The lines stating each group's value as a position, and the disagreement they make."""
    kind, owners = _kind_of(chosen, index)
    lines = [Line(TEXT, _DIFFER[kind])]
    positions = []
    for group, owner in zip(chosen, owners):
        lines.append(Line(POSITION, group.value.display, _cited(cites, group, corpus)))
        positions.append(Position(group.value.display, cites.numbers_of(group.members),
                                  tuple(corpus.source(d) for d in group.docs),
                                  index.label(owner) if owner is not None and kind != CONFLICT
                                  else None))
    return lines, (Disagreement(query.text, kind, tuple(positions)),)
