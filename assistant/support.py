"""How well a sentence supports what a question is about.

A question's focus words must be found in the sentence that answers it: literally (same stem),
or, with partial credit, as a close synonym by the embedding model. Each word weighs by its
rarity in the corpus; a word the corpus never uses weighs as much as the rarest one, because it
is the most specific thing the question asks about. So "when was the wedding?" is not answered by
a sentence that merely shares "when"-like words: "wedding" is unsupported and outweighs the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.evidence.word_vectors import WordVectors, plain_words
from assistant.retrieval import Corpus
from assistant.text import STOPWORDS, stem, words
from index.embedder import Embedder

SYNONYM_FLOOR = 0.45  # below this a word pair earns nothing (pairs measured in benchmarks/README)


class Support:
    """Scores focus-word coverage of sentences; caches word vectors between calls."""

    def __init__(self, embedder: Embedder, words: WordVectors | None = None) -> None:
        self._words = words or WordVectors(embedder)

    def coverage(self, focus: Sequence[str], texts: Sequence[str], corpus: Corpus,
                 arounds: Sequence[frozenset[str] | set[str]] | None = None,
                 threshold: float = 0.6, synonym_limit: int = 12,
                 names: frozenset[str] | set[str] = frozenset()) -> list[float]:
        """Weighted share (0..1) of the ``focus`` words that each text supports.

        Stems in ``arounds[i]`` count as supported for ``texts[i]``: the names a question asks
        about, when the sentence's document names them and the sentence refers to them by
        pronoun. Synonym credit is only sought for the first ``synonym_limit`` texts that
        cannot reach ``threshold`` literally but could with it, all in one model call; never
        for ``names`` (a different city is not a synonym of the one asked about).
        """
        if not focus:
            return [1.0] * len(texts)
        arounds = arounds or [frozenset()] * len(texts)
        weights = {t: self._weight(stem(t), corpus) for t in focus}
        total = sum(weights.values())
        literal, missing = [], []
        for text, around in zip(texts, arounds):
            present = self._stems(text) | set(around)
            gone = [t for t in focus if stem(t) not in present]
            missing.append(gone)
            literal.append((total - sum(weights[t] for t in gone)) / total)
        hopeful = [i for i, (score, gone) in enumerate(zip(literal, missing))
                   if gone and score < threshold <= score + sum(weights[t] for t in gone) / total]
        hopeful = hopeful[:synonym_limit]
        found = self._synonyms([[t for t in missing[i] if t not in names] for i in hopeful],
                               [texts[i] for i in hopeful])
        for i, credit in zip(hopeful, found):
            literal[i] += sum(weights[t] * s for t, s in credit.items()) / total
        return literal

    @staticmethod
    def _stems(text: str) -> set[str]:
        return {stem(w) for w in words(text) if w not in STOPWORDS}

    @staticmethod
    def _weight(term: str, corpus: Corpus) -> float:
        """IDF of the stem; a stem the corpus never uses weighs as much as the rarest can."""
        return corpus.idf(term) or float(np.log(1 + len(corpus.sentences) + 0.5))

    def _synonyms(self, missing: Sequence[Sequence[str]], texts: Sequence[str]
                  ) -> list[dict[str, float]]:
        """For each text, each missing word's best similarity to one of its words (if above
        the floor); every word involved is embedded in a single call."""
        candidates = [plain_words(t) for t in texts]
        vectors = self._words.vectors([w for group in missing for w in group] +
                              [w for group in candidates for w in group])
        found = []
        for gone, options in zip(missing, candidates):
            best = {t: max((float(vectors[t] @ vectors[c]) for c in options), default=0.0)
                    for t in gone}
            found.append({t: s for t, s in best.items() if s >= SYNONYM_FLOOR})
        return found
