"""Word vectors from the embedding model, cached and shared by every chat session."""

from __future__ import annotations

import threading

import numpy as np

from index.embedder import Embedder

CACHE_LIMIT = 50_000


class WordVectors:
    """``vectors(words)`` → word → unit vector; safe to call from many threads at once.

    The cache is bounded (cleared when full); a call never depends on another thread's entries
    surviving, since what it embedded itself is returned from its own hands.
    """

    def __init__(self, embedder: Embedder, limit: int = CACHE_LIMIT) -> None:
        self._embedder = embedder
        self._limit = limit
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def vectors(self, words: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            found = {w: self._cache[w] for w in words if w in self._cache}
        todo = [w for w in dict.fromkeys(words) if w not in found]
        if todo:
            fresh = dict(zip(todo, self._embedder.embed(todo)))
            with self._lock:
                if len(self._cache) + len(fresh) > self._limit:
                    self._cache.clear()
                self._cache.update(fresh)
            found.update(fresh)
        return found
