"""What a number counts (assistant.evidence.counting), and what follows from it: which counts
fit a "how many …?" question (rules and evidence conflicts), and when value groups are
different instances rather than a conflict."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.language import SpacyPipeline


@pytest.fixture(scope="module")
def nlp():
    return SpacyPipeline()


def _counted(nlp, sentence: str, number: str):
    from assistant.evidence.counting import counted_stems
    start = sentence.index(number)
    return counted_stems(nlp.parse(sentence), start, start + len(number))


@pytest.mark.parametrize("sentence,number,counted,not_counted", [
    ("The firm is recalling 40,000 electric vans in Spain.", "40,000", "van", "electr"),
    ("About 900 members of the Transport Workers' Union walked out.", "900", "worker", None),
    ("A lawyer who represents about 70 Harlow tenants spoke.", "70", "tenant", "harlow"),
    ("The regulator recalled hundreds of thousands of small vans.", "thousands", "van", None),
    ("It said it knew of 9 fires in the vans.", "9", "fire", "van"),
])
def test_a_number_counts_the_noun_it_modifies_and_its_of_phrase(nlp, sentence, number, counted,
                                                                 not_counted):
    found = _counted(nlp, sentence, number)
    assert counted in found
    assert not_counted is None or not_counted not in found


def test_a_bare_figure_counts_nothing(nlp):
    assert _counted(nlp, "Turnout was 61.5% on Sunday.", "61.5%") == frozenset()


def test_agent_nouns_and_asked_counts(nlp):
    from assistant.evidence.counting import agent_of, asked_count, counts_asked
    assert agent_of("investor", "invest") and agent_of("voter", "vote")
    assert not agent_of("invest", "invest") and not agent_of("fire", "vehicl")
    assert asked_count(nlp.parse("How many vans did the firm recall?")) == "van"
    assert asked_count(nlp.parse("How many of them were hurt?")) is None
    assert asked_count(nlp.parse("How much rain did the storm drop?")) == "rain"
    assert asked_count(nlp.parse("How much did the repairs cost?")) is None
    assert asked_count(nlp.parse("How much does a new pickup cost?")) is None  # "cost": a NOUN
    assert asked_count(nlp.parse("How many electric vans did the firm recall?")) == "van"
    focus = frozenset({"peopl", "invest", "acm"})
    assert counts_asked(frozenset({"investor"}), "peopl", focus)  # the people who invest
    assert not counts_asked(frozenset({"lawyer"}), "peopl", focus)
    assert counts_asked(frozenset({"acm"}), None, focus)  # no asked noun: any focus word


def test_counts_of_other_things_the_question_names_are_not_its_answer(nlp):
    from assistant.evidence.counting import counts_other
    focus = frozenset({"van", "affect", "batteri", "fire", "recal"})

    def other(sentence, number):
        start = sentence.index(number)
        return counts_other(nlp.parse(sentence), start, start + len(number), "van", focus)

    assert other("It said it knew of 9 fires in the vans.", "9")
    assert other("Enter the 17-character vehicle identification number online.", "17")
    assert not other("The firm is recalling 40,000 electric vans.", "40,000")
    assert not other("The firm is recalling 40,000 hatchbacks.", "40,000")  # maybe a kind of van


def test_the_rules_take_a_count_of_the_asked_noun_not_of_another_focus_word(nlp):
    from assistant.compose.choice import _choose_value
    from assistant.query import analyse
    query = analyse("How many vans are affected by the battery fire recall?")
    fires = "The company said it knew of 9 fires in affected vans linked to the battery recall."
    vans = "The battery fire recall affects 40,000 electric vans."
    assert _choose_value(query, fires, nlp.parse(fires), "van") is None
    chosen = _choose_value(query, vans, nlp.parse(vans), "van")
    assert chosen is not None and chosen.text == "40,000" and "van" in chosen.counted
    assert _choose_value(query, vans) is None  # without a parse only the next word is known


def test_stated_numbers_skip_indefinite_and_other_counts(nlp):
    from tests.test_evidence import _supported
    from assistant.evidence.conflicts import stated_numbers
    items = [_supported("a", 0, 0.9, "The carmaker recalled hundreds of thousands of vans."),
             _supported("b", 0, 0.9, "It said it knew of 9 fires in recalled vans."),
             _supported("c", 0, 0.9, "The carmaker recalled 40,000 vans.")]
    stated = stated_numbers(nlp, items, ["van", "recall", "fire"], "van")
    assert [s.entity.text for s in stated] == ["40,000"]


def _event(n: int, date: dt.date | None):
    from assistant.events import Event
    from index.resolution import DateRange
    return Event(f"e{n}", "event", DateRange(date, date) if date else None, (), (f"d{n}",),
                 (f"d{n}",))


def test_undated_events_of_two_reports_are_a_conflict_not_different_instances():
    from assistant.instances import EventIndex
    from assistant.types import CONFLICT, DIFFERENT_EVENTS
    index = object.__new__(EventIndex)  # kind_of reads only the positions given
    undated = [([], [_event(1, None)]), ([], [_event(2, None)])]
    dated = [([], [_event(1, dt.date(2024, 3, 1))]), ([], [_event(2, dt.date(2024, 9, 1))])]
    assert index.kind_of(undated)[0] == CONFLICT
    assert index.kind_of(dated)[0] == DIFFERENT_EVENTS
