"""The contract every Store keeps. Subclass and provide a ``store`` fixture (see test_store.py)."""

from __future__ import annotations

import numpy as np
import pytest

from index.analysis import StoredAnalysis
from index.errors import NotFoundError
from index.store import DocumentRecord
from index.types import Sentence

DIM = 8


def unit(i: int) -> np.ndarray:
    vector = np.zeros(DIM, dtype=np.float32)
    vector[i % DIM] = 1.0
    return vector


def make_doc(doc_id: str, n: int, furniture_at: tuple[int, ...] = ()):
    """A record, its text, its sentences (each equal to the text at its offsets) and vectors."""
    pieces = [f"Sentence {i} of {doc_id}." for i in range(n)]
    text = " ".join(pieces)
    starts = [sum(len(p) + 1 for p in pieces[:i]) for i in range(n)]
    sentences = [
        Sentence(f"{doc_id}:{i:05d}", doc_id, i, starts[i], starts[i] + len(pieces[i]), pieces[i],
                 content=i not in furniture_at, kind="caption" if i in furniture_at else "body",
                 dates=("2021-03",) if i == 0 else ())
        for i in range(n)
    ]
    vectors = np.stack([unit(i) for i in range(n)])
    record = DocumentRecord(doc_id, f"{doc_id}.txt", "hash-" + doc_id, "txt", "Title " + doc_id,
                            n, n - len(furniture_at), outlet="Outlet", published="2021-03-01")
    return record, text, sentences, vectors


