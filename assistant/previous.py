"""Answers to "when was the last one before this one?": the instance before the one in focus.

With an instance in focus, the answer is the previous instance (of the same story), citing the
sentences of the focus's own reports that date it (and noting when those reports disagree).
With none, the question has several readings: one answer per instance the reports describe
(whose reports name whoever the question names), each with its own citations, given as
positions of kind ``different_events``.
"""

from __future__ import annotations

from collections import defaultdict

from assistant.citations import Citations
from assistant.events import Event, Mention
from assistant.instances import EventIndex
from assistant.query import Query
from assistant.text import content_stems, stem
from assistant.types import (CANNOT_ANSWER, CONFLICT, DIFFERENT_EVENTS, POSITION, TEXT, VALUE,
                             Answer, Disagreement, Line, Position)

NO_EARLIER = CANNOT_ANSWER + " The reports name no earlier one."


def previous_answer(query: Query, focus: Event | None, index: EventIndex) -> Answer:
    if focus is not None:
        return _before(query, focus, index)
    return _every_reading(query, index)


def _dating(previous: Event, event: Event) -> list[Mention]:
    """Mentions of ``previous`` made by ``event``'s reports, else by any report."""
    earlier = [m for m in previous.mentions if m.role != "subject" and m.sentence_ids]
    own = [m for m in earlier if m.doc_id in event.subject_of]
    return own or earlier


def _by_date(mentions: list[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.date.iso() if mention.date else mention.date_text or "?"].append(mention)
    return groups


def _before(query: Query, focus: Event, index: EventIndex) -> Answer:
    previous = index.previous(focus)
    about = f"About: the {index.label(focus)}."
    mentions = _dating(previous, focus) if previous is not None else []
    if not mentions:
        return Answer.of(query.text, [Line(TEXT, NO_EARLIER)], True, "date", notes=(about,),
                         events=(focus.event_id,))
    cites = Citations(index.corpus)
    groups = _by_date(mentions)
    lines, positions = [], []
    for mentions_ in groups.values():
        numbers = cites.numbers(_sentences(index, mentions_))
        claim = mentions_[0].date_text or mentions_[0].date.iso()
        lines.append(Line(POSITION, claim, numbers))
        positions.append(Position(claim, numbers,
                                  tuple(dict.fromkeys(index.corpus.source(m.doc_id) for m in mentions_)),
                                  index.label(previous)))
    disagreements = ()
    if len(groups) > 1:
        disagreements = (Disagreement(query.text, CONFLICT, tuple(positions)),)
        lines = [Line(TEXT, "The reports about it differ:"), *lines]
    else:
        lines = [Line(VALUE, _capital(lines[0].text), lines[0].cites)]
    return Answer.of(query.text, lines + cites.quotes(), False, "date", citations=cites.all(),
                     disagreements=disagreements,
                     notes=(about, f"Previous: the {index.label(previous)}."),
                     events=(previous.event_id, focus.event_id))


def _every_reading(query: Query, index: EventIndex) -> Answer:
    cites = Citations(index.corpus)
    lines, positions, ids = [Line(TEXT, "It depends on which one is meant:")], [], []
    for event in index.events:
        previous = index.previous(event) if event.subject_of else None
        mentions = _dating(previous, event) if previous is not None else []
        if not mentions or not _names_met(query, (event, previous), index) \
                or not (_same_series(query, event) and _same_series(query, previous)):
            continue
        numbers = cites.numbers(_sentences(index, mentions))
        claim = mentions[0].date_text or mentions[0].date.iso()
        lines.append(Line(POSITION, claim, numbers))
        positions.append(Position(claim, numbers, tuple(dict.fromkeys(
            index.corpus.source(d) for d in event.subject_of)), index.label(event)))
        ids.append(event.event_id)
    if not positions:
        return Answer.of(query.text, [Line(TEXT, CANNOT_ANSWER)], True, "date")
    note = (f"The question has {len(positions)} readings, one for each instance the reports "
            "describe as new; each position is the one before that instance.")
    return Answer.of(query.text, lines + cites.quotes(), False, "date", citations=cites.all(),
                     disagreements=(Disagreement(query.text, DIFFERENT_EVENTS, tuple(positions)),),
                     notes=(note,), events=tuple(ids))


def _names_met(query: Query, events: tuple[Event, ...], index: EventIndex) -> bool:
    """Whether the reports of a reading use every name the question gives ("Acme's previous
    recall"): a reading whose reports never name them is about another story. A name no report
    uses at all is left to the composer."""
    corpus = index.corpus
    wanted = {t for name in query.entities for t in content_stems(name) if corpus.df.get(t)}
    if not wanted:
        return True
    used = {t for event in events for doc_id in event.doc_ids
            for sentence in corpus.by_doc.get(doc_id, ())
            for t in corpus.stems[corpus.position[sentence.sentence_id]]}
    return wanted <= used


def _same_series(query: Query, event: Event) -> bool:
    """Whether a numbered instance is of the series the question asks about: "the previous
    audit" is no reading of a numbered hearing."""
    return not event.series or bool(event.series & {stem(w) for w in query.focus})


def _sentences(index: EventIndex, mentions: list[Mention]):
    ids = [sid for m in mentions for sid in m.sentence_ids[:1]]
    corpus = index.corpus
    return [corpus.sentences[corpus.position[i]] for i in ids if i in corpus.position]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
