"""Instances of a recurring event, merged across reports.

Each report describes one instance as new (its *subject*) and may name earlier ones
(:mod:`assistant.event_mentions`, dated by :mod:`assistant.event_dating`). Here the reports
are put together:

1. **Binding** (:mod:`assistant.event_binding`). A month named without a year ("its first
   hearing since March", "its last launch was in March last year") that the report alone cannot
   date is bound to the one instance in that month that other reports date, when exactly one
   fits the report's own constraints. The report's reference then follows ("March last year" =
   March 2041 → written in 2042).
2. **Subjects.** Reports whose subjects have the same immediate predecessor describe the same
   instance (when their dates can meet); a subject without a predecessor joins the only instance
   its date can be. Two subjects with different predecessors stay apart.
3. **Earlier mentions** join the subject instance their date falls in (one that comes before
   the mentioning report's own subject), else they are grouped by date among themselves.

An event's date is the intersection of what its mentions allow: a wide subject range ("written
May to August") meets another report's "June 2041".

Contracts: :func:`build_events` returns events sorted by date (undated last), every report's
subject in exactly one event; ids derive from the mentions' content, so they are stable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from assistant.event_dating import (Evidence, analyse_document, mentions, noun_of, predecessor,
                                    subject_mention)
from assistant.date_buckets import DateBuckets
from assistant.event_binding import bind_partial_dates, meet
from assistant.event_cache import EvidenceCache
from assistant.event_mentions import SUBJECT, Mention
from assistant.retrieval import Corpus
from assistant.text import stem
from index.resolution import DateRange
from index.types import Sentence

__all__ = ["Mention", "Event", "document_mentions", "build_events", "event_of_document"]

@dataclass(frozen=True)
class Event:
    """One instance of the recurring event, as the reports describe it.

    ``doc_ids``: reports that describe it (as subject or earlier); ``subject_of``: reports
    whose subject it is. ``label`` is the event noun the reports use plus the date. ``story``:
    the event words of its reports' story (see :func:`with_stories`); empty when none of its
    reports names one. ``number``/``series``: its place in a series that at least two reports
    number ("the third hearing of the inquiry"), which orders it even undated.
    """

    event_id: str
    label: str
    date: DateRange | None
    mentions: tuple[Mention, ...]
    doc_ids: tuple[str, ...]
    subject_of: tuple[str, ...]
    story: frozenset[str] = frozenset()
    number: int | None = None            # place in its series, when the reports number it
    series: frozenset[str] = frozenset()  # that series' words

    def same_story(self, other: "Event") -> bool:
        """Whether the two may be instances of one story: they share an event word, or one of
        them has none (its reports may belong to any story)."""
        return not self.story or not other.story or bool(self.story & other.story)


def document_mentions(doc_id: str, sentences: Sequence[Sentence],
                      published: str | None) -> list[Mention]:
    """One report's mentions, dated against its own reference only: the subject first, then
    the earlier instances it names (immediate predecessor first)."""
    return mentions(analyse_document(doc_id, sentences, published))


def build_events(corpus: Corpus, cache: EvidenceCache | None = None) -> list[Event]:
    """Every instance the corpus's reports describe, merged across reports, sorted by date.

    ``cache`` keeps each report's analysis for the next corpus (see
    :mod:`assistant.event_cache`); the result is the same with or without it."""
    docs = {doc_id: corpus.by_doc.get(doc_id, []) for doc_id in sorted(corpus.records)}
    published = {doc_id: corpus.records[doc_id].published for doc_id in docs}
    evidence = (cache or EvidenceCache()).evidence(docs, published)
    return assemble(bind_partial_dates(with_stories(evidence)))


def event_of_document(events: Sequence[Event], doc_id: str) -> Event | None:
    """The event a report is about (whose subject it is)."""
    return next((e for e in events if doc_id in e.subject_of), None)


# --- 0. stories -------------------------------------------------------------------------------
_FAMILY_USES = 3  # a word used this often beside a cue word names the same kind of event


def with_stories(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Tell stories apart by families of event words. Two words are one family when a report
    attaches its cue phrases to one and uses the other at least :data:`_FAMILY_USES` times
    ("his last address" in a report full of "speech"), or attaches cues to both. A report's
    story is the family of its cue words, else the family it uses most. Reports of one story
    share a family; a flood report that says "moving" twice does not join a court story."""
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        while parent.setdefault(term, term) != term:
            term = parent[term]
        return term

    for ev in evidence:
        used = [t for t, n in ev.counts if n >= _FAMILY_USES or t in ev.own]
        for own in ev.own:
            for other in used:
                parent[root(other)] = root(own)
    return [replace(ev, story=_story(ev, root)) for ev in evidence]


