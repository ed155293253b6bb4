"""Value groups: the scored sentences that state one value (by :func:`assistant.values.same`),
strongest first, and which rival groups are close enough to the best one to stand beside it as
positions of their own (about as strong, about as much about the question, measuring the same
thing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.citations import Citations, attributed
from assistant.retrieval import Corpus
from assistant.values import Value, same
from assistant.compose.fits import _family
from assistant.compose.scoring import Scored

POSITION_MARGIN = 0.25  # a rival value counts when its best sentence scores this close
COVERAGE_MARGIN = 0.1  # … and is about as much about the question as the best one
RIVAL_SUPPORT = 0.15  # … and its sentences support the question by meaning about as well
MAX_QUOTES = 3


@dataclass
class Group:
    """Sentences stating one value."""

    value: Value
    members: list[Scored] = field(default_factory=list)

    @property
    def strength(self) -> float:
        return max(m.score for m in self.members) + 0.05 * (len(self.docs) - 1)

    @property
    def coverage(self) -> float:
        return max(m.coverage for m in self.members)

    @property
    def docs(self) -> list[str]:
        return list(dict.fromkeys(m.sentence.doc_id for m in self.members))


def _groups(relevant: Sequence[Scored]) -> list[Group]:
    groups: list[Group] = []
    for item in relevant:
        home = next((g for g in groups if same(g.value, item.value)), None)
        if home is None:
            home = Group(item.value)
            groups.append(home)
        home.members.append(item)
    return sorted(groups, key=lambda g: -g.strength)


def _close_rivals(best: Group, others: Sequence[Group]) -> list[Group]:
    """The groups that may stand beside ``best`` as positions of their own."""
    return [g for g in others if g.strength >= best.strength - POSITION_MARGIN
            and g.coverage >= best.coverage - COVERAGE_MARGIN
            and _family(g.value) == _family(best.value)]


def _cited(cites: Citations, group: Group, corpus: Corpus) -> tuple[int, ...]:
    """The numbers of the citations of the group's best sentences (at most :data:`MAX_QUOTES`)."""
    return cites.numbers(attributed(m.sentence, corpus) for m in group.members[:MAX_QUOTES])
