"""Clauses of a sentence, so that a value is read as belonging to the predicate beside it.

"His last message was released in September 2017, two months after forces recaptured the
city": the date belongs to the release, not to the recapture. A clause runs between commas,
semicolons, colons, brackets and dashes; a clause without a verb (", in July 2014,") is an
appositive and belongs to the clause before it.
"""

from __future__ import annotations

import re

# A comma inside a number ("2,000") is not a boundary.
_CUT = re.compile(r"\s*(?:(?<!\d),|,(?!\d)|[;:()]|\s[-–—]\s|\s--\s)\s*")
_VERB = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|"
                   r"can|could|may|might|must|shall|should|says?|said|told|\w{3,}ed|\w{3,}en)\b",
                   re.I)


_SUBORDINATE = re.compile(r"^(?:\S+\s+){0,3}?(?:after|before|since|until|when|while|because|"
                          r"although|though|following|whereas|unless)\b", re.I)


def _own_clause(piece: str) -> bool:
    """A piece with a verb, or opening with a subordinator ("two weeks after …"), stands alone."""
    return bool(_VERB.search(piece) or _SUBORDINATE.search(piece))


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text``; verbless pieces merged into their predecessor."""
    spans, at = [], 0
    for cut in _CUT.finditer(text):
        if cut.start() > at:
            spans.append((at, cut.start()))
        at = cut.end()
    if at < len(text):
        spans.append((at, len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not _own_clause(text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if len(merged) > 1 and not _own_clause(text[merged[0][0]:merged[0][1]]):
        merged[:2] = [(merged[0][0], merged[1][1])]
    return merged or [(0, len(text))]


def clause_of(spans: list[tuple[int, int]], position: int) -> int:
    """Index of the clause containing ``position`` (the nearest one before it otherwise)."""
    for i, (start, end) in enumerate(spans):
        if position < end:
            return i
    return len(spans) - 1
