"""Both Store implementations pass the same contract."""

from __future__ import annotations

import pytest

from index.chroma_store import open_persistent
from index.errors import IncompatibleStoreError
from index.memory_store import MemoryStore
from tests.contracts.store_contract import DIM, StoreContract, make_doc, unit


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self):
        return MemoryStore()


class TestChromaStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path):
        return open_persistent(tmp_path / "store", "test-embedder", DIM)


def test_chroma_store_persists_across_reopen(tmp_path):
    store = open_persistent(tmp_path, "test-embedder", DIM)
    record, text, sentences, vectors = make_doc("d1", 3)
    store.put_documents([record], [text], vectors.mean(axis=0, keepdims=True))
    store.upsert_sentences(sentences, vectors)
    reopened = open_persistent(tmp_path, "test-embedder", DIM)
    assert reopened.sentences("d1") == sentences
    assert reopened.document("d1") == record


def test_chroma_store_refuses_another_embedder(tmp_path):
    open_persistent(tmp_path, "test-embedder", DIM)
    with pytest.raises(IncompatibleStoreError, match=str(tmp_path)):
        open_persistent(tmp_path, "another-model", DIM)


def graded_store(tmp_path, n: int, step: float):
    """A Chroma store of one document whose sentence i lies ever further from unit(0)."""
    import numpy as np

    store = open_persistent(tmp_path, "test-embedder", DIM)
    record, text, sentences, _ = make_doc("d1", n)
    vectors = np.stack([unit(0) + step * s.index * unit(1) for s in sentences])
    store.put_documents([record], [text], vectors.mean(axis=0, keepdims=True))
    store.upsert_sentences(sentences, vectors)
    return store


@pytest.mark.parametrize("doc_ids", [None, ["d1"]])
def test_chroma_search_is_exact_when_the_graph_loses_records(tmp_path, monkeypatch, doc_ids):
    # HNSW drops records from its graph when many vectors are identical (CI once saw 57 of 60
    # come back); simulate that loss deterministically and expect the exact top k regardless.
    store = graded_store(tmp_path, 12, 0.1)
    lossy = store._query
    monkeypatch.setattr(store, "_query", lambda *a: [h for h in lossy(*a)
                                                     if h.sentence.index not in (1, 2)])
    hits = store.search(unit(0), k=4, doc_ids=doc_ids)
    assert [h.sentence.index for h in hits] == [0, 1, 2, 3]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_large_store_whose_graph_answers_short_is_not_scanned_whole(tmp_path, monkeypatch):
    # At 100k sentences HNSW returned 93 of 96 asked-for neighbours, and reading every vector
    # instead took 7 s per question: with k content hits among them, those are the answer.
    store = graded_store(tmp_path, 200, 0.01)
    lossy = store._query
    monkeypatch.setattr(store, "_query", lambda *a: lossy(*a)[:-3])
    monkeypatch.setattr(store, "_exact", lambda *a: pytest.fail("read every vector"))
    hits = store.search(unit(0), k=4)
    assert [h.sentence.index for h in hits] == [0, 1, 2, 3]


def test_chroma_searches_broadly_in_new_stores_and_in_stores_made_before(tmp_path):
    """The graph search keeps SEARCH_BREADTH candidates: with Chroma's default (100), two
    ingests of the same reports could give different neighbours, and so different answers."""
    from index.chroma_store import SEARCH_BREADTH, SENTENCES

    def breadth(store):
        return store._client.get_collection(SENTENCES).configuration["hnsw"]["ef_search"]

    store = open_persistent(tmp_path, "test-embedder", DIM)
    assert breadth(store) == SEARCH_BREADTH
    store._client.get_collection(SENTENCES).modify(configuration={"hnsw": {"ef_search": 100}})
    assert breadth(store) == 100  # as a store made before the setting was
    assert breadth(open_persistent(tmp_path, "test-embedder", DIM)) == SEARCH_BREADTH
