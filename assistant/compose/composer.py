"""The composer: one analysed question in, one answer out (see :mod:`assistant.compose`).

It tries the rules first (an instance the question names or the conversation is about, typed
values, value groups) and then asks the evidence layer (:mod:`assistant.evidence`) what it adds:
who said it, an earlier instance, a disagreement the rules missed, wider or better quotes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import replace

from assistant.query import AMOUNT, DURATION, NUMBER, VALUE_KINDS, Query
from assistant.retrieval import Corpus, Retriever
from assistant.support import Support
from assistant.text import stem, words
from assistant.analyses_store import AnalysesStore
from assistant.event_cache import EvidenceCache
from assistant.event_store import EventStore
from assistant.evidence.attachment import answers_question, question_lemmas
from assistant.evidence.conflicts import number_key
from assistant.evidence.counting import asked_count
from assistant.evidence.quotes import EvidenceAnswerer
from assistant.evidence.terms import asked_object_verb, asked_terms
from assistant.evidence.earlier import RELATED_SUPPORT, earlier_answer
from assistant.evidence.readings import readings
from assistant.evidence.said import said_answer
from assistant.instances import EventIndex, noun_stems
from assistant.previous import NO_EARLIER, previous_answer
from assistant.types import TEXT, VALUE, Answer, Line
from assistant.uncollected import uncollected
from assistant.values import Value
from assistant.compose.answers import _abstain, _quote_answer, _value_answer
from assistant.compose.choice import _choose_value
from assistant.compose.context import Context
from assistant.compose.groups import RIVAL_SUPPORT, Group
from assistant.compose.scoring import MIN_COVERAGE, Scored, _docs_within, _facts_first, _scored

QUANTITY_KINDS = frozenset({AMOUNT, DURATION, NUMBER})
ATTACHED_KINDS = frozenset({"place"})  # values read off the parse must hang under the question
_BEFORE_THE = re.compile(r"\bbefore the\b", re.I)
# Parts of speech that say what happened or is, rather than what it happened to
_ACTIONS = frozenset({"VERB", "AUX"})


class Composer:
    """Answers one analysed question from the store behind ``retriever``."""

    def __init__(self, retriever: Retriever, support: Support, depth: int = 30,
                 evidence: EvidenceAnswerer | None = None,
                 stored: EventStore | None = None,
                 analyses: AnalysesStore | None = None) -> None:
        self._retriever = retriever
        self._evidence = evidence
        self._support = support
        self._depth = depth
        self._stored = stored  # where the instances built once are kept for later processes
        self._kept_analyses = analyses  # and the reports' analyses they were built from
        self._kept_for: Corpus | None = None  # the corpus whose instances are in the store
        self._events: tuple[Corpus, EventIndex] | None = None
        # chat sessions share this composer: one of them builds (or reads) the index at a time,
        # and the reports' analyses it keeps are not safe to update from two threads at once
        self._events_lock = threading.Lock()
        # reports' analyses survive a corpus change; they parse with the evidence layer's pipeline
        self._analyses = EvidenceCache(evidence.pipeline if evidence is not None else None)

    def events(self, corpus: Corpus | None = None) -> EventIndex:
        """The instances the current corpus describes (rebuilt when the corpus changes)."""
        corpus = corpus or self._retriever.corpus()
        with self._events_lock:
            if self._events is None or self._events[0] is not corpus:
                first = self._events is None
                self._events = (corpus, self._event_index(corpus, first))
            return self._events[1]

    def keep(self) -> None:
        """Keep the current instances and the reports' analyses behind them in the store for
        later processes, unless they are kept already. A process keeps its first build at
        once; a long-running one's rebuild after an upload waits for this call (at 100k
        sentences the writes take longer than the rebuild itself)."""
        corpus = self._retriever.corpus()
        index = self.events(corpus)
        with self._events_lock:
            self._keep(corpus, index, analyses=True)

    def _keep(self, corpus: Corpus, index: EventIndex, analyses: bool) -> None:
        if self._stored is not None and self._kept_for is not corpus:
            self._stored.save(corpus, index.events)
            self._kept_for = corpus
        if analyses and self._kept_analyses is not None and self._analyses.changed:
            self._kept_analyses.save(self._analyses.state())

    def _event_index(self, corpus: Corpus, first: bool) -> EventIndex:
        """The corpus's instances as stored by an earlier process, else built (from the
        reports' analyses an earlier process kept, where they still hold)."""
        stored = self._stored.load(corpus) if self._stored is not None else None
        if stored is not None:
            self._kept_for = corpus
        elif self._kept_analyses is not None and self._analyses.empty:
            kept = self._kept_analyses.load()  # a new process: the reports analysed before
            if kept is not None:
                self._analyses.restore(kept)
        held = not self._analyses.empty  # analyses of an earlier build, this process's or kept
        with uncollected():  # millions of objects made, none of them garbage
            index = EventIndex(corpus, self._analyses, events=stored)
        if first:  # the analyses too when it made them all; a few new ones wait for keep()
            self._keep(corpus, index, analyses=not held)
        return index

    def answer(self, query: Query, context: Context = Context()) -> Answer:
        """The rules' answer, with what other reports say of the question beside it; where the
        rules find nothing to state, the best-supported sentences quoted
        (:mod:`assistant.evidence`), and only where none is, an abstention. An answer then
        quotes the sentences nearest the question in meaning that it does not cite yet."""
        corpus = self._retriever.corpus()  # one freshness check per question
        answer = self._answer(query, context, corpus)
        if self._evidence is None or answer.abstained:
            return answer
        return self._evidence.nearest(answer, self._asked(query, context), corpus,
                                      _docs_within(context, corpus), context.within)

    def _answer(self, query: Query, context: Context, corpus: Corpus) -> Answer:
        answer, settled, named = self._rule_answer(query, context, corpus)
        if self._evidence is None:
            return answer
        asked = self._asked(query, context)
        if not query.previous:
            said = said_answer(self._evidence.pipeline, self._evidence.relevance, asked, corpus)
            if said is not None:
                return self._in_place_of(answer, said, query, corpus)
        if query.previous and answer.abstained:
            found = earlier_answer(self._evidence, asked, context.history, context.cited, corpus)
            if found is not None:
                return self._in_place_of(answer, found, query, corpus)
        if settled:
            return self._about_previous(answer, asked, context, corpus)
        scored = self._evidence.evidence(asked, context.history, corpus)  # read once
        if named is not None:  # "the March 2021 eruption": what its reports say, no other's
            index = self.events(corpus)
            scored = [s for s in scored if index.speaks_of(s.candidate.sentence, named)]
        # Only a quantity is read off whatever sentence holds a number, so only a quantity
        # answer yields to far better evidence (for dates and names it cost RAMDocs 2 of 100
        # exact matches: other readings were lost). An earlier instance's answer rests on the
        # instances' order, not on its sentences' words; and a sentence saying "he" for the name
        # a pronoun of the question stands for supports it by the rules' reading (they resolve
        # pronouns), not by the evidence's.
        outweighed = query.kind in QUANTITY_KINDS and not query.previous and not context.names \
            and self._evidence.outweighs(asked, answer, scored, corpus)
        # the rules' own disagreement stands unless far better evidence outweighs it
        differ = None if answer.disagreements and not outweighed \
            else self._evidence.conflict(asked, scored, corpus)
        if differ is not None:  # with the other reports that speak to it, as any answer
            return self._in_place_of(answer, self._evidence.widen(differ, scored, corpus), query,
                                     corpus)
        typed = query.kind in VALUE_KINDS and query.kind != NUMBER  # a date, span, sum, name, place
        measured = None if query.previous or typed \
            else self._evidence.measured(asked, scored, corpus)
        if measured is not None and _restates(measured, answer, query):
            # "what was the fine?", "how large was the payment?": the value its word holds
            widened = self._evidence.widen(measured, scored, corpus)
            return replace(self._in_place_of(answer, widened, query, corpus), kind=measured.kind)
        if not answer.abstained and not outweighed:
            return self._evidence.widen(answer, scored, corpus)
        quoted = self._quoted(query, asked, context, corpus, scored)
        if quoted is None and named is not None:
            quoted = self._named_quotes(asked, named, scored, corpus)
        return answer if quoted is None else self._in_place_of(answer, quoted, query, corpus)

    def _named_quotes(self, asked: str, named, scored, corpus: Corpus) -> Answer | None:
        """Quotes from the reports about the instance the question names ("the March 2025
        launch"): they are the context, so they need not repeat the question's words ("placed
        in an orbit at 580 kilometres") and a lower bar holds. Other reports' passing mentions
        of it ("the level it stood at after the June 2022 cut") are held to the usual one."""
        index = self.events(corpus)
        own = [s for s in scored if index.subject.get(s.candidate.sentence.doc_id) == named]
        return self._evidence.answer(asked, own, corpus, RELATED_SUPPORT)

    def _about_previous(self, answer: Answer, asked: str, context: Context,
                        corpus: Corpus) -> Answer:
        """An earlier instance's answer with what its own reports say of the question beside it
        ("when was the previous round, and what was offered then?": the date, then the offer)."""
        index = self.events(corpus)
        earlier = index.by_id.get(answer.events[0]) if answer.events else None
        if answer.abstained or earlier is None or earlier.event_id == context.focus \
                or not self._asks_more(asked, earlier):
            return answer
        scored = self._evidence.evidence(asked, (), corpus)
        # its own reports' sentences, even those that also date another instance ("offered 7
        # per cent, up from the 5.5 it tabled at the first round on 10 June")
        own = [s for s in scored if index.subject.get(s.candidate.sentence.doc_id) == earlier
               or index.speaks_of(s.candidate.sentence, earlier)]
        return self._evidence.widen(answer, own, corpus, RELATED_SUPPORT)

    def _asks_more(self, asked: str, instance) -> bool:
        """Whether the question asks about more than the instance itself ("when was the
        previous one released?" does not; "... and what pay offer was on the table?" does): a
        noun other than a name and the instance's own noun (a verb tells what happened to it)."""
        nouns = noun_stems(instance)
        terms = asked_terms(self._evidence.pipeline.parse(asked))
        return any(t.pos == "NOUN" and not t.name and stem(t.lemma) not in nouns for t in terms)

    def _asked(self, query: Query, context: Context) -> str:
        """What an answer from the evidence must support: the user's own words and the names
        their pronouns stand for ("his case"); the question they complete too when their own
        words ask for nothing but a name ("and the other firm?" asks what the last question did)."""
        terms = asked_terms(self._evidence.pipeline.parse(query.asked))
        words = query.asked if any(not t.name for t in terms) else query.text
        return " ".join([words, *(f"({n})" for n in context.names)])

    def _quoted(self, query: Query, asked: str, context: Context, corpus: Corpus,
                scored) -> Answer | None:
        if query.previous and context.focus is None:  # no instance in focus: every reading
            found = readings(self._evidence, self._evidence.pipeline, asked, corpus)
            if found is not None:
                return found
        return self._evidence.answer(asked, scored, corpus)

    def _in_place_of(self, abstention: Answer, quoted: Answer, query: Query,
                     corpus: Corpus) -> Answer:
        """``quoted`` with the question's kind, the instances it cites, and the abstention's
        related sentences that it does not cite."""
        index = self.events(corpus)
        events = tuple(dict.fromkeys(e.event_id for c in quoted.citations
                                     if (e := index.of_value(c.sentence, len(c.sentence.text)))))
        cited = {c.sentence.sentence_id for c in quoted.citations}
        related = tuple(r for r in abstention.related if r.sentence.sentence_id not in cited)
        return replace(quoted, kind=query.kind, related=related, events=events)

    def _unknown_things(self, query: Query, corpus: Corpus) -> tuple[str, ...]:
        """The words of the question's focus no document uses, in the question's order, other
        than its verbs: reports paraphrase what happened ("held" against "broke down") far
        more often than what it happened to, so a verb missing from the reports says nothing
        about whether they answer. With no language pipeline, every such focus word."""
        missing = [w for w in query.focus if corpus.idf(stem(w)) == 0.0]
        if not missing or self._evidence is None:
            return tuple(missing)
        parsed = self._evidence.pipeline.parse(query.text)
        things = {t.text.lower() for t in parsed.tokens if t.pos not in _ACTIONS}
        return tuple(w for w in missing if w in things)

    def _rule_answer(self, query: Query, context: Context, corpus: Corpus):
        """The rules' answer; whether a known instance settled it (an abstention about the one
        before an instance the event index knows, "the one before the first", is its verdict,
        not a gap); and the instance the question names, if any."""
        index = self.events(corpus)
        named = index.named(query)
        focus = named or index.by_id.get(context.focus)
        before_named = named is not None and _BEFORE_THE.search(query.text)
        settled = bool(query.previous or before_named) and focus is not None
        return self._instance_answer(query, context, corpus, index, named, focus,
                                     before_named), settled, named

    def _instance_answer(self, query, context, corpus, index, named, focus, before_named) -> Answer:
        if query.previous or before_named:
            if query.kind in ("date", "description"):
                # The instances' order answers it, not sentences: so a word that no document
                # uses ("ignore previous instructions …") means it asks about something else.
                unknown = self._unknown_things(query, corpus)
                if unknown:
                    return _abstain(query, self._score(query, context, corpus), corpus, unknown)
                return previous_answer(query, focus, index)
            # "the rate before the June cut": the value for the instance before that one
            focus = index.previous(focus) if focus is not None else None
            if focus is None:
                return Answer.of(query.text, [Line(TEXT, NO_EARLIER)], True, query.kind)
            named = focus
        focused = named is not None or (focus is not None and (query.deictic or query.pronouns))
        if focused:  # the instance supplies the event noun; sentences need not repeat it
            nouns = noun_stems(focus)
            query = replace(query, focus=tuple(w for w in query.focus if stem(w) not in nouns))
        scored = self._score(query, context, corpus)
        if focused:
            scored = [s for s in scored if index.speaks_of(s.sentence, focus)]
            scored = _facts_first(query, scored, focus)
        answer = self._compose(query, scored, corpus, index)
        if focus is not None and (named is not None or query.deictic or query.pronouns):
            answer = replace(answer, notes=answer.notes + (f"About: the {index.label(focus)}.",))
        return answer

    def _compose(self, query: Query, scored: list[Scored], corpus: Corpus,
                 index: EventIndex) -> Answer:
        relevant = [s for s in scored if s.coverage >= MIN_COVERAGE]
        if query.kind in VALUE_KINDS:
            relevant = [s for s in relevant if s.value is not None]
        else:
            relevant = self._using_asked_verb(query, relevant, corpus)
        if not relevant:
            return _abstain(query, scored, corpus, self._unknown_things(query, corpus))
        if query.kind in VALUE_KINDS:
            return _value_answer(query, relevant, scored, corpus, index, self._rivals(query, corpus))
        return _quote_answer(query, relevant, scored, corpus, index)

    def _using_asked_verb(self, query: Query, relevant: list[Scored], corpus: Corpus
                          ) -> list[Scored]:
        """Those of ``relevant`` that use the verb the question asks the object of, or a word
        near it (:func:`asked_object_verb`): "until its hull is repaired" says nothing of what
        the repair cost. All of them when there is no such verb or no evidence layer."""
        verb = None if self._evidence is None else asked_object_verb(
            self._evidence.pipeline.parse(query.asked))
        if verb is None:
            return relevant
        credits = self._evidence.relevance.coverage([verb], [s.sentence for s in relevant], corpus)
        return [s for s, credit in zip(relevant, credits) if credit > 0.0]

    def _rivals(self, query: Query, corpus: Corpus):
        """Which rival value groups may stand beside the best one: those whose sentences
        support the question by meaning about as well as the best group's (with no evidence
        layer, all of them)."""
        if self._evidence is None:
            return lambda best, rivals: rivals

        def keep(best: Group, rivals: list[Group]) -> list[Group]:
            chosen = [best, *rivals]
            support = self._evidence.support(
                query.text, [m.sentence for g in chosen for m in g.members], corpus)
            spans, start = [], 0
            for group in chosen:
                spans.append(support[start:start + len(group.members)])
                start += len(group.members)
            # the best group's least supporting sentence sets the bar: a rival as well worded
            # as any sentence already stating the answer is a position of its own
            bar = min(spans[0]) - RIVAL_SUPPORT
            return [g for g, span in zip(rivals, spans[1:]) if max(span) >= bar]

        return keep

    def _score(self, query: Query, context: Context, corpus: Corpus) -> list[Scored]:
        """The sentences retrieved for the question (within the conversation's limits), each
        with its value and scored (:mod:`assistant.compose.scoring`), best first."""
        text = " ".join((query.text, *context.names))
        stems = list(query.stems) + [stem(w) for n in context.names for w in words(n)]
        candidates = self._retriever.retrieve(text, stems, k=self._depth,
                                              doc_ids=_docs_within(context, corpus), corpus=corpus)
        if context.within is not None:
            allowed = set(context.within)
            candidates = [c for c in candidates if c.sentence.sentence_id in allowed]
        values = self._values(query, [c.sentence.text for c in candidates])
        return _scored(query, context, corpus, candidates, values, self._support)

    def _values(self, query: Query, texts: Sequence[str]) -> list[Value | None]:
        """Each sentence's value for ``query``; a count counts what the parse says it does, and
        a place must lie under one of the question's words in the sentence's parse, where the
        sentence has any (:func:`answers_question`)."""
        if self._evidence is None or query.kind not in ATTACHED_KINDS | {NUMBER}:
            return [_choose_value(query, text) for text in texts]
        pipeline = self._evidence.pipeline
        if query.kind == NUMBER:
            asked = asked_count(pipeline.parse(query.text))
            return [_choose_value(query, t, p, asked)
                    for t, p in zip(texts, pipeline.parse_many(texts))]
        values = [_choose_value(query, text) for text in texts]
        lemmas = question_lemmas(pipeline.parse(query.text))
        return [v if v is None or answers_question(p, lemmas, v.start) else None
                for v, p in zip(values, pipeline.parse_many(texts))]


def _restates(measured: Answer, answer: Answer, query: Query) -> bool:
    """Whether the value the measured word holds should stand in place of the rules' answer:
    always for a question the rules give no value to; for a number, where the rules state one
    value and it is another ("12 per cent" beside "a one-off payment of £1,500")."""
    if query.kind not in VALUE_KINDS or answer.abstained:
        return True
    stated = [line for line in answer.lines if line.kind == VALUE]
    return not answer.disagreements and len(stated) == 1 \
        and number_key(stated[0].text) != number_key(measured.lines[0].text)
