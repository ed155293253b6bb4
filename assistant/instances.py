"""Which instance of the recurring event a report, a sentence, a value or a question is about.

Built on :func:`assistant.events.build_events`. A report speaks of its subject instance,
except in the sentences where it dates an earlier one ("Its last eruption was in March last
year, when the ash column reached 11 km"): there, what follows the earlier date belongs to the
earlier instance. A question names an instance by a time ("the March 2021 eruption"), by
position ("the latest one") or by what only its reports say ("the 46-minute recording", "the
message that mentions the pastor").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from assistant.event_cache import EvidenceCache
from assistant.event_places import ordinal
from assistant.event_order import previous_events
from assistant.events import Event, build_events
from assistant.query import Query
from assistant.retrieval import Corpus
from assistant.text import STOPWORDS, stem, words
from assistant.types import CONFLICT, DIFFERENT_EVENTS, UPDATE
from index.resolution import DateRange, resolve
from index.temporal import find_time_expressions
from index.types import Sentence

_SERIES_WORDS = 3  # "the third *round*", "the second *failed launch attempt*"
_LATEST_WORDS = r"(?:latest|newest|most recent|last one|new one)"
_LATEST = re.compile(rf"\b{_LATEST_WORDS}\b", re.I)
# "the last eruption before the latest one": the latest names the instance, "before" asks
# for the one before it
_BEFORE_LATEST = re.compile(rf"\bbefore the {_LATEST_WORDS}\b", re.I)
_EARLIEST = re.compile(r"\b(?:earliest|first one|oldest)\b", re.I)
_DESCRIBED = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,3}?(?:that|which|with|about|mentioning|where)\b|"
                        r"\bthe\s+\d[\w.-]*[\s-]+\w+", re.I)
# Words that revise a figure ("up from the 2,000 first reported"); not "raised", which in
# many stories is what happened, not a correction.
_REVISION = re.compile(r"\b(?:revised|revises|revision|corrected|correction|updated|up from|"
                       r"down from|now puts|first reported|initially reported|earlier reported)\b",
                       re.I)


class EventIndex:
    """The events of one corpus, with lookups from reports and sentences to events."""

    def __init__(self, corpus: Corpus, cache: EvidenceCache | None = None,
                 events: Sequence[Event] | None = None) -> None:
        """``events``: the corpus's instances as :func:`build_events` gave them before (read
        back from the store), else built here."""
        self.corpus = corpus
        self.events = list(events) if events is not None else build_events(corpus, cache)
        self.by_id = {e.event_id: e for e in self.events}
        # the instances some report is about (else all): a question's "latest" is among them
        self._reported = [e for e in self.events if e.subject_of] or self.events
        self.subject = {d: e for e in self.events for d in e.subject_of}
        self._previous: dict[str, Event | None] | None = None
        self.earlier: dict[str, list[tuple[Event, str | None]]] = {}
        for event in self.events:
            for mention in event.mentions:
                if mention.role != "subject":
                    for sid in mention.sentence_ids:
                        self.earlier.setdefault(sid, []).append((event, mention.date_text))

    def previous(self, event: Event) -> Event | None:
        if self._previous is None:
            self._previous = previous_events(self.events)
        return self._previous.get(event.event_id)

    def of_value(self, sentence: Sentence, at: int) -> Event | None:
        """The instance a value at ``at`` in ``sentence`` belongs to: an earlier instance when
        the sentence dates it before that point, else the report's subject."""
        for event, date_text in self.earlier.get(sentence.sentence_id, []):
            where = sentence.text.find(date_text) if date_text else -1
            if 0 <= where < at:
                return event
        return self.subject.get(sentence.doc_id)

    def speaks_of(self, sentence: Sentence, event: Event) -> bool:
        """Whether a sentence may describe ``event``: a sentence of one of its reports that
        dates no other instance, or a sentence elsewhere that dates this one."""
        dated = [e for e, _ in self.earlier.get(sentence.sentence_id, [])]
        if dated:
            return event in dated
        return self.subject.get(sentence.doc_id) == event

    def label(self, event: Event) -> str:
        """"storm, 2021-09 (reported by The Daily Example, 001_x.txt)"."""
        outlets = [self._outlet(d) for d in event.subject_of]
        date = event.date.iso() if event.date else "undated"
        noun = event_noun(event)
        return f"{noun}, {date}" + (f" (reported by {', '.join(outlets)})" if outlets else "")

    def _outlet(self, doc_id: str) -> str:
        record = self.corpus.records.get(doc_id)
        if record is None:
            return doc_id
        return record.outlet or record.shown_path

    def named(self, query: Query) -> Event | None:
        """The instance the question names, if exactly one fits."""
        reported = self._reported
        if not reported:
            return None
        by_time = self._by_time(query, self.events)
        if by_time is not None:
            return by_time
        by_number = _by_number(query, self.events)
        if by_number is not None:
            return by_number
        if _LATEST.search(query.text) \
                and (not query.previous or _BEFORE_LATEST.search(query.text)):
            return max(reported, key=_end)
        if _EARLIEST.search(query.text):
            return min(reported, key=_end)
        return self._by_description(query, reported) if _DESCRIBED.search(query.text) else None

    def _by_time(self, query: Query, events: Sequence[Event]) -> Event | None:
        ranges = [r for t in query.times if (r := _absolute(t)) is not None]
        if not ranges:
            return None
        fits = [e for e in events if e.date and all(_meets(e.date, r) for r in ranges)]
        return fits[0] if len(fits) == 1 else None

    def _by_description(self, query: Query, events: Sequence[Event]) -> Event | None:
        """The one event whose reports alone contain the question's distinctive words."""
        nouns = set().union(*(noun_stems(e) for e in events))
        wanted = {stem(w) for w in words(query.text) if w not in STOPWORDS} - nouns
        scores = []
        for event in events:
            present = {t for d in event.subject_of for s in self.corpus.by_doc.get(d, [])
                       for t in self.corpus.stems[self.corpus.position[s.sentence_id]]}
            distinct = wanted & present
            scores.append((sum(self.corpus.idf(t) for t in distinct), event))
        scores.sort(key=lambda pair: -pair[0])
        if scores and scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0] * 1.5):
            return scores[0][1]
        return None

    def kind_of(self, positions: Sequence[tuple[list[Sentence], list[Event | None]]]) -> tuple[
            str, list[Event | None]]:
        """conflict, different_events or update, for positions given as (sentences, events).
        Positions are different instances only when each has its own instance and each instance
        is placed (by a date or a number): two undated, unnumbered "events" are just two reports
        the index could not place, not evidence of two instances."""
        owners = [_single(events) for _, events in positions]
        if all(o is not None and _placed(o) for o in owners) and len(set(owners)) == len(owners):
            return DIFFERENT_EVENTS, owners
        if len(set(owners)) == 1 and owners[0] is not None and self._revised(positions):
            return UPDATE, owners
        return CONFLICT, owners

    def _revised(self, positions) -> bool:
        return any(_REVISION.search(s.text) for sentences, _ in positions for s in sentences)


