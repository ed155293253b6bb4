"""The rules' answers as text with citations: a value (one line, or a disagreement's positions,
or a list where several values answer at once), quotes of the best distinct sentences, or an
abstention naming the question's words no report uses; each followed by the cited sentences
quoted and beside it the closest uncited sentences as related."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.citations import Citations, attributed
from assistant.evidence.copies import distinct
from assistant.instances import EventIndex
from assistant.query import Query
from assistant.retrieval import Corpus
from assistant.types import (CANNOT_ANSWER, CONFLICT, POSITION, TEXT, VALUE, Answer,
                             Disagreement, Line, Related)
from assistant.compose.disagreements import _disagreement, _kind_of
from assistant.compose.groups import MAX_QUOTES, Group, _cited, _close_rivals, _groups
from assistant.compose.ranges import range_ends
from assistant.compose.scoring import Scored
from assistant.compose.who_said import _many_answers


def _value_answer(query: Query, relevant: Sequence[Scored], scored: Sequence[Scored],
                  corpus: Corpus, index: EventIndex, keep) -> Answer:
    groups = _groups(relevant)
    best = groups[0]
    rivals = _close_rivals(best, groups[1:]) or range_ends(query.kind, best, groups)
    if rivals and _kind_of([best, *rivals], index)[0] == CONFLICT:
        # one instance, several values: each must answer the question as worded as the best
        rivals = keep(best, rivals)
    cites = Citations(corpus)
    if rivals and _many_answers(query):
        return _list_answer(query, [best, *rivals], scored, corpus)
    if not rivals:
        lines = [Line(VALUE, _capital(best.value.display), _cited(cites, best, corpus))]
        disagreements: tuple[Disagreement, ...] = ()
    else:
        lines, disagreements = _disagreement(query, [best, *rivals], cites, corpus, index)
    lines += cites.quotes()
    return Answer.of(query.text, lines, False, query.kind, citations=cites.all(),
                     disagreements=disagreements, related=_related(scored, cites, corpus),
                     events=_events_of(cites, index))


def _events_of(cites: Citations, index: EventIndex) -> tuple[str, ...]:
    """Ids of the instances the cited sentences speak of, in order of citation."""
    found = [index.of_value(c.sentence, len(c.sentence.text)) for c in cites.all()]
    return tuple(dict.fromkeys(e.event_id for e in found if e is not None))


def _list_answer(query: Query, groups: Sequence[Group], scored: Sequence[Scored],
                 corpus: Corpus) -> Answer:
    cites = Citations(corpus)
    lines = []
    for group in groups:
        lines.append(Line(POSITION, _capital(group.value.display), _cited(cites, group, corpus)))
    return Answer.of(query.text, lines + cites.quotes(), False, query.kind,
                     citations=cites.all(), related=_related(scored, cites, corpus))


def _quote_answer(query: Query, relevant: Sequence[Scored], scored: Sequence[Scored],
                  corpus: Corpus, index: EventIndex) -> Answer:
    cites = Citations(corpus)  # best first, no copy of one already chosen
    for item in distinct(relevant, lambda item: item.sentence, corpus)[:MAX_QUOTES - 1]:
        cites.markers(attributed(item.sentence, corpus))
    return Answer.of(query.text, cites.quotes(), False, query.kind, citations=cites.all(),
                     related=_related(scored, cites, corpus), events=_events_of(cites, index))


def _abstain(query: Query, scored: Sequence[Scored], corpus: Corpus,
             unknown: Sequence[str] = ()) -> Answer:
    """The abstention, naming the ``unknown`` things no document mentions, with the nearest
    sentences as related reading."""
    text = CANNOT_ANSWER
    if unknown:
        text += " None of them mentions " + ", ".join(f"“{w}”" for w in unknown) + "."
    return Answer.of(query.text, [Line(TEXT, text)], True, query.kind,
                     related=_related(scored, None, corpus))


def _related(scored: Sequence[Scored], cites: Citations | None, corpus: Corpus,
             limit: int = 3) -> tuple[Related, ...]:
    cited = cites.sentence_ids() if cites else set()
    rest = [s for s in sorted(scored, key=lambda s: -s.candidate.fused)
            if s.sentence.sentence_id not in cited]
    return tuple(Related(s.sentence, corpus.source(s.sentence.doc_id), s.candidate.dense)
                 for s in rest[:limit])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
