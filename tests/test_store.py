"""Both Store implementations pass the same contract."""

from __future__ import annotations

import pytest

from index.chroma_store import open_persistent
from index.errors import IncompatibleStoreError
from index.memory_store import MemoryStore
from tests.contracts.store_contract import DIM, StoreContract, make_doc


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