def _story(ev: Evidence, root) -> frozenset[str]:
    if ev.own:
        return frozenset(root(t) for t in ev.own)
    weight = Counter()
    for term, count in ev.counts:
        weight[root(term)] += count
    return frozenset([max(weight, key=lambda f: (weight[f], f))]) if weight else frozenset()


# --- 2./3. grouping ---------------------------------------------------------------------------
@dataclass
class _Group:
    """Mentions of one instance (with the noun each uses), their joint date, and the dates of
    the predecessors its subject reports name."""

    items: list[tuple[Mention, str | None]] = field(default_factory=list)
    date: DateRange | None = None
    preds: list[DateRange] = field(default_factory=list)
    terms: frozenset[str] = frozenset()
    number: int | None = None
    series: frozenset[str] = frozenset()

    def add(self, mention: Mention, noun: str | None, terms: frozenset[str]) -> None:
        self.items.append((mention, noun))
        self.terms |= terms
        if mention.number is not None and self.number in (None, mention.number):
            self.number = mention.number
            self.series |= mention.series
        if mention.date is not None:
            self.date = meet(self.date, mention.date) if self.date else mention.date

    def fits(self, rng: DateRange | None, terms: frozenset[str]) -> bool:
        """Could a mention dated ``rng`` from a report using ``terms`` be this instance? Its
        date must meet ours, and its report must speak of the same kind of event."""
        same_story = not self.terms or not terms or bool(self.terms & terms)
        return same_story and (rng is None or self.date is None or self.date.overlaps(rng))


def assemble(evidence: Sequence[Evidence]) -> list[Event]:
    """Group subjects, then earlier mentions, into events (see module doc)."""
    evidence = _temporal_series(evidence)
    groups, own = _subject_groups(evidence)
    _one_per_place(groups)
    pending: list[tuple[Mention, str | None, frozenset[str]]] = []
    dated = _filed(g for g in groups if g.date is not None)
    for ev in evidence:
        for item in ev.earlier:
            noun = noun_of(item.statement.head)
            target = _placed_target(groups, own[ev.doc_id], item.mention, ev.story) \
                or _earlier_target(dated, own[ev.doc_id], item.mention, ev.story)
            if target is None:
                pending.append((item.mention, noun, ev.story))
            else:
                _join(dated, target, item.mention, noun, ev.story)
        for mention in ev.placed:  # undated: they only link to an instance of that place
            target = _placed_target(groups, own[ev.doc_id], mention, ev.story)
            if target is not None:
                _join(dated, target, mention, None, ev.story)
    groups += _earlier_groups(pending)
    story_nouns = _StoryNouns(evidence)
    events = [_event(g, story_nouns.of(g.terms)) for g in groups if g.items]
    return sorted(events, key=lambda e: (e.date is None, e.date.start if e.date else dt.date.min,
                                         e.date.end if e.date else dt.date.min, e.event_id))


