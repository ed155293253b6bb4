"""The store interface: documents and their sentence vectors.

Two implementations pass one contract suite (``tests/contracts/store_contract.py``):
:class:`index.chroma_store.ChromaStore` (the real one, embedded or server Chroma) and
:class:`index.memory_store.MemoryStore` (in memory, for unit tests).

A document record is the store's manifest entry. It is written ``pending`` before the
sentences, and ``ready`` after them, so a reader can always tell a complete document from the
remains of an interrupted ingest (see :mod:`index.ingest`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol, runtime_checkable

import numpy as np

from index.analysis import StoredAnalysis
from index.types import Sentence

PENDING = "pending"
READY = "ready"
DELETING = "deleting"


@dataclass(frozen=True)
class DocumentRecord:
    """One manifest entry: what was ingested from where, and how many sentences it gave.

    ``source`` is the file's absolute path (for machines: ``--json``, re-ingest); ``relative``
    is the path people read: relative to the folder that was ingested, or the file name for a
    file given by itself. Records written before ``relative`` was recorded lack it (None; see
    :attr:`shown_path`) and hold ``source`` as it was typed. ``analysis`` is the version of the
    analysis stored with the document (:mod:`index.analysis`), None while it has none.
    """

    doc_id: str
    source: str
    content_hash: str
    format: str
    title: str
    sentence_count: int
    content_count: int
    status: str = READY
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    replaces: str | None = None
    ingested_at: float = 0.0
    relative: str | None = None
    analysis: str | None = None

    @property
    def shown_path(self) -> str:
        """The path to show people: ``relative``, else the file name of ``source``."""
        return self.relative or file_name(self.source)


@dataclass(frozen=True)
class Hit:
    """A sentence found by vector search, with its cosine similarity to the query."""

    sentence: Sentence
    score: float


@runtime_checkable
class Store(Protocol):
    """Documents (text + record) and their sentences with vectors.

    Contracts every implementation keeps:
    - writes are upserts keyed by id: writing the same id twice leaves one copy;
    - ``sentences(doc_id)`` returns a document's sentences ordered by index;
    - ``search`` returns content sentences only (never furniture), best first, at most ``k``;
    - ``mark`` changes only the records' status (unknown ids are ignored);
    - ``delete_document`` removes the record, every sentence and the stored analysis of the
      document, and is idempotent;
    - ``put_analyses`` stores each analysis of a document the store holds (others are ignored)
      and sets that record's ``analysis`` to the analysis's version; ``analyses`` returns the
      stored ones of the ids asked for;
    - ``generation()`` changes with every write (from any process sharing the store) and not
      with reads, so a reader can keep what it built from the store while it is unchanged;
    - ``put_artifact`` keeps one value per name that a reader derived from the documents (the
      event index, say), under the key of what it was derived from, replacing the name's
      earlier value; ``artifact(name, key)`` returns it when one complete value of that name
      was stored under that key, else None. Artifacts are caches: writing one does not change
      ``generation()`` (the documents did not change), and none is needed for an answer;
    - ``put_word_vectors`` keeps the embedding model's vector of each word (upserts: a word
      written twice keeps one vector; the empty word is not kept); ``word_vectors(words)``
      returns the stored vectors (float32, equal to those written up to rounding) of the words
      asked for and skips the others. Word vectors are a cache of a function of the word and
      the store's model (a store opened with another model is refused): they outlive the
      documents whose words they are, are never stale, and writing them does not change
      ``generation()``.
    """

    def put_documents(self, records: Sequence[DocumentRecord], texts: Sequence[str],
                      vectors: np.ndarray) -> None: ...

    def mark(self, doc_ids: Sequence[str], status: str) -> None: ...

    def document(self, doc_id: str) -> DocumentRecord | None: ...

    def documents(self) -> list[DocumentRecord]: ...

    def document_text(self, doc_id: str) -> str: ...

    def upsert_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None: ...

    def sentences(self, doc_id: str) -> list[Sentence]: ...

    def get_sentences(self, sentence_ids: Sequence[str]) -> list[Sentence]: ...

    def delete_document(self, doc_id: str) -> None: ...

    def put_analyses(self, analyses: Sequence[StoredAnalysis]) -> None: ...

    def analyses(self, doc_ids: Iterable[str]) -> dict[str, StoredAnalysis]: ...

    def analysis_doc_ids(self) -> set[str]: ...

    def put_artifact(self, name: str, key: str, payload: str) -> None: ...

    def artifact(self, name: str, key: str) -> str | None: ...

    def put_word_vectors(self, words: Sequence[str], vectors: np.ndarray) -> None: ...

    def word_vectors(self, words: Iterable[str]) -> dict[str, np.ndarray]: ...

    def search(
        self, vector: np.ndarray, k: int, *, doc_ids: Iterable[str] | None = None
    ) -> list[Hit]: ...

    def iter_sentences(self, *, content_only: bool = True,
                       doc_ids: Iterable[str] | None = None) -> Iterator[Sentence]:
        """Stored sentences (content only by default), of ``doc_ids`` only when given."""
        ...

    def sentence_count(self) -> int: ...

    def sentence_doc_ids(self) -> set[str]: ...

    def generation(self) -> str: ...


def file_name(source: str) -> str:
    """The last part of a source path (the whole of it when it has no parts)."""
    return PurePath(source).name or source


def shown_paths(records: Iterable[DocumentRecord]) -> Callable[[str], str]:
    """``source -> shown_path`` over ``records``; a source no record holds shows its file name."""
    by_source = {r.source: r.shown_path for r in records}
    return lambda source: by_source.get(source) or file_name(source)


def check_vectors(items: Sequence[object], vectors: np.ndarray, *more: Sequence[object]) -> None:
    """Raise ValueError unless there is exactly one vector (and one of each ``more``) per item."""
    for other in (vectors, *more):
        if len(items) != len(other):
            raise ValueError(f"{len(items)} items but {len(other)} vectors or texts")
