"""Answers from what is stored at ingest (parses, word vectors, the instances of the events
reported) equal answers from all of it made afresh, byte for byte (issue 17), with the real model, the
real store and the real pipeline: on the sample corpus and on a development collection, every
eval question (with its earlier turns) asked both ways."""

from __future__ import annotations

import json

import pytest

from assistant import Assistant
from assistant.language import SpacyPipeline
from assistant.language.stored import decode, encode
from evals.cases import load_cases
from evals.pool import DEV, load_pool
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


class Afresh:
    """The same store, its stored analyses, artifacts and word vectors hidden: every parse is
    made afresh, and so are the instances and the vectors of words."""

    def __init__(self, store) -> None:
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def analyses(self, doc_ids):
        return {}

    def artifact(self, name, key):
        return None

    def put_artifact(self, name, key, payload):
        pass

    def word_vectors(self, words):
        return {}

    def put_word_vectors(self, words, vectors):
        pass


def flows(cases):
    return [(tuple(c.turns), c.question) for c in cases]


def answers(assistant, asked):
    got = []
    for turns, question in asked:
        chat = assistant.chat()
        for turn in turns:
            chat.ask(turn)
        answer = chat.ask(question)
        got.append(json.dumps(answer.to_dict(), sort_keys=True, ensure_ascii=False))
    return got


def both_ways(assistant, asked):
    assistant.prepare()  # the instances are in the store, as after an ingest by the CLI
    fresh = Assistant(store=Afresh(assistant.store), embedder=assistant.embedder)
    stored = Assistant(store=assistant.store, embedder=assistant.embedder)
    from_fresh, from_stored = answers(fresh, asked), answers(stored, asked)
    return fresh, stored, from_fresh, from_stored


def analysed(assistant) -> int:
    """Reports the assistant's event index analysed (none when it read stored instances)."""
    return assistant._composer._analyses.analysed


def test_real_parses_survive_the_payload():
    texts = ["Kim Lee, 54, paid $4,000 on 3 May in Lyon.", "", "A \ud800 lone surrogate.",
             "“We won’t stop,” she said — at 6 a.m. on Friday."]
    parses = SpacyPipeline().parse_many(texts)
    assert decode(encode(parses)) == parses


def test_sample_corpus_answers_are_the_same_from_stored_parses(seeds):
    asked = flows(load_cases([ROOT / "evals" / "cases" / "seeds.yaml"]))
    assert seeds.check() == []  # ingest stored an analysis for every report
    fresh, stored, from_fresh, from_stored = both_ways(seeds, asked)
    assert from_stored == from_fresh
    assert stored.language.stored > 0 and fresh.language.stored == 0
    assert analysed(stored) == 0 < analysed(fresh)  # its instances were read, not built


def test_development_collection_answers_are_the_same_from_stored_parses(tmp_path, minilm):
    assistant = Assistant(store=tmp_path / "court", embedder=minilm)
    assistant.ingest([DEV / "court_case"])
    asked = [(c.turns, c.question) for c in load_pool(DEV, ["court_case"])]
    fresh, stored, from_fresh, from_stored = both_ways(assistant, asked)
    assert from_stored == from_fresh
    # only the questions themselves (and what they bring in) are parsed by the stored reader
    assert stored.language.live_texts < fresh.language.live_texts / 3
    assert analysed(stored) == 0 < analysed(fresh)


def test_a_store_written_before_analyses_is_reanalysed_once(tmp_path, minilm):
    assistant = Assistant(store=tmp_path / "s", embedder=minilm)
    assistant.ingest([SEEDS])
    ids = [r.doc_id for r in assistant.documents()]
    store = assistant.store
    store.put_analyses([])  # nothing happens
    # An older store: records name no analysis (as before issue 17) and payloads are gone.
    store._documents.update(ids=ids, metadatas=[{"analysis": "parses-0/old"}] * len(ids))
    assert len(assistant.stale_analyses()) == len(ids)
    asked = [((), "How long was the recording?")]
    before = answers(assistant, asked)
    assert assistant.reanalyse() == len(ids)
    assert assistant.stale_analyses() == [] and assistant.check() == []
    reopened = Assistant(store=tmp_path / "s", embedder=minilm)
    reopened._composer._kept_analyses = None  # it analyses the reports: from their parses
    assert answers(reopened, asked) == before
    assert reopened.language.stored > 0


def test_after_an_upload_a_new_process_analyses_only_what_changed(tmp_path, minilm):
    """The reports' analyses are kept with the instances (assistant.analyses_store): a new
    process after a one-report upload analyses that report (and any whose event words it
    changed), not every report, and answers as one that analysed all of them afresh."""
    files = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
    first = Assistant(store=tmp_path / "s", embedder=minilm)
    first.ingest(files[:-1])
    first.prepare()  # as `corroborate ingest` does: instances and analyses kept
    Assistant(store=tmp_path / "s", embedder=minilm).ingest(files[-1:])
    reopened = Assistant(store=tmp_path / "s", embedder=minilm)
    fresh = Assistant(store=Afresh(reopened.store), embedder=minilm)
    asked = flows(load_cases([ROOT / "evals" / "cases" / "seeds.yaml"]))[:12]
    assert answers(reopened, asked) == answers(fresh, asked)
    assert 1 <= analysed(reopened) < analysed(fresh) / 3
