"""The corpus kept in the store, so a new process reads it whole instead of building it.

Building the corpus (:class:`assistant.retrieval.Corpus`) reads every content sentence from the
store, stems each and indexes the stems for BM25: at 100,000 sentences about 7 s, nearly all of
a new process's wait for its first answer. What it yields depends only on the store's sentences
and the code that stems and indexes them, so it is stored as an artifact of the store
(:meth:`index.store.Store.put_artifact`) under a key made of the product's code and the BM25
library's version, with the store generation it was read at (which every write changes). A new
process reads it back: as it is when the store has not been written since, else as the corpus
to bring up to date (:meth:`assistant.retrieval.Retriever.corpus` reads only the sentences of
reports added since, as a long-running process does after an upload). A payload of other code
is never served (its key differs), and one that cannot be read counts as none; the corpus is
then built and stored again.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Sequence

import numpy as np

from assistant.artifacts import code_digest, packed, read, sealed, unpacked, unsealed
from assistant.retrieval import Corpus, Lexical
from index.store import DocumentRecord, Store
from index.types import Sentence

ARTIFACT = "corpus"
FORMAT = 3  # of the payload below; the key also changes with any change of the code


class CorpusStore:
    """The stored corpus of one store; ``code`` gives the product's source hash, asked for on
    first use."""

    def __init__(self, store: Store, code: Callable[[], str] = code_digest) -> None:
        self._store = store
        self._source = code  # the product's source hash (one per process may be shared)
        self._code: str | None = None

    def key(self) -> str:
        """What a kept corpus is derived from besides the store's sentences, as one hash."""
        if self._code is None:
            # the BM25 library's index arrays are stored as it leaves them; its version is read
            # from its metadata, not by importing it (0.2 s that a kept corpus never needs)
            self._code = f"{self._source()}|bm25s {importlib.metadata.version('bm25s')}"
        return hashlib.sha256(f"{FORMAT}|{self._code}".encode()).hexdigest()

    def load(self) -> tuple[str, Corpus] | None:
        """The store generation the kept corpus was read at, and the corpus; or None."""
        return read(self._store, ARTIFACT, self.key(),
                    lambda p: decode_kept(unpacked(unsealed(p)).decode()))

    def save(self, generation: str, corpus: Corpus) -> None:
        payload = packed(encode(corpus, generation).encode())
        self._store.put_artifact(ARTIFACT, self.key(), sealed(payload))


_RECORD = [f.name for f in dataclasses.fields(DocumentRecord)]


def encode(corpus: Corpus, generation: str = "") -> str:
    """The corpus's manifest entries, sentences, stems and BM25 index, and the store generation
    it was read at, as one JSON string."""
    rows = [[s.sentence_id, s.doc_id, s.index, s.start, s.end, s.text, s.kind, list(s.dates)]
            for s in corpus.sentences]
    records = [[getattr(r, name) for name in _RECORD] for r in corpus.records.values()]
    return json.dumps({"format": FORMAT, "generation": generation, "record": _RECORD,
                       "records": records,
                       "sentences": rows, "stems": [" ".join(stems) for stems in corpus.stems],
                       "lexical": _lexical(corpus.lexical_index)},
                      ensure_ascii=False, separators=(",", ":"))


def decode(payload: str) -> Corpus:
    """The corpus :func:`encode` stored; ValueError for another format."""
    return _corpus(json.loads(payload))


def decode_kept(payload: str) -> tuple[str, Corpus]:
    """The generation and the corpus :func:`encode` stored; ValueError for another format."""
    data = json.loads(payload)
    corpus = _corpus(data)
    if not isinstance(data.get("generation"), str):
        raise ValueError("a corpus payload without its store generation")
    return data["generation"], corpus


def _corpus(data) -> Corpus:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data["record"] != _RECORD:
        raise ValueError(f"not a corpus payload of format {FORMAT}")
    records = [DocumentRecord(*row) for row in data["records"]]
    sentences = [Sentence(i, doc, index, start, end, text, True, kind, tuple(dates))
                 for i, doc, index, start, end, text, kind, dates in data["sentences"]]
    stems = Stems(data["stems"])
    if len(stems) != len(sentences):
        raise ValueError("a corpus payload whose stems do not match its sentences")
    return Corpus.restored(records, sentences, stems, _lexical_from(data["lexical"]))


class Stems(Sequence):
    """Each sentence's stems, split from their stored line when asked for: most questions
    read a few hundred of 100k, and splitting them all costs a new process 0.3 s."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [line.split() for line in self._lines[i]]
        return self._lines[i].split()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


def _lexical(index: Lexical) -> dict:
    return {"vocabulary": index.vocabulary, "documents": index.documents,
            **{name: _array(getattr(index, name)) for name in ("data", "indices", "indptr")}}


def _lexical_from(data: dict) -> Lexical:
    return Lexical(data["vocabulary"], data["documents"],
                   *(_array_from(data[name]) for name in ("data", "indices", "indptr")))


def _array(values: np.ndarray) -> list:
    return [values.dtype.str, base64.b64encode(values.tobytes()).decode("ascii")]


def _array_from(stored: list) -> np.ndarray:
    dtype, text = stored
    return np.frombuffer(base64.b64decode(text), dtype=np.dtype(dtype)).copy()