def event_noun(event: Event) -> str:
    """The event noun of an instance's label ("round" of "round, 2025-06-19")."""
    return event.label.split(",")[0]


def noun_stems(event: Event) -> set[str]:
    """Stems of an instance's event noun: words a sentence about it need not repeat."""
    return {stem(w) for w in words(event_noun(event))}


def _by_number(query: Query, events: Sequence[Event]) -> Event | None:
    """"The third round of talks": the one event numbered so in a series that one of the next
    few words of the question names (the series' words are the reports' own, stemmed)."""
    tokens = words(query.text)
    for i, word in enumerate(tokens):
        number = ordinal(word)
        if number is None:
            continue
        named = {stem(w) for w in tokens[i + 1:i + 1 + _SERIES_WORDS]}
        fits = [e for e in events if e.number == number and e.series & named]
        if len(fits) == 1:
            return fits[0]
    return None


def _placed(event: Event) -> bool:
    return event.date is not None or event.number is not None


def _single(events: Sequence[Event | None]) -> Event | None:
    distinct = {e for e in events if e is not None}
    return next(iter(distinct)) if len(distinct) == 1 else None


def _end(event: Event) -> dt.date:
    return event.date.end if event.date else dt.date.min  # undated ones sort first


def _absolute(text: str) -> DateRange | None:
    """A time named in a question, when it needs no reference ("March 2021", "2022")."""
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", text.strip()):
        year = int(text)
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31))
    for expr in find_time_expressions(text):
        if expr.kind == "date":
            found = resolve(expr, None)
            if found is not None:
                return found
    return None


def _meets(a: DateRange, b: DateRange) -> bool:
    return a.start <= b.end and b.start <= a.end
