"""Tests for :mod:`assistant.event_places`: instances placed in their series by ordinals and
counts, read from the parse, and the order they give undated instances in
:mod:`assistant.events`. The reports are invented here (a committee's hearings), so the rules
are not tied to any collection."""

from __future__ import annotations

import pytest

from assistant.event_cache import EvidenceCache
from assistant.event_places import ordered_nouns, read_places
from assistant.event_order import previous_event, previous_events
from assistant.events import build_events
from assistant.language import SpacyPipeline
from assistant.retrieval import Corpus
from index.store import DocumentRecord
from index.types import Sentence


def sentences(doc: str, texts: list[str]) -> list[Sentence]:
    kinds = ["heading"] + ["body"] * (len(texts) - 1)
    return [Sentence(f"{doc}:{i:05d}", doc, i, 0, len(text), text, kind=kind)
            for i, (text, kind) in enumerate(zip(texts, kinds))]


REPORTS = {
    "a": ["Committee opens first hearing on harbour dredging",
          "The first hearing of the inquiry into harbour dredging was held on Tuesday 3 March 2026 "
          "at the town hall.",
          "Residents asked the committee about the cost of the work."],
    "b": ["Second hearing on harbour dredging ends in uproar",
          "A second hearing of the inquiry into harbour dredging ended in uproar on Wednesday "
          "after residents walked out.",
          "The members had heard engineers at the first hearing on 3 March."],
    "c": ["Dredging inquiry hears from the port authority",
          "The inquiry into harbour dredging held a third hearing on Monday, with the port "
          "authority giving evidence for most of the day.",
          "The previous hearing, nine days earlier, ended when residents walked out."],
}


@pytest.fixture(scope="module")
def nlp() -> SpacyPipeline:
    return SpacyPipeline()


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    records, all_sentences = [], []
    for doc, texts in REPORTS.items():
        found = sentences(doc, texts)
        records.append(DocumentRecord(doc, f"{doc}.txt", doc, "txt", texts[0], len(found),
                                      len(found)))
        all_sentences += found
    return Corpus(records, all_sentences)


def test_the_lead_numbers_the_subject_and_the_body_places_earlier_ones(corpus, nlp):
    places = read_places(corpus.by_doc["c"], nlp)
    assert (places.subject.number, places.subject.step) == (3, 0)
    assert "hear" in places.subject.nouns
    [previous] = places.earlier
    assert (previous.number, previous.step, previous.when) == (2, 1, "nine days earlier")


def test_a_dated_ordinal_is_an_earlier_instance_with_its_date(corpus, nlp):
    places = read_places(corpus.by_doc["b"], nlp)
    assert places.subject.number == 2
    [first] = places.earlier
    assert (first.number, first.step, first.expr.text) == (1, 1, "3 March")


def test_a_count_after_which_the_subject_came_names_the_one_before(nlp):
    text = ["Deal reached in pay dispute",
            "The breakthrough came in a fourth and final session, after three rounds of talks "
            "had failed to produce an agreement."]
    places = read_places(sentences("d", text), nlp)
    assert places.subject.number == 4
    assert {"round", "session"} <= places.subject.nouns  # the count joins the two words
    assert [(p.number, p.step) for p in places.earlier] == [(3, 1)]


def test_calendar_words_parts_and_the_future_are_no_places(nlp):
    text = ["Stocks rise in the first half",
            "Prices rose in the first half of the year and the second quarter, and the next "
            "round of talks will be held in May."]
    places = read_places(sentences("e", text), nlp)
    assert places.subject is None and places.earlier == ()


def test_undated_instances_are_ordered_by_their_numbers(corpus, nlp):
    events = build_events(corpus, EvidenceCache(nlp))
    by_doc = {d: e for e in events for d in e.subject_of}
    assert by_doc["c"].date is None and by_doc["c"].number == 3
    assert previous_event(events, by_doc["c"]) is by_doc["b"]
    assert previous_events(events)[by_doc["c"].event_id] is by_doc["b"]
    # the previous hearing's own mention ("nine days earlier") is among its mentions
    assert any(m.doc_id == "c" and m.role == "earlier" for m in by_doc["b"].mentions)


def test_without_a_language_pipeline_instances_are_placed_by_dates_alone(corpus):
    events = build_events(corpus)
    assert all(e.number is None for e in events)


def test_the_nouns_order_words_qualify_name_the_instances(nlp):
    text = ["Council orders the closure of the quarry",
            "The previous closure, in the early hours of a Sunday, lasted a week, and earlier "
            "inspectors had warned the owners.",
            "The second phase of the works and the first time the road shut are not closures."]
    assert ordered_nouns(sentences("q", text), nlp) == ["closure"]


def test_ordinals_name_the_instances_only_where_no_word_of_order_does(nlp):
    numbered = ["The third audit found the same fault in its second stage."]
    assert ordered_nouns(sentences("n", ["Audit", *numbered]), nlp) == ["audit", "stage"]
    both = ["Audit", *numbered, "Its last audit was cleaner."]
    assert ordered_nouns(sentences("n", both), nlp) == ["audit"]


def test_instances_are_labelled_with_the_noun_the_reports_order_them_by(nlp):
    """Reports whose cues are not of the forms the dating rules read ("the previous closure,
    in March, ...") still name their instances' noun."""
    reports = {
        "p": ["Council closes the quarry road again",
              "The council closed the quarry road on Monday 4 May 2026 after a rockfall.",
              "The previous closure, in March, lasted a week.",
              "Residents said the closure had cut them off."],
        "q": ["Quarry road shut for a week",
              "The quarry road was shut on Tuesday 10 March 2026 after heavy rain.",
              "The closure was the first this year."],
    }
    records, found = [], []
    for doc, texts in reports.items():
        found += sentences(doc, texts)
        records.append(DocumentRecord(doc, f"{doc}.txt", doc, "txt", texts[0], len(texts),
                                      len(texts)))
    events = build_events(Corpus(records, found), EvidenceCache(nlp))
    assert {e.label.split(",")[0] for e in events} == {"closure"}
    assert build_events(Corpus(records, found), EvidenceCache())[0].label.startswith("event")
