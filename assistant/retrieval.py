"""Hybrid retrieval over content sentences: dense (the store's vectors) and lexical (BM25),
fused by reciprocal rank. Furniture is never retrieved.

The lexical index, the per-document sentence lists and the manifest are built once and reused
until the set of stored documents changes (document ids are content hashes, so the id set
identifies the content exactly), and kept in the store for the next process
(:mod:`assistant.corpus_store`).
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.text import content_stems
from index.embedder import Embedder
from index.store import READY, DocumentRecord, Store
from index.types import Sentence

RRF_K = 60  # the usual reciprocal-rank-fusion constant: ranks matter, raw scores do not
# A question is retrieved for two to four times while it is answered (the rules, the evidence,
# the readings), mostly with the same words: the last few dense searches are kept so each costs
# one embedding and one store query, not one per caller. Few enough that a rotation of questions
# (a chat, a benchmark) finds none of its earlier ones.
DENSE_MEMO = 4


@dataclass(frozen=True)
class Candidate:
    """A retrieved sentence with its dense and lexical evidence and fused score."""

    sentence: Sentence
    dense: float
    lexical: float
    fused: float


@dataclass(frozen=True)
class Lexical:
    """A BM25 index as arrays (what :class:`assistant.corpus_store.CorpusStore` keeps): the
    stems' ids, the number of sentences, and the stem-by-sentence scores in CSC form."""

    vocabulary: dict[str, int]
    documents: int
    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray


class Corpus:
    """The ready documents' content sentences, their BM25 index and their manifest entries.

    Sentences are kept in id order, so a corpus is the same whichever store or order they came
    from. ``previous``: an earlier corpus whose sentences' stems are reused (stems depend on the
    text alone, and a sentence id is a hash of its text and place).
    """

    def __init__(self, records: Sequence[DocumentRecord], sentences: Sequence[Sentence],
                 previous: Corpus | None = None) -> None:
        held = {r.doc_id for r in records}
        kept = sorted((s for s in sentences if s.doc_id in held), key=lambda s: s.sentence_id)
        self._assemble(records, kept, [_stems(s, previous) for s in kept], None)

    @classmethod
    def restored(cls, records: Sequence[DocumentRecord], sentences: list[Sentence],
                 stems: Sequence[list[str]], lexical: Lexical) -> Corpus:
        """The corpus whose sentences (of ``records``, in id order), stems and BM25 index
        (:attr:`lexical_index`) were kept, without stemming or indexing anything again."""
        corpus = cls.__new__(cls)
        corpus._assemble(records, sentences, stems, lexical)
        return corpus

    def _assemble(self, records: Sequence[DocumentRecord], sentences: list[Sentence],
                  stems: Sequence[list[str]], lexical: Lexical | None) -> None:
        self.records = {r.doc_id: r for r in records}
        self.sentences = sentences
        # Facts a read-path module derives from these sentences alone, kept by that module under
        # its own key (assistant.evidence.copies: which reports copy which). A new corpus starts
        # empty, so they never outlive the sentences; each fact depends on the sentences only,
        # so two requests racing to store one store the same value.
        self.derived: dict[str, dict] = {}
        self.position = {s.sentence_id: i for i, s in enumerate(self.sentences)}
        self.by_doc: dict[str, list[Sentence]] = defaultdict(list)
        for sentence in self.sentences:
            self.by_doc[sentence.doc_id].append(sentence)
        for doc in self.by_doc.values():
            doc.sort(key=lambda s: s.index)
        self.stems = stems
        self.df: dict[str, int] = defaultdict(int)
        if lexical is not None:  # the index counts each stem's sentences already
            self.df.update(_frequencies(lexical))
        else:
            for sentence_stems in self.stems:
                for term in set(sentence_stems):
                    self.df[term] += 1
        self._bm25 = _bm25(self.stems, lexical)

    def with_records(self, records: Sequence[DocumentRecord]) -> Corpus:
        """This corpus with the manifest entries ``records`` (of the same documents) in place
        of its own; everything else is shared."""
        corpus = copy.copy(self)
        corpus.records = {r.doc_id: r for r in records}
        return corpus

    @property
    def lexical_index(self) -> Lexical:
        """The BM25 index as arrays, to keep (:meth:`restored` takes it back)."""
        if not self.sentences:
            empty = np.zeros(0, dtype=np.float32)
            return Lexical({}, 0, empty, empty.astype(np.int32), np.zeros(1, dtype=np.int64))
        scores = self._bm25.scores
        return Lexical(dict(self._bm25.vocab_dict), int(scores["num_docs"]), scores["data"],
                       scores["indices"], scores["indptr"])

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; 0 for a term the corpus never uses."""
        df = self.df.get(term, 0)
        return float(np.log(1 + (len(self.sentences) - df + 0.5) / (df + 0.5))) if df else 0.0

    def lexical(self, stems: Sequence[str], k: int) -> list[tuple[Sentence, float]]:
        known = [t for t in stems if t in self.df]
        if not known or not self.sentences:
            return []
        scores = self._bm25.get_scores(known)
        top = np.argsort(-scores)[:k]
        return [(self.sentences[i], float(scores[i])) for i in top if scores[i] > 0]

    def neighbours(self, sentence: Sentence, window: int = 1) -> list[Sentence]:
        """Content sentences of the same document around ``sentence`` (itself included)."""
        doc = self.by_doc.get(sentence.doc_id, [])
        at = next((i for i, s in enumerate(doc) if s.sentence_id == sentence.sentence_id), None)
        if at is None:
            return [sentence]
        return doc[max(0, at - window): at + window + 1]

    def source(self, doc_id: str) -> str:
        record = self.records.get(doc_id)
        return record.source if record else doc_id


def _bm25(stems: list[list[str]], lexical: Lexical | None):
    """A BM25 index of ``stems``, or the one ``lexical`` kept (its arrays put back where
    :meth:`bm25s.BM25.index` leaves them; the library's version is part of the kept key)."""
    import bm25s  # here, not at the top: 0.1-0.3 s of imports (scipy.sparse) only this needs

    bm25 = bm25s.BM25()
    if lexical is not None and lexical.documents:
        bm25.scores = {"data": lexical.data, "indices": lexical.indices,
                       "indptr": lexical.indptr, "num_docs": lexical.documents}
        bm25.vocab_dict = dict(lexical.vocabulary)
        bm25.unique_token_ids_set = set(bm25.vocab_dict.values())
        bm25.nonoccurrence_array = None  # as BM25.load leaves it for the default method
    elif lexical is None and stems:
        bm25.index([s or [""] for s in stems], show_progress=False)
    return bm25


def _frequencies(lexical: Lexical) -> dict[str, int]:
    """How many sentences use each stem: the stem's entries in the index (one per sentence
    holding it; "" stands in the index for a sentence without stems, never in a sentence)."""
    counts = np.diff(lexical.indptr)
    return {stem: int(counts[i]) for stem, i in lexical.vocabulary.items() if stem}


def _stems(sentence: Sentence, previous: Corpus | None) -> list[str]:
    at = previous.position.get(sentence.sentence_id) if previous is not None else None
    return previous.stems[at] if at is not None else content_stems(sentence.text)


class Kept(Protocol):
    """Where a corpus is kept between processes (:class:`assistant.corpus_store.CorpusStore`),
    keyed by the store's generation it was read at."""

    def load(self, generation: str) -> Corpus | None: ...

    def save(self, generation: str, corpus: Corpus) -> None: ...


class Retriever:
    """Dense + BM25 retrieval with reciprocal-rank fusion over one store."""

    def __init__(self, store: Store, embedder: Embedder, depth: int = 40,
                 kept: Kept | None = None) -> None:
        self._store = store
        self._embedder = embedder
        self._depth = depth
        self._kept = kept  # where a corpus read whole is kept for later processes
        self._corpus: Corpus | None = None
        self._corpus_key: frozenset[str] | None = None
        self._generation: str | None = None
        self._kept_generation: str | None = None  # the generation whose corpus is kept
        self._lock = threading.Lock()
        self._dense_memo: OrderedDict[tuple, tuple[Corpus, list]] = OrderedDict()

    def corpus(self) -> Corpus:
        """The current corpus, rebuilt only when the stored documents changed.

        One small read (the store's generation) per call while nothing was written; the
        document listing, which grows with the store, is read only after a write.
        """
        generation = self._store.generation()  # read first: a later write changes it again
        with self._lock:
            if self._corpus is not None and generation == self._generation:
                return self._corpus
            if self._corpus is None and self._kept is not None and self._take_kept(generation):
                return self._corpus
            records = [r for r in self._store.documents() if r.status == READY]
            key = frozenset(r.doc_id for r in records)
            if self._corpus is None or key != self._corpus_key:
                self._corpus, self._corpus_key = self._rebuilt(records, key, generation), key
            elif {r.doc_id: r for r in records} != self._corpus.records:
                # the same reports, their entries rewritten (a re-analysis, a new publication
                # date): the sentences stand, the entries are the store's
                self._corpus = self._corpus.with_records(records)
            self._generation = generation
            return self._corpus

    def _take_kept(self, generation: str) -> bool:
        """Take the corpus an earlier process kept; whether it is the store's as it is now
        (with its records: no listing read). One kept at an older generation is the corpus
        that the caller brings up to date, reading only the reports added since."""
        found = self._kept.load()
        if found is None:
            return False
        kept_generation, kept = found
        self._corpus, self._corpus_key = kept, frozenset(kept.records)
        self._generation = self._kept_generation = kept_generation
        return kept_generation == generation

    def keep(self) -> None:
        """Keep the current corpus in the store for later processes (:class:`Kept`), unless
        it is kept already: after a small change it was built from the one before, not
        read whole, and so not kept yet."""
        corpus = self.corpus()
        with self._lock:
            generation = self._generation
            if self._kept is None or generation == self._kept_generation \
                    or corpus is not self._corpus:
                return
        self._kept.save(generation, corpus)
        with self._lock:
            self._kept_generation = generation

    def latest(self) -> Corpus:
        """The corpus :meth:`corpus` last gave (built now if none), without asking the store
        whether it changed since: for readers that use it as a hint only, within a question
        whose answer began with :meth:`corpus` (at 100k sentences each check is a store
        read, and a question's texts are parsed in several calls)."""
        with self._lock:
            corpus = self._corpus
        return corpus if corpus is not None else self.corpus()

    def _rebuilt(self, records: list[DocumentRecord], key: frozenset[str],
                 generation: str) -> Corpus:
        """The corpus of ``records``: after a small change, the sentences of documents already
        held are kept and only new documents' sentences are read (reading every sentence
        costs seconds at 100k); after a large one, one read of everything, then kept."""
        old = self._corpus
        new = key - set(old.records) if old is not None else key
        if old is None or len(new) * 2 > len(key):
            return self._whole(records, generation, old)
        kept = [s for s in old.sentences if s.doc_id in key]
        added = self._store.iter_sentences(content_only=True, doc_ids=new) if new else []
        return Corpus(records, kept + list(added), old)

    def _whole(self, records: list[DocumentRecord], generation: str,
               old: Corpus | None) -> Corpus:
        corpus = Corpus(records, list(self._store.iter_sentences(content_only=True)), old)
        if self._kept is not None:
            self._kept.save(generation, corpus)
            self._kept_generation = generation
        return corpus

    def retrieve(self, text: str, stems: Sequence[str], k: int = 30,
                 doc_ids: Iterable[str] | None = None, corpus: Corpus | None = None
                 ) -> list[Candidate]:
        """The ``k`` best content sentences for a query, best first (``corpus``: one the caller
        already took from :meth:`corpus` for this question, to avoid checking twice)."""
        corpus = corpus or self.corpus()
        wanted = set(doc_ids) if doc_ids is not None else None
        dense = self._dense(text, wanted, corpus)
        lexical = [(s, score) for s, score in corpus.lexical(stems, self._depth * 2)
                   if wanted is None or s.doc_id in wanted][: self._depth]
        return _fuse(dense, lexical)[:k]

    def nearest(self, text: str, k: int, doc_ids: Iterable[str] | None = None,
                corpus: Corpus | None = None) -> list[Sentence]:
        """The ``k`` content sentences nearest ``text`` by the embedding model alone, nearest
        first (within ``doc_ids`` when given)."""
        corpus = corpus or self.corpus()
        wanted = set(doc_ids) if doc_ids is not None else None
        return [h.sentence for h in self._dense(text, wanted, corpus)[:k]]

    def _dense(self, text: str, wanted: set[str] | None, corpus: Corpus) -> list:
        """The store's nearest sentences to ``text`` that ``corpus`` holds, from the memo when
        the same text was searched within the same documents over the same corpus."""
        key = (text, frozenset(wanted) if wanted is not None else None)
        with self._lock:
            kept = self._dense_memo.get(key)
            if kept is not None and kept[0] is corpus:
                self._dense_memo.move_to_end(key)
                return kept[1]
        vector = self._embedder.embed_query(text)
        dense = [h for h in self._store.search(vector, self._depth, doc_ids=wanted)
                 if h.sentence.sentence_id in corpus.position]
        with self._lock:
            self._dense_memo[key] = (corpus, dense)
            while len(self._dense_memo) > DENSE_MEMO:
                self._dense_memo.popitem(last=False)
        return dense


def _fuse(dense, lexical) -> list[Candidate]:
    fused: dict[str, float] = defaultdict(float)
    found: dict[str, Sentence] = {}
    dense_score = {h.sentence.sentence_id: h.score for h in dense}
    lexical_score = {s.sentence_id: score for s, score in lexical}
    for rank, hit in enumerate(dense):
        fused[hit.sentence.sentence_id] += 1.0 / (RRF_K + rank)
        found[hit.sentence.sentence_id] = hit.sentence
    for rank, (sentence, _) in enumerate(lexical):
        fused[sentence.sentence_id] += 1.0 / (RRF_K + rank)
        found[sentence.sentence_id] = sentence
    order = sorted(fused, key=lambda i: (-fused[i], i))
    return [Candidate(found[i], dense_score.get(i, 0.0), lexical_score.get(i, 0.0), fused[i])
            for i in order]
