"""The event index's instances kept in the store, so a new process reads them instead of
analysing every report again.

Building the instances (:func:`assistant.events.build_events`) reads every report's sentences
and runs the time-expression and cue rules over them: at 100,000 sentences that is most of the
first answer's wait. What it yields depends only on the reports, the language pipeline's
analyses of them and the code that reads them, so it is stored as an artifact of the store
(:meth:`index.store.Store.put_artifact`) under a key derived from all three, and read back
by the next process whose key is the same. Any change to a report, to the pipeline or to the
product's code changes the key, so stale instances are never served: they are built again,
once, and stored in their place. A payload that cannot be read counts as none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence

from assistant.artifacts import code_digest, packed, read, unpacked
from assistant.event_mentions import Mention
from assistant.events import Event
from assistant.retrieval import Corpus
from index.resolution import DateRange
from index.store import Store

ARTIFACT = "events"
FORMAT = 2  # of the payload below; the key also changes with any change of the code


class EventStore:
    """Stored instances of one store's corpus. ``analyses``: the version of the language
    pipeline's analyses the instances were read through (its ``version``), or "" for none."""

    def __init__(self, store: Store, analyses: str = "",
                 code: Callable[[], str] = code_digest) -> None:
        self._store = store
        self._source = code  # the product's source hash (one per process may be shared)
        self._code: str | None = None  # read on first use: most processes never need it
        self._analyses = analyses
        # the last corpus's key: a rebuild reads, then writes, under the same one (hashing
        # 100k sentence ids once, not twice)
        self._last: tuple[Corpus, str] | None = None

    def key(self, corpus: Corpus) -> str:
        """What the instances of ``corpus`` are derived from, as one hash."""
        last = self._last
        if last is not None and last[0] is corpus:
            return last[1]
        key = self._key(corpus)
        self._last = (corpus, key)
        return key

    def _key(self, corpus: Corpus) -> str:
        if self._code is None:
            self._code = self._source()
        digest = hashlib.sha256(f"{FORMAT}|{self._code}|{self._analyses}".encode())
        for doc_id in sorted(corpus.records):
            digest.update(f"|{doc_id}|{corpus.records[doc_id].published}|".encode())
            digest.update(",".join(s.sentence_id for s in corpus.by_doc.get(doc_id, ())).encode())
        return digest.hexdigest()

    def load(self, corpus: Corpus) -> list[Event] | None:
        """The instances stored for ``corpus``, or None when there are none (or unreadable)."""
        return read(self._store, ARTIFACT, self.key(corpus),
                    lambda p: decode(unpacked(p).decode()))

    def save(self, corpus: Corpus, events: Sequence[Event]) -> None:
        self._store.put_artifact(ARTIFACT, self.key(corpus), packed(encode(events).encode()))


def encode(events: Sequence[Event]) -> str:
    return json.dumps({"format": FORMAT, "events": [_event(e) for e in events]},
                      ensure_ascii=False, separators=(",", ":"))


def decode(payload: str) -> list[Event]:
    """The instances of :func:`encode`'s ``payload``; ValueError for another format."""
    data = json.loads(payload)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not an event payload of format {FORMAT}")
    ranges = _Ranges()
    return [_event_from(e, ranges) for e in data["events"]]


class _Ranges(dict):
    """The date ranges of one payload, each made once: instances and their mentions repeat a
    few hundred dates some 20,000 times at 100k sentences (0.2 s made one by one)."""

    def __call__(self, r: list[str] | None) -> DateRange | None:
        if r is None:
            return None
        key = (r[0], r[1])
        if key not in self:
            self[key] = DateRange(dt.date.fromisoformat(r[0]), dt.date.fromisoformat(r[1]))
        return self[key]


def _event(e: Event) -> list:
    return [e.event_id, e.label, _range(e.date), [_mention(m) for m in e.mentions],
            list(e.doc_ids), list(e.subject_of), sorted(e.story), e.number, sorted(e.series)]


def _event_from(e: list, ranges: _Ranges) -> Event:
    event_id, label, date, mentions, doc_ids, subject_of, story, number, series = e
    return Event(event_id, label, ranges(date), tuple(_mention_from(m, ranges) for m in mentions),
                 tuple(doc_ids), tuple(subject_of), frozenset(story), number, frozenset(series))


def _mention(m: Mention) -> list:
    return [m.doc_id, m.role, _range(m.date), m.date_text, list(m.sentence_ids), m.order,
            list(m.facts), m.how, m.number, sorted(m.series)]


def _mention_from(m: list, ranges: _Ranges) -> Mention:
    doc_id, role, date, date_text, sentence_ids, order, facts, how, number, series = m
    return Mention(doc_id, role, ranges(date), date_text, tuple(sentence_ids), order,
                   tuple(facts), how, number, frozenset(series))


def _range(r: DateRange | None) -> list[str] | None:
    return None if r is None else [r.start.isoformat(), r.end.isoformat()]

