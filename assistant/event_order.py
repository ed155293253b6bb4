"""Which instance came before which: "the one before" an instance of a recurring event.

By what the reports say first: the instance numbered one less in the same series ("the second
hearing" before "the third"), or, for an undated instance, the one its own reports name as the
one before. Otherwise by date, among the instances of the same story only: in a store holding
several stories, the launch before this one is not a court hearing dated in between.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from assistant.event_mentions import SUBJECT
from assistant.events import Event


def previous_event(events: Sequence[Event], event: Event) -> Event | None:
    """The event of the same story immediately before ``event`` by date (None when undated or
    first). Instances of other stories are never "the one before": in a store holding several
    stories, the launch before this one is not a court hearing dated in between."""
    linked = _linked_previous(events, event, _Places(events))
    if linked is not None or event.date is None:
        return linked
    before = [e for e in events if e.date is not None and e.date.start < event.date.start
              and e.same_story(event)]
    return max(before, key=lambda e: (e.date.start, e.date.end), default=None)


class _Places:
    """The events by place in their series, and by the earlier mentions they hold."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.numbered: dict[int, list[Event]] = {}
        self.named: dict[str, list[Event]] = {}  # report -> events its order-1 mentions are in
        for event in events:
            if event.number is not None:
                self.numbered.setdefault(event.number, []).append(event)
            for mention in event.mentions:
                if mention.role != SUBJECT and mention.order == 1:
                    self.named.setdefault(mention.doc_id, []).append(event)


def _linked_previous(events: Sequence[Event], event: Event, places: _Places) -> Event | None:
    """The one before ``event`` by what the reports say rather than by dates: the instance
    numbered one less in its series ("the second hearing" before "the third"); for an undated
    event, the instance its own reports name as the one before."""
    if event.number is not None:  # dates, where both have them, stay the better witness
        one_less = [e for e in places.numbered.get(event.number - 1, ())
                    if e.series & event.series and e.same_story(event)
                    and (e.date is None or event.date is None)]
        if len(one_less) == 1:
            return one_less[0]
    if event.date is not None:
        return None
    named = {e.event_id: e for d in event.subject_of for e in places.named.get(d, ())
             if e is not event}
    return next(iter(named.values())) if len(named) == 1 else None


_ANY_STORY = ""  # the shelf of the events without story words: any story's event may follow them


def previous_events(events: Sequence[Event]) -> dict[str, Event | None]:
    """:func:`previous_event` of every event at once (asking "the one before" of every instance
    is otherwise quadratic): the events are shelved in date order by story word, and each
    event looks on the shelves of its own words and of the story-less events (a story-less
    event, on the shelf of all events)."""
    dated = [e for e in events if e.date is not None]
    shelves: dict[str | None, list[int]] = {None: []}  # story word -> events in date order
    for i in sorted(range(len(dated)), key=lambda i: (_when(dated[i]), i)):
        shelves[None].append(i)
        for word in dated[i].story or (_ANY_STORY,):
            shelves.setdefault(word, []).append(i)
    starts = {word: [dated[i].date.start for i in shelf] for word, shelf in shelves.items()}
    places = _Places(events)
    found: dict[str, Event | None] = {e.event_id: _linked_previous(events, e, places)
                                      for e in events}
    for event in dated:
        if found[event.event_id] is not None:
            continue
        best: tuple[tuple[dt.date, dt.date], int] | None = None
        for word in (*event.story, _ANY_STORY) if event.story else (None,):
            shelf = shelves.get(word, [])
            at = bisect.bisect_left(starts.get(word, []), event.date.start) - 1
            if at < 0:
                continue
            key = _when(dated[shelf[at]])
            while at > 0 and _when(dated[shelf[at - 1]]) == key:
                at -= 1  # max() keeps the first of equal keys in the events' own order
            if best is None or key > best[0] or (key == best[0] and shelf[at] < best[1]):
                best = (key, shelf[at])
        if best is not None:
            found[event.event_id] = dated[best[1]]
    return found


def _when(event: Event) -> tuple[dt.date, dt.date]:
    return event.date.start, event.date.end
