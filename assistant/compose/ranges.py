"""The other end of a range as a position of its own: "Estimates range from $2.1 billion to
$3.4 billion" states two figures. When another report gives one end as its own figure, the range
spans the reports' estimates, so its other end is a rival value, cited to the range's sentence.
A range no other report's figure meets ("from $1,000 to $50,000 a home") may be a spread, not
a disagreement, and adds nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.values import Value, same, values_of
from assistant.compose.groups import Group

_OPENS = re.compile(r"\b(?:from|between)\s+$", re.I)  # just before the range's first figure
_JOINS = re.compile(r"\s*(?:to|and|-|–)\s*")  # between its two figures


def range_ends(kind: str, best: Group, groups: Sequence[Group]) -> list[Group]:
    """Groups for the far ends of ranges whose near end is ``best``'s value, when a report
    without such a range states that value too; existing groups take the members they equal.
    ``groups`` are all the value groups (``best`` among them)."""
    ranged = [(m, end) for m in best.members if (end := _far_end(kind, m.sentence.text, m.value))]
    pointed = {m.sentence.doc_id for m in best.members} - {m.sentence.doc_id for m, _ in ranged}
    if not ranged or not pointed:
        return []
    found: list[Group] = []
    for member, end in ranged:
        home = next((g for g in [*groups, *found] if same(g.value, end)), None)
        if home is best:
            continue
        if home is None:
            home = Group(end)
            found.append(home)
        home.members.append(replace(member, value=end))
        if home not in found:
            found.append(home)
    return found


def _far_end(kind: str, text: str, value: Value) -> Value | None:
    """The value after ``value`` when the two make a range ("from A to B", "between A and B")."""
    if not _OPENS.search(text[:value.start]):
        return None
    join = _JOINS.match(text, value.end)
    if join is None:
        return None
    return next((v for v in values_of(text, kind) if v.start == join.end()), None)
