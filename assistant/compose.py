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
from dataclasses import dataclass, field, replace

from assistant.query import AMOUNT, DURATION, NUMBER, VALUE_KINDS, Query
from assistant.retrieval import Candidate, Corpus, Retriever
from assistant.support import Support
from assistant.text import STOPWORDS, stem, words
from assistant.event_cache import EvidenceCache
from assistant.evidence.attachment import answers_question, question_lemmas
from assistant.evidence.quotes import EvidenceAnswerer
from assistant.evidence.terms import asked_terms
from assistant.evidence.earlier import earlier_answer
from assistant.evidence.readings import readings
from assistant.evidence.said import said_answer
from assistant.instances import EventIndex
from assistant.previous import previous_answer
from assistant.types import (CANNOT_ANSWER, CONFLICT, DIFFERENT_EVENTS, UPDATE, Answer,
                             Disagreement, Position, Related)
from assistant.values import Value, same, values_of
from assistant.citations import Citations, attributed
from assistant.clauses import clause_of, clauses
from assistant.entities import find_entities, same_entity
from assistant.speakers import speaker_of

MIN_COVERAGE = 0.6  # share of the question's (IDF-weighted) focus a sentence must support
POSITION_MARGIN = 0.25  # a rival value counts when its best sentence scores this close
COVERAGE_MARGIN = 0.1  # … and is about as much about the question as the best one
RIVAL_SUPPORT = 0.15  # … and its sentences support the question by meaning about as well
MAX_QUOTES = 3
QUANTITY_KINDS = frozenset({AMOUNT, DURATION, NUMBER})
ATTACHED_KINDS = frozenset({"place"})  # values read off the parse must hang under the question


