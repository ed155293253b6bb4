"""The extractive composer: evidence → an answer that quotes and cites exact sentences.

No language model is involved. An answer is made of short sentences that state a value copied
from the cited sentences (a date, a duration, an amount, a name …) and of verbatim quotes, each
with ``[n]`` markers. Where sources give different values for what was asked, each value is a
position with its own citations and sources. Where nothing supports an answer of the wanted
kind about the asked things, the answer abstains and lists the closest sentences as related.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.query import VALUE_KINDS, Query
from assistant.retrieval import Candidate, Corpus, Retriever
from assistant.support import Support
from assistant.text import STOPWORDS, stem, words
from assistant.types import CANNOT_ANSWER, CONFLICT, Answer, Disagreement, Position, Related
from assistant.values import Value, same, values_of
from assistant.citations import Citations, attributed
from assistant.clauses import clause_of, clauses
from assistant.entities import same_entity

MIN_COVERAGE = 0.7  # share of the question's (IDF-weighted) focus a sentence must support
POSITION_MARGIN = 0.25  # a rival value counts when its best sentence scores this close
COVERAGE_MARGIN = 0.1  # … and is about as much about the question as the best one
MAX_QUOTES = 3


@dataclass(frozen=True)
class Context:
    """What a conversation adds to a question: the names pronouns stand for, and limits."""

    names: tuple[str, ...] = ()
    within: tuple[str, ...] | None = None
    doc_ids: tuple[str, ...] | None = None


@dataclass
class Scored:
    candidate: Candidate
    coverage: float
    score: float
    value: Value | None = None

    @property
    def sentence(self):
        return self.candidate.sentence


@dataclass
class Group:
    """Sentences stating one value."""

    value: Value
    members: list[Scored] = field(default_factory=list)

    @property
    def strength(self) -> float:
        return max(m.score for m in self.members) + 0.05 * (len(self.docs) - 1)

    @property
    def coverage(self) -> float:
        return max(m.coverage for m in self.members)

    @property
    def docs(self) -> list[str]:
        return list(dict.fromkeys(m.sentence.doc_id for m in self.members))


class Composer:
    """Answers one analysed question from the store behind ``retriever``."""

    def __init__(self, retriever: Retriever, support: Support, depth: int = 30) -> None:
        self._retriever = retriever
        self._support = support
        self._depth = depth

    def answer(self, query: Query, context: Context = Context()) -> Answer:
        corpus = self._retriever.corpus()
        scored = self._score(query, context, corpus)
        relevant = [s for s in scored if s.coverage >= MIN_COVERAGE]
        if query.kind in VALUE_KINDS:
            relevant = [s for s in relevant if s.value is not None]
        if not relevant:
            return _abstain(query, scored, corpus)
        if query.kind in VALUE_KINDS:
            return _value_answer(query, relevant, scored, corpus)
        return _quote_answer(query, relevant, scored, corpus)

    def _score(self, query: Query, context: Context, corpus: Corpus) -> list[Scored]:
        text = " ".join((query.text, *context.names))
        stems = list(query.stems) + [stem(w) for n in context.names for w in words(n)]
        candidates = self._retriever.retrieve(text, stems, k=self._depth,
                                              doc_ids=_docs_within(context, corpus))
        if context.within is not None:
            allowed = set(context.within)
            candidates = [c for c in candidates if c.sentence.sentence_id in allowed]
        names = {stem(w) for n in (*query.entities, *context.names) for w in words(n)}
        arounds = [names & _doc_stems(corpus, c.sentence.doc_id) if _refers(c.sentence.text)
                   else set() for c in candidates]
        coverages = self._support.coverage(
            query.focus, [c.sentence.text for c in candidates], corpus, arounds,
            threshold=MIN_COVERAGE, names={w for n in query.entities for w in words(n)})
        scored = [Scored(c, cov, cov + 0.5 * c.dense + 5 * c.fused,
                         _choose_value(query, c.sentence.text))
                  for c, cov in zip(candidates, coverages)]
        return sorted(scored, key=lambda s: -s.score)


def _docs_within(context: Context, corpus: Corpus) -> list[str] | None:
    if context.within is not None:
        return sorted({corpus.sentences[corpus.position[i]].doc_id for i in context.within
                       if i in corpus.position})
    return list(context.doc_ids) if context.doc_ids is not None else None


_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers|they|them|their|it|its)\b", re.I)


def _refers(text: str) -> bool:
    """Whether a sentence refers to someone by pronoun, so its document's names may stand in."""
    return bool(_PRONOUN.search(text))


def _doc_stems(corpus: Corpus, doc_id: str) -> set[str]:
    return {t for s in corpus.by_doc.get(doc_id, []) for t in corpus.stems[corpus.position[s.sentence_id]]}


