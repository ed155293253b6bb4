"""Tests for :mod:`assistant.event_cache`: reports' analyses kept across corpus changes.

The cache must never change what :func:`assistant.events.build_events` returns; it must only
spare re-analysing reports whose text and relevant event words did not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.event_cache import EvidenceCache
from assistant.event_mentions import learn_terms, term_votes, combine_votes, vocabulary
from assistant.events import build_events
from assistant.retrieval import Corpus
from tests.test_events import EXPECTED, corpus_files, load_corpus

ALL = [p for name in EXPECTED for p in corpus_files(name)]


@pytest.fixture(scope="module")
def everything() -> Corpus:
    return load_corpus(ALL)[0]


def without(corpus: Corpus, doc_ids: set[str]) -> Corpus:
    return Corpus([r for d, r in corpus.records.items() if d not in doc_ids],
                  [s for s in corpus.sentences if s.doc_id not in doc_ids])


def test_votes_combine_to_the_learned_terms(everything):
    docs = list(everything.by_doc.values())
    assert combine_votes(term_votes(d) for d in docs) == learn_terms(docs)
    assert learn_terms(docs)  # the bundled stories have event words to learn


def test_a_report_vocabulary_holds_its_cue_heads_and_words(everything):
    sentences = next(iter(everything.by_doc.values()))
    heads, _ = term_votes(sentences)
    assert heads <= vocabulary(sentences)
    assert "the" in vocabulary(sentences)


def test_cached_builds_equal_fresh_builds_as_reports_come_and_go(everything):
    cache = EvidenceCache()
    docs = sorted(everything.records)
    steps = [set(docs[::2]), set(docs[1::2]), set(), {docs[0]}, set()]
    for removed in steps:
        corpus = without(everything, removed)
        assert build_events(corpus, cache) == build_events(corpus)


def test_an_unchanged_corpus_is_not_analysed_again(everything):
    cache = EvidenceCache()
    build_events(everything, cache)
    assert cache.analysed == len(everything.records)
    build_events(Corpus(list(everything.records.values()), list(everything.sentences)), cache)
    assert cache.analysed == 0


def test_removing_one_report_reanalyses_only_reports_whose_words_changed(everything):
    cache = EvidenceCache()
    build_events(everything, cache)
    docs = sorted(everything.records)
    build_events(without(everything, {docs[0]}), cache)
    # Removing a report can only drop event words that report voted for; reports not using
    # them keep their analysis. At least the other stories' reports are untouched.
    assert cache.analysed < len(docs) - 1


def test_a_changed_report_is_analysed_again(everything):
    cache = EvidenceCache()
    build_events(everything, cache)
    doc_id = sorted(everything.records)[0]
    first = everything.by_doc[doc_id][0]
    trimmed = [s for s in everything.sentences if s != first]
    changed = Corpus(list(everything.records.values()), trimmed)
    assert build_events(changed, cache) == build_events(changed)
    assert cache.analysed >= 1


def test_report_terms_reads_once_what_votes_and_vocabulary_give(everything):
    from assistant.event_mentions import report_terms

    for sentences in everything.by_doc.values():
        assert report_terms(sentences) == (term_votes(sentences), vocabulary(sentences))