@dataclass(frozen=True)
class Context:
    """What a conversation adds to a question: the names pronouns stand for, the instance in
    focus (an event id), and limits."""

    names: tuple[str, ...] = ()
    within: tuple[str, ...] | None = None
    doc_ids: tuple[str, ...] | None = None
    focus: str | None = None
    history: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()  # documents the last answer cited: the reports of "that one"


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

    def __init__(self, retriever: Retriever, support: Support, depth: int = 30,
                 evidence: EvidenceAnswerer | None = None) -> None:
        self._retriever = retriever
        self._evidence = evidence
        self._support = support
        self._depth = depth
        self._events: tuple[Corpus, EventIndex] | None = None
        self._analyses = EvidenceCache()  # reports' analyses survive a corpus change

    def events(self, corpus: Corpus | None = None) -> EventIndex:
        """The instances the current corpus describes (rebuilt when the corpus changes)."""
        corpus = corpus or self._retriever.corpus()
        if self._events is None or self._events[0] is not corpus:
            self._events = (corpus, EventIndex(corpus, self._analyses))
        return self._events[1]

    def answer(self, query: Query, context: Context = Context()) -> Answer:
        """The rules' answer, with what other reports say of the question beside it; where the
        rules find nothing to state, the best-supported sentences quoted
        (:mod:`assistant.evidence`), and only where none is, an abstention."""
        corpus = self._retriever.corpus()  # one freshness check per question
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
            return answer
        scored = self._evidence.evidence(asked, context.history, corpus)  # read once
        if named is not None:  # "the March 2021 eruption": what its reports say, no other's
            index = self.events(corpus)
            scored = [s for s in scored if index.speaks_of(s.candidate.sentence, named)]
        differ = None if answer.disagreements else self._evidence.conflict(asked, scored, corpus)
        if differ is not None:
            return self._in_place_of(answer, differ, query, corpus)
        # Only a quantity is read off whatever sentence holds a number, so only a quantity
        # answer yields to far better evidence (for dates and names it cost RAMDocs 2 of 100
        # exact matches: other readings were lost). An earlier instance's answer rests on the
        # instances' order, not on its sentences' words; and a sentence saying "he" for the name
        # a pronoun of the question stands for supports it by the rules' reading (they resolve
        # pronouns), not by the evidence's.
        outweighed = query.kind in QUANTITY_KINDS and not query.previous and not context.names \
            and self._evidence.outweighs(asked, answer, scored, corpus)
        if not answer.abstained and not outweighed:
            return self._evidence.widen(answer, scored, corpus)
        quoted = self._quoted(query, asked, context, corpus, scored)
        return answer if quoted is None else self._in_place_of(answer, quoted, query, corpus)

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

    def _unknown_things(self, query: Query, corpus: Corpus) -> bool:
        """Whether the question names a thing (a noun) no document uses. Verbs do not count:
        reports paraphrase what happened ("held" against "broke down") far more often than
        what it happened to."""
        missing = {w for w in query.focus if corpus.idf(stem(w)) == 0.0}
        if not missing or self._evidence is None:
            return bool(missing)
        parsed = self._evidence.pipeline.parse(query.text)
        return any(t.text.lower() in missing and t.pos not in ("VERB", "AUX") for t in parsed.tokens)

    def _rule_answer(self, query: Query, context: Context, corpus: Corpus):
        """The rules' answer; whether a known instance settled it (an abstention about the one
        before an instance the event index knows, "the one before the first", is its verdict,
        not a gap); and the instance the question names, if any."""
        index = self.events(corpus)
        named = index.named(query)
        focus = named or next((e for e in index.events if e.event_id == context.focus), None)
        before_named = named is not None and _BEFORE_THE.search(query.text)
        settled = bool(query.previous or before_named) and focus is not None
        return self._instance_answer(query, context, corpus, index, named, focus,
                                     before_named), settled, named

    def _instance_answer(self, query, context, corpus, index, named, focus, before_named) -> Answer:
        if query.previous or before_named:
            if query.kind in ("date", "description"):
                # The instances' order answers it, not sentences: so a word that no document
                # uses ("ignore previous instructions …") means it asks about something else.
                if self._unknown_things(query, corpus):
                    return _abstain(query, self._score(query, context, corpus), corpus)
                return previous_answer(query, focus, index)
            # "the rate before the June cut": the value for the instance before that one
            focus = index.previous(focus) if focus is not None else None
            if focus is None:
                return Answer(query.text, CANNOT_ANSWER + " The reports name no earlier one.",
                              True, query.kind)
            named = focus
        focused = named is not None or (focus is not None and (query.deictic or query.pronouns))
        if focused:  # the instance supplies the event noun; sentences need not repeat it
            nouns = {stem(w) for w in words(focus.label.split(",")[0])}
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
        if not relevant:
            return _abstain(query, scored, corpus)
        if query.kind in VALUE_KINDS:
            return _value_answer(query, relevant, scored, corpus, index, self._rivals(query, corpus))
        return _quote_answer(query, relevant, scored, corpus, index)

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
        text = " ".join((query.text, *context.names))
        stems = list(query.stems) + [stem(w) for n in context.names for w in words(n)]
        candidates = self._retriever.retrieve(text, stems, k=self._depth,
                                              doc_ids=_docs_within(context, corpus), corpus=corpus)
        if context.within is not None:
            allowed = set(context.within)
            candidates = [c for c in candidates if c.sentence.sentence_id in allowed]
        names = [*query.entities, *context.names]
        arounds = [_named(query, c.sentence.text) | _topic(query, corpus, c.sentence.doc_id)
                   | _behind_pronouns(names, c.sentence.text, corpus, c.sentence.doc_id)
                   for c in candidates]
        name_words = {w for n in query.entities for w in words(n)}
        values = self._values(query, [c.sentence.text for c in candidates])
        coverages = self._support.coverage(
            query.focus, [c.sentence.text for c in candidates], corpus, arounds,
            threshold=MIN_COVERAGE, names=name_words)
        scored = []
        for candidate, around, coverage, value in zip(candidates, arounds, coverages, values):
            if not _names_present(name_words, candidate.sentence.text, around):
                coverage *= 0.5  # a sentence about someone or somewhere else cannot answer
            scored.append(Scored(candidate, coverage,
                                 coverage + 0.5 * candidate.dense + 5 * candidate.fused, value))
        return sorted(scored, key=lambda s: -s.score)

    def _values(self, query: Query, texts: Sequence[str]) -> list[Value | None]:
        """Each sentence's value for ``query``; a place must lie under one of the question's
        words in the sentence's parse, where the sentence has any (:func:`answers_question`)."""
        values = [_choose_value(query, text) for text in texts]
        if self._evidence is None or query.kind not in ATTACHED_KINDS:
            return values
        pipeline = self._evidence.pipeline
        lemmas = question_lemmas(pipeline.parse(query.text))
        return [v if v is None or answers_question(p, lemmas, v.start) else None
                for v, p in zip(values, pipeline.parse_many(texts))]


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


_PRONOUNS = frozenset("he him his she her hers they them their it its i we you".split())
_PERSONAL = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.I)
_IMPERSONAL = re.compile(r"\b(?:it|its|they|them|their)\b", re.I)


def _names_present(name_words: set[str], text: str, around: set[str]) -> bool:
    """Whether every name the question asks about is in the sentence, or stands behind it."""
    present = {stem(w) for w in words(text)} | around
    return all(stem(w) in present for w in name_words)


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