class StoreContract:
    def put(self, store, doc_id="d1", n=4, furniture_at=()):
        record, text, sentences, vectors = make_doc(doc_id, n, furniture_at)
        store.put_documents([record], [text], vectors.mean(axis=0, keepdims=True))
        store.upsert_sentences(sentences, vectors)
        return record, sentences

    def test_round_trip_of_records_and_sentences(self, store):
        record, sentences = self.put(store)
        assert store.document("d1") == record
        assert store.documents() == [record]
        assert store.document_text("d1") == make_doc("d1", 4)[1]
        assert store.sentences("d1") == sentences
        assert all(store.document_text("d1")[s.start:s.end] == s.text for s in sentences)

    def test_upsert_twice_keeps_one_copy(self, store):
        self.put(store)
        self.put(store)
        assert store.sentence_count() == 4
        assert len(store.documents()) == 1

    def test_put_documents_checks_lengths(self, store):
        record, _, _, vectors = make_doc("d1", 2)
        with pytest.raises(ValueError):
            store.put_documents([record], ["a", "b"], vectors[:1])

    def test_sentences_come_back_in_index_order(self, store):
        record, text, sentences, vectors = make_doc("d1", 12)
        store.put_documents([record], [text], vectors[:1])
        order = list(reversed(range(12)))
        store.upsert_sentences([sentences[i] for i in order], vectors[order])
        assert [s.index for s in store.sentences("d1")] == list(range(12))

    def test_get_sentences_keeps_requested_order_and_skips_unknown(self, store):
        _, sentences = self.put(store)
        got = store.get_sentences(["d1:00002", "nope:1", "d1:00000"])
        assert got == [sentences[2], sentences[0]]
        assert store.get_sentences([]) == []

    def test_search_ranks_by_cosine_and_skips_furniture(self, store):
        self.put(store, furniture_at=(1,))
        hits = store.search(unit(2), k=3)
        assert hits[0].sentence.sentence_id == "d1:00002"
        assert hits[0].score == pytest.approx(1.0, abs=1e-5)
        assert all(h.sentence.content for h in hits)
        assert "d1:00001" not in {h.sentence.sentence_id for h in store.search(unit(1), k=10)}

    def test_search_finds_content_behind_many_furniture_neighbours(self, store):
        record, text, sentences, _ = make_doc("d1", 60, furniture_at=tuple(range(50)))
        # Furniture sits nearest the query; the content sentences come after all of it.
        vectors = np.stack([unit(0) + (0.01 if not s.content else 0.2 + 0.01 * s.index) * unit(1)
                            for s in sentences])
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.put_documents([record], [text], vectors.mean(axis=0, keepdims=True))
        store.upsert_sentences(sentences, vectors)
        hits = store.search(unit(0), k=5)
        assert [h.sentence.index for h in hits] == [50, 51, 52, 53, 54]
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)

    def test_search_respects_k_and_doc_filter(self, store):
        self.put(store, "d1")
        self.put(store, "d2")
        assert len(store.search(unit(0), k=1)) == 1
        hits = store.search(unit(0), k=10, doc_ids=["d2"])
        assert hits and {h.sentence.doc_id for h in hits} == {"d2"}
        assert store.search(unit(0), k=10, doc_ids=["absent"]) == []

    def test_delete_document_removes_everything_and_is_idempotent(self, store):
        self.put(store, "d1")
        self.put(store, "d2")
        store.delete_document("d1")
        store.delete_document("d1")
        assert [r.doc_id for r in store.documents()] == ["d2"]
        assert store.sentence_doc_ids() == {"d2"}
        assert store.sentences("d1") == []
        with pytest.raises(NotFoundError):
            store.document_text("d1")

    def test_analyses_are_stored_with_their_document_and_deleted_with_it(self, store):
        self.put(store, "d1")
        self.put(store, "d2")
        payload = "é" * 3000 + "\n{}[]"  # long, not ASCII, JSON-like: stored as given
        store.put_analyses([StoredAnalysis("d1", "v1", payload),
                            StoredAnalysis("absent", "v1", "x")])
        assert store.analyses(["d1", "d2", "absent"]) == {"d1": StoredAnalysis("d1", "v1", payload)}
        assert store.document("d1").analysis == "v1"
        assert store.document("d2").analysis is None
        assert store.document("d1").status == "ready"  # nothing else of the record changes
        assert store.analysis_doc_ids() == {"d1"}
        store.put_analyses([StoredAnalysis("d1", "v2", "new")])
        assert store.analyses(["d1"])["d1"].payload == "new"
        assert store.document("d1").analysis == "v2"
        store.delete_document("d1")
        assert store.analyses(["d1"]) == {} and store.analysis_doc_ids() == set()
        assert store.analyses([]) == {}

    def test_an_artifact_is_kept_per_name_under_its_key(self, store):
        assert store.artifact("events", "k1") is None
        big = "é[" * 250_000  # larger than a Chroma part: comes back whole and in order
        store.put_artifact("events", "k1", big)
        store.put_artifact("other", "k1", "")
        assert store.artifact("events", "k1") == big
        assert store.artifact("events", "k2") is None  # derived from something else
        assert store.artifact("other", "k1") == ""
        store.put_artifact("events", "k2", "small")  # replaces the name's earlier value
        assert store.artifact("events", "k2") == "small"
        assert store.artifact("events", "k1") is None
        assert store.artifact("other", "k1") == ""

    def test_writing_an_artifact_leaves_the_generation(self, store):
        self.put(store, "d1")
        before = store.generation()
        store.put_artifact("events", "k", "payload")
        assert store.generation() == before

    def test_word_vectors_come_back_exactly_and_outlive_documents(self, store):
        self.put(store, "d1")
        before = store.generation()
        rng = np.random.default_rng(3)
        vectors = rng.standard_normal((3, DIM)).astype(np.float32)
        store.put_word_vectors(["strike", "ötzi", ""], vectors)
        assert store.generation() == before  # a cache: the documents did not change
        got = store.word_vectors(["ötzi", "absent", "strike", "ötzi"])
        assert sorted(got) == ["strike", "ötzi"]
        assert np.allclose(got["strike"], vectors[0], rtol=0, atol=1e-6)
        assert np.allclose(got["ötzi"], vectors[1], rtol=0, atol=1e-6)
        assert got["strike"].dtype == np.float32
        store.put_word_vectors(["strike", "strike"], vectors[1:3])  # the last one wins
        assert np.allclose(store.word_vectors(["strike"])["strike"], vectors[2], rtol=0, atol=1e-6)
        store.delete_document("d1")
        assert sorted(store.word_vectors(["strike", "ötzi"])) == ["strike", "ötzi"]
        assert store.word_vectors([]) == {} and store.word_vectors([""]) == {}
        with pytest.raises(ValueError):
            store.put_word_vectors(["a", "b"], vectors[:1])

    def test_iter_sentences_of_some_documents(self, store):
        self.put(store, "d1", furniture_at=(1,))
        self.put(store, "d2")
        self.put(store, "d3")
        got = list(store.iter_sentences(doc_ids=["d1", "d3", "absent"]))
        assert sorted({s.doc_id for s in got}) == ["d1", "d3"]
        assert len(got) == 3 + 4
        assert len(list(store.iter_sentences(content_only=False, doc_ids=["d1"]))) == 4
        assert list(store.iter_sentences(doc_ids=[])) == []

    def test_iter_sentences_filters_content(self, store):
        self.put(store, furniture_at=(1,))
        assert len(list(store.iter_sentences())) == 3
        assert len(list(store.iter_sentences(content_only=False))) == 4

    def test_mark_changes_only_the_status(self, store):
        record, sentences = self.put(store)
        store.mark(["d1", "absent"], "deleting")
        store.mark([], "ready")
        assert store.document("d1").status == "deleting"
        assert store.document("d1").title == record.title
        assert store.sentences("d1") == sentences
        assert store.document("absent") is None

    def test_unknown_document_is_none(self, store):
        assert store.document("absent") is None
        assert store.sentence_count() == 0

    def test_generation_changes_with_every_write_and_not_with_reads(self, store):
        seen = {store.generation()}

        def changed() -> bool:
            now = store.generation()
            new = now not in seen
            seen.add(now)
            return new

        record, text, sentences, vectors = make_doc("g1", 3)
        store.put_documents([record], [text], vectors.mean(axis=0, keepdims=True))
        assert changed()
        store.upsert_sentences(sentences, vectors)
        assert changed()
        store.mark(["g1"], "ready")
        assert changed()
        store.put_analyses([StoredAnalysis("g1", "v", "p")])
        assert changed()
        store.documents(), store.sentences("g1"), store.search(vectors[0], 2)
        list(store.iter_sentences()), store.document_text("g1")
        assert not changed()
        store.delete_document("g1")
        assert changed()
