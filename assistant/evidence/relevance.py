"""How much of what a question asks about a sentence supports, by meaning rather than spelling.

A term is supported by a sentence that has its lemma ("died" and "dies" are "die"), or, with
partial credit, a word the embedding model places close to it ("killed" for "died", "flight" for
"launch") or a word of its stem in another word class ("mediator" for "mediated"); a name only
by itself (or a spelling one letter apart: "Zelenskyy" for "Zelensky"; two names written as one
word: "Ashvale" for "Ash Vale"), in the sentence or in its document's headline and lead (a
report about a company need not repeat its name in every sentence; a different city is never a
synonym of the one asked about). A noun only the lead has gets partial credit in the report's
later sentences, which are read in its light. Terms weigh by their part of speech and their
rarity in the corpus, so the specific thing asked about outweighs the words around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from assistant.evidence.terms import Term
from assistant.evidence.word_vectors import WordVectors, content_lemmas
from assistant.language import LanguagePipeline
from assistant.retrieval import Corpus
from assistant.text import stem
from index.analysis import lead_parts, lead_text
from index.embedder import Embedder
from index.types import Sentence

NEAR = 0.5  # word-pair cosine from which a word counts as (partly) the same as a term
# Reports reword actions far more than things ("carried" a satellite: "delivered", "placed",
# "sent"); a verb is partly matched from a lower cosine. Dev pool 53 -> 56 of 90 against 0.5
# (0.45: 52, 0.35: 54); own suite and RAMDocs EM unchanged, RAMDocs gold recall 0.527 -> 0.537.
NEAR_VERB = 0.4
# A body sentence is read in the light of its report's lead: "The mediator declined to comment"
# is about the talks the lead names. A noun the question asks about that only the lead has gets
# this credit (not in the lead's own sentences: they are the context). Dev pool 56 -> 59 of 90,
# own suite 135 -> 136 of 188, RAMDocs EM 21 unchanged (0.4: dev 58, RAMDocs EM 20; the same
# credit in lead sentences too: RAMDocs EM 20).
LEAD_NOUN = 0.5
DERIVED = 0.9  # credit for a word of the term's stem but another lemma ("mediate", "mediator")


class Relevance:
    """Scores term coverage of sentences; word vectors are cached and shared between sessions."""

    def __init__(self, pipeline: LanguagePipeline, embedder: Embedder,
                 words: WordVectors | None = None) -> None:
        self._pipeline = pipeline
        self._embedder = embedder
        self._words = words or WordVectors(embedder)

    def closeness(self, question: str, texts: Sequence[str]) -> list[float]:
        """The embedding model's cosine between ``question`` and each of ``texts``."""
        if not texts:
            return []
        vectors = np.asarray(self._embedder.embed([question, *texts]), dtype=float)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
        return [float(v @ vectors[0]) for v in vectors[1:]]

    def coverage(self, terms: Sequence[Term], sentences: Sequence[Sentence],
                 corpus: Corpus) -> list[float]:
        """For each sentence, the weighted share (0..1) of ``terms`` it supports."""
        if not terms:
            return [1.0] * len(sentences)
        weights = [t.weight * _rarity(t, corpus) for t in terms]
        leads = {s.doc_id: _lead(corpus, s.doc_id) for s in sentences}
        # A lead's lemmas are its parts' (headline, sentences: parsed one by one, as stored at
        # ingest, not the lead parsed whole). Sentences and parts go in one call, so that a
        # report's stored parses are read and decoded once for both.
        parts = [p for _, pieces in leads.values() for p in pieces]
        parsed = self._pipeline.parse_many([s.text for s in sentences] + parts)
        of_part = dict(zip(parts, parsed[len(sentences):]))
        parsed = parsed[:len(sentences)]
        joined = _joined(terms)
        heads = {d: _split(set().union(*(content_lemmas(of_part[p]) for p in pieces)), joined)
                 for d, (_, pieces) in leads.items()}
        vocab = [_split(content_lemmas(p), joined) for p in parsed]
        near = self._near(terms, vocab)
        return [_covered(terms, weights, v, heads[s.doc_id], n, s.text not in leads[s.doc_id][0])
                for v, n, s in zip(vocab, near, sentences)]

    def similar(self, a: str, b: str) -> bool:
        """Whether two words are the same lemma or near in the embedding model ("poll" and
        "survey")."""
        return self.nearest(a, [b]) >= NEAR

    def nearest(self, word: str, others: Iterable[str]) -> float:
        """The embedding model's highest cosine between ``word`` and one of ``others`` (1.0
        when one is the same lemma, 0.0 when there are none)."""
        others = sorted(set(others))
        if word in others:
            return 1.0
        if not others:
            return 0.0
        vectors = self._words.vectors([word, *others])
        return max(float(vectors[word] @ vectors[o]) for o in others)

    def _near(self, terms: Sequence[Term], vocab: Sequence[set[str]]) -> list[dict[str, float]]:
        """Per sentence: each non-name term's best cosine to one of the sentence's words."""
        asked = [t.lemma for t in terms if not t.name]
        vectors = self._words.vectors(asked + sorted(set().union(*vocab)) if vocab else asked)
        out = []
        for words in vocab:
            options = np.stack([vectors[w] for w in words]) if words else None
            out.append({a: float((options @ vectors[a]).max()) if options is not None else 0.0
                        for a in asked})
        return out


