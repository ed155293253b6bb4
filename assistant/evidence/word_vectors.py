"""Word vectors from the embedding model: the words of stored reports embedded once, at ingest,
and kept in the store; any other word embedded when first asked for. Cached and shared by every
chat session.

Matching a question's words to a sentence's by meaning (:mod:`assistant.evidence.relevance`,
:mod:`assistant.support`) needs a vector for every word of every candidate sentence. Embedded at
question time, a new question's few hundred words were most of its time (1-2 ms a word on two
cores); read from the store they are one small read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import numpy as np

from assistant.language import Parsed
from assistant.text import STOPWORDS, words
from index.embedder import Embedder
from index.store import Store

CACHE_LIMIT = 50_000


def content_lemmas(parsed: Parsed) -> set[str]:
    """The lower-cased lemmas of a parse's words that carry meaning (what
    :class:`assistant.evidence.relevance.Relevance` matches a question's terms against)."""
    return {t.lemma.lower() for t in parsed.tokens if t.pos != "PUNCT" and not t.is_stop}


def plain_words(text: str) -> list[str]:
    """A text's words that carry meaning, each once, in order (what
    :class:`assistant.support.Support` matches a question's focus words against)."""
    return list(dict.fromkeys(w for w in words(text) if w not in STOPWORDS))


def report_words(parses: Iterable[Parsed]) -> set[str]:
    """Every word the read path may ask a vector for in these texts: both kinds above."""
    found: set[str] = set()
    for parsed in parses:
        found |= content_lemmas(parsed)
        found.update(plain_words(parsed.text))
    return found


class WordVectors:
    """``vectors(words)`` → word → unit vector; safe to call from many threads at once.

    A word is looked up in this cache, then in ``store`` (when given), and embedded only when
    neither has it. ``learn`` embeds and stores the words the store does not hold yet. The cache
    is bounded (cleared when full); a call never depends on another thread's entries surviving,
    since what it found itself is returned from its own hands.
    """

    def __init__(self, embedder: Embedder, store: Store | None = None,
                 limit: int = CACHE_LIMIT) -> None:
        self._embedder = embedder
        self._store = store
        self._limit = limit
        self._cache: dict[str, np.ndarray] = {}
        self._stored: set[str] = set()  # words known to be in the store (it never drops one)
        self._lock = threading.Lock()

    def vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            found = {w: self._cache[w] for w in words if w in self._cache}
        todo = [w for w in dict.fromkeys(words) if w not in found]
        fresh = self._store.word_vectors(todo) if todo and self._store is not None else {}
        todo = [w for w in todo if w not in fresh]
        if todo:
            fresh.update(zip(todo, self._embedder.embed(todo)))
        if fresh:
            with self._lock:
                if len(self._cache) + len(fresh) > self._limit:
                    self._cache.clear()
                self._cache.update(fresh)
            found.update(fresh)
        return found

    def learn(self, words: Iterable[str]) -> int:
        """Embed the ``words`` the store does not hold yet and store their vectors; returns how
        many were embedded (none without a store)."""
        if self._store is None:
            return 0
        with self._lock:
            asked = sorted({w for w in words if w} - self._stored)
        held = self._store.word_vectors(asked) if asked else {}
        new = [w for w in asked if w not in held]
        if new:
            self._store.put_word_vectors(new, np.asarray(self._embedder.embed(new)))
        with self._lock:
            self._stored.update(asked)
        return len(new)