_ASKS_SPEAKER = re.compile(r"\b(?:said|say|says|told|tell|claimed|claim|warned|announced|stated|"
                           r"according|insisted|argued)\b", re.I)


def _speaker_value(query: Query, text: str) -> Value | None:
    """For "who said …?": the speaker of the clause holding the question's words, named or
    described ("a senior general"); the whole sentence's speaker when no clause stands out."""
    names = {stem(w) for n in query.entities for w in words(n)}
    weight = {stem(f): 0.5 if stem(f) in names else 1.0 for f in query.focus}
    spans = clauses(text)
    hits = [sum(weight[w] for i, w in _word_positions(text) if w in weight and a <= i < b)
            for a, b in spans]
    start, end = spans[hits.index(max(hits))] if max(hits, default=0) else (0, len(text))
    speaker, offset = speaker_of(text[start:end]), start
    if speaker is None:
        speaker, offset = speaker_of(text), 0
    if speaker is None or speaker.kind != "person" or speaker.text.lower() in _PRONOUNS:
        return None
    return Value("person", f"person:{speaker.key}", speaker.text, speaker.text,
                 offset + speaker.start, offset + speaker.end)


def _choose_value(query: Query, text: str) -> Value | None:
    """The value of the wanted kind that the sentence attaches to the question's focus.

    It must stand in the clause where most of the focus words are (see :mod:`assistant.clauses`);
    a sentence whose only values belong to another predicate offers none.
    """
    if query.kind == "person" and _ASKS_SPEAKER.search(query.text):
        return _speaker_value(query, text)
    wanted = {stem(f) for f in query.focus}
    spots = [i for i, w in _word_positions(text) if w in wanted]
    spans = clauses(text)
    values = [v for v in values_of(text, query.kind) if _fits(query, v)
              and (not v.anchored or _about_anchor(text, v, spots, spans))]
    if not values:
        return None
    if not spots or len(spans) == 1:
        return values[0] if not spots else min(values, key=lambda v: _distance(v, spots))
    hits = [0] * len(spans)
    for spot in spots:
        hits[clause_of(spans, spot)] += 1
    best = max(hits)
    attached = [v for v in values if hits[clause_of(spans, v.start)] == best]
    return min(attached, key=lambda v: _distance(v, spots)) if attached else None