def _temporal_series(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Keep the subjects' numbers only for series that some report orders in time: one it
    calls "previous"/"last", counts "after", or dates by its number ("the first hearing on 3
    March"). A numbered part ("the second floor flooded") is no instance."""
    timed = set()
    for ev in evidence:
        for place in ev.places.earlier:
            if place.timed:
                timed |= place.nouns
    return [ev if ev.places.subject is None or ev.places.subject.nouns & timed
            else replace(ev, places=replace(ev.places, subject=None)) for ev in evidence]


def _one_per_place(groups: list[_Group]) -> None:
    """A place in a series holds one instance: when two groups of one story claim it, neither
    keeps its number (the series is not what it seemed)."""
    numbered = [g for g in groups if g.number is not None]
    clashing = {id(g) for g in numbered for h in numbered if h is not g
                and h.number == g.number and h.series & g.series and h.fits(None, g.terms)}
    for group in numbered:
        if id(group) in clashing:
            group.number = None


def _placed_target(groups: Sequence[_Group], home: _Group | None, mention: Mention,
                   terms: frozenset[str]) -> _Group | None:
    """The one group holding the instance at the mention's place in its series, if any."""
    if mention.number is None:
        return None
    fitting = [g for g in groups if g is not home and g.number == mention.number
               and g.series & mention.series and g.fits(mention.date, terms)]
    return fitting[0] if len(fitting) == 1 else None


def _filed(groups: Iterable[_Group]) -> DateBuckets[_Group]:
    """Dated groups, found by date and story."""
    buckets: DateBuckets[_Group] = DateBuckets()
    for group in groups:
        buckets.add(group, group.date, group.terms)
    return buckets


def _join(buckets: DateBuckets[_Group], group: _Group, mention: Mention, noun: str | None,
          terms: frozenset[str]) -> None:
    """Add a mention to a group, filing the group again if that widened its story or gave it
    its first date (so lookups by the new words find it)."""
    before = (group.date, group.terms)
    group.add(mention, noun, terms)
    if group.date is not None and (before[0] is None or group.terms != before[1]):
        buckets.add(group, group.date, group.terms)


def _subject_groups(evidence: Sequence[Evidence]) -> tuple[list[_Group], dict[str, _Group]]:
    """Subjects grouped by shared predecessor, then groups whose predecessors overlap, then
    subjects without a predecessor into the only group their date fits."""
    subjects = sorted(((ev, subject_mention(ev), predecessor(ev)) for ev in evidence),
                      key=lambda t: _width(t[1].date))
    groups: list[_Group] = []
    own: dict[str, _Group] = {}
    loose = []
    by_pred: dict[DateRange | None, list[int]] = {}  # predecessor date -> groups (by position)
    for ev, subject, previous in subjects:
        if previous is None:
            loose.append((ev, subject))
            continue
        at = next((i for i in sorted(by_pred.get(previous.date, ()))
                   if groups[i].fits(subject.date, ev.story)), None)
        home = groups[at] if at is not None else _new(groups)
        home.add(subject, _subject_noun(ev), ev.story)
        if previous.date not in home.preds:
            by_pred.setdefault(previous.date, []).append(len(groups) - 1 if at is None else at)
        home.preds.append(previous.date)
        own[ev.doc_id] = home
    groups = _merge_overlapping_preds(groups, own)
    _add_loose(groups, own, loose)
    return groups, own


def _add_loose(groups: list[_Group], own: dict[str, _Group], loose) -> None:
    """A subject without a predecessor joins the only dated group its date fits."""
    dated = _filed(g for g in groups if g.date is not None)
    for ev, subject in loose:
        near = dated.near([subject.date], ev.story) if subject.date is not None else []
        fitting = list(islice((g for g in near if g.fits(subject.date, ev.story)), 2))
        placed = _placed_target(groups, None, subject, ev.story) if subject.date is None \
            else None  # an undated "first hearing" is the one another report dates
        home = placed or (fitting[0] if len(fitting) == 1 else _new(groups))
        _join(dated, home, subject, _subject_noun(ev), ev.story)
        own[ev.doc_id] = home


def _subject_noun(ev: Evidence) -> str | None:
    """What the report calls its instance: its cues' noun, else the noun its lead numbers
    ("a second hearing of the inquiry")."""
    return ev.noun or (ev.places.subject.phrase if ev.places.subject else None)


def _new(groups: list[_Group]) -> _Group:
    groups.append(_Group())
    return groups[-1]


def _merge_overlapping_preds(groups: list[_Group], own: dict[str, _Group]) -> list[_Group]:
    """"June 2041" and "2041-06-12" name the same predecessor: join their groups."""
    merged: list[_Group] = []
    by_pred: DateBuckets[_Group] = DateBuckets()  # merged groups, by their predecessors' dates
    absorbed: dict[int, _Group] = {}
    for group in groups:
        near = by_pred.near([q for q in group.preds if q is not None], group.terms)
        into = next((m for m in near if m.fits(group.date, group.terms) and any(
            p.overlaps(q) for p in m.preds for q in group.preds)), None)
        refile = group.preds
        if into is None:
            merged.append(group)
            into = group
        else:
            terms = into.terms
            for mention, noun in group.items:
                into.add(mention, noun, group.terms)
            into.preds += group.preds
            absorbed[id(group)] = into
            refile = into.preds if into.terms != terms else group.preds
        for pred in refile:
            if pred is not None:
                by_pred.add(into, pred, into.terms)
    for doc_id, home in own.items():
        own[doc_id] = absorbed.get(id(home), home)
    return merged


def _earlier_target(dated: DateBuckets[_Group], home: _Group, mention: Mention,
                    terms: frozenset[str]) -> _Group | None:
    """The subject group an earlier mention names: one of the same story whose date meets it
    and that comes before the mentioning report's own subject; the best-fitting when several
    do."""
    if mention.date is None:
        return None
    options = [g for g in dated.near([mention.date], terms)
               if g is not home and g.date is not None and g.fits(mention.date, terms)
               and (home.date is None or g.date.start < home.date.end)]
    return max(options, key=lambda g: _overlap_share(g.date, mention.date), default=None)


def _earlier_groups(pending: list[tuple[Mention, str | None, frozenset[str]]]) -> list[_Group]:
    """Earlier mentions no subject claims, grouped by date and story (narrowest first)."""
    groups: list[_Group] = []
    dated: DateBuckets[_Group] = DateBuckets()
    for mention, noun, terms in sorted(pending, key=lambda p: _width(p[0].date)):
        fitting = [g for g in dated.near([mention.date], terms) if g.date is not None
                   and g.fits(mention.date, terms)] if mention.date is not None else []
        home = max(fitting, key=lambda g: _overlap_share(g.date, mention.date), default=None)
        _join(dated, home or _new(groups), mention, noun, terms)
    return groups


def _width(rng: DateRange | None) -> int:
    return (rng.end - rng.start).days if rng is not None else 10 ** 9


def _overlap_share(a: DateRange, b: DateRange) -> float:
    days = (min(a.end, b.end) - max(a.start, b.start)).days + 1
    return days / ((a.end - a.start).days + 1)


# --- events -----------------------------------------------------------------------------------
def _nouns(ev: Evidence) -> list[str]:
    """The nouns a report names its instances by: its cues' ("his last *speech* was in May"),
    else those its order words qualify ("the previous *recall*, announced in November")."""
    found = [noun_of(e.statement.head) for e in ev.claims] + [noun_of(g.head) for g in ev.gaps]
    return [n for n in found if n] or [n for n in dict.fromkeys(ev.ordered)
                                       if stem(n) in ev.terms]


@dataclass(frozen=True)
class _Usage:
    """How a set of reports names the event: phrases ("televised speech") and their heads."""

    phrases: Counter
    heads: Counter

    @staticmethod
    def of(phrases: Counter) -> "_Usage":
        heads: Counter = Counter()
        for phrase, count in phrases.items():
            heads[phrase.split()[-1]] += count
        return _Usage(phrases, heads)


class _StoryNouns:
    """Nouns the reports of one story give their cues (a label falls back on these; never on
    another story's, so a story whose reports name no noun, or a group of reports without
    story words, is labelled "event").

    Each report's nouns are read once, reports are found by story term, and each story's usage
    is counted once, so labelling every event costs what the stories cost, not
    (events × reports).
    """

    def __init__(self, evidence: Sequence[Evidence]) -> None:
        self._nouns = [_nouns(ev) for ev in evidence]
        self._by_term: dict[str, list[int]] = {}
        for i, ev in enumerate(evidence):
            for term in ev.story:
                self._by_term.setdefault(term, []).append(i)
        self._known: dict[frozenset[str], _Usage] = {}

    def of(self, story: frozenset[str]) -> _Usage:
        """The story's usage (empty when its reports name no noun)."""
        if story not in self._known:
            matching = sorted({i for term in story for i in self._by_term.get(term, ())})
            self._known[story] = _Usage.of(Counter(n for i in matching for n in self._nouns[i]))
        return self._known[story]


def _event(group: _Group, usage: _Usage) -> Event:
    mentions_ = tuple(sorted((m for m, _ in group.items),
                             key=lambda m: (m.doc_id, m.role != SUBJECT, m.order or 99)))
    doc_ids = tuple(sorted({m.doc_id for m in mentions_}))
    subject_of = tuple(sorted({m.doc_id for m in mentions_ if m.role == SUBJECT}))
    noun = _label_noun([n for _, n in group.items if n], usage)
    label = f"{noun}, {group.date.iso() if group.date else 'undated'}"
    return Event(_event_id(mentions_), label, group.date, mentions_, doc_ids, subject_of,
                 group.terms, group.number, group.series if group.number else frozenset())


def _label_noun(nouns: list[str], usage: _Usage) -> str:
    """The head noun this event's mentions use most (ties, or none: the story's usage),
    written as the story most often writes it ("televised speech")."""
    heads = Counter(n.split()[-1] for n in nouns) if nouns else usage.heads
    if not heads:
        return "event"
    head = max(heads, key=lambda h: (heads[h], usage.heads[h], h))
    phrases = Counter({p: c for p, c in usage.phrases.items() if p.split()[-1] == head})
    best = max(phrases, key=lambda p: (phrases[p], p), default=head)
    return best if phrases[best] * 2 >= sum(phrases.values()) else head


def _event_id(mentions_: Sequence[Mention]) -> str:
    keys = sorted(f"{m.doc_id}|{m.role}|{','.join(m.sentence_ids)}" for m in mentions_)
    return hashlib.sha1("\n".join(keys).encode()).hexdigest()[:12]
