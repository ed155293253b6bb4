"""A range in one report ("from $2.1 billion to $3.4 billion") whose near end another report
gives as its figure: its far end is a position of its own (assistant.compose.ranges)."""

from __future__ import annotations

from assistant.compose.groups import _groups
from assistant.compose.ranges import range_ends
from assistant.compose.scoring import Scored
from assistant.compose.choice import _choose_value
from assistant.query import analyse
from assistant.retrieval import Candidate
from index.types import Sentence

QUESTION = analyse("How much damage did the flood cause?")


def _scored(doc: str, text: str) -> Scored:
    sentence = Sentence(f"{doc}:0", doc, 0, 0, len(text), text)
    return Scored(Candidate(sentence, 0.5, 1.0, 0.01), 0.9, 1.0, _choose_value(QUESTION, text))


def _ends(*items: tuple[str, str]):
    groups = _groups([_scored(d, t) for d, t in items])
    return [(g.value.display, [m.sentence.doc_id for m in g.members])
            for g in range_ends(QUESTION.kind, groups[0], groups)]


def test_the_far_end_of_a_range_meeting_another_reports_figure_is_a_position():
    assert _ends(("a", "One firm put flood damage at $4 million."),
                 ("b", "Estimates of the flood damage range from $4 million to $7 million.")) \
        == [("$7 million", ["b"])]
    assert _ends(("a", "One firm put flood damage at $4 million."),
                 ("b", "Flood damage is put between $4 million and $7 million.")) \
        == [("$7 million", ["b"])]


def test_a_range_no_other_report_meets_adds_nothing():
    assert _ends(("b", "Flood damage ranged from $4 million to $7 million a town.")) == []
    assert _ends(("a", "One firm put flood damage at $4 million."),
                 ("b", "Flood damage reached $4 million, and $7 million in all.")) == []
