"""The event index's instances kept in the store (assistant.event_store): they come back equal
to the ones built, under a key that changes with every report, the pipeline's analyses and the
code, and a damaged or missing payload only means they are built again."""

from __future__ import annotations

import dataclasses
import json

import pytest

from assistant.event_mentions import Mention
from assistant.artifacts import packed
from assistant.event_store import ARTIFACT, FORMAT, EventStore, code_digest, decode, encode
from assistant.events import Event, build_events
from assistant.retrieval import Corpus
from index.memory_store import MemoryStore
from tests.test_events import EXPECTED, corpus_files, load_corpus


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def built(request) -> tuple[Corpus, list[Event]]:
    corpus, _ = load_corpus(corpus_files(request.param))
    return corpus, build_events(corpus)


def test_instances_survive_the_payload(built):
    _, events = built
    assert events and decode(encode(events)) == events
    assert json.loads(encode(events))["format"] == FORMAT


def test_the_payload_holds_every_field():
    """A field added to Event or Mention must be added to the payload too, or stored
    instances would come back without it."""
    assert [f.name for f in dataclasses.fields(Event)] == [
        "event_id", "label", "date", "mentions", "doc_ids", "subject_of", "story", "number",
        "series"]
    assert [f.name for f in dataclasses.fields(Mention)] == [
        "doc_id", "role", "date", "date_text", "sentence_ids", "order", "facts", "how",
        "number", "series"]


def test_stored_instances_are_read_back_under_the_same_key(built):
    corpus, events = built
    stored = EventStore(MemoryStore(), "parses-1")
    assert stored.load(corpus) is None
    stored.save(corpus, events)
    assert stored.load(corpus) == events
    assert EventStore(stored._store, "parses-2").load(corpus) is None  # other analyses


def test_the_key_changes_with_the_reports(built):
    corpus, _ = built
    stored = EventStore(MemoryStore())
    records = list(corpus.records.values())
    fewer = Corpus(records[1:], corpus.sentences)
    shorter = Corpus(records, corpus.sentences[:-1])
    redated = Corpus([dataclasses.replace(records[0], published="1999-01-01"), *records[1:]],
                     corpus.sentences)
    keys = {stored.key(c) for c in (corpus, fewer, shorter, redated)}
    assert len(keys) == 4
    assert stored.key(Corpus(records, list(reversed(corpus.sentences)))) == stored.key(corpus)


def test_a_damaged_payload_counts_as_none(built):
    corpus, events = built
    store = MemoryStore()
    stored = EventStore(store)
    store.put_artifact(ARTIFACT, stored.key(corpus), encode(events))  # not packed
    assert stored.load(corpus) is None
    for damaged in ("{", '{"format": 99, "events": []}', '{"format": %d, "events": [[1]]}' % FORMAT,
                    "[]"):
        store.put_artifact(ARTIFACT, stored.key(corpus), packed(damaged.encode()))
        assert stored.load(corpus) is None
    store.put_artifact(ARTIFACT, stored.key(corpus), packed(encode(events).encode()))
    assert stored.load(corpus) == events


def test_the_code_digest_changes_with_any_source_file(tmp_path):
    for package in ("assistant", "index"):
        (tmp_path / package / "sub").mkdir(parents=True)
        (tmp_path / package / "sub" / "a.py").write_text("x = 1\n")
    before = code_digest(tmp_path)
    (tmp_path / "index" / "sub" / "a.py").write_text("x = 2\n")
    assert code_digest(tmp_path) != before
    assert len(code_digest()) == 64 and code_digest() == code_digest()


def test_concurrent_sessions_share_one_index(seeds):
    """Chat sessions share the composer: while one reads or builds the instances, another
    waits for that index rather than building its own beside it."""
    import threading
    import time

    from assistant import Assistant

    fresh = Assistant(store=seeds.store, embedder=seeds.embedder)
    composer = fresh._composer
    corpus = composer._retriever.corpus()
    load = composer._stored.load

    def slow_load(c):  # widen the window two unguarded threads would both build in
        time.sleep(0.2)
        return load(c)

    composer._stored.load = slow_load
    got = []
    threads = [threading.Thread(target=lambda: got.append(composer.events(corpus)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 3 and got[0] is got[1] is got[2]
