"""An in-memory :class:`index.store.Store` for unit tests; same contract as the Chroma store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

import numpy as np

from index.analysis import StoredAnalysis
from index.errors import NotFoundError
from index.store import DocumentRecord, Hit, check_vectors
from index.types import Sentence


class MemoryStore:
    """Dictionaries and a brute-force cosine search. Not persistent, not for production."""

    def __init__(self) -> None:
        self._records: dict[str, DocumentRecord] = {}
        self._texts: dict[str, str] = {}
        self._sentences: dict[str, Sentence] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._analyses: dict[str, StoredAnalysis] = {}
        self._artifacts: dict[str, tuple[str, str]] = {}
        self._words: dict[str, np.ndarray] = {}
        self._generation = 0

    def put_documents(self, records: Sequence[DocumentRecord], texts: Sequence[str],
                      vectors: np.ndarray) -> None:
        check_vectors(records, vectors, texts)
        for record, text in zip(records, texts):
            self._records[record.doc_id] = record
            self._texts[record.doc_id] = text
        self._generation += 1

    def mark(self, doc_ids: Sequence[str], status: str) -> None:
        for doc_id in doc_ids:
            if doc_id in self._records:
                self._records[doc_id] = replace(self._records[doc_id], status=status)
        self._generation += 1

    def document(self, doc_id: str) -> DocumentRecord | None:
        return self._records.get(doc_id)

    def documents(self) -> list[DocumentRecord]:
        return sorted(self._records.values(), key=lambda r: (r.source, r.doc_id))

    def document_text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            raise NotFoundError(f"no document with id {doc_id!r} in the store")
        return self._texts[doc_id]

    def upsert_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        check_vectors(sentences, vectors)
        for sentence, vector in zip(sentences, vectors):
            self._sentences[sentence.sentence_id] = sentence
            self._vectors[sentence.sentence_id] = np.asarray(vector, dtype=np.float32)
        self._generation += 1

    def sentences(self, doc_id: str) -> list[Sentence]:
        found = [s for s in self._sentences.values() if s.doc_id == doc_id]
        return sorted(found, key=lambda s: s.index)

    def get_sentences(self, sentence_ids: Sequence[str]) -> list[Sentence]:
        return [self._sentences[i] for i in sentence_ids if i in self._sentences]

    def delete_document(self, doc_id: str) -> None:
        for sentence in self.sentences(doc_id):
            del self._sentences[sentence.sentence_id]
            del self._vectors[sentence.sentence_id]
        self._records.pop(doc_id, None)
        self._texts.pop(doc_id, None)
        self._analyses.pop(doc_id, None)
        self._generation += 1

    def put_analyses(self, analyses: Sequence[StoredAnalysis]) -> None:
        for analysis in analyses:
            record = self._records.get(analysis.doc_id)
            if record is not None:
                self._analyses[analysis.doc_id] = analysis
                self._records[analysis.doc_id] = replace(record, analysis=analysis.version)
        self._generation += 1

    def analyses(self, doc_ids: Iterable[str]) -> dict[str, StoredAnalysis]:
        return {d: self._analyses[d] for d in doc_ids if d in self._analyses}

    def analysis_doc_ids(self) -> set[str]:
        return set(self._analyses)

    def put_artifact(self, name: str, key: str, payload: str) -> None:
        self._artifacts[name] = (key, payload)

    def artifact(self, name: str, key: str) -> str | None:
        stored = self._artifacts.get(name)
        return stored[1] if stored is not None and stored[0] == key else None

    def put_word_vectors(self, words: Sequence[str], vectors: np.ndarray) -> None:
        check_vectors(words, vectors)
        self._words.update((w, v) for w, v in zip(words, np.array(vectors, dtype=np.float32)) if w)

    def word_vectors(self, words: Iterable[str]) -> dict[str, np.ndarray]:
        return {w: self._words[w].copy() for w in words if w in self._words}

    def search(
        self, vector: np.ndarray, k: int, *, doc_ids: Iterable[str] | None = None
    ) -> list[Hit]:
        wanted = set(doc_ids) if doc_ids is not None else None
        hits = [
            Hit(s, float(np.dot(self._vectors[s.sentence_id], vector)))
            for s in self._sentences.values()
            if s.content and (wanted is None or s.doc_id in wanted)
        ]
        hits.sort(key=lambda h: (-h.score, h.sentence.sentence_id))
        return hits[:k]

    def iter_sentences(self, *, content_only: bool = True,
                       doc_ids: Iterable[str] | None = None) -> Iterator[Sentence]:
        wanted = set(doc_ids) if doc_ids is not None else None
        for sentence in sorted(self._sentences.values(), key=lambda s: s.sentence_id):
            if (sentence.content or not content_only) and \
                    (wanted is None or sentence.doc_id in wanted):
                yield sentence

    def sentence_count(self) -> int:
        return len(self._sentences)

    def generation(self) -> str:
        return str(self._generation)

    def sentence_doc_ids(self) -> set[str]:
        return {s.doc_id for s in self._sentences.values()}
