""""The one before this one" with no instance in focus: one reading per report.

When the conversation has fixed no instance and the event index knows none the question could
mean, each report answers for the instance it is about. The best-supported sentence of each of
up to :data:`READINGS` reports is a position of its own (kind ``different_events``), named by
the date it states, so the reader sees every reading with its source, not one picked at random.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.citations import Citations
from assistant.evidence.answer_type import entities_for, expected_labels
from assistant.evidence.quotes import EvidenceAnswerer, Supported, corroborating
from assistant.language import LanguagePipeline
from assistant.retrieval import Corpus
from assistant.types import DIFFERENT_EVENTS, POSITION, TEXT, Answer, Disagreement, Line, Position
from index.store import file_name

# Reports of a story often cover several instances each; four readings show the instances of a
# typical collection (dev pool: 10 -> 11 of 24 "previous" cases against three; own suite equal).
READINGS = 4
# A report names an earlier instance in its own words ("the previous launch placed six
# satellites ...": no word of "when was the previous launch" but two), so such sentences rank
# lower than the question's near copies: they are looked for deeper than other evidence.
DEPTH = 50  # with earlier.py's: dev pool 75 -> 76 of 90, held-out 65 -> 67 of 120
# A further reading needs less support than the first: each report words its own instance its
# own way ("the recall follows one announced in May" never says "previous").
FURTHER = 0.2


def readings(evidence: EvidenceAnswerer, pipeline: LanguagePipeline, question: str,
             corpus: Corpus) -> Answer | None:
    """An answer with one position per report, or None when fewer than two reports support it."""
    scored = evidence.evidence(question, (), corpus, DEPTH)
    if not scored or scored[0].coverage < evidence.threshold:
        return None
    further = [s for s in scored if s.coverage >= evidence.threshold - FURTHER]
    return readings_of(pipeline, question, further, corpus)


def readings_of(pipeline: LanguagePipeline, question: str, items: Sequence[Supported],
                corpus: Corpus) -> Answer | None:
    """The first of ``items`` from each of up to :data:`READINGS` reports as its reading, or None when
    fewer than two reports offer one."""
    chosen = corroborating(Answer(question, "", False), items, 0.0, corpus, READINGS)
    if len(chosen) < 2:
        return None
    cites = Citations(corpus)
    lines, positions = [Line(TEXT, "Different instances, different values:")], []
    labels = expected_labels(pipeline.parse(question))
    for item in chosen:
        sentence = item.candidate.sentence
        claim = _claim(pipeline, labels, item, corpus)
        lines.append(Line(POSITION, claim, cites.numbers([sentence])))
        positions.append(Position(claim, cites.numbers_of([item.candidate]),
                                  (corpus.source(sentence.doc_id),), claim))
    return Answer.of(question, lines + cites.quotes(), citations=cites.all(),
                     disagreements=(Disagreement(question, DIFFERENT_EVENTS, tuple(positions)),))


def _claim(pipeline: LanguagePipeline, labels: frozenset[str] | None, item: Supported,
           corpus: Corpus) -> str:
    """What names the reading: the first value of the asked kind its sentence states (any
    question: the first date), else who reports it ("reported by <outlet>"): an outlet's name
    alone would read as the answer to "where?" or "when?"."""
    parsed = pipeline.parse(item.candidate.sentence.text)
    values = entities_for(parsed, labels) if labels else parsed.entities_of("DATE")
    if values:
        return values[0].text
    doc_id = item.candidate.sentence.doc_id
    record = corpus.records.get(doc_id)
    source = (record.outlet or record.shown_path) if record else file_name(corpus.source(doc_id))
    return f"reported by {source}"