def _choose_value(query: Query, text: str) -> Value | None:
    """The value of the wanted kind that the sentence attaches to the question's focus.

    It must stand in the clause where most of the focus words are (see :mod:`assistant.clauses`);
    a sentence whose only values belong to another predicate offers none.
    """
    values = [v for v in values_of(text, query.kind) if _fits(query, v)]
    values = [v for v in values if not v.anchored] or values
    if not values:
        return None
    wanted = {stem(f) for f in query.focus}
    spots = [i for i, w in _word_positions(text) if w in wanted]
    spans = clauses(text)
    if not spots or len(spans) == 1:
        return values[0] if not spots else min(values, key=lambda v: _distance(v, spots))
    hits = [0] * len(spans)
    for spot in spots:
        hits[clause_of(spans, spot)] += 1
    best = max(hits)
    attached = [v for v in values if hits[clause_of(spans, v.start)] == best]
    return min(attached, key=lambda v: _distance(v, spots)) if attached else None


def _distance(value: Value, spots: list[int]) -> int:
    return min(abs(value.start - i) for i in spots)


def _fits(query: Query, value: Value) -> bool:
    """A counted value must count what the question counts ("how many people" → people), and
    a name the question itself gives is not its answer ("who killed X?" is not "X")."""
    if value.kind in ("person", "place"):
        return not any(same_entity(value.text, e) or value.text.lower().endswith(e.lower())
                       for e in query.entities)
    if value.noun is None or value.kind != "number" or not value.key.startswith("count:"):
        return True
    wanted = {stem(w) for w in query.focus}
    return not wanted or stem(value.noun) in wanted


def _word_positions(text: str) -> list[tuple[int, str]]:
    return [(m.start(), stem(m.group().lower())) for m in re.finditer(r"\w+", text)
            if m.group().lower() not in STOPWORDS]


def _groups(relevant: Sequence[Scored]) -> list[Group]:
    groups: list[Group] = []
    for item in relevant:
        home = next((g for g in groups if same(g.value, item.value)), None)
        if home is None:
            home = Group(item.value)
            groups.append(home)
        home.members.append(item)
    return sorted(groups, key=lambda g: -g.strength)


def _value_answer(query: Query, relevant: Sequence[Scored], scored: Sequence[Scored],
                  corpus: Corpus) -> Answer:
    groups = _groups(relevant)
    best = groups[0]
    rivals = [g for g in groups[1:] if g.strength >= best.strength - POSITION_MARGIN
              and g.coverage >= best.coverage - COVERAGE_MARGIN]
    cites = Citations(corpus)
    if not rivals:
        markers = cites.markers(attributed(m.sentence, corpus) for m in best.members[:MAX_QUOTES])
        lines = [f"{_capital(best.value.display)} {markers}."]
        disagreements: tuple[Disagreement, ...] = ()
    else:
        chosen = [best, *rivals]
        lines = ["The sources differ:"]
        positions = []
        for group in chosen:
            markers = cites.markers(attributed(m.sentence, corpus) for m in group.members[:MAX_QUOTES])
            lines.append(f"- {group.value.display} {markers}")
            positions.append(Position(group.value.display, cites.numbers_of(group.members),
                                      tuple(corpus.source(d) for d in group.docs)))
        disagreements = (Disagreement(query.text, CONFLICT, tuple(positions)),)
    lines += cites.quotes()
    return Answer(query.text, "\n".join(lines), False, query.kind, cites.all(), disagreements,
                  _related(scored, cites, corpus))


def _quote_answer(query: Query, relevant: Sequence[Scored], scored: Sequence[Scored],
                  corpus: Corpus) -> Answer:
    cites = Citations(corpus)
    for item in _diverse(relevant)[:MAX_QUOTES - 1]:
        cites.markers(attributed(item.sentence, corpus))
    return Answer(query.text, "\n".join(cites.quotes()), False, query.kind, cites.all(), (),
                  _related(scored, cites, corpus))


def _diverse(relevant: Sequence[Scored]) -> list[Scored]:
    """Best first, but no near-duplicate of a sentence already chosen."""
    chosen: list[Scored] = []
    for item in relevant:
        seen = set(words(item.sentence.text))
        if all(len(seen & set(words(c.sentence.text))) < 0.8 * len(seen) for c in chosen):
            chosen.append(item)
    return chosen


def _abstain(query: Query, scored: Sequence[Scored], corpus: Corpus) -> Answer:
    missing = [w for w in query.focus if corpus.idf(stem(w)) == 0.0]
    text = CANNOT_ANSWER
    if missing:
        text += " None of them mentions " + ", ".join(f"“{w}”" for w in missing) + "."
    return Answer(query.text, text, True, query.kind, related=_related(scored, None, corpus))


def _related(scored: Sequence[Scored], cites: Citations | None, corpus: Corpus,
             limit: int = 3) -> tuple[Related, ...]:
    cited = cites.sentence_ids() if cites else set()
    rest = [s for s in sorted(scored, key=lambda s: -s.candidate.fused)
            if s.sentence.sentence_id not in cited]
    return tuple(Related(s.sentence, corpus.source(s.sentence.doc_id), s.candidate.dense)
                 for s in rest[:limit])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
