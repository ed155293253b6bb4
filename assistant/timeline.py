"""The timeline: every instance the reports describe, in order, with the sentences behind it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.citations import Citations
from assistant.events import Event
from assistant.instances import EventIndex
from assistant.types import Citation


@dataclass(frozen=True)
class TimelineEntry:
    """One instance: when (ISO date, range or "undated"), what, who reports it, and why we think so."""

    event_id: str
    date: str
    label: str
    description: str
    reports: tuple[str, ...]
    subject_of: tuple[str, ...]
    citations: tuple[Citation, ...]
    event: Event

    def to_dict(self) -> dict:
        return {"event_id": self.event_id, "date": self.date, "label": self.label,
                "description": self.description, "reports": list(self.reports),
                "subject_of": list(self.subject_of),
                "citations": [c.to_dict() for c in self.citations]}


def timeline(index: EventIndex) -> list[TimelineEntry]:
    """Entries in date order (undated last), each citing the sentences that state or date it."""
    return [_entry(index, event) for event in index.events]


def _entry(index: EventIndex, event: Event) -> TimelineEntry:
    corpus = index.corpus
    cites = Citations(corpus)
    for mention in event.mentions:
        ids = [i for i in mention.sentence_ids[:2] if i in corpus.position]
        cites.markers([corpus.sentences[corpus.position[i]] for i in ids])
    cited = cites.all()
    description = " ".join(cited[0].sentence.text.split()) if cited else ""
    return TimelineEntry(
        event.event_id, event.date.iso() if event.date else "undated", event.label,
        description, tuple(corpus.source(d) for d in event.doc_ids),
        tuple(corpus.source(d) for d in event.subject_of), cited, event)