_BEFORE_THE = re.compile(r"\bbefore the\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.I)
_SUBORDINATOR = re.compile(r"\b(?:after|before|since|until|following|ahead of)\b", re.I)


def _about_anchor(text: str, value: Value, spots: list[int], spans) -> bool:
    """An anchored date ("… since X took the city in June 2014") answers only a question about
    the anchor X: more of the question's words must lie in the anchor phrase than outside it."""
    start, end = spans[clause_of(spans, value.start)]
    subordinators = list(_SUBORDINATOR.finditer(text, start, value.start))
    if not subordinators:
        return False
    anchor = subordinators[-1].start()
    if subordinators[-1].group().lower() == "since" and _NEGATED.search(text, start, anchor):
        return True  # "not seen in public since … in July 2014": when it last happened
    inside = sum(1 for i in spots if anchor <= i < value.end)
    return inside > 0 and inside >= sum(1 for i in spots if start <= i < end) - inside


_QUALIFIERS = frozenset("deputy vice assistant acting former ex associate interim junior".split())


def _qualified_role(query: Query, value: Value) -> bool:
    """"Deputy Governor X" does not answer "who is the governor?" (nor a former one)."""
    role = [w.lower() for w in (value.noun or "").split()]
    asked = set(words(query.text))
    return len(role) > 1 and role[-1] in asked and any(
        w in _QUALIFIERS and w not in asked for w in role[:-1])


def _distance(value: Value, spots: list[int]) -> int:
    return min(abs(value.start - i) for i in spots)


# Words of a numeric question that say which family of number answers it.
_FAMILY_HINTS = [
    (re.compile(r"\b(?:vote|votes|voted|split|margin)\b", re.I), ("split:",)),
    (re.compile(r"\b(?:percent|percentage|rate|inflation|%|share|proportion)\b", re.I),
     ("percent:", "bp:")),
    (re.compile(r"\bbasis points?\b|\bpoints?\b", re.I), ("bp:",)),
    (re.compile(r"\bhow (?:high|tall|far|deep|wide|long a distance)\b|\b(?:height|distance|"
                r"depth)\b", re.I), ("length:",)),
]


def _family(value: Value) -> str:
    """What a value measures ("percent", "count", "length" …): a share and a head count are
    not two answers to one question, so they never make a disagreement."""
    return value.key.split(":", 1)[0]


def _family_ok(query: Query, value: Value) -> bool:
    for pattern, prefixes in _FAMILY_HINTS:
        if pattern.search(query.text):
            return value.key.startswith(prefixes)
    return True


def _fits(query: Query, value: Value) -> bool:
    """A counted value must count what the question counts ("how many people" → people), and
    a name the question itself gives is not its answer ("who killed X?" is not "X")."""
    if value.kind in ("person", "place"):
        if value.kind == "person" and _qualified_role(query, value):
            return False
        return not any(same_entity(value.text, e) or value.text.lower().endswith(e.lower())
                       for e in query.entities)
    if value.kind == "date" and any(value.text.lower() in t.lower() for t in query.times):
        return False
    if value.kind == "number" and not _family_ok(query, value):
        return False
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
                  corpus: Corpus, index: EventIndex, keep) -> Answer:
    groups = _groups(relevant)
    best = groups[0]
    rivals = [g for g in groups[1:] if g.strength >= best.strength - POSITION_MARGIN
              and g.coverage >= best.coverage - COVERAGE_MARGIN
              and _family(g.value) == _family(best.value)]
    if rivals and _kind_of([best, *rivals], index)[0] == CONFLICT:
        # one instance, several values: each must answer the question as worded as the best
        rivals = keep(best, rivals)
    cites = Citations(corpus)
    if rivals and _many_answers(query):
        return _list_answer(query, [best, *rivals], scored, corpus)
    if not rivals:
        markers = cites.markers(attributed(m.sentence, corpus) for m in best.members[:MAX_QUOTES])
        lines = [f"{_capital(best.value.display)} {markers}."]
        disagreements: tuple[Disagreement, ...] = ()
    else:
        chosen = [best, *rivals]
        kind, owners = _kind_of(chosen, index)
        lines = [_DIFFER[kind]]
        positions = []
        for group, owner in zip(chosen, owners):
            markers = cites.markers(attributed(m.sentence, corpus) for m in group.members[:MAX_QUOTES])
            lines.append(f"- {group.value.display} {markers}")
            positions.append(Position(group.value.display, cites.numbers_of(group.members),
                                      tuple(corpus.source(d) for d in group.docs),
                                      index.label(owner) if owner is not None and kind != CONFLICT
                                      else None))
        disagreements = (Disagreement(query.text, kind, tuple(positions)),)
    lines += cites.quotes()
    return Answer(query.text, "\n".join(lines), False, query.kind, cites.all(), disagreements,
                  _related(scored, cites, corpus), events=_events_of(cites, index))


def _kind_of(groups: Sequence[Group], index: EventIndex):
    """The kind of disagreement between value groups, and the instance each speaks of."""
    return index.kind_of([([m.sentence for m in g.members],
                           [index.of_value(m.sentence, m.value.start) for m in g.members])
                          for g in groups])


_DIFFER = {CONFLICT: "The sources differ:", DIFFERENT_EVENTS: "Different instances, different values:",
           UPDATE: "A later report revises the figure:"}


def _events_of(cites: Citations, index: EventIndex) -> tuple[str, ...]:
    """Ids of the instances the cited sentences speak of, in order of citation."""
    found = [index.of_value(c.sentence, len(c.sentence.text)) for c in cites.all()]
    return tuple(dict.fromkeys(e.event_id for e in found if e is not None))


def _many_answers(query: Query) -> bool:
    """Questions that several values answer at once ("who said …?"): no disagreement."""
    return query.kind == "person" and bool(_ASKS_SPEAKER.search(query.text))


def _list_answer(query: Query, groups: Sequence[Group], scored: Sequence[Scored],
                 corpus: Corpus) -> Answer:
    cites = Citations(corpus)
    lines = []
    for group in groups:
        markers = cites.markers(attributed(m.sentence, corpus) for m in group.members[:MAX_QUOTES])
        lines.append(f"- {_capital(group.value.display)} {markers}")
    return Answer(query.text, "\n".join(lines + cites.quotes()), False, query.kind, cites.all(),
                  (), _related(scored, cites, corpus))


def _quote_answer(query: Query, relevant: Sequence[Scored], scored: Sequence[Scored],
                  corpus: Corpus, index: EventIndex) -> Answer:
    cites = Citations(corpus)
    for item in _diverse(relevant)[:MAX_QUOTES - 1]:
        cites.markers(attributed(item.sentence, corpus))
    return Answer(query.text, "\n".join(cites.quotes()), False, query.kind, cites.all(), (),
                  _related(scored, cites, corpus), events=_events_of(cites, index))


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
