"""The reports' analyses kept in the store (assistant.analyses_store): an event index built from
them equals one built afresh without analysing a report again; a report whose sentences changed
is analysed again; a damaged payload, or one that would build anything but the product's own
values, counts as none and runs nothing."""

from __future__ import annotations

import base64
import os
import pickle

import pytest

from assistant.artifacts import packed, sealed
from assistant.analyses_store import ARTIFACT, FORMAT, AnalysesStore, decode, encode
from assistant.event_cache import EvidenceCache
from assistant.instances import EventIndex
from assistant.language import SpacyPipeline
from assistant.retrieval import Corpus
from index.memory_store import MemoryStore
from tests.test_events import EXPECTED, corpus_files, load_corpus


@pytest.fixture(scope="module")
def pipeline() -> SpacyPipeline:
    return SpacyPipeline()


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def analysed(request, pipeline) -> tuple[Corpus, EvidenceCache, EventIndex]:
    corpus, _ = load_corpus(corpus_files(request.param))
    cache = EvidenceCache(pipeline)
    return corpus, cache, EventIndex(corpus, cache)


def test_an_index_from_kept_analyses_equals_one_built_afresh(analysed, pipeline):
    corpus, cache, index = analysed
    kept = AnalysesStore(MemoryStore(), "parses-1")
    assert kept.load() is None
    kept.save(cache.state())
    restored = EvidenceCache(pipeline)
    restored.restore(kept.load())
    again = EventIndex(corpus, restored)
    assert again.events == index.events and again.subject == index.subject
    assert restored.analysed == 0 and not restored.changed
    assert AnalysesStore(kept._store, "parses-2").load() is None  # other analyses: none


def test_a_changed_report_is_analysed_again(analysed, pipeline):
    corpus, cache, _ = analysed
    restored = EvidenceCache(pipeline)
    restored.restore(decode(encode(cache.state())))
    records = list(corpus.records.values())
    first = records[0].doc_id
    shorter = [s for s in corpus.sentences if s.doc_id != first or s.index < 3]
    fresh = EvidenceCache(pipeline)
    assert EventIndex(Corpus(records, shorter), restored).events \
        == EventIndex(Corpus(records, shorter), fresh).events
    assert 1 <= restored.analysed < fresh.analysed and restored.changed


class _Hostile:
    def __reduce__(self):
        return (os.system, ("echo hostile > /dev/null",))


@pytest.mark.parametrize("payload", [
    "not base64!", base64.b64encode(b"not compressed").decode(), packed(b"\x80\x05junk"),
    packed(pickle.dumps({"format": 99, "state": {}})),
    packed(pickle.dumps({"format": FORMAT, "state": _Hostile()})),
    packed(pickle.dumps({"format": FORMAT, "state": {"x": os.getcwd}})),
])
def test_a_damaged_or_hostile_payload_counts_as_none(payload, monkeypatch):
    ran = []
    monkeypatch.setattr(os, "system", lambda *a: ran.append(a))
    store = MemoryStore()
    kept = AnalysesStore(store)
    store.put_artifact(ARTIFACT, kept.key(), sealed(payload))
    assert kept.load() is None and ran == []
    with pytest.raises(ValueError):
        decode(payload)


def test_a_write_cut_short_counts_as_none(analysed):
    _, cache, _ = analysed
    store = MemoryStore()
    kept = AnalysesStore(store)
    store.put_artifact(ARTIFACT, kept.key(), "0" * 64 + "|" + encode(cache.state()))
    assert kept.load() is None
