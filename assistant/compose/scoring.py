"""How well each retrieved sentence answers the question: the share of the question's focus it
supports (:class:`~assistant.support.Support`), with the question's names counted as present
where the sentence names them in another form, where they are its report's topic, or where a
pronoun stands for them; a sentence about someone or somewhere else counts half."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.entities import find_entities, same_entity
from assistant.query import Query
from assistant.retrieval import Candidate, Corpus
from assistant.support import Support
from assistant.text import stem, words
from assistant.values import Value
from assistant.compose.context import Context

MIN_COVERAGE = 0.6  # share of the question's (IDF-weighted) focus a sentence must support

_PERSONAL = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.I)
_IMPERSONAL = re.compile(r"\b(?:it|its|they|them|their)\b", re.I)


@dataclass
class Scored:
    candidate: Candidate
    coverage: float
    score: float
    value: Value | None = None

    @property
    def sentence(self):
        return self.candidate.sentence


def _scored(query: Query, context: Context, corpus: Corpus, candidates: Sequence[Candidate],
            values: Sequence[Value | None], support: Support) -> list[Scored]:
    """The candidates with their coverage of the question's focus and their score, best first."""
    names = [*query.entities, *context.names]
    arounds = [_around(query, names, c.sentence, corpus) for c in candidates]
    name_words = {w for n in query.entities for w in words(n)}
    coverages = support.coverage(
        query.focus, [c.sentence.text for c in candidates], corpus, arounds,
        threshold=MIN_COVERAGE, names=name_words)
    scored = []
    for candidate, around, coverage, value in zip(candidates, arounds, coverages, values):
        if not _names_present(name_words, candidate.sentence.text, around):
            coverage *= 0.5  # a sentence about someone or somewhere else cannot answer
        scored.append(Scored(candidate, coverage,
                             coverage + 0.5 * candidate.dense + 5 * candidate.fused, value))
    return sorted(scored, key=lambda s: -s.score)


def _facts_first(query: Query, scored: list[Scored], focus) -> list[Scored]:
    """"How long was that one?" names nothing but the instance: the sentences stating what the
    reports say of that instance itself (its facts, e.g. "46-minute") answer first."""
    facts = [f for m in focus.mentions for f in getattr(m, "facts", ())]
    if query.focus or not facts:
        return scored
    stating = [s for s in scored if any(f in s.sentence.text for f in facts)]
    return stating or scored


def _docs_within(context: Context, corpus: Corpus) -> list[str] | None:
    if context.within is not None:
        return sorted({corpus.sentences[corpus.position[i]].doc_id for i in context.within
                       if i in corpus.position})
    return list(context.doc_ids) if context.doc_ids is not None else None


def _names_present(name_words: set[str], text: str, around: set[str]) -> bool:
    """Whether every name the question asks about is in the sentence, or stands behind it."""
    present = {stem(w) for w in words(text)} | around
    return all(stem(w) in present for w in name_words)


def _around(query: Query, names: Sequence[str], sentence, corpus: Corpus) -> set[str]:
    """Stems of the question's names that stand behind a sentence without being written in it
    as asked: named in another form, its report's topic, or meant by a pronoun."""
    return (_named(query, sentence.text) | _topic(query, corpus, sentence.doc_id)
            | _behind_pronouns(names, sentence.text, corpus, sentence.doc_id))


def _named(query: Query, text: str) -> set[str]:
    """Stems of the question's names that ``text`` mentions as a whole, however it names
    them: in full, by surname, or by acronym ("CVO" for a three-word observatory)."""
    if not query.entities:
        return set()
    mentioned = [e.text for e in find_entities(text)] + re.findall(r"\b[A-Z]{2,6}\b", text)
    found = set()
    for name in query.entities:
        if name.lower() in text.lower() or any(same_entity(name, m) for m in mentioned):
            found |= {stem(w) for w in words(name)}
    return found


def _topic(query: Query, corpus: Corpus, doc_id: str) -> set[str]:
    """Stems of the question's names that are its document's topic: in its title or lede, so
    every sentence of it may speak of them without repeating them."""
    record = corpus.records.get(doc_id)
    lede = corpus.by_doc.get(doc_id, [])[:2]
    head = " ".join([record.title if record else ""] + [s.text for s in lede]).lower()
    return {stem(w) for n in query.entities if n.lower() in head for w in words(n)}


def _behind_pronouns(names: Sequence[str], text: str, corpus: Corpus, doc_id: str) -> set[str]:
    """Stems of the names a sentence may refer to by pronoun: named in its document, and
    fitting the pronoun ("he" for anyone; "it"/"they" only for an organisation's acronym)."""
    if not names:
        return set()
    in_doc = _doc_stems(corpus, doc_id)
    found: set[str] = set()
    for name in names:
        fits = _PERSONAL.search(text) or (name.isupper() and _IMPERSONAL.search(text))
        stems = {stem(w) for w in words(name)}
        if fits and stems <= in_doc:
            found |= stems
    return found


def _doc_stems(corpus: Corpus, doc_id: str) -> set[str]:
    return {t for s in corpus.by_doc.get(doc_id, []) for t in corpus.stems[corpus.position[s.sentence_id]]}
