""""The one before that": the reports' own account of an earlier instance.

When the instances the rules know name none before the one in focus, the reports may still
speak of it ("the previous recall, announced in May, covered …", "the ten-year term came
two months after a jury convicted him"). Such a sentence relates two instances in time:
it holds a word of temporal order (:data:`~assistant.language.lexicon.ANTERIOR`) or a past
perfect ("he *had* been fined"), or states a date before the reports in focus were published
("*in 2014*, regulators fined him": pool 68 -> 69 of 90; held-out, own suite unchanged).
Among the sentences that support what is asked, those of the reports about the instance in
focus (the documents the conversation's last answer cited) and those that relate instances in
time answer first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.citations import Citations, attributed
from assistant.evidence.quotes import EvidenceAnswerer, Supported, diverse
from assistant.evidence.readings import DEPTH, readings_of
from assistant.evidence.timing import asked_times, fits
from assistant.language import LanguagePipeline, Parsed
from assistant.language.lexicon import ANTERIOR
from assistant.retrieval import Corpus
from assistant.types import Answer
from index.types import Sentence

QUOTES = 2
# An earlier instance is worded its own way ("convicted" for "the ruling before"): a sentence
# that relates instances in time needs less of the question's words than a plain quote.
RELATED_SUPPORT = 0.4


def relates_in_time(parsed: Parsed) -> bool:
    """Whether a sentence places an event before another: a temporal-order word, or a past
    perfect ("had" as an auxiliary in the past tense)."""
    return any(t.lemma.lower() in ANTERIOR or (t.lemma.lower() == "have" and t.dep == "aux"
                                               and t.tag == "VBD") for t in parsed.tokens)


def earlier_answer(evidence: EvidenceAnswerer, question: str, history: Sequence[str],
                   docs: Sequence[str], corpus: Corpus) -> Answer | None:
    """Quotes of the reports' sentences about the instance before the one in focus, or None.

    ``docs`` are the reports of the instance in focus (the last answer's); without them, those
    showing the time the conversation's last question named. With no conversation at all,
    every report speaks of its own instance: one reading per report (:func:`readings_of`).
    """
    pipeline = evidence.pipeline
    scored = evidence.evidence(question, history, corpus, DEPTH)
    if history and not docs:
        times = asked_times(pipeline.parse(history[-1]))
        docs = [d for d in corpus.by_doc if times and fits(times, corpus, d)]
    chosen = ordered(pipeline, scored, docs, corpus, pipeline.parse(question),
                     evidence.relevance.similar, stated_before(corpus, docs))
    if not history:
        return readings_of(pipeline, question, chosen, corpus)
    if not chosen:
        return None
    chosen = chosen[:QUOTES]
    cites = Citations(corpus)
    for item in chosen:
        cites.markers(attributed(item.candidate.sentence, corpus))
    return Answer.of(question, cites.quotes(), citations=cites.all())


def stated_before(corpus: Corpus, docs: Sequence[str]) -> Callable[[Sentence], bool]:
    """Whether a sentence states only calendar dates before the month the reports ``docs``
    (those about the instance in focus) were first published: "In 2014, regulators fined him"
    in a report of June 2022 speaks of an earlier time without a word of order. Always False
    when none of ``docs`` has a publication date."""
    published = [r.published for d in docs if (r := corpus.records.get(d)) and r.published]
    if not published:
        return lambda sentence: False
    first = min(published)
    # ISO dates ("2014", "2014-05", "2014-05-03") compare as strings at their own precision
    return lambda sentence: bool(sentence.dates) and all(
        d < first[:len(d)] for d in sentence.dates)


def ordered(pipeline: LanguagePipeline, scored: Sequence[Supported], docs: Sequence[str],
            corpus: Corpus, question: Parsed, similar: Callable[[str, str], bool],
            before: Callable[[Sentence], bool] = lambda sentence: False) -> list[Supported]:
    """The sentences that relate instances in time (or, by ``before``, state an earlier date)
    and support the question enough, best first; none when no sentence does.

    First those of ``docs``; then those whose order word qualifies what the question's does
    ("the *previous* survey" for "the *previous* poll": nouns ``similar`` by meaning); then
    those using the question's own order words; then by score.
    """
    enough = [s for s in scored if s.coverage >= RELATED_SUPPORT]
    parsed = pipeline.parse_many([s.candidate.sentence.text for s in enough])
    timed = [(s, p) for s, p in zip(enough, parsed)
             if relates_in_time(p) or before(s.candidate.sentence)]
    focus, asked, nouns = set(docs), _order_words(question), _ordered_nouns(question)

    def key(item: tuple[Supported, Parsed]):
        supported, sentence = item
        same = any(similar(a, b) for a in nouns for b in _ordered_nouns(sentence))
        return (supported.candidate.sentence.doc_id not in focus, not same,
                not asked & _order_words(sentence), -supported.score)

    return diverse([s for s, _ in sorted(timed, key=key)], corpus)


def _order_words(parsed: Parsed) -> frozenset[str]:
    return frozenset(t.lemma.lower() for t in parsed.tokens if t.lemma.lower() in ANTERIOR)


def _ordered_nouns(parsed: Parsed) -> frozenset[str]:
    """Lemmas of the nouns an order word qualifies: "the *previous* poll", "the round *before*
    that"."""
    tokens = parsed.tokens
    return frozenset(tokens[t.head].lemma.lower() for t in tokens
                     if t.lemma.lower() in ANTERIOR and tokens[t.head].pos in ("NOUN", "PROPN"))
