"""The sentences of one report that state its new instance (its *subject*), and what they say
of it: the day it happened on and how long it lasted.

Read after :func:`~assistant.event_mentions.scan_document` has found the report's event words
and the statements about earlier instances, which these sentences must not be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.event_mentions import I, Scan, expressions, is_future, sentence_stems
from assistant.text import stem, words
from index.temporal import TimeExpr
from index.types import Sentence

# Cues that a sentence speaks of the new instance. "new" only in lower case: "New York" is not.
_SUBJECT_CUE = re.compile(r"(?-i:\bnew\b)|\b(?:this|latest|again|first|second|third|fourth|"
                          r"fifth|today|yesterday|tonight)\b", I)
_DAY_VALUE = re.compile(r"^(?:\d{4}-\d\d-\d\d|--\d\d-\d\d|.*\bweekday=\d.*|day[+-]\d+(?:,.*)?)$")


def has_term(sentence: Sentence, terms: frozenset[str]) -> bool:
    return any(s in terms for s in sentence_stems(sentence.text))


def subject_sentences(sentences: Sequence[Sentence], scan: Scan) -> list[Sentence]:
    """Sentences that state the new instance: an event word with a "new/this/first/again" cue
    or a day ("on Tuesday"), not about the future, and not only about an earlier instance;
    else the first sentence with an event word; else the lead."""
    earlier_only = {s.sentence.sentence_id for s in scan.statements}
    gap_ids = {g.sentence.sentence_id for g in scan.gaps}
    first = lead(sentences)
    chosen, fallback = [], []
    for sentence in sentences:
        text = sentence.text
        if sentence.sentence_id in gap_ids or (sentence in first and _has_day(text)):
            chosen.append(sentence)
            continue
        if not has_term(sentence, scan.terms) or _future_term(text, scan.terms):
            continue
        if sentence.sentence_id in earlier_only and not re.search(r"\bfirst\b", text, I):
            continue
        (chosen if _SUBJECT_CUE.search(text) or _has_day(text) else fallback).append(sentence)
    return (chosen or fallback[:1] or first)[:8]


def _has_day(text: str) -> bool:
    return any(_DAY_VALUE.match(e.value or "") for e in expressions(text))


def _future_term(text: str, terms: frozenset[str]) -> bool:
    """A modal or "next" near the event word ("the next summit could come …", "whether
    further hearings would follow"); one far off in another clause ("… when the crowd could
    go home") does not make the sentence about the future."""
    for match in re.finditer(r"[^\W_]+", text):
        if stem(match[0].lower()) in terms and \
                is_future(text[max(0, match.start() - 40):match.end() + 40]):
            return True
    return False


def lead(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The lead: of the first three body sentences of eight words or more (a bylined line such
    as "Sports desk." is not one), the first that names a day, else the first."""
    body = [s for s in sentences if s.kind == "body" and len(words(s.text)) >= 8][:3]
    dated = [s for s in body if _has_day(s.text)]
    return (dated or body or list(sentences))[:1]


def subject_facts(sentences: Sequence[Sentence], scan: Scan) -> tuple[str, ...]:
    """Durations said of the subject ("40-minute", "lasted about 3 hours"): clock-scale
    durations in event sentences that state no earlier instance."""
    earlier = {s.sentence.sentence_id for s in scan.statements} | \
              {g.sentence.sentence_id for g in scan.gaps}
    facts = []
    for sentence in sentences:
        if sentence.sentence_id in earlier or not has_term(sentence, scan.terms):
            continue
        facts += [e.text for e in expressions(sentence.text)
                  if e.kind == "duration" and (e.value or "").startswith("PT")]
    return tuple(dict.fromkeys(facts))


def day_candidates(sentences: Sequence[Sentence], scan: Scan,
                   subject: Sequence[Sentence]) -> list[tuple[Sentence, TimeExpr]]:
    """Day expressions that may date the subject ("opened on Monday"), best first: those right
    after an event word (within 60 characters), then the lead's and the ``subject``
    sentences', in text order."""
    pool = [*lead(sentences), *subject]
    ranked: list[tuple[int, int, Sentence, TimeExpr]] = []
    for rank, sentence in enumerate(dict.fromkeys(pool)):
        for expr in expressions(sentence.text):
            if expr.kind in ("date", "relative") and _DAY_VALUE.match(expr.value or ""):
                near = _after_term(sentence.text, expr.start, scan.terms)
                ranked.append((0 if near else 1, rank, sentence, expr))
    ranked.sort(key=lambda r: (r[0], r[1], r[3].start))
    return [(s, e) for _, _, s, e in ranked]


def _after_term(text: str, at: int, terms: frozenset[str]) -> bool:
    window = text[max(0, at - 60):at]
    return any(stem(w) in terms for w in words(window))