def _joined(terms: Sequence[Term]) -> dict[str, tuple[str, str]]:
    """Two names the question gives side by side, written as one word ("Ash Vale": "ashvale"),
    each to the pair: one place's name spelled two ways."""
    return {a.lemma + b.lemma: (a.lemma, b.lemma) for a, b in zip(terms, terms[1:])
            if a.name and b.name}


def _split(words: set[str], joined: dict[str, tuple[str, str]]) -> set[str]:
    """``words`` with the two names of each joined name it holds (:func:`_joined`)."""
    found = words & joined.keys()
    return words | {w for j in found for w in joined[j]} if found else words


def _covered(terms, weights, vocab, lead, near, body: bool) -> float:
    """Weighted share of the terms supported; a sentence that misses a name the question gives
    (in itself and its document's lead) is about someone or somewhere else: half as relevant."""
    credits = [_credit(t, vocab, lead, near, body) for t in terms]
    share = sum(w * c for w, c in zip(weights, credits)) / (sum(weights) or 1.0)
    missing_name = any(t.name and c == 0.0 for t, c in zip(terms, credits))
    return share * 0.5 if missing_name else share


def _credit(term: Term, vocab: set[str], lead: set[str], near: dict[str, float],
            body: bool = False) -> float:
    if term.lemma in vocab:
        return 1.0
    if term.name:
        respelled = any(_respelled(term.lemma, w) or _short_for(term.lemma, w) for w in vocab)
        return 0.75 if term.lemma in lead or respelled else 0.0
    if stem(term.lemma) in {stem(w) for w in vocab}:
        return DERIVED  # the same stem, another word class: "mediated" and "the mediator"
    similarity = near.get(term.lemma, 0.0)
    bar = NEAR_VERB if term.pos == "VERB" else NEAR
    if similarity >= bar:
        return similarity
    # a sentence of a report's body is read in the light of its lead ("the talks" it is about)
    return LEAD_NOUN if body and term.pos == "NOUN" and term.lemma in lead else 0.0


def _respelled(a: str, b: str) -> bool:
    """Whether two names of six letters or more, with the same first letter, are one letter
    apart ("Zelensky" and "Zelenskyy"): spellings of one name as often as not."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a[0] != b[0] or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _short_for(a: str, b: str) -> bool:
    """Whether one of two names is a short form of the other: the other cut by a syllable or
    more, its last letter perhaps respelled ("Alex" for "Alexander", "Nick" for "Nicholas";
    not "Hill" for "Hilton"), or an abbreviation of two or three letters keeping the other's
    first and last, in order ("St" or "St." for "Saint", "Mt" for "Mount"). A full stop marks
    the cut: "Prof." is the start of "Professor", its last letter not respelled."""
    short, long_ = sorted((a, b), key=len)
    cut = short.endswith(".")
    short, long_ = short.rstrip("."), long_.rstrip(".")
    if not short[:1].isalpha():
        return False
    kept = short if cut else short[:-1]
    if 3 <= len(short) <= 5 and len(long_) >= len(short) + 3 and long_.startswith(kept):
        return True
    if not 2 <= len(short) <= 3 or short[0] != long_[0] or short[-1] != long_[-1]:
        return False
    rest = iter(long_[1:-1])
    return all(c in rest for c in short[1:-1])


def _rarity(term: Term, corpus: Corpus) -> float:
    """IDF of the term's stem; a word no sentence uses weighs as much as the rarest one."""
    return corpus.idf(stem(term.lemma)) or float(np.log(1 + len(corpus.sentences) + 0.5))


def _lead(corpus: Corpus, doc_id: str) -> tuple[str, list[str]]:
    """A document's lead (:func:`index.analysis.lead_text`), the text its body is read against,
    and the texts it is made of."""
    record = corpus.records.get(doc_id)
    title, content = record.title if record else "", corpus.by_doc.get(doc_id, [])
    return lead_text(title, content), lead_parts(title, content)
