"""The corpus kept in the store (assistant.corpus_store): it comes back equal to the one built
(sentences, stems, BM25 scores), only for the store generation it was read at; a new process
answers from it exactly as one that built its corpus from the sentences; a damaged payload only
means it is built again."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.artifacts import packed, sealed
from assistant.corpus_store import ARTIFACT, FORMAT, CorpusStore, decode, encode
from assistant.retrieval import Corpus, Retriever
from index.memory_store import MemoryStore
from tests.conftest import ROOT, SEEDS
from tests.test_events import load_corpus

DEV = ROOT / "evals" / "dev" / "labor_strike"
QUERIES = [["strike"], ["pay", "offer"], ["ship", "wait", "port"], ["never-used-stem"]]


@pytest.fixture(scope="module", params=[SEEDS, DEV], ids=["seeds", "labor_strike"])
def corpus(request) -> Corpus:
    return load_corpus(sorted(p for p in request.param.iterdir() if p.suffix == ".txt"))[0]


def test_a_corpus_survives_the_payload(corpus):
    back = decode(encode(corpus))
    assert back.sentences == corpus.sentences and back.stems == corpus.stems
    assert back.df == corpus.df and back.by_doc == corpus.by_doc
    assert list(back.records.items()) == list(corpus.records.items())
    assert back.stems[3] == corpus.stems[3] and back.stems[1:4] == corpus.stems[1:4]
    for stems in QUERIES:
        assert back.lexical(stems, 20) == corpus.lexical(stems, 20)
    scores = corpus._bm25.get_scores(["strike"])
    assert np.array_equal(back._bm25.get_scores(["strike"]), scores)


def test_an_empty_corpus_survives_the_payload():
    back = decode(encode(Corpus([], [])))
    assert back.sentences == [] and back.lexical(["strike"], 5) == []


def test_the_corpus_is_read_back_with_its_generation(corpus):
    kept = CorpusStore(MemoryStore())
    assert kept.load() is None
    kept.save("7", corpus)
    generation, back = kept.load()
    assert generation == "7"
    assert back.sentences == corpus.sentences and back.records == corpus.records
    kept.save("8", corpus)  # one corpus kept: the latest
    assert kept.load()[0] == "8"
    assert CorpusStore(kept._store, code=lambda: "other code").load() is None


def test_a_damaged_payload_counts_as_none(corpus):
    store = MemoryStore()
    kept = CorpusStore(store)
    store.put_artifact(ARTIFACT, kept.key(), sealed(encode(corpus, "7")))  # not packed
    assert kept.load() is None
    for damaged in (json.dumps({"format": FORMAT, "sentences": [[1]]}), "{not json",
                    encode(corpus).replace('"generation":""', '"generation":null')):
        store.put_artifact(ARTIFACT, kept.key(), sealed(packed(damaged.encode())))
        assert kept.load() is None
    # a write cut short: parts of two payloads under one key, each part whole
    whole = packed(encode(corpus, "7").encode())
    store.put_artifact(ARTIFACT, kept.key(), "0" * 64 + "|" + whole)
    assert kept.load() is None
    store.put_artifact(ARTIFACT, kept.key(), sealed(whole))
    assert kept.load()[0] == "7"


def test_a_corpus_kept_before_an_upload_is_brought_up_to_date_from_the_new_report_alone():
    """A new process after an upload reads the kept corpus and only the added report's
    sentences, and gets the corpus that reading every sentence gives."""
    from index.ingest import Ingestor
    from index.embedder import HashingEmbedder

    store, embedder = MemoryStore(), HashingEmbedder()
    files = sorted(p for p in DEV.iterdir() if p.suffix == ".txt")
    ingestor = Ingestor(store, embedder)
    ingestor.ingest(files[:-1])
    Retriever(store, embedder, kept=CorpusStore(store)).corpus()  # read whole, so kept
    before = {r.doc_id for r in store.documents()}
    ingestor.ingest(files[-1:])
    whole = Retriever(store, embedder).corpus()
    asked = []
    iter_sentences = store.iter_sentences

    def recorded(**kwargs):
        asked.append(kwargs.get("doc_ids"))
        return iter_sentences(**kwargs)
    store.iter_sentences = recorded
    later = Retriever(store, embedder, kept=CorpusStore(store)).corpus()
    added = set(whole.records) - before
    assert [set(a) for a in asked] == [added] and len(added) == 1
    assert sorted(later.sentences, key=lambda s: s.sentence_id) \
        == sorted(whole.sentences, key=lambda s: s.sentence_id)
    assert later.records.keys() == whole.records.keys()
    for stems in QUERIES:
        assert {c.sentence_id: round(x, 5) for c, x in later.lexical(stems, 20)} \
            == {c.sentence_id: round(x, 5) for c, x in whole.lexical(stems, 20)}


def _unread(store):
    """``store``, failing the test if the corpus's sentences are read from it."""
    def iter_sentences(**kwargs):
        raise AssertionError("sentences read although a corpus was kept")
    store.iter_sentences = iter_sentences
    return store


def test_a_retriever_keeps_a_corpus_it_read_whole_and_the_next_one_reads_it():
    from index.ingest import Ingestor
    from index.embedder import HashingEmbedder

    store, embedder = MemoryStore(), HashingEmbedder()
    Ingestor(store, embedder).ingest([DEV])
    built = Retriever(store, embedder, kept=CorpusStore(store)).corpus()
    unread = _unread(store)
    unread.documents = lambda: pytest.fail("the listing read although a corpus was kept")
    again = Retriever(unread, embedder, kept=CorpusStore(store)).corpus()
    assert again.sentences == built.sentences and again.stems == built.stems
    assert again.records == built.records


@pytest.mark.parametrize("folder,questions", [
    (SEEDS, ["When was his last message before this one?", "How many seeds were stolen?",
             "Who said the figures were preliminary?"]),
    (DEV, ["How many days did the Saltcombe strike last?", "What pay rise did the final deal "
           "give Saltcombe's dockworkers?", "Who mediated the talks?"]),
], ids=["seeds", "labor_strike"])
def test_a_new_process_answers_from_the_kept_corpus_as_from_one_it_built(tmp_path, folder,
                                                                         questions):
    from assistant import Assistant

    built = Assistant(store=tmp_path / "store")
    built.ingest([folder])
    built._retriever._kept = None  # this one reads every sentence and keeps nothing
    fresh = [built.ask(q).to_dict() for q in questions]
    keeper = Assistant(store=tmp_path / "store", embedder=built.embedder)
    keeper.prepare()  # as `corroborate ingest` does: the corpus kept for later processes
    later = Assistant(store=tmp_path / "store", embedder=built.embedder)
    _unread(later.store)
    assert [later.ask(q).to_dict() for q in questions] == fresh
